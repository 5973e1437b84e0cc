// Loads the read benchmark's dataset (default 1M result notifications over 1,000 tasks, the largest
// with 200,000 devices) into an empty database, fast: migrate through lib/db, drop the secondary
// indexes, COPY every table, rebuild the indexes exactly as the migrations defined them, VACUUM ANALYZE.
// The rows are the receiver's (see task-rows.ts); tests/bench/loader.test.ts checks them.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { rebuildCounters } from "@/lib/projection/recount";
import { openDatabase } from "@/lib/db/client";
import { DEVICE_STATE_COLUMNS } from "@/lib/projection/columns";
import { copyLine, pgliteTarget, postgresTarget, type BulkTarget } from "./copy-sink";
import { planDataset, type DatasetOptions } from "./dataset-plan";
import { buildTaskRows } from "./task-rows";

export type LoadTarget = { url: string } | { pgliteDir: string };

export interface LoadedDataset {
  tasks: number;
  notifications: number;
  results: number;
  deviceStates: number;
  seconds: number;
  /** The largest task: task summary, device pages, failed.csv. */
  largestTask: { operationId: string; devices: number; failed: number };
  /** A small task and a mid-sized one, for contrast. */
  sampleTasks: string[];
  /** A device that appears in several tasks (device history). */
  sampleDevice: { deviceId: string; tasks: number };
}

const NOTIFICATION_COLUMNS = [
  "id",
  "received_at",
  "notify_type",
  "kind",
  "event",
  "device_id",
  "app_id",
  "operation_id",
  "sub_operation_id",
  "result",
  "state",
  "step",
  "source_version",
  "target_version",
  "cur_version",
  "error_code",
  "description",
  "result_desc",
  "upgrade_time_raw",
  "upgrade_at",
  "warnings",
  "raw_body",
  "content_hash",
] as const;
const TASK_COLUMNS = [
  "operation_id",
  "kind",
  "app_id",
  "devices",
  "succeeded",
  "failed",
  "in_progress",
  "notifications",
  "first_seen_at",
  "last_seen_at",
  "last_result_at",
] as const;
const TABLES = ["notifications", "device_states", "tasks", "task_versions"];

export async function loadReadDataset(
  target: LoadTarget,
  options: DatasetOptions,
  log: (s: string) => void = () => {},
): Promise<LoadedDataset> {
  const started = Date.now();
  // Migrate through the app's own path; PGlite allows one process per directory, so close again.
  const migrated = await openDatabase("url" in target ? { url: target.url } : { pgliteDir: target.pgliteDir });
  await migrated.close();
  const db = "url" in target ? await postgresTarget(target.url) : await pgliteTarget(target.pgliteDir);
  try {
    const empty = await db.query<{ n: string }>("SELECT count(*) AS n FROM notifications");
    if (Number(empty[0]!.n) !== 0) throw new Error("loadReadDataset needs an empty database");
    const indexes = await dropSecondaryIndexes(db);
    const loaded = await copyRows(db, options, log);
    log(`  rebuilding ${indexes.length} indexes`);
    for (const sql of indexes) await db.query(sql);
    await db.query("SELECT setval('notifications_id_seq', (SELECT max(id) FROM notifications))");
    log("  VACUUM ANALYZE");
    await db.query(`VACUUM ANALYZE ${TABLES.join(", ")}`);
    await db.close();
    log("  task counters");
    await withPrisma(target, async (prisma) => {
      await rebuildCounters(prisma);
      await prisma.$executeRaw`VACUUM ANALYZE task_counters, fleet_devices`;
    });
    return { ...loaded, seconds: (Date.now() - started) / 1000 };
  } finally {
    await db.close().catch(() => undefined);
  }
}

async function withPrisma(target: LoadTarget, fn: (prisma: PrismaClient) => Promise<void>): Promise<void> {
  const db = await openDatabase(
    "url" in target ? { url: target.url, migrate: false } : { pgliteDir: target.pgliteDir, migrate: false },
  );
  try {
    await fn(db.prisma);
  } finally {
    await db.close();
  }
}

/** Drops every non-constraint index of the loaded tables and returns the statements that recreate them. */
async function dropSecondaryIndexes(db: BulkTarget): Promise<string[]> {
  const rows = await db.query<{ name: string; def: string }>(`
    SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
    WHERE i.schemaname = current_schema() AND i.tablename IN (${TABLES.map((t) => `'${t}'`).join(", ")})
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`);
  for (const r of rows) await db.query(`DROP INDEX "${r.name}"`);
  return rows.map((r) => r.def);
}

async function copyRows(
  db: BulkTarget,
  options: DatasetOptions,
  log: (s: string) => void,
): Promise<Omit<LoadedDataset, "seconds">> {
  const plan = planDataset(options);
  const notifications = await db.open("notifications", NOTIFICATION_COLUMNS);
  const states = await db.open(
    "device_states",
    DEVICE_STATE_COLUMNS.map(([, c]) => c),
  );
  const tasks = await db.open("tasks", TASK_COLUMNS);
  const versions = await db.open("task_versions", ["operation_id", "source_version", "target_version"]);
  let nextId = 1;
  let results = 0;
  let deviceStates = 0;
  let largest: LoadedDataset["largestTask"] = { operationId: "", devices: 0, failed: 0 };
  const sampleTasks: string[] = [];
  const devicesTasks = new Map<string, number>();
  let lastLog = Date.now();
  for (const shape of plan.tasks) {
    const rows = buildTaskRows(plan, shape, nextId);
    nextId += rows.notifications.length;
    results += rows.results;
    deviceStates += rows.states.length;
    for (const { id, receivedAt, n } of rows.notifications) {
      await notifications.write(
        copyLine([
          id,
          receivedAt,
          n.notifyType,
          n.kind,
          n.event,
          n.deviceId,
          n.appId,
          n.operationId,
          n.subOperationId,
          n.result,
          n.state,
          n.step,
          n.sourceVersion,
          n.targetVersion,
          n.curVersion,
          n.errorCode,
          n.description,
          n.resultDesc,
          n.upgradeTimeRaw,
          n.upgradeAt,
          JSON.stringify(n.warnings),
          n.rawBody,
          n.contentHash,
        ]),
      );
    }
    for (const s of rows.states) {
      await states.write(copyLine(DEVICE_STATE_COLUMNS.map(([k]) => s[k])));
      if (shape.index < 50) devicesTasks.set(s.deviceId, (devicesTasks.get(s.deviceId) ?? 0) + 1);
    }
    const t = rows.task;
    await tasks.write(
      copyLine([
        t.operationId,
        t.kind,
        t.appId,
        t.devices,
        t.succeeded,
        t.failed,
        t.inProgress,
        t.notifications,
        t.firstSeenAt,
        t.lastSeenAt,
        t.lastResultAt,
      ]),
    );
    for (const [source, targetVersion] of rows.versions)
      await versions.write(copyLine([t.operationId, source, targetVersion]));
    if (t.devices > largest.devices) largest = { operationId: t.operationId, devices: t.devices, failed: t.failed };
    if (shape.index === 1 || shape.index === Math.floor(plan.tasks.length / 3)) sampleTasks.push(t.operationId);
    if (Date.now() - lastLog > 10_000) {
      lastLog = Date.now();
      log(`  … ${shape.index + 1}/${plan.tasks.length} tasks, ${nextId - 1} notifications (${results} results)`);
    }
  }
  for (const w of [notifications, states, tasks, versions]) await w.end();
  let sampleDevice = { deviceId: plan.fleet[0]!, tasks: 0 };
  for (const [deviceId, n] of devicesTasks) if (n > sampleDevice.tasks) sampleDevice = { deviceId, tasks: n };
  return {
    tasks: plan.tasks.length,
    notifications: nextId - 1,
    results,
    deviceStates,
    largestTask: largest,
    sampleTasks,
    sampleDevice,
  };
}
