import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { EVENT_COLUMNS, toStoredEvent, type EventRow } from "@/lib/projection/events";
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
      const rows = await tx.$queryRaw<EventRow[]>`
      SELECT ${EVENT_COLUMNS} FROM notifications n
      WHERE n.received_at < ${cutoff} AND NOT EXISTS (SELECT 1 FROM projection_pending p WHERE p.notification_id = n.id)
      ORDER BY n.received_at, n.id LIMIT ${BATCH}`;
      if (rows.length === 0) return 0;
      // The fold writes unqualified view names: for this transaction they resolve to the baseline schema.
      await tx.$executeRaw`SET LOCAL search_path TO baseline, public`;
      await foldEvents(tx, rows.map(toStoredEvent), { refoldFrom: null });
      await tx.$executeRaw`SET LOCAL search_path TO public`;
      await tx.$executeRaw`DELETE FROM notifications WHERE id = ANY(${rows.map((r) => BigInt(r.id))}::bigint[])`;
      return rows.length;
    },
    { maxWait: 10_000, timeout: 120_000 },
  );
}
