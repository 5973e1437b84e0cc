import { expect, test } from "@playwright/test";
import { firmwareCampaign, softwareCampaign, swResult, swState, uniqueId, type Body } from "../support/campaign";
import { getJson, send } from "../support/http";
import { computeTruth, errorCodeCounts, successRate, type TaskTruth } from "../support/truth";

// GET /api/tasks and GET /api/summary: every number against counts computed from the pushes sent.

type TaskRow = {
  operationId: string;
  kind: string;
  appId: string | null;
  devices: number;
  succeeded: number;
  failed: number;
  inProgress: number;
  successRate: number | null;
  notifications: number;
  firstSeenAt: string;
  lastSeenAt: string;
  versions: { sourceVersion: string; targetVersion: string }[];
};
type Page = { items: TaskRow[]; nextCursor: string | null };

const prefix = uniqueId("tasks");
const sw = `${prefix}-sw`;
const fw = `${prefix}-fw`;
const ok = `${prefix}-ok`;
const sends: Body[] = [
  ...softwareCampaign(sw, { devices: 19, devicePrefix: `${prefix}-d` }),
  ...firmwareCampaign(fw),
  // An all-succeeded task that reuses two devices of the software task (distinct devices < device-tasks).
  swState(ok, `${prefix}-d-000`, "downloading"),
  swResult(ok, `${prefix}-d-000`, { ok: true, at: Date.now() - 60_000, source: "V2.0", target: "V3.0" }),
  swResult(ok, `${prefix}-d-001`, { ok: true, at: Date.now() - 50_000, source: "V2.0", target: "V3.0" }),
];
const truth = computeTruth(sends);
const t = (op: string) => truth.get(op) as TaskTruth;

test.beforeAll(async ({ request }) => {
  await send(request, sends);
});

test("lists every task with counts, rate and versions equal to the truth", async ({ request }) => {
  const page = await getJson<Page>(request, `/api/tasks?operationId=${prefix}&limit=10`);
  expect(page.items.map((r) => r.operationId).sort()).toEqual([fw, ok, sw].sort());
  expect(page.nextCursor).toBeNull();
  for (const row of page.items) {
    const truthRow = t(row.operationId);
    expect(row, row.operationId).toMatchObject({
      devices: truthRow.devices.size,
      succeeded: truthRow.count("succeeded"),
      failed: truthRow.count("failed"),
      inProgress: truthRow.count("in_progress"),
      successRate: successRate(truthRow),
      notifications: truthRow.notifications,
    });
    const versions = new Set<string>();
    for (const d of truthRow.devices.values())
      if (d.latest) versions.add(`${d.latest.body.sourceVersion}→${d.latest.body.targetVersion}`);
    expect(row.versions.map((v) => `${v.sourceVersion}→${v.targetVersion}`).sort()).toEqual([...versions].sort());
    expect(Date.parse(row.firstSeenAt)).toBeLessThanOrEqual(Date.parse(row.lastSeenAt));
  }
  expect(page.items.find((r) => r.operationId === sw)).toMatchObject({ kind: "software", appId: "app-e2e" });
  expect(page.items.find((r) => r.operationId === fw)).toMatchObject({ kind: "firmware", appId: "app-fw" });
});

test("operationId filter is a case-insensitive substring; % and _ match themselves", async ({ request }) => {
  const upper = await getJson<Page>(
    request,
    `/api/tasks?operationId=${encodeURIComponent(`${prefix}-S`.toUpperCase())}`,
  );
  expect(upper.items.map((r) => r.operationId)).toEqual([sw]);
  const wildcard = await getJson<Page>(request, `/api/tasks?operationId=${encodeURIComponent(`${prefix}%`)}`);
  expect(wildcard.items).toEqual([]);
  const underscore = await getJson<Page>(request, `/api/tasks?operationId=${encodeURIComponent(`${prefix}_sw`)}`);
  expect(underscore.items).toEqual([]);
});

test("outcome filters select tasks by their device counts", async ({ request }) => {
  const expected = {
    has_failures: [...truth.values()].filter((x) => x.count("failed") > 0),
    all_succeeded: [...truth.values()].filter((x) => x.count("succeeded") === x.devices.size),
    in_progress: [...truth.values()].filter((x) => x.count("in_progress") > 0),
  };
  for (const [outcome, tasks] of Object.entries(expected)) {
    const page = await getJson<Page>(request, `/api/tasks?operationId=${prefix}&outcome=${outcome}`);
    expect(page.items.map((r) => r.operationId).sort(), outcome).toEqual(tasks.map((x) => x.operationId).sort());
  }
});

test("time range keeps tasks active inside it", async ({ request }) => {
  const today = new Date().toISOString().slice(0, 10);
  const inRange = await getJson<Page>(request, `/api/tasks?operationId=${prefix}&from=${today}&to=${today}`);
  expect(inRange.items).toHaveLength(3);
  const future = new Date(Date.now() + 3_600_000).toISOString();
  expect((await getJson<Page>(request, `/api/tasks?operationId=${prefix}&from=${future}`)).items).toEqual([]);
  const past = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
  expect((await getJson<Page>(request, `/api/tasks?operationId=${prefix}&to=${past}`)).items).toEqual([]);
});

test("every sort key pages through all tasks once, in order, with keyset cursors", async ({ request }) => {
  const numeric: Record<string, (x: TaskTruth) => number> = {
    devices: (x) => x.devices.size,
    succeeded: (x) => x.count("succeeded"),
    failed: (x) => x.count("failed"),
    inProgress: (x) => x.count("in_progress"),
    successRate: (x) => successRate(x) ?? -1,
  };
  const keys = ["operationId", "kind", "appId", ...Object.keys(numeric), "firstSeenAt", "lastSeenAt"];
  for (const sort of keys) {
    for (const order of ["asc", "desc"] as const) {
      const seen: TaskRow[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/tasks?operationId=${prefix}&sort=${sort}&order=${order}&limit=1${cursor ? `&cursor=${cursor}` : ""}`;
        const page: Page = await getJson<Page>(request, url);
        seen.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor && seen.length < 10);
      expect(seen.map((r) => r.operationId).sort(), `${sort} ${order}`).toEqual([fw, ok, sw].sort());
      const value = (r: TaskRow): string | number =>
        numeric[sort]
          ? numeric[sort](t(r.operationId))
          : sort.endsWith("At")
            ? Date.parse(r[sort as "firstSeenAt"])
            : String(r[sort as "kind"] ?? "");
      const sign = order === "asc" ? 1 : -1;
      for (let i = 1; i < seen.length; i++) {
        const [a, b] = [seen[i - 1]!, seen[i]!];
        const cmp = value(a) < value(b) ? -1 : value(a) > value(b) ? 1 : a.operationId < b.operationId ? -1 : 1;
        expect(cmp * sign, `${sort} ${order}: ${a.operationId} before ${b.operationId}`).toBe(-1);
      }
    }
  }
});

test("fleet summary over the filtered tasks", async ({ request }) => {
  const summary = await getJson<{
    tasks: number;
    devices: number;
    succeeded: number;
    failed: number;
    inProgress: number;
    successRate: number | null;
    topErrorCodes: { errorCode: string | null; devices: number; share: number }[];
  }>(request, `/api/summary?operationId=${prefix}`);
  const all = [...truth.values()];
  const sum = (f: (x: TaskTruth) => number) => all.reduce((s, x) => s + f(x), 0);
  const distinct = new Set(all.flatMap((x) => [...x.devices.keys()]));
  const succeeded = sum((x) => x.count("succeeded"));
  const failed = sum((x) => x.count("failed"));
  expect(summary).toMatchObject({
    tasks: 3,
    devices: distinct.size,
    succeeded,
    failed,
    inProgress: sum((x) => x.count("in_progress")),
  });
  expect(summary.successRate).toBeCloseTo(succeeded / (succeeded + failed), 10);
  expect(distinct.size).toBeLessThan(sum((x) => x.devices.size));
  const codes = new Map<string | null, number>();
  for (const x of all) for (const [code, n] of errorCodeCounts(x)) codes.set(code, (codes.get(code) ?? 0) + n);
  const top = [...codes.entries()].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0]))).slice(0, 5);
  expect(summary.topErrorCodes.map((c) => [c.errorCode, c.devices])).toEqual(top.map(([c, n]) => [c, n]));
  for (const c of summary.topErrorCodes) expect(c.share).toBeCloseTo(c.devices / failed, 10);
});

test("invalid query parameters answer the invalid_query envelope", async ({ request }) => {
  const cases: [string, string][] = [
    ["limit=0", "limit"],
    ["limit=501", "limit"],
    ["limit=abc", "limit"],
    ["sort=devicesDESC", "sort"],
    ["order=up", "order"],
    ["outcome=failed", "outcome"],
    ["from=yesterday", "from"],
    ["from=2026-02-30", "from"],
    ["to=2026-01-01T10:00:00", "to"],
    ["from=2026-02-01&to=2026-01-01", "from"],
    ["cursor=not*base64", "cursor"],
    ["cursor=bm90LWpzb24", "cursor"],
  ];
  for (const [qs, field] of cases) {
    const res = await request.get(`/api/tasks?${qs}`);
    expect(res.status(), qs).toBe(400);
    const body = await res.json();
    expect(body.error.code, qs).toBe("invalid_query");
    expect(body.error.message, qs).toBe("Invalid query parameters.");
    expect(
      body.error.details.map((d: { field: string }) => d.field),
      qs,
    ).toContain(field);
  }
  // A cursor made for one sort is refused by another.
  const first = await getJson<Page>(request, `/api/tasks?operationId=${prefix}&sort=devices&limit=1`);
  const res = await request.get(`/api/tasks?operationId=${prefix}&sort=failed&limit=1&cursor=${first.nextCursor}`);
  expect(res.status()).toBe(400);
  expect((await res.json()).error.details[0].field).toBe("cursor");
  const summary = await request.get(`/api/summary?outcome=nope`);
  expect(summary.status()).toBe(400);
  expect((await summary.json()).error.code).toBe("invalid_query");
});
