import "server-only";
import { Prisma, type DeviceState } from "@/lib/generated/prisma/client";
import type { StoredEvent } from "@/lib/domain/device-state";

export interface TaskDelta {
  before: DeviceState | null;
  after: DeviceState;
}

export interface TaskRecord {
  operationId: string;
  kind: string;
  appId: string | null;
  devices: number;
  succeeded: number;
  failed: number;
  inProgress: number;
  notifications: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
  lastResultAt: Date | null;
}

const COUNTER: Record<string, "succeeded" | "failed" | "inProgress"> = {
  succeeded: "succeeded",
  failed: "failed",
  in_progress: "inProgress",
};

/** Sums how the batch moved each task's counters, so the task list never has to count devices. */
export function taskDeltas(deltas: TaskDelta[], events: StoredEvent[]): TaskRecord[] {
  const tasks = new Map<string, TaskRecord>();
  const row = (e: { operationId: string; kind: string; appId: string | null }, at: Date) => {
    let t = tasks.get(e.operationId);
    if (!t) {
      t = {
        operationId: e.operationId,
        kind: e.kind,
        appId: e.appId,
        devices: 0,
        succeeded: 0,
        failed: 0,
        inProgress: 0,
        notifications: 0,
        firstSeenAt: at,
        lastSeenAt: at,
        lastResultAt: null,
      };
      tasks.set(e.operationId, t);
    }
    if (e.appId !== null && (t.appId === null || e.appId > t.appId)) t.appId = e.appId;
    return t;
  };
  for (const e of events) {
    const t = row(e.n, e.receivedAt);
    // A result reconciled from the platform API is not a push we received.
    const pushed = (e.n.source ?? "push") === "push";
    if (pushed) t.notifications += 1;
    if (e.receivedAt < t.firstSeenAt) t.firstSeenAt = e.receivedAt;
    if (e.receivedAt > t.lastSeenAt) t.lastSeenAt = e.receivedAt;
    if (pushed && e.n.event === "result" && (!t.lastResultAt || e.receivedAt > t.lastResultAt))
      t.lastResultAt = e.receivedAt;
  }
  for (const { before, after } of deltas) {
    const t = row(after, after.lastSeenAt);
    if (!before) t.devices += 1;
    else t[COUNTER[before.outcome]!] -= 1;
    t[COUNTER[after.outcome]!] += 1;
  }
  return [...tasks.values()].sort((a, b) => (a.operationId < b.operationId ? -1 : 1));
}

/** An upsert that adds each task's deltas to its counters (a fragment for a data-modifying CTE). */
export function taskUpsert(rows: TaskRecord[]): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO tasks AS t (operation_id, kind, app_id, devices, succeeded, failed, in_progress, notifications,
      first_seen_at, last_seen_at, last_result_at)
    VALUES ${Prisma.join(
      rows.map(
        (r) => Prisma.sql`(${r.operationId}, ${r.kind}, ${r.appId}, ${r.devices}, ${r.succeeded},
      ${r.failed}, ${r.inProgress}, ${r.notifications}, ${r.firstSeenAt}, ${r.lastSeenAt}, ${r.lastResultAt})`,
      ),
    )}
    ON CONFLICT (operation_id) DO UPDATE SET
      app_id = GREATEST(t.app_id, EXCLUDED.app_id),
      devices = t.devices + EXCLUDED.devices,
      succeeded = t.succeeded + EXCLUDED.succeeded,
      failed = t.failed + EXCLUDED.failed,
      in_progress = t.in_progress + EXCLUDED.in_progress,
      notifications = t.notifications + EXCLUDED.notifications,
      first_seen_at = LEAST(t.first_seen_at, EXCLUDED.first_seen_at),
      last_seen_at = GREATEST(t.last_seen_at, EXCLUDED.last_seen_at),
      last_result_at = GREATEST(t.last_result_at, EXCLUDED.last_result_at)`;
}

/**
 * Records the source → target transitions these events carry, or null when there are none. From the
 * events, not the device states: the same log gives the same pairs however it was batched.
 */
export function versionInsert(events: StoredEvent[]): Prisma.Sql | null {
  const versions = new Map<string, [string, string, string]>();
  for (const { n } of events) {
    if (n.sourceVersion !== null && n.targetVersion !== null) {
      versions.set(JSON.stringify([n.operationId, n.sourceVersion, n.targetVersion]), [
        n.operationId,
        n.sourceVersion,
        n.targetVersion,
      ]);
    }
  }
  if (versions.size === 0) return null;
  const sorted = [...versions.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v);
  return Prisma.sql`
    INSERT INTO task_versions (operation_id, source_version, target_version)
    VALUES ${Prisma.join(sorted.map(([o, s, t]) => Prisma.sql`(${o}, ${s}, ${t})`))}
    ON CONFLICT DO NOTHING`;
}
