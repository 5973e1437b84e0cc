import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * The one definition of a stale device, shared by the task page's completeness numbers, the device
 * list's `stale` filter and the `stale_devices` alert rule: the device's outcome in the task is
 * in progress and its last event (`device_states.last_seen_at`) is older than `seconds`.
 * `d` must be the `device_states` alias. `seconds` is a parameter, never text in the SQL.
 */
export function staleSql(seconds: number): Prisma.Sql {
  return Prisma.sql`(d.outcome = 'in_progress' AND d.last_seen_at < now() - make_interval(secs => ${seconds}::float8))`;
}

/** Default of STALE_AFTER_HOURS: the platform's documented 24 h download window (spec §7). */
export const DEFAULT_STALE_AFTER_HOURS = 24;

/**
 * STALE_AFTER_HOURS as seconds (hours, may be fractional, > 0; default 24). An invalid value throws
 * naming the variable, so a typo never silently means "never stale".
 */
export function staleAfterSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.STALE_AFTER_HOURS?.trim();
  if (!raw) return DEFAULT_STALE_AFTER_HOURS * 3600;
  const hours = Number(raw);
  if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 365) throw new Error("Invalid environment: STALE_AFTER_HOURS must be a number of hours above 0 (e.g. 24 or 0.5)");
  return hours * 3600;
}
