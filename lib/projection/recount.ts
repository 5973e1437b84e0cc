import "server-only";
import { KEY_MAX_CHARS } from "@/lib/domain/facets";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";

// The task counters recomputed from device_states and notifications in one query: the same
// definitions as counterKeysOf()/hourKey()/warningKeys(), long key parts capped as capKeyPart() does. Used to fill counters after a bulk load, and by tests
// to prove the incremental upkeep never drifts.
const cap = (col: string) =>
  Prisma.raw(
    `CASE WHEN char_length(${col}) > ${KEY_MAX_CHARS} THEN left(${col}, ${KEY_MAX_CHARS - 1}) || '…' ELSE ${col} END`,
  );

export const RECOUNT = Prisma.sql`
  SELECT operation_id, facet, ${cap("k1")} AS k1, ${cap("k2")} AS k2, ${cap("k3")} AS k3, COUNT(*)::int AS n FROM (
      SELECT operation_id, 'transition' AS facet, COALESCE(source_version, '') AS k1, COALESCE(target_version, '') AS k2, outcome AS k3
      FROM device_states WHERE result IS NOT NULL
    UNION ALL
      SELECT operation_id, 'contradiction', COALESCE(source_version, ''), COALESCE(target_version, ''),
        CASE WHEN result = 'SUCCESS' THEN 'success_not_on_target' ELSE 'fail_on_target' END
      FROM device_states
      WHERE (result = 'SUCCESS' AND cur_version IS DISTINCT FROM target_version) OR (result = 'FAIL' AND cur_version = target_version)
    UNION ALL
      SELECT operation_id, 'left_on', COALESCE(source_version, ''), COALESCE(target_version, ''), COALESCE(cur_version, '')
      FROM device_states WHERE outcome = 'failed'
    UNION ALL
      SELECT operation_id, 'error', COALESCE(error_code, CASE WHEN kind = 'firmware' THEN result_desc END, ''),
        COALESCE(description, result_desc, ''), ''
      FROM device_states WHERE outcome = 'failed'
    UNION ALL
      SELECT operation_id, 'first', 'with_result', '', '' FROM device_states WHERE first_result IS NOT NULL
    UNION ALL
      SELECT operation_id, 'first', 'first_ok', '', '' FROM device_states WHERE first_result = 'SUCCESS'
    UNION ALL
      SELECT operation_id, 'first', 'recovered', '', '' FROM device_states WHERE outcome = 'succeeded' AND failed_attempts > 0
    UNION ALL
      SELECT operation_id, 'hour', to_char(date_trunc('hour', received_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD"T"HH24":00:00.000Z"'), result, ''
      FROM notifications WHERE event = 'result' AND source = 'push'
    UNION ALL
      SELECT n.operation_id, 'warning', COALESCE(w->>'field', ''), COALESCE(w->>'problem', ''), ''
      FROM notifications n, jsonb_array_elements(n.warnings) w
  ) c
  GROUP BY 1, 2, 3, 4, 5`;

export interface CounterRow {
  operation_id: string;
  facet: string;
  k1: string;
  k2: string;
  k3: string;
  n: number;
}

export function recountCounters(prisma: PrismaClient): Promise<CounterRow[]> {
  return prisma.$queryRaw<CounterRow[]>`${RECOUNT} ORDER BY 1, 2, 3, 4, 5`;
}

/** Replaces every counter (and the fleet device list) with a recount. For bulk loads, not live use. */
export async function rebuildCounters(prisma: PrismaClient): Promise<void> {
  await prisma.$transaction(
    async (tx) => {
      // A recount of millions of rows outlasts the request-sized statement timeout of the app's pool.
      await tx.$executeRaw`SET LOCAL statement_timeout = 0`;
      await tx.$executeRaw`TRUNCATE task_counters, fleet_devices`;
      await tx.$executeRaw`INSERT INTO task_counters (operation_id, facet, k1, k2, k3, n) ${RECOUNT}`;
      await tx.$executeRaw`INSERT INTO fleet_devices (device_id, first_seen_at) SELECT device_id, MIN(first_seen_at) FROM device_states GROUP BY device_id`;
    },
    { timeout: 30 * 60_000, maxWait: 10_000 },
  );
}
