// The read benchmark's loader writes what the receiver would: checked against an independent recount
// (lib/simulator's computeTruth over the same pushes) and against the tables' own counters.
import { rm } from "node:fs/promises";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/client";
import { computeTruth } from "@/lib/simulator/campaign";
import { loadReadDataset, type LoadedDataset } from "../../bench/support/loader";
import { planDataset } from "../../bench/support/dataset-plan";
import { generateTaskPushes } from "../../bench/support/task-rows";
import { createThrowawayDatabase, freshPgliteDir, type ThrowawayDatabase } from "../support/servers";

const OPTIONS = { results: 2_000, seed: "loader-test" };

let db: ThrowawayDatabase;
let client: pg.Client;
let loaded: LoadedDataset;
const rows = async (sql: string) => (await client.query(sql)).rows;

beforeAll(async () => {
  db = await createThrowawayDatabase("um_bench_loader");
  loaded = await loadReadDataset({ url: db.url }, OPTIONS);
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
  await db?.drop();
});

describe("loadReadDataset (PostgreSQL)", () => {
  it("stores every distinct push once, and device states equal a recount of the pushes", async () => {
    const plan = planDataset(OPTIONS);
    const pushes = plan.tasks.flatMap((t) => generateTaskPushes(plan, t));
    const truth = computeTruth(pushes);
    const [{ n }] = await rows("SELECT count(*)::int AS n FROM notifications");
    expect(n).toBe(truth.totals.notifications);
    expect(loaded.notifications).toBe(truth.totals.notifications);
    expect(loaded.results).toBe(truth.totals.results);
    expect(loaded.tasks).toBe(truth.totals.tasks);

    const states = await rows(
      "SELECT operation_id, device_id, outcome, attempts, failed_attempts, first_result, error_code, cur_version FROM device_states",
    );
    expect(states.length).toBe(truth.totals.devices);
    const mismatches = states.flatMap((s) => {
      const t = truth.tasks[s.operation_id]?.byDevice[s.device_id];
      const got = `${s.outcome}/${s.attempts}/${s.failed_attempts}/${s.first_result}/${s.cur_version}`;
      const want = t ? `${t.outcome}/${t.attempts}/${t.failedAttempts}/${t.firstResult}/${t.curVersion}` : "absent";
      return got === want ? [] : [`${s.operation_id}/${s.device_id}: ${got} ≠ ${want}`];
    });
    expect(mismatches).toEqual([]);
    // The mix the benchmark relies on: failures, retries, devices still in progress, out-of-order results.
    expect(truth.totals.failed).toBeGreaterThan(0);
    expect(truth.totals.inProgress).toBeGreaterThan(0);
    expect(Object.values(truth.tasks).some((t) => t.retried > 0)).toBe(true);
  });

  it("keeps tasks counters equal to a recount of device_states and notifications", async () => {
    const diff = await rows(`
      SELECT t.operation_id FROM tasks t
      LEFT JOIN (SELECT operation_id, count(*)::int AS devices,
          count(*) FILTER (WHERE outcome = 'succeeded')::int AS succeeded,
          count(*) FILTER (WHERE outcome = 'failed')::int AS failed,
          count(*) FILTER (WHERE outcome = 'in_progress')::int AS in_progress
        FROM device_states GROUP BY 1) d USING (operation_id)
      LEFT JOIN (SELECT operation_id, count(*)::int AS notifications, min(received_at) AS first_seen, max(received_at) AS last_seen,
          max(received_at) FILTER (WHERE event = 'result') AS last_result
        FROM notifications GROUP BY 1) n USING (operation_id)
      WHERE (t.devices, t.succeeded, t.failed, t.in_progress, t.notifications) IS DISTINCT FROM (d.devices, d.succeeded, d.failed, d.in_progress, n.notifications)
        OR (t.first_seen_at, t.last_seen_at, t.last_result_at) IS DISTINCT FROM (n.first_seen, n.last_seen, n.last_result)`);
    expect(diff).toEqual([]);
    const [{ n }] = await rows("SELECT count(*)::int AS n FROM tasks");
    expect(n).toBe(loaded.tasks);
  });

  it("records exactly the transitions of the stored states, and notification ids the states point at", async () => {
    const versions = await rows(`
      (SELECT operation_id, source_version, target_version FROM task_versions
       EXCEPT SELECT DISTINCT operation_id, source_version, target_version FROM device_states WHERE source_version IS NOT NULL AND target_version IS NOT NULL)
      UNION ALL
      (SELECT DISTINCT operation_id, source_version, target_version FROM device_states WHERE source_version IS NOT NULL AND target_version IS NOT NULL
       EXCEPT SELECT operation_id, source_version, target_version FROM task_versions)`);
    expect(versions).toEqual([]);
    const dangling = await rows(`
      SELECT d.operation_id, d.device_id FROM device_states d
      LEFT JOIN notifications n ON n.id = d.result_notification_id
      WHERE d.result_notification_id IS NOT NULL AND (n.id IS NULL OR n.device_id <> d.device_id OR n.event <> 'result' OR n.result <> d.result)`);
    expect(dangling).toEqual([]);
  });

  it("leaves the schema as the migrations define it (indexes rebuilt) and the id sequence past the rows", async () => {
    const fresh = await createThrowawayDatabase("um_bench_loader_ref");
    try {
      await (await openDatabase({ url: fresh.url })).close();
      const indexes = `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname`;
      const ref = new pg.Client({ connectionString: fresh.url });
      await ref.connect();
      const expected = (await ref.query(indexes)).rows;
      await ref.end();
      expect(await rows(indexes)).toEqual(expected);
    } finally {
      await fresh.drop();
    }
    const [{ next, max }] = await rows(
      "SELECT nextval('notifications_id_seq')::int AS next, (SELECT max(id) FROM notifications)::int AS max",
    );
    expect(next).toBe(max + 1);
  });
});

describe("loadReadDataset (PGlite)", () => {
  // A fresh PGlite with every migration, then the load: slow on a loaded 2-core machine.
  it("loads the same rows into an embedded database", { timeout: 120_000 }, async () => {
    const dir = freshPgliteDir();
    try {
      const small = await loadReadDataset({ pgliteDir: dir }, { results: 500, seed: "loader-test-lite" });
      const plan = planDataset({ results: 500, seed: "loader-test-lite" });
      const truth = computeTruth(plan.tasks.flatMap((t) => generateTaskPushes(plan, t)));
      expect(small.notifications).toBe(truth.totals.notifications);
      expect(small.deviceStates).toBe(truth.totals.devices);
      const lite = await openDatabase({ pgliteDir: dir, migrate: false });
      try {
        const [counts] = await lite.prisma.$queryRaw<{ devices: number; failed: number }[]>`
          SELECT count(*)::int AS devices, count(*) FILTER (WHERE outcome = 'failed')::int AS failed FROM device_states`;
        expect(counts).toEqual({ devices: truth.totals.devices, failed: truth.totals.failed });
      } finally {
        await lite.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
