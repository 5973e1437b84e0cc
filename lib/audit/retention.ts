import "server-only";
import { z } from "zod";
import { pruneLoginThrottle } from "@/lib/auth/login-limiter";
import { pruneRevokedSessions } from "@/lib/auth/revoked-sessions";
import { getDb } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";

const HOUR = 3_600_000;
const BATCH = 5_000;

/** AUDIT_RETENTION_DAYS (default 365): how long the audit trail is kept, independent of RETENTION_DAYS. */
function auditRetentionDays(env: Record<string, string | undefined> = process.env): number {
  const parsed = z.coerce
    .number()
    .int()
    .min(1)
    .max(36_500)
    .default(365)
    .safeParse(env.AUDIT_RETENTION_DAYS || undefined);
  if (!parsed.success) throw new Error("Invalid environment: AUDIT_RETENTION_DAYS must be a whole number of days ≥ 1");
  return parsed.data;
}

/** Deletes audit events older than `days`, in batches. */
async function pruneAuditEvents(prisma: PrismaClient, days: number, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  let deleted = 0;
  for (;;) {
    const n = await prisma.$executeRaw`
      DELETE FROM audit_events WHERE id IN (SELECT id FROM audit_events WHERE at < ${cutoff} LIMIT ${BATCH})`;
    deleted += n;
    if (n < BATCH) return deleted;
  }
}

/** At start and hourly: the audit trail past its retention, expired revocations, stale login counters. */
export function scheduleAuditRetention(): void {
  const days = auditRetentionDays();
  const run = async () => {
    try {
      const n = await pruneAuditEvents((await getDb()).prisma, days);
      await pruneRevokedSessions();
      await pruneLoginThrottle();
      if (n > 0) console.log(`[retention] deleted ${n} audit events older than ${days} days`);
    } catch (err) {
      console.error("[retention] audit prune failed (will retry next hour):", err instanceof Error ? err.message : err);
    }
  };
  void run();
  setInterval(run, HOUR).unref();
}
