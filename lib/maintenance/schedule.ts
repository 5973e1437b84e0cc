import "server-only";
import { scheduleAuditRetention } from "@/lib/audit/retention";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { pruneOldEvents } from "./prune";

const HOUR = 3_600_000;

/** With RETENTION_DAYS set, prunes at start and hourly. Deleting is idempotent, so several app
 * servers doing it at once only repeat a cheap, empty DELETE. */
export function scheduleRetention(): void {
  // The audit trail has its own retention (AUDIT_RETENTION_DAYS, default 365), always on.
  scheduleAuditRetention();
  const days = getEnv().RETENTION_DAYS;
  if (!days) return;
  const run = async () => {
    try {
      const r = await pruneOldEvents((await getDb()).prisma, days);
      if (r.notifications + r.quarantined > 0) {
        console.log(
          `[retention] deleted ${r.notifications} notifications, ${r.quarantined} quarantined requests older than ${days} days`,
        );
      }
    } catch (err) {
      console.error("[retention] prune failed (will retry next hour):", err instanceof Error ? err.message : err);
    }
  };
  void run();
  setInterval(run, HOUR).unref();
}
