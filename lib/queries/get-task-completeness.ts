import "server-only";
import { getDb } from "@/lib/db";
import type { ExpectedSource, TaskCompleteness } from "@/lib/schemas/responses";
import { staleAfterSeconds, staleSql } from "./stale";

interface Row {
  expected: number;
  platform: number;
  declared: number;
  reporters: number;
  reportedExpected: number;
  pending: number;
  succeeded: number;
  failed: number;
  inProgress: number;
  stale: number;
  stopped: number;
  timedOut: number;
  lostPushes: number;
  disagreements: number;
}

/**
 * One task against its target population, in one statement (numbers from one snapshot):
 * - expected: task_targets rows (platform and/or declared); 0 rows means "unknown".
 * - reported / unexpected: device_states rows that are / are not on the target list.
 * - pending: targets with no device_states row.
 * - succeeded / failed / inProgress: device_states outcomes (every reporter); stale: `staleSql`, the
 *   same rule as the stale_devices alert, with STALE_AFTER_HOURS.
 * - stopped / timedOut: targets whose platform_status is STOP / TIMEOUT and that have no result here
 *   (no state row, or still in progress).
 * - lostPushes: notifications with source 'api' (reconciled from the platform, never received).
 * - disagreements: platform SUCCESS but our outcome failed, or FAIL but succeeded.
 * The caller checks that the task exists.
 */
export async function getTaskCompleteness(operationId: string): Promise<TaskCompleteness> {
  const { prisma } = await getDb();
  const seconds = staleAfterSeconds();
  const [r] = await prisma.$queryRaw<Row[]>`
    WITH tt AS (SELECT device_id, source, platform_status FROM task_targets WHERE operation_id = ${operationId}),
    ds AS (SELECT d.device_id, d.outcome, ${staleSql(seconds)} AS stale FROM device_states d WHERE d.operation_id = ${operationId}),
    joined AS (SELECT tt.device_id, tt.platform_status, ds.outcome FROM tt LEFT JOIN ds ON ds.device_id = tt.device_id)
    SELECT
      (SELECT count(*)::int FROM tt) AS expected,
      (SELECT count(*)::int FROM tt WHERE source = 'platform') AS platform,
      (SELECT count(*)::int FROM tt WHERE source = 'declared') AS declared,
      (SELECT count(*)::int FROM ds) AS reporters,
      (SELECT count(*)::int FROM joined WHERE outcome IS NOT NULL) AS "reportedExpected",
      (SELECT count(*)::int FROM joined WHERE outcome IS NULL) AS pending,
      (SELECT count(*)::int FROM ds WHERE outcome = 'succeeded') AS succeeded,
      (SELECT count(*)::int FROM ds WHERE outcome = 'failed') AS failed,
      (SELECT count(*)::int FROM ds WHERE outcome = 'in_progress') AS "inProgress",
      (SELECT count(*)::int FROM ds WHERE stale) AS stale,
      (SELECT count(*)::int FROM joined WHERE platform_status = 'STOP' AND (outcome IS NULL OR outcome = 'in_progress')) AS stopped,
      (SELECT count(*)::int FROM joined WHERE platform_status = 'TIMEOUT' AND (outcome IS NULL OR outcome = 'in_progress')) AS "timedOut",
      (SELECT count(*)::int FROM notifications n WHERE n.operation_id = ${operationId} AND n.source = 'api') AS "lostPushes",
      (SELECT count(*)::int FROM joined
        WHERE (platform_status = 'SUCCESS' AND outcome = 'failed') OR (platform_status = 'FAIL' AND outcome = 'succeeded')) AS disagreements`;
  const row = r!;
  const known = row.expected > 0;
  const unexpected = known ? row.reporters - row.reportedExpected : 0;
  return {
    expected: known ? row.expected : null,
    expectedSource: sourceOf(row.platform, row.declared),
    reported: known ? row.reportedExpected : row.reporters,
    unexpected,
    pending: row.pending,
    succeeded: row.succeeded,
    failed: row.failed,
    inProgress: row.inProgress,
    stale: row.stale,
    staleAfterHours: seconds / 3600,
    stopped: row.stopped,
    timedOut: row.timedOut,
    lostPushes: row.lostPushes,
    disagreements: row.disagreements,
    barTotal: row.reporters + row.pending,
  };
}

function sourceOf(platform: number, declared: number): ExpectedSource {
  if (platform > 0 && declared > 0) return "platform_and_declared";
  if (platform > 0) return "platform";
  return declared > 0 ? "declared" : "unknown";
}
