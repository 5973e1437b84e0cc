import "server-only";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { FUTURE_SKEW_MS, PLAUSIBLE_FLOOR } from "./ordering";

// The ordering rule of ./ordering.ts in SQL, for recounts and rebuilds over the notifications log
// (the migration 20261129100000_ordering_rule uses the same text). tests/integration/ordering.test.ts
// proves it picks the same latest and first result as the ingest reducer on generated data.

/** `n`'s plausible device time, or NULL. */
export const PLAUSIBLE_SQL = Prisma.sql`CASE WHEN n.upgrade_at >= ${new Date(PLAUSIBLE_FLOOR)}::timestamptz
  AND n.upgrade_at <= n.received_at + ${`${FUTURE_SKEW_MS} milliseconds`}::interval THEN n.upgrade_at END`;

export interface OrderedPick {
  operationId: string;
  deviceId: string;
  latestId: bigint;
  firstId: bigint;
}

/** Latest and first result id of every (task, device) with a stored result, by the rule. */
export function pickLatestAndFirst(prisma: PrismaClient): Promise<OrderedPick[]> {
  return prisma.$queryRaw<OrderedPick[]>`
    WITH r AS (
      SELECT n.id, n.operation_id, n.device_id, n.received_at, ${PLAUSIBLE_SQL} AS dt
      FROM notifications n WHERE n.event = 'result' AND n.result IS NOT NULL
        -- a pushed result outranks one reconciled from the platform: those count only without any push
        AND (n.source = 'push' OR NOT EXISTS (SELECT 1 FROM notifications p WHERE p.operation_id = n.operation_id
          AND p.device_id = n.device_id AND p.event = 'result' AND p.result IS NOT NULL AND p.source = 'push'))
    ), lu AS (
      -- the last result without a plausible device time (by arrival)
      SELECT DISTINCT ON (operation_id, device_id) operation_id, device_id, received_at AS u_at, id AS u_id
      FROM r WHERE dt IS NULL ORDER BY operation_id, device_id, received_at DESC, id DESC
    ), latest AS (
      -- it, or the latest by device time among the timed results that arrived after it
      SELECT DISTINCT ON (r.operation_id, r.device_id) r.operation_id, r.device_id, r.id
      FROM r LEFT JOIN lu ON lu.operation_id = r.operation_id AND lu.device_id = r.device_id
      WHERE lu.u_id IS NULL OR (r.received_at, r.id) >= (lu.u_at, lu.u_id)
      ORDER BY r.operation_id, r.device_id, (r.dt IS NULL), r.dt DESC, r.received_at DESC, r.id DESC
    ), f1 AS (
      SELECT DISTINCT ON (operation_id, device_id) operation_id, device_id, id, (dt IS NULL) AS untimed
      FROM r ORDER BY operation_id, device_id, received_at, id
    ), first AS (
      -- the first arrival when it has no plausible time (nothing can be earlier than it by arrival),
      -- else the earliest plausible device time
      SELECT DISTINCT ON (r.operation_id, r.device_id) r.operation_id, r.device_id, r.id
      FROM r JOIN f1 ON f1.operation_id = r.operation_id AND f1.device_id = r.device_id
      WHERE (f1.untimed AND r.id = f1.id) OR (NOT f1.untimed AND r.dt IS NOT NULL)
      ORDER BY r.operation_id, r.device_id, r.dt ASC, r.received_at, r.id
    )
    SELECT l.operation_id AS "operationId", l.device_id AS "deviceId", l.id AS "latestId", f.id AS "firstId"
    FROM latest l JOIN first f ON f.operation_id = l.operation_id AND f.device_id = l.device_id
    ORDER BY 1, 2`;
}
