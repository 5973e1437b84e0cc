import "server-only";
import { Prisma, type DeviceState, type PrismaClient } from "@/lib/generated/prisma/client";
import type { ParsedNotification } from "@/lib/notifications/types";
import { applyEvent, type StoredEvent } from "./device-state";
import { DS_INSERT_COLUMNS, DS_SELECT, DS_UPDATE_SET, deviceStateValues } from "./columns";
import { addToTasks, type TaskDelta } from "./task-deltas";

export type StoreResult = { status: "stored" | "duplicate"; id: number };

type Tx = Prisma.TransactionClient;
type Key = string;
const keyOf = (operationId: string, deviceId: string): Key => JSON.stringify([operationId, deviceId]);

/**
 * Stores a batch of notifications in one transaction: each new one exactly once (exact repeats,
 * even within the batch, answer "duplicate" with the first id), the current state of every touched
 * device, and the per-task counters. Returns one result per input, in input order.
 */
export async function storeBatch(prisma: PrismaClient, items: ParsedNotification[]): Promise<StoreResult[]> {
  return prisma.$transaction((tx) => storeInTx(tx, items), { maxWait: 5_000, timeout: 8_000 });
}

async function storeInTx(tx: Tx, items: ParsedNotification[]): Promise<StoreResult[]> {
  // Exact repeats inside the batch collapse onto their first occurrence.
  const unique = new Map<string, ParsedNotification>();
  for (const n of items) if (!unique.has(n.contentHash)) unique.set(n.contentHash, n);
  // Sorted so concurrent batches take unique-index and row locks in the same order (no deadlocks).
  const candidates = [...unique.values()].sort((a, b) => (a.contentHash < b.contentHash ? -1 : 1));

  const inserted = await tx.$queryRaw<{ id: number; contentHash: string; receivedAt: Date }[]>`
    INSERT INTO notifications (notify_type, kind, event, device_id, app_id, operation_id, sub_operation_id, result,
      state, step, source_version, target_version, cur_version, error_code, description, result_desc,
      upgrade_time_raw, upgrade_at, warnings, raw_body, content_hash)
    VALUES ${Prisma.join(candidates.map(notificationValues))}
    ON CONFLICT (content_hash) DO NOTHING
    RETURNING id, content_hash AS "contentHash", received_at AS "receivedAt"`;

  const ids = new Map<string, StoreResult>();
  for (const row of inserted) ids.set(row.contentHash, { status: "stored", id: row.id });
  const known = candidates.filter((n) => !ids.has(n.contentHash)).map((n) => n.contentHash);
  if (known.length > 0) {
    const rows = await tx.$queryRaw<{ id: number; contentHash: string }[]>`
      SELECT id, content_hash AS "contentHash" FROM notifications WHERE content_hash IN (${Prisma.join(known)})`;
    for (const row of rows) ids.set(row.contentHash, { status: "duplicate", id: row.id });
  }

  const events: StoredEvent[] = inserted.map((row) => ({ id: row.id, receivedAt: row.receivedAt, n: unique.get(row.contentHash)! }));
  if (events.length > 0) await updateCurrentState(tx, events);

  const seen = new Set<string>();
  return items.map((n) => {
    const r = ids.get(n.contentHash);
    if (!r) throw new Error("stored notification not found after insert");
    // The second copy of a notification inside one batch is a duplicate of the first.
    const result: StoreResult = seen.has(n.contentHash) ? { status: "duplicate", id: r.id } : r;
    seen.add(n.contentHash);
    return result;
  });
}

async function updateCurrentState(tx: Tx, events: StoredEvent[]): Promise<void> {
  events.sort((a, b) => a.id - b.id);
  const keys = [...new Map(events.map((e) => [keyOf(e.n.operationId, e.n.deviceId), e])).values()]
    .map((e) => ({ operationId: e.n.operationId, deviceId: e.n.deviceId, kind: e.n.kind, at: e.receivedAt }))
    .sort((a, b) => (keyOf(a.operationId, a.deviceId) < keyOf(b.operationId, b.deviceId) ? -1 : 1));

  // Creates missing rows and locks every touched row in one statement; the no-op update is what
  // takes the lock on existing rows, and xmax = 0 tells which rows this statement created.
  const locked = await tx.$queryRaw<(DeviceState & { created: boolean })[]>`
    INSERT INTO device_states AS d (operation_id, device_id, kind, outcome, first_seen_at, last_seen_at)
    VALUES ${Prisma.join(keys.map((k) => Prisma.sql`(${k.operationId}, ${k.deviceId}, ${k.kind}, 'in_progress', ${k.at}, ${k.at})`))}
    ON CONFLICT (operation_id, device_id) DO UPDATE SET last_seen_at = d.last_seen_at
    RETURNING ${DS_SELECT}, (d.xmax = 0) AS created`;

  const before = new Map<Key, DeviceState | null>();
  const after = new Map<Key, DeviceState>();
  for (const { created, ...row } of locked) before.set(keyOf(row.operationId, row.deviceId), created ? null : row);
  for (const e of events) {
    const k = keyOf(e.n.operationId, e.n.deviceId);
    after.set(k, applyEvent(after.get(k) ?? before.get(k) ?? null, e));
  }
  const rows = [...after.values()];
  await tx.$executeRaw`
    INSERT INTO device_states (${DS_INSERT_COLUMNS}) VALUES ${Prisma.join(rows.map(deviceStateValues))}
    ON CONFLICT (operation_id, device_id) DO UPDATE SET ${DS_UPDATE_SET}`;

  const deltas: TaskDelta[] = rows.map((row) => ({ before: before.get(keyOf(row.operationId, row.deviceId)) ?? null, after: row }));
  await addToTasks(tx, deltas, events);
}

function notificationValues(n: ParsedNotification): Prisma.Sql {
  return Prisma.sql`(${n.notifyType}, ${n.kind}, ${n.event}, ${n.deviceId}, ${n.appId}, ${n.operationId}, ${n.subOperationId},
    ${n.result}, ${n.state}, ${n.step}, ${n.sourceVersion}, ${n.targetVersion}, ${n.curVersion}, ${n.errorCode},
    ${n.description}, ${n.resultDesc}, ${n.upgradeTimeRaw}, ${n.upgradeAt}, ${JSON.stringify(n.warnings)}::jsonb,
    ${n.rawBody}, ${n.contentHash})`;
}
