import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Database } from "@/lib/db/client";
import type {
  DeviceList,
  DisagreementRow,
  ExpectedDeviceRow,
  Page,
  TaskCompleteness,
  TaskDetail,
  TaskRow,
} from "@/lib/schemas/responses";
import { connect } from "../support/db";
import { waitForProjection } from "../support/projection";
import { post, swResult, swState } from "../fixtures/pushes";
import { parseLikeASpreadsheet } from "../support/spreadsheet-csv";

// A campaign seeded as the platform connector and an operator would leave it (declared list, platform
// statuses, reconciled results, devices silent for a day) and every completeness number checked
// against a count of the scenario made here, in the test, not by the app's SQL.

type Outcome = "succeeded" | "failed" | "in_progress" | null;
interface Device {
  id: string;
  outcome: Outcome;
  stale?: boolean;
  source?: "declared" | "platform";
  platformStatus?: string;
  lost?: number;
}

const base = () => inject("pgServerUrl");
let db: Database;
beforeAll(async () => void (db = await connect(inject("pgDatabaseUrl"))));
afterAll(async () => db?.close());

async function json<T>(path: string, init?: RequestInit, status = 200): Promise<T> {
  const res = await fetch(`${base()}${path}`, init);
  expect(res.status, `${init?.method ?? "GET"} ${path}`).toBe(status);
  return (await res.json()) as T;
}
const put = (op: string, body: string, type: string) => ({ method: "PUT", headers: { "content-type": type }, body });

/** Every page of a keyset list, `limit` rows at a time. */
async function allPages<T>(path: string, limit = 2): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await json<Page<T>>(
      `${path}${path.includes("?") ? "&" : "?"}limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`,
    );
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

describe("task completeness on PostgreSQL", () => {
  const op = randomUUID().replaceAll("-", "");
  const d = (name: string, rest: Omit<Device, "id">): Device => ({ id: `${op.slice(0, 6)}-${name}`, ...rest });
  const devices: Device[] = [
    d("ok1", { outcome: "succeeded", source: "declared", platformStatus: "FAIL" }),
    d("ok2", { outcome: "succeeded", source: "declared", lost: 1 }),
    d("ok3", { outcome: "succeeded", source: "declared", lost: 1 }),
    d("fail1", { outcome: "failed", source: "declared", platformStatus: "SUCCESS" }),
    d("fail2", { outcome: "failed", source: "declared", platformStatus: "FAIL" }),
    d("busy", { outcome: "in_progress", source: "declared" }),
    d("stale1", { outcome: "in_progress", stale: true, source: "declared", platformStatus: "TIMEOUT" }),
    d("stale2", { outcome: "in_progress", stale: true, source: "declared" }),
    d("pend1", { outcome: null, source: "declared", platformStatus: "STOP" }),
    d("pend2", { outcome: null, source: "declared" }),
    d("pend3", { outcome: null, source: "platform", platformStatus: "TIMEOUT" }),
    d("pend4", { outcome: null, source: "platform", platformStatus: "WAIT" }),
    d("stranger", { outcome: "succeeded" }),
  ];

  it("declares, replaces and reports the expected devices", async () => {
    for (const dev of devices) {
      if (dev.outcome === "in_progress") await post(base(), swState({ operationId: op, deviceId: dev.id }));
      else if (dev.outcome)
        await post(
          base(),
          swResult({
            operationId: op,
            deviceId: dev.id,
            swUpgradeResult: dev.outcome === "succeeded" ? "SUCCESS" : "FAIL",
          }),
        );
    }
    await waitForProjection(base());
    const declared = devices.filter((x) => x.source === "declared").map((x) => x.id);
    // A first list with one wrong device, then the real one as CSV: one added, one removed.
    const first = await json<{ added: number; removed: number; total: number }>(
      `/api/tasks/${op}/expected-devices`,
      put(op, [...declared.slice(1), "wrong-one"].join("\n"), "text/plain"),
    );
    expect(first).toEqual({ added: declared.length, removed: 0, total: declared.length });
    const csv = `imei,deviceId\n${declared.map((id, i) => `${i},"${id}"`).join("\r\n")}\n`;
    const second = await json<{ added: number; removed: number; total: number }>(
      `/api/tasks/${op}/expected-devices`,
      put(op, csv, "text/csv"),
    );
    expect(second).toEqual({ added: 1, removed: 1, total: declared.length });

    // What the connector writes, what the lost-push backfill appends, and a day of silence.
    for (const dev of devices.filter((x) => x.source === "platform")) {
      await db.prisma.taskTarget.create({
        data: { operationId: op, deviceId: dev.id, source: "platform", platformStatus: dev.platformStatus! },
      });
    }
    for (const dev of devices.filter((x) => x.source === "declared" && x.platformStatus)) {
      await db.prisma.taskTarget.update({
        where: { operationId_deviceId: { operationId: op, deviceId: dev.id } },
        data: { platformStatus: dev.platformStatus! },
      });
    }
    for (const dev of devices.filter((x) => x.lost)) {
      const body = JSON.stringify(swResult({ operationId: op, deviceId: dev.id, swUpgradeResult: "SUCCESS" }));
      await db.prisma.notification.create({
        data: {
          notifyType: "swUpgradeResultNotify",
          kind: "software",
          event: "result",
          deviceId: dev.id,
          operationId: op,
          result: "SUCCESS",
          rawBody: body,
          contentHash: `api-${randomUUID()}`,
          source: "api",
          receivedAt: new Date(Date.now() - 3_600_000),
        },
      });
    }
    await waitForProjection(base());
    await db.prisma.deviceState.updateMany({
      where: { operationId: op, deviceId: { in: devices.filter((x) => x.stale).map((x) => x.id) } },
      data: { lastSeenAt: new Date(Date.now() - 25 * 3_600_000) },
    });

    // The independent count: straight from the scenario above.
    const expected = devices.filter((x) => x.source);
    const reporters = devices.filter((x) => x.outcome);
    const noResult = (x: Device) => x.outcome === null || x.outcome === "in_progress";
    const want: TaskCompleteness = {
      expected: expected.length,
      expectedSource: "platform_and_declared",
      reported: expected.filter((x) => x.outcome).length,
      unexpected: reporters.filter((x) => !x.source).length,
      pending: expected.filter((x) => !x.outcome).length,
      succeeded: reporters.filter((x) => x.outcome === "succeeded").length,
      failed: reporters.filter((x) => x.outcome === "failed").length,
      inProgress: reporters.filter((x) => x.outcome === "in_progress").length,
      stale: reporters.filter((x) => x.stale).length,
      staleAfterHours: 24,
      stopped: expected.filter((x) => x.platformStatus === "STOP" && noResult(x)).length,
      timedOut: expected.filter((x) => x.platformStatus === "TIMEOUT" && noResult(x)).length,
      lostPushes: devices.reduce((n, x) => n + (x.lost ?? 0), 0),
      disagreements: devices.filter(
        (x) =>
          (x.platformStatus === "SUCCESS" && x.outcome === "failed") ||
          (x.platformStatus === "FAIL" && x.outcome === "succeeded"),
      ).length,
      barTotal: reporters.length + expected.filter((x) => !x.outcome).length,
    };
    const detail = await json<TaskDetail>(`/api/tasks/${op}`);
    expect(detail.completeness).toEqual(want);
    expect(want).toMatchObject({
      expected: 12,
      reported: 8,
      unexpected: 1,
      pending: 4,
      stale: 2,
      stopped: 1,
      timedOut: 2,
      lostPushes: 2,
      disagreements: 2,
    });

    // The lists behind the numbers, paged two at a time.
    const ids = (xs: Device[]) => xs.map((x) => x.id).sort();
    const pending = await allPages<DeviceList["items"][number]>(`/api/tasks/${op}/devices?outcome=pending`);
    expect(pending.map((x) => x.deviceId)).toEqual(ids(expected.filter((x) => !x.outcome)));
    expect(pending.every((x) => x.outcome === "pending" && x.receivedAt === null)).toBe(true);
    const stale = await allPages<DeviceList["items"][number]>(`/api/tasks/${op}/devices?outcome=stale`);
    expect(stale.map((x) => x.deviceId)).toEqual(ids(devices.filter((x) => x.stale)));
    const disagreeing = await allPages<DisagreementRow>(`/api/tasks/${op}/disagreements`, 1);
    expect(disagreeing.map((x) => [x.deviceId, x.platformStatus, x.outcome])).toEqual(
      devices
        .filter((x) => x.id.endsWith("ok1") || x.id.endsWith("fail1"))
        .map((x) => [x.id, x.platformStatus, x.outcome])
        .sort(),
    );
    const targets = await allPages<ExpectedDeviceRow>(`/api/tasks/${op}/expected-devices`, 5);
    expect(targets.map((x) => [x.deviceId, x.source])).toEqual(expected.map((x) => [x.id, x.source]).sort());

    expect((await json<{ lostPushes: number }>(`/api/summary?operationId=${op}`)).lostPushes).toBe(want.lostPushes);
    const [row] = (await json<Page<TaskRow>>(`/api/tasks?operationId=${op}`)).items;
    expect(row).toMatchObject({ expected: want.expected, pending: want.pending, stale: want.stale });

    const failedCsv = parseLikeASpreadsheet(await (await fetch(`${base()}/api/tasks/${op}/failed.csv`)).text());
    const cols = failedCsv[0]!;
    const byId = new Map(failedCsv.slice(1).map((r) => [r[0], r]));
    for (const dev of devices.filter((x) => x.outcome === "failed")) {
      expect(byId.get(dev.id)![cols.indexOf("platformStatus")]).toBe(dev.platformStatus ?? "");
      expect(byId.get(dev.id)![cols.indexOf("source")]).toBe(dev.source);
    }
  });

  it("removes the declared list on DELETE and keeps the platform's targets, also those first declared", async () => {
    const gone = await json<{ removed: number; total: number }>(`/api/tasks/${op}/expected-devices`, {
      method: "DELETE",
    });
    // A declared device the platform has reported since (a platform status) is the platform's target now.
    expect(gone).toEqual({
      added: 0,
      removed: devices.filter((x) => x.source === "declared").length,
      total: devices.filter((x) => x.source === "platform" || x.platformStatus).length,
    });
    expect((await json<TaskDetail>(`/api/tasks/${op}`)).completeness.expectedSource).toBe("platform");
  });
});
