import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export interface PruneResult {
  notifications: number;
  quarantined: number;
  cutoff: Date;
}

/** Rows deleted per statement: small enough not to hold locks or bloat WAL for long. */
const BATCH = 5_000;

/**
 * Deletes raw events older than `days`. Task counters and per-device current state live in their
 * own rows, so every count on the dashboard stays as it was; only per-attempt history goes.
 */
export async function pruneOldEvents(prisma: PrismaClient, days: number, now = new Date()): Promise<PruneResult> {
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  let notifications = 0;
  let quarantined = 0;
  for (;;) {
    const n = await prisma.$executeRaw`
      DELETE FROM notifications WHERE id IN (SELECT id FROM notifications WHERE received_at < ${cutoff} LIMIT ${BATCH})`;
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
