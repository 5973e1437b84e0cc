import { expect, test } from "@playwright/test";
import { softwareCampaign, uniqueId } from "../support/campaign";
import { getJson, send } from "../support/http";
import { taskTruth, type DeviceTruth } from "../support/truth";

// GET /api/tasks/{operationId}/devices: every filter, paging and row fields against the truth.

type Row = {
  deviceId: string;
  subOperationId: string | null;
  outcome: string;
  result: string | null;
  sourceVersion: string | null;
  targetVersion: string | null;
  curVersion: string | null;
  errorCode: string | null;
  description: string | null;
  attempts: number;
  failedAttempts: number;
  upgradeTime: string | null;
  upgradeAt: string | null;
  contradiction: string | null;
};
type List = { items: Row[]; nextCursor: string | null; total: number };

const prefix = uniqueId("devices");
const op = `${prefix}-sw`;
const sends = softwareCampaign(op, { devices: 21, devicePrefix: `${prefix}-d` });
const truth = taskTruth(sends, op);
const all = [...truth.devices.values()].sort((a, b) => (a.deviceId < b.deviceId ? -1 : 1));
const base = `/api/tasks/${op}/devices`;

test.beforeAll(async ({ request }) => {
  await send(request, sends);
});

async function ids(request: Parameters<typeof getJson>[0], qs: string): Promise<{ ids: string[]; total: number }> {
  const list = await getJson<List>(request, `${base}?limit=500&${qs}`);
  return { ids: list.items.map((r) => r.deviceId), total: list.total };
}
const expectIds = (devices: DeviceTruth[]) => devices.map((d) => d.deviceId);

test("rows carry the latest result of each device", async ({ request }) => {
  const list = await getJson<List>(request, `${base}?limit=500`);
  expect(list.total).toBe(truth.devices.size);
  expect(list.items.map((r) => r.deviceId)).toEqual(expectIds(all));
  for (const row of list.items) {
    const d = truth.devices.get(row.deviceId)!;
    const b = d.latest?.body;
    expect(row, row.deviceId).toMatchObject({
      outcome: d.outcome,
      subOperationId: d.subOperationId,
      result: b ? (b.swUpgradeResult as string) : null,
      sourceVersion: (b?.sourceVersion as string) ?? null,
      targetVersion: (b?.targetVersion as string) ?? null,
      curVersion: (b?.curVersion as string) ?? null,
      errorCode: (b?.errorCode as string) ?? null,
      attempts: d.attempts.length,
      failedAttempts: d.attempts.filter((a) => !a.ok).length,
      upgradeTime: (b?.upgradeTime as string) ?? null,
      upgradeAt: d.latest ? new Date(d.latest.at).toISOString() : null,
    });
    const contradiction = !b
      ? null
      : d.latest!.ok && b.curVersion !== b.targetVersion
        ? "success_not_on_target"
        : !d.latest!.ok && b.curVersion === b.targetVersion
          ? "fail_on_target"
          : null;
    expect(row.contradiction, row.deviceId).toBe(contradiction);
  }
});

test("outcome filter", async ({ request }) => {
  for (const outcome of ["succeeded", "failed", "in_progress"] as const) {
    const expected = expectIds(all.filter((d) => d.outcome === outcome));
    expect(await ids(request, `outcome=${outcome}`), outcome).toEqual({ ids: expected, total: expected.length });
  }
});

test("error code filter lists the failed devices with that code", async ({ request }) => {
  const codes = new Set(all.filter((d) => d.outcome === "failed").map((d) => d.code));
  expect(codes.size).toBeGreaterThan(1);
  for (const code of codes) {
    const expected = expectIds(all.filter((d) => d.outcome === "failed" && d.code === code));
    expect(await ids(request, `errorCode=${encodeURIComponent(code ?? "(none)")}`), String(code)).toEqual({
      ids: expected,
      total: expected.length,
    });
  }
  expect(await ids(request, `errorCode=${encodeURIComponent("(none)")}`)).toEqual({ ids: [], total: 0 });
  expect(await ids(request, `errorCode=does-not-exist`)).toEqual({ ids: [], total: 0 });
});

test("transition and deviceId filters, combined", async ({ request }) => {
  const v15 = all.filter((d) => d.latest?.body.sourceVersion === "V1.5");
  expect(await ids(request, "sourceVersion=V1.5&targetVersion=V2.0")).toEqual({
    ids: expectIds(v15),
    total: v15.length,
  });
  const sub = `${prefix}-d-01`;
  const matching = all.filter((d) => d.deviceId.includes(sub));
  expect(await ids(request, `deviceId=${encodeURIComponent(sub.toUpperCase())}`)).toEqual({
    ids: expectIds(matching),
    total: matching.length,
  });
  const both = v15.filter((d) => d.deviceId.includes(sub) && d.outcome === "failed");
  expect(await ids(request, `deviceId=${sub}&sourceVersion=V1.5&outcome=failed`)).toEqual({
    ids: expectIds(both),
    total: both.length,
  });
});

test("keyset paging visits every device once, in deviceId order", async ({ request }) => {
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const url: string = `${base}?limit=4${cursor ? `&cursor=${cursor}` : ""}`;
    const list: List = await getJson<List>(request, url);
    expect(list.items.length).toBeLessThanOrEqual(4);
    expect(list.total).toBe(truth.devices.size);
    seen.push(...list.items.map((r) => r.deviceId));
    cursor = list.nextCursor;
    pages += 1;
  } while (cursor && pages < 20);
  expect(seen).toEqual(expectIds(all));
  expect(pages).toBe(Math.ceil(truth.devices.size / 4));
});

test("invalid device-list parameters answer invalid_query", async ({ request }) => {
  for (const [qs, field] of [
    ["outcome=broken", "outcome"],
    ["limit=-1", "limit"],
    ["cursor=a.b", "cursor"],
    ["cursor=WzFd", "cursor"],
    [`deviceId=${"x".repeat(300)}`, "deviceId"],
  ]) {
    const res = await request.get(`${base}?${qs}`);
    expect(res.status(), qs).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe("invalid_query");
    expect(body.error.details[0].field).toBe(field);
  }
});
