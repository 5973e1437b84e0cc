import "server-only";
import type { DeviceState, Prisma } from "@/lib/generated/prisma/client";
import { applyEvent, arrivedBeforeLast, type StoredEvent } from "@/lib/domain/device-state";
import { counterDeltas } from "@/lib/domain/facets";
import { compareArrival } from "@/lib/domain/ordering";
import { DS_SELECT } from "./columns";
import { AFTER_BASELINE, EVENT_COLUMNS, NOT_PARKED, toStoredEvent, type EventRow } from "./events";
import { taskDeltas, taskUpsert, versionInsert } from "./task-deltas";
import { counterUpsert, deviceStateUpsert, fleetUpsert } from "./write";

type Tx = Prisma.TransactionClient;
const keyOf = (operationId: string, deviceId: string) => JSON.stringify([operationId, deviceId]);
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const inChunks = <T>(xs: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(xs.length / size) }, (_, i) => xs.slice(i * size, (i + 1) * size));

export interface FoldOptions {
  /**
   * Where an out-of-order device is refolded from: the retention baseline plus the log's projected
   * events. null (retention folding into the baseline itself) folds in the order given instead.
   */
  refoldFrom: "baseline" | null;
}

/**
 * Folds logged events into the views visible on `tx`'s search_path (device_states, tasks,
 * task_versions, task_counters, fleet_devices) — exactly once is the caller's part: it claims the
 * events in the same transaction. Events are folded in arrival order; when one arrived before the
 * last event already folded into its device (ids commit out of order), the ordering rule — a fold in
 * arrival order — needs that device refolded from the log, which this does. Returns the devices touched.
 */
export async function foldEvents(tx: Tx, events: StoredEvent[], opts: FoldOptions): Promise<number> {
  if (events.length === 0) return 0;
  const sorted = [...events].sort(compareArrival);
  const keys = [...new Map(sorted.map((e) => [keyOf(e.n.operationId, e.n.deviceId), e.n])).entries()].sort(([a], [b]) =>
    byText(a, b),
  );
  // Row locks in key order: a retention run folding into the same tables waits, never deadlocks.
  const locked = await tx.$queryRaw<DeviceState[]>`
    SELECT ${DS_SELECT} FROM device_states d
    WHERE (d.operation_id, d.device_id) IN (SELECT * FROM unnest(${keys.map(([, n]) => n.operationId)}::text[], ${keys.map(([, n]) => n.deviceId)}::text[]))
    ORDER BY d.operation_id, d.device_id FOR UPDATE`;
  const before = new Map<string, DeviceState>(locked.map((s) => [keyOf(s.operationId, s.deviceId), s]));

  const refold = new Set<string>();
  if (opts.refoldFrom) {
    for (const e of sorted) {
      const k = keyOf(e.n.operationId, e.n.deviceId);
      const s = before.get(k);
      if (s && arrivedBeforeLast(s, e)) refold.add(k);
    }
  }
  const after = new Map<string, DeviceState>();
  for (const e of sorted) {
    const k = keyOf(e.n.operationId, e.n.deviceId);
    if (!refold.has(k)) after.set(k, applyEvent(after.get(k) ?? before.get(k) ?? null, e));
  }
  for (const k of refold) after.set(k, await refoldDevice(tx, JSON.parse(k) as [string, string]));

  const rows = [...after.entries()].sort(([a], [b]) => byText(a, b)).map(([, s]) => s);
  const changes = rows.map((s) => ({ before: before.get(keyOf(s.operationId, s.deviceId)) ?? null, after: s }));
  const fleet = changes
    .filter((c) => !c.before || c.after.firstSeenAt < c.before.firstSeenAt)
    .map((c) => ({ deviceId: c.after.deviceId, firstSeenAt: c.after.firstSeenAt }));
  const firstByDevice = new Map<string, Date>();
  for (const f of fleet)
    if (!firstByDevice.has(f.deviceId) || f.firstSeenAt < firstByDevice.get(f.deviceId)!)
      firstByDevice.set(f.deviceId, f.firstSeenAt);

  const deltas = counterDeltas(changes, sorted);
  const fleetRows = [...firstByDevice.entries()]
    .sort(([a], [b]) => byText(a, b))
    .map(([deviceId, firstSeenAt]) => ({ deviceId, firstSeenAt }));
  // One statement per writer and chunk: a batch of thousands of new devices would otherwise pass the
  // 65,535 parameters one PostgreSQL statement can carry (device states send 33 each).
  const statements: (Prisma.Sql | null)[] = [
    ...inChunks(rows, 1_500).map(deviceStateUpsert),
    ...inChunks(taskDeltas(changes, sorted), 4_000).map(taskUpsert),
    versionInsert(sorted),
    ...inChunks(deltas, 8_000).map(counterUpsert),
    ...inChunks(fleetRows, 20_000).map(fleetUpsert),
  ];
  for (const sql of statements) if (sql) await tx.$executeRaw(sql);
  // A counter that fell to 0 goes: the views then hold the same rows however the log was batched.
  const emptied = [...new Set(deltas.filter((d) => d.n < 0).map((d) => d.operationId))];
  if (emptied.length > 0)
    await tx.$executeRaw`DELETE FROM task_counters WHERE n = 0 AND operation_id = ANY(${emptied}::text[])`;
  return rows.length;
}

/**
 * A device's state from scratch: its retention baseline, then every event of the log already
 * claimed for projection (not pending: those are folded when claimed), in arrival order.
 */
async function refoldDevice(tx: Tx, [operationId, deviceId]: [string, string]): Promise<DeviceState> {
  const [base] = await tx.$queryRaw<DeviceState[]>`
    SELECT ${DS_SELECT} FROM baseline.device_states d WHERE d.operation_id = ${operationId} AND d.device_id = ${deviceId}`;
  const rows = await tx.$queryRaw<EventRow[]>`
    SELECT ${EVENT_COLUMNS} FROM notifications n
    WHERE n.operation_id = ${operationId} AND n.device_id = ${deviceId}
      AND NOT EXISTS (SELECT 1 FROM projection_pending p WHERE p.notification_id = n.id)
      AND ${AFTER_BASELINE} AND ${NOT_PARKED}
    ORDER BY n.received_at, n.id`;
  let s: DeviceState | null = base ?? null;
  for (const row of rows) s = applyEvent(s, toStoredEvent(row));
  if (!s) throw new Error(`refold of ${operationId}/${deviceId} found no events`);
  return s;
}
