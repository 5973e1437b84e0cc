import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/client";
import { applyMigrations, loadMigrations, type SqlSession } from "@/lib/db/migrate";
import { reprojectAll } from "@/lib/projection/reproject";
import { dumpViews } from "../support/dump-views";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/servers";

// The migration that re-decides stored devices by the ordering rule (20261129100000_ordering_rule),
// run on a database populated by the code before it: tests/fixtures/pre-ordering-rule.sql holds the rows
// that code wrote for the scenarios below (posted to /api/callback, dumped with pg_dump).
//   d1 FAIL @20261129T100000Z, then SUCCESS @19700101T000512Z (RTC reset)      before: failed  rule: succeeded
//   d2 FAIL @20991231T235959Z, then SUCCESS @now-1min                          before: failed  rule: succeeded
//   d3 FAIL @"", then SUCCESS @now-20min (backlog flush)                       before: failed  rule: succeeded
//   d4 SUCCESS @now-5min, then FAIL @now-10min (both plausible: device times)  before: succeeded rule: succeeded, first FAIL
//   d5 FAIL @1970, FAIL @"", SUCCESS @now-5min                                 before: failed  rule: succeeded, first FAIL
//   d6 FAIL, then state downloading                                            in progress
//   d7 SUCCESS twice, identical (one stored)                                   succeeded, first SUCCESS
//   d8 SUCCESS @1970, then FAIL on target                                      failed (fail_on_target), first SUCCESS
//   d9 SUCCESS @20991231T235959Z, then FAIL @now-2min                          before: succeeded rule: failed, first SUCCESS
//   d10 state downloading only                                                 in progress
// Recounted by hand: succeeded 6 (d1–d5, d7), failed 2 (d8, d9), in progress 2; with a result 9,
// first attempt SUCCESS 3 (d7, d8, d9), recovered 5 (d1–d5).

const BEFORE = ["20261127000000_init", "20261127120000_task_counters"];
const rows = readFileSync("tests/fixtures/pre-ordering-rule.sql", "utf8");
type Session = SqlSession & { close(): Promise<void> };

const dropped: ThrowawayDatabase[] = [];
afterEach(async () => {
  await Promise.all(dropped.splice(0).map((d) => d.drop()));
});

async function postgres(): Promise<Session> {
  const d = await createThrowawayDatabase("um_ordmig");
  dropped.push(d);
  const c = new pg.Client({ connectionString: d.url });
  await c.connect();
  return {
    exec: async (sql) => void (await c.query(sql)),
    query: async (sql, p) => (await c.query(sql, p)).rows,
    close: () => c.end(),
  };
}

async function pglite(): Promise<Session> {
  const db = await PGlite.create();
  return {
    exec: async (sql) => void (await db.exec(sql)),
    query: async <T>(sql: string, p?: unknown[]) => (await db.query<T>(sql, p)).rows,
    close: () => db.close(),
  };
}

/** Old schema, the old code's rows, then (after `before`) every migration as the app applies them at start. */
async function migrated(open: () => Promise<Session>, before = "") {
  const s = await open();
  const all = await loadMigrations();
  expect(all.map((m) => m.name)).toEqual(expect.arrayContaining(BEFORE));
  await applyMigrations(
    s,
    all.filter((m) => BEFORE.includes(m.name)),
  );
  await s.exec(rows + before);
  await applyMigrations(s, all);
  const devices = await s.query<{
    device_id: string;
    outcome: string;
    result: string | null;
    first_result: string | null;
    result_at: Date | null;
  }>(
    `SELECT device_id, outcome, result, first_result, result_at FROM device_states WHERE operation_id = 'migop8' ORDER BY device_id`,
  );
  const [task] = await s.query<{ succeeded: number; failed: number; in_progress: number }>(
    `SELECT succeeded, failed, in_progress FROM tasks WHERE operation_id = 'migop8'`,
  );
  const counters = await s.query<{ facet: string; k1: string; k2: string; k3: string; n: number }>(
    `SELECT facet, k1, k2, k3, n FROM task_counters WHERE operation_id = 'migop8' AND facet <> 'hour' AND n <> 0 ORDER BY facet, k1, k2, k3`,
  );
  await s.close();
  const outcome = Object.fromEntries(devices.map((d) => [d.device_id, d.outcome]));
  const first = Object.fromEntries(devices.map((d) => [d.device_id, d.first_result]));
  const counter = (facet: string, k1: string) =>
    counters.filter((c) => c.facet === facet && c.k1 === k1).reduce((n, c) => n + c.n, 0);
  return { devices, outcome, first, task, counters, counter };
}

describe.each([
  ["PostgreSQL", postgres],
  ["PGlite", pglite],
])("re-deciding devices stored before the ordering rule (%s)", (_db, open) => {
  it("every device's outcome, first attempt and the task's counters follow the rule (independent recount)", async () => {
    const m = await migrated(open);
    expect(m.outcome).toEqual({
      d1: "succeeded",
      d2: "succeeded",
      d3: "succeeded",
      d4: "succeeded",
      d5: "succeeded",
      d6: "in_progress",
      d7: "succeeded",
      d8: "failed",
      d9: "failed",
      d10: "in_progress",
    });
    expect(m.first).toEqual({
      d1: "FAIL",
      d2: "FAIL",
      d3: "FAIL",
      d4: "FAIL",
      d5: "FAIL",
      d6: "FAIL",
      d7: "SUCCESS",
      d8: "SUCCESS",
      d9: "SUCCESS",
      d10: null,
    });
    expect(m.task).toEqual({ succeeded: 6, failed: 2, in_progress: 2 });
    expect([
      m.counter("first", "with_result"),
      m.counter("first", "first_ok"),
      m.counter("first", "recovered"),
    ]).toEqual([9, 3, 5]);
    // Breakdowns from the re-decided devices: failed devices by code, where they were left, contradictions.
    expect(m.counters.filter((c) => c.facet === "error").map((c) => [c.k1, c.n])).toEqual([
      ["10", 1],
      ["2", 1],
    ]);
    expect(m.counters.filter((c) => c.facet === "contradiction").map((c) => [c.k3, c.n])).toEqual([
      ["fail_on_target", 1],
    ]);
    expect(m.counters.filter((c) => c.facet === "transition").map((c) => [c.k3, c.n])).toEqual([
      ["failed", 2],
      ["in_progress", 1],
      ["succeeded", 6],
    ]);
    // The order key now holds only a plausible device time: none for the 1970 and 2099 clocks.
    const at = Object.fromEntries(m.devices.map((d) => [d.device_id, d.result_at]));
    expect([at.d1, at.d9]).toEqual([null, expect.any(Date)]);
  }, 120_000);

  it("a device whose results were partly pruned keeps its result, with the order key normalised", async () => {
    // d9's first result (the SUCCESS dated 2099) pruned by retention: its 2 attempts can no longer be re-decided.
    const m = await migrated(open, "\nDELETE FROM notifications WHERE id = 18;");
    expect(m.outcome.d9).toBe("succeeded");
    expect(m.devices.find((d) => d.device_id === "d9")?.result_at).toBeNull();
    expect(m.task).toEqual({ succeeded: 7, failed: 1, in_progress: 2 });
  }, 120_000);
});

describe("the log-first upgrade on the same database", () => {
  it(
    "keeps the views as they were and makes them the baseline: db:reproject gives them back byte for byte",
    { timeout: 120_000 },
    async () => {
      // Retention under the previous design deleted a result the views still count (d5's first FAIL):
      // only the baseline remembers it.
      await migrated(postgres, "\nDELETE FROM notifications WHERE id = 18;"); // closes its own session
      const db = await openDatabase({ url: dropped[dropped.length - 1]!.url, migrate: false });
      try {
        const before = await dumpViews(db);
        expect(before.device_states).toContain("migop8");
        await reprojectAll(db.prisma);
        expect(await dumpViews(db)).toEqual(before);
      } finally {
        await db.close();
      }
    },
  );
});
