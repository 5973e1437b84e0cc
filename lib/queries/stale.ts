import "server-only";
import { getEnv } from "@/lib/env";
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

/**
 * STALE_AFTER_HOURS as seconds (hours above 0, may be fractional; default 24). Validated with the rest
 * of the environment (lib/env.ts), so a typo stops the server at start instead of meaning "never stale".
 */
export function staleAfterSeconds(): number {
  return getEnv().STALE_AFTER_HOURS * 3600;
}
