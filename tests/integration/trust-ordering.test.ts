import { describe, expect, inject, it } from "vitest";
import { ids, post, swResult } from "../fixtures/pushes";

// Issue "numbers an operator can trust", section 1: each example over real HTTP, on PostgreSQL (the
// custom server's lean callback path) and PGlite (next start's route handler), read back through the
// read APIs and the CSV export an operator uses.

const compact = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
const MIN = 60_000;

async function getJson<T>(base: string, path: string): Promise<T> {
  const res = await fetch(`${base}${path}`);
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

interface Task {
  task: {
    succeeded: number;
    failed: number;
    successRate: number | null;
    firstAttemptSuccessRate: number | null;
    devicesWithResult: number;
    recovered: number;
  };
}
interface Devices {
  items: { deviceId: string; outcome: string; result: string; curVersion: string; contradiction: string | null }[];
}
interface History {
  events: { id: number; result: string | null; latest: boolean; firstAttempt: boolean; deviceTimeUsed: boolean }[];
}

/** Sends FAIL then (arriving later) SUCCESS on target, and returns what every read path says. */
async function failThenSuccess(base: string, failTime: string | undefined, successTime: string) {
  const who = ids();
  const fail = swResult({
    ...who,
    swUpgradeResult: "FAIL",
    errorCode: "6",
    curVersion: "V1.0.0",
    upgradeTime: failTime,
  });
  if (failTime === undefined) delete (fail as Record<string, unknown>).upgradeTime;
  const f = await post(base, fail);
  const s = await post(
    base,
    swResult({ ...who, swUpgradeResult: "SUCCESS", errorCode: "0", curVersion: "V1.2.0", upgradeTime: successTime }),
  );
  expect([f.status, s.status]).toEqual([200, 200]);
  const op = encodeURIComponent(who.operationId);
  const [task, devices, history, csv] = await Promise.all([
    getJson<Task>(base, `/api/tasks/${op}`),
    getJson<Devices>(base, `/api/tasks/${op}/devices`),
    getJson<History>(base, `/api/devices/${encodeURIComponent(who.deviceId)}`),
    fetch(`${base}/api/tasks/${op}/failed.csv`).then((r) => r.text()),
  ]);
  return { who, ids: [f.json.id, s.json.id], task: task.task, device: devices.items[0]!, history, csv };
}

const EXAMPLES: [string, () => string | undefined, () => string][] = [
  [
    "FAIL at 20261129T100000Z, then a SUCCESS whose RTC reset to 19700101T000512Z",
    () => "20261129T100000Z",
    () => "19700101T000512Z",
  ],
  ["FAIL dated 20991231T235959Z, then a real SUCCESS", () => "20991231T235959Z", () => compact(Date.now())],
  [
    'FAIL with upgradeTime "", then a SUCCESS dated 20 minutes before now',
    () => "",
    () => compact(Date.now() - 20 * MIN),
  ],
  [
    "FAIL without upgradeTime, then a SUCCESS dated 20 minutes before now",
    () => undefined,
    () => compact(Date.now() - 20 * MIN),
  ],
  [
    'FAIL with an unparsed-before "2026-11-29 16:00:00", then a SUCCESS dated 20 minutes before now',
    () => "2026-11-29 16:00:00",
    () => compact(Date.now() - 20 * MIN),
  ],
  [
    "FAIL with an unrecognised upgradeTime, then a SUCCESS dated 20 minutes before now",
    () => "next tuesday",
    () => compact(Date.now() - 20 * MIN),
  ],
];

describe.each([
  ["PostgreSQL", () => inject("pgServerUrl")],
  ["PGlite", () => inject("pgliteServerUrl")],
])("a device's outcome does not depend on whose clock is right (%s)", (_db, base) => {
  // Each: shown succeeded, not in failed.csv, success 100 %, first-attempt success 0 % (consistent).
  it.each(EXAMPLES)("%s", async (_n, failTime, okTime) => {
    const r = await failThenSuccess(base(), failTime(), okTime());
    expect(r.device).toMatchObject({
      deviceId: r.who.deviceId,
      outcome: "succeeded",
      result: "SUCCESS",
      curVersion: "V1.2.0",
      contradiction: null,
    });
    expect(r.task).toMatchObject({
      succeeded: 1,
      failed: 0,
      successRate: 1,
      firstAttemptSuccessRate: 0,
      devicesWithResult: 1,
      recovered: 1,
    });
    expect(r.csv).not.toContain(r.who.deviceId);
    const [failEvent, okEvent] = r.history.events;
    expect(okEvent).toMatchObject({ id: r.ids[1], result: "SUCCESS", latest: true, firstAttempt: false });
    expect(failEvent).toMatchObject({ id: r.ids[0], result: "FAIL", latest: false, firstAttempt: true });
  });

  it("two plausible device times still order by device time: a late-arriving older FAIL does not win", async () => {
    const r = await failThenSuccessReversed(base());
    expect(r.outcome).toBe("succeeded");
  });
});

/** SUCCESS dated 5 minutes ago arrives first, then a FAIL dated 30 minutes ago (a late delivery). */
async function failThenSuccessReversed(base: string) {
  const who = ids();
  await post(
    base,
    swResult({ ...who, swUpgradeResult: "SUCCESS", curVersion: "V1.2.0", upgradeTime: compact(Date.now() - 5 * MIN) }),
  );
  await post(base, swResult({ ...who, swUpgradeResult: "FAIL", upgradeTime: compact(Date.now() - 30 * MIN) }));
  return (await getJson<Devices>(base, `/api/tasks/${encodeURIComponent(who.operationId)}/devices`)).items[0]!;
}
