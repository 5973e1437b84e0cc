import "server-only";
import { Prisma, type DeviceState, type PrismaClient } from "@/lib/generated/prisma/client";
import type { ParsedNotification } from "@/lib/notifications/types";
import { applyEvent, type StoredEvent } from "./device-state";
import { DS_INSERT_COLUMNS, DS_SELECT, DS_UPDATE_SET, deviceStateFromJson, deviceStateValues } from "./columns";
import { counterDeltas, counterUpsert } from "./counters";
import { taskDeltas, taskUpsert, versionInsert } from "./task-deltas";

export type StoreResult = { status: "stored" | "duplicate"; id: number };

type Tx = Prisma.TransactionClient;
const keyOf = (operationId: string, deviceId: string) => JSON.stringify([operationId, deviceId]);
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Stores a batch of notifications in one transaction: each new one exactly once (exact repeats,
 * even within the batch, answer "duplicate" with the first id), the current state of every touched
 * device, and the per-task counters. Returns one result per input, in input order.
 */
export async function storeBatch(prisma: PrismaClient, items: ParsedNotification[]): Promise<StoreResult[]> {
  return prisma.$transaction((tx) => storeInTx(tx, items), { maxWait: 5_000, timeout: 8_000 });
}

async function storeInTx(tx: Tx, items: ParsedNotification[]): Promise<StoreResult[]> {
  // Exact repeats inside the batch collapse onto their first occurrence; sorted so concurrent
  // batches take unique-index and row locks in the same order (no deadlocks).
  const unique = new Map<string, ParsedNotification>();
  for (const n of items) if (!unique.has(n.contentHash)) unique.set(n.contentHash, n);
  const candidates = [...unique.values()].sort((a, b) => byText(a.contentHash, b.contentHash));
  const keys = [...new Map(candidates.map((n) => [keyOf(n.operationId, n.deviceId), n])).entries()].sort(([a], [b]) => byText(a, b));

  // Round trip 1: insert the new notifications and lock (creating where missing) every touched
  // device row. The no-op update is what takes the lock; xmax = 0 marks rows this statement created.
  const [first] = await tx.$queryRaw<{ inserted: { id: number; contentHash: string; receivedAt: string }[]; locked: (Record<string, unknown> & { created: boolean })[] }[]>`
    WITH n AS (
      INSERT INTO notifications (notify_type, kind, event, device_id, app_id, operation_id, sub_operation_id, result,
        state, step, source_version, target_version, cur_version, error_code, description, result_desc,
        upgrade_time_raw, upgrade_at, warnings, raw_body, content_hash, source)
      VALUES ${Prisma.join(candidates.map(notificationValues))}
      ON CONFLICT (content_hash) DO NOTHING
      RETURNING id, content_hash AS "contentHash", received_at AS "receivedAt"
    ), d AS (
      INSERT INTO device_states AS d (operation_id, device_id, kind, outcome, first_seen_at, last_seen_at)
      VALUES ${Prisma.join(keys.map(([, n]) => Prisma.sql`(${n.operationId}, ${n.deviceId}, ${n.kind}, 'in_progress', now(), now())`))}
      ON CONFLICT (operation_id, device_id) DO UPDATE SET last_seen_at = d.last_seen_at
      RETURNING ${DS_SELECT}, (d.xmax = 0) AS created
    )
    SELECT (SELECT coalesce(json_agg(n), '[]') FROM n) AS inserted, (SELECT coalesce(json_agg(d), '[]') FROM d) AS locked`;

  const ids = new Map<string, StoreResult>();
  for (const row of first!.inserted) ids.set(row.contentHash, { status: "stored", id: row.id });
  const known = candidates.filter((n) => !ids.has(n.contentHash)).map((n) => n.contentHash);
  if (known.length > 0) {
    const rows = await tx.$queryRaw<{ id: number; contentHash: string }[]>`
      SELECT id, content_hash AS "contentHash" FROM notifications WHERE content_hash IN (${Prisma.join(known)})`;
    for (const row of rows) ids.set(row.contentHash, { status: "duplicate", id: row.id });
  }

  const events: StoredEvent[] = first!.inserted
    .map((row) => ({ id: row.id, receivedAt: new Date(row.receivedAt), n: unique.get(row.contentHash)! }))
    .sort((a, b) => a.id - b.id);
  if (events.length > 0) await writeCurrentState(tx, events, first!.locked);

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

/** Round trip 2: fold the new events into the locked rows, write them back with the task counters. */
async function writeCurrentState(tx: Tx, events: StoredEvent[], locked: (Record<string, unknown> & { created: boolean })[]) {
  const before = new Map<string, DeviceState | null>();
  for (const { created, ...row } of locked) {
    const s = deviceStateFromJson(row);
    before.set(keyOf(s.operationId, s.deviceId), created ? null : s);
  }
  const after = new Map<string, DeviceState>();
  for (const e of events) {
    const k = keyOf(e.n.operationId, e.n.deviceId);
    after.set(k, applyEvent(after.has(k) ? after.get(k)! : (before.get(k) ?? null), e));
  }
  const rows = [...after.entries()].sort(([a], [b]) => byText(a, b)).map(([, s]) => s);
  const changes = rows.map((s) => ({ before: before.get(keyOf(s.operationId, s.deviceId)) ?? null, after: s }));
  const newDevices = [...new Set(changes.filter((c) => !c.before).map((c) => c.after.deviceId))].sort(byText);
  // Everything derived from the new states goes in one statement: one more round trip, not five.
  const parts: Prisma.Sql[] = [
    Prisma.sql`s AS (INSERT INTO device_states (${DS_INSERT_COLUMNS}) VALUES ${Prisma.join(rows.map(deviceStateValues))}
      ON CONFLICT (operation_id, device_id) DO UPDATE SET ${DS_UPDATE_SET})`,
    Prisma.sql`t AS (${taskUpsert(taskDeltas(changes, events))})`,
  ];
  const versions = versionInsert(rows);
  if (versions) parts.push(Prisma.sql`v AS (${versions})`);
  const counters = counterUpsert(counterDeltas(changes, events));
  if (counters) parts.push(Prisma.sql`c AS (${counters})`);
  if (newDevices.length > 0) {
    parts.push(Prisma.sql`f AS (INSERT INTO fleet_devices (device_id, first_seen_at)
      VALUES ${Prisma.join(newDevices.map((d) => Prisma.sql`(${d}, now())`))} ON CONFLICT DO NOTHING)`);
  }
  await tx.$executeRaw`WITH ${Prisma.join(parts, ", ")} SELECT 1`;
}

function notificationValues(n: ParsedNotification): Prisma.Sql {
  return Prisma.sql`(${n.notifyType}, ${n.kind}, ${n.event}, ${n.deviceId}, ${n.appId}, ${n.operationId}, ${n.subOperationId},
    ${n.result}, ${n.state}, ${n.step}, ${n.sourceVersion}, ${n.targetVersion}, ${n.curVersion}, ${n.errorCode},
    ${n.description}, ${n.resultDesc}, ${n.upgradeTimeRaw}, ${n.upgradeAt}, ${JSON.stringify(n.warnings)}::jsonb,
    ${n.rawBody}, ${n.contentHash}, ${n.source ?? "push"})`;
}
