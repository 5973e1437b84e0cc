import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AFTER_BASELINE, EVENT_COLUMNS, NOT_PARKED, toStoredEvent, type EventRow } from "@/lib/projection/events";
import { foldEvents } from "@/lib/projection/fold";
import { PROJECTOR_LOCK } from "@/lib/projection/project-batch";

export interface PruneResult {
  notifications: number;
  quarantined: number;
  cutoff: Date;
}

/** Rows deleted per statement: small enough not to hold locks or bloat WAL for long. */
const BATCH = 5_000;

/**
 * Deletes raw events older than `days`. The views were folded from them already, so every count on
 * the dashboard stays as it was; only per-attempt history goes. Before deleting, each batch is folded
 * into the `baseline` tables (the projection of the deleted events alone), in the same transaction,
 * so `npm run db:reproject` rebuilds the same views afterwards. Events not yet projected are kept.
 */
export async function pruneOldEvents(prisma: PrismaClient, days: number, now = new Date()): Promise<PruneResult> {
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  let notifications = 0;
  let quarantined = 0;
  for (;;) {
    const n = await pruneBatch(prisma, cutoff);
    notifications += n;
    if (n < BATCH) break;
    // Each batch holds the projector lock: leave the live projector room between them.
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  for (;;) {
    const n = await prisma.$executeRaw`
      DELETE FROM quarantined_requests WHERE id IN (SELECT id FROM quarantined_requests WHERE received_at < ${cutoff} LIMIT ${BATCH})`;
    quarantined += n;
    if (n < BATCH) break;
  }
  return { notifications, quarantined, cutoff };
}

/** One batch, oldest first: fold into the baseline, then delete, under the projector lock (one writer of views at a time). */
function pruneBatch(prisma: PrismaClient, cutoff: Date): Promise<number> {
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${PROJECTOR_LOCK})`;
      // Oldest first, and only older than anything still pending, so the baseline is folded in
      // arrival order; an event the projector set aside (projection_parked) stays for an operator.
      const rows = await tx.$queryRaw<(EventRow & { inBaseline: boolean })[]>`
        SELECT ${EVENT_COLUMNS}, NOT (${AFTER_BASELINE}) AS "inBaseline" FROM notifications n
        WHERE n.received_at < ${cutoff}
          AND n.received_at < COALESCE((SELECT MIN(p.received_at) FROM projection_pending p), 'infinity')
          AND NOT EXISTS (SELECT 1 FROM projection_pending p WHERE p.notification_id = n.id) AND ${NOT_PARKED}
        ORDER BY n.received_at, n.id LIMIT ${BATCH}`;
      if (rows.length === 0) return 0;
      // Rows stored before the log-first upgrade are in the baseline already (the migration put them there).
      const fold = rows.filter((r) => !r.inBaseline).map(toStoredEvent);
      // The fold writes unqualified view names: for this transaction they resolve to the baseline schema.
      await tx.$executeRaw`SET LOCAL search_path TO baseline, public`;
      await foldEvents(tx, fold, { refoldFrom: null });
      await tx.$executeRaw`SET LOCAL search_path TO public`;
      await tx.$executeRaw`DELETE FROM notifications WHERE id = ANY(${rows.map((r) => BigInt(r.id))}::bigint[])`;
      return rows.length;
    },
    { maxWait: 10_000, timeout: 120_000 },
  );
}
