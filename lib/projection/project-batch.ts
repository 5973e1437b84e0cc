import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { EVENT_COLUMNS, toStoredEvent, type EventRow } from "./events";
import { foldEvents } from "./fold";

/**
 * The one lock that makes a projector active: held for the length of one fold transaction, so at most
 * one instance folds at a time (the task rows every fold touches would serialise them anyway), and a
 * killed instance holds nothing. db:reproject and retention take it too. Any constant works; this is
 * "um-proj" in ASCII.
 */
export const PROJECTOR_LOCK = 0x756d2d70726f6an;

export interface BatchOutcome {
  /** Events folded (0: nothing pending, or another instance is folding right now). */
  events: number;
  /** Another instance held the projector lock. */
  busy: boolean;
}

/**
 * Claims up to `limit` pending events (FOR UPDATE SKIP LOCKED, oldest id first), folds them into the
 * views and deletes their pending rows, all in one transaction with the progress record: a crash at
 * any point leaves either none or all of it, so every event is folded exactly once.
 */
export async function projectBatch(prisma: PrismaClient, limit: number): Promise<BatchOutcome> {
  return prisma.$transaction(
    async (tx) => {
      const [lock] = await tx.$queryRaw<{ ok: boolean }[]>`SELECT pg_try_advisory_xact_lock(${PROJECTOR_LOCK}) AS ok`;
      if (!lock?.ok) return { events: 0, busy: true };
      const rows = await tx.$queryRaw<EventRow[]>`
      WITH claimed AS (
        DELETE FROM projection_pending WHERE notification_id IN (
          SELECT notification_id FROM projection_pending ORDER BY notification_id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
        RETURNING notification_id)
      SELECT ${EVENT_COLUMNS} FROM notifications n JOIN claimed c ON c.notification_id = n.id`;
      if (rows.length === 0) return { events: 0, busy: false };
      const events = rows.map(toStoredEvent);
      await foldEvents(tx, events, { refoldFrom: "baseline" });
      const last = events.reduce((a, b) => (b.id > a.id ? b : a));
      await tx.$executeRaw`
      INSERT INTO projection_progress AS p (name, events, batches, last_notification_id, last_received_at, updated_at)
      VALUES ('views', ${events.length}, 1, ${last.id}, ${last.receivedAt}, now())
      ON CONFLICT (name) DO UPDATE SET events = p.events + EXCLUDED.events, batches = p.batches + 1,
        last_notification_id = GREATEST(p.last_notification_id, EXCLUDED.last_notification_id),
        last_received_at = GREATEST(p.last_received_at, EXCLUDED.last_received_at), updated_at = now()`;
      return { events: events.length, busy: false };
    },
    { maxWait: 5_000, timeout: 60_000 },
  );
}

/**
 * Folds everything pending now, batch after batch (scripts and tests that wrote through appendToLog
 * and read the views next). Waits for the lock when another projector holds it. Returns the count.
 */
export async function projectAllPending(prisma: PrismaClient, limit = 2_000): Promise<number> {
  let total = 0;
  for (;;) {
    const { events, busy } = await projectBatch(prisma, limit);
    total += events;
    if (busy) await new Promise((resolve) => setTimeout(resolve, 20));
    else if (events === 0) return total;
  }
}

/**
 * Sets the oldest pending notification aside (projection_parked) with the error the fold kept
 * failing with, so one notification the fold cannot take (found by halving the batch to one) never
 * stops every other push from being counted. Returns its id, or null when another projector is active.
 */
export async function parkOldestPending(prisma: PrismaClient, error: string): Promise<bigint | null> {
  return prisma.$transaction(async (tx) => {
    const [lock] = await tx.$queryRaw<{ ok: boolean }[]>`SELECT pg_try_advisory_xact_lock(${PROJECTOR_LOCK}) AS ok`;
    if (!lock?.ok) return null;
    const [row] = await tx.$queryRaw<{ id: bigint }[]>`
      WITH head AS (
        DELETE FROM projection_pending WHERE notification_id = (
          SELECT notification_id FROM projection_pending ORDER BY notification_id LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING notification_id, received_at)
      INSERT INTO projection_parked (notification_id, received_at, error)
      SELECT notification_id, received_at, ${error.slice(0, 2_000)} FROM head
      RETURNING notification_id AS id`;
    return row ? BigInt(row.id) : null;
  });
}
