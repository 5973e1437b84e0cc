import "server-only";
import { getDb } from "@/lib/db";
import type { TransitionRow } from "@/lib/schemas/responses";
import { rate } from "./sql";

interface Row {
  sourceVersion: string | null;
  targetVersion: string | null;
  devices: number;
  succeeded: number;
  failed: number;
  inProgress: number;
  successNotOnTarget: number;
  failOnTarget: number;
}

/**
 * source → target transitions of the devices that reported a result, by their latest result, with the
 * version each failed device was left on and the results that contradict their own versions.
 */
export async function listTaskTransitions(operationId: string): Promise<TransitionRow[]> {
  const { prisma } = await getDb();
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT d.source_version AS "sourceVersion", d.target_version AS "targetVersion", COUNT(*)::int AS devices,
      COUNT(*) FILTER (WHERE d.outcome = 'succeeded')::int AS succeeded,
      COUNT(*) FILTER (WHERE d.outcome = 'failed')::int AS failed,
      COUNT(*) FILTER (WHERE d.outcome = 'in_progress')::int AS "inProgress",
      COUNT(*) FILTER (WHERE d.result = 'SUCCESS' AND d.cur_version IS DISTINCT FROM d.target_version)::int AS "successNotOnTarget",
      COUNT(*) FILTER (WHERE d.result = 'FAIL' AND d.cur_version = d.target_version)::int AS "failOnTarget"
    FROM device_states d
    WHERE d.operation_id = ${operationId} AND d.result IS NOT NULL
    GROUP BY 1, 2
    ORDER BY devices DESC, 1 ASC NULLS LAST, 2 ASC NULLS LAST`;
  const leftOn = await prisma.$queryRaw<{ sourceVersion: string | null; targetVersion: string | null; curVersion: string | null; devices: number }[]>`
    SELECT d.source_version AS "sourceVersion", d.target_version AS "targetVersion", d.cur_version AS "curVersion",
      COUNT(*)::int AS devices
    FROM device_states d
    WHERE d.operation_id = ${operationId} AND d.outcome = 'failed'
    GROUP BY 1, 2, 3
    ORDER BY devices DESC, 3 ASC NULLS LAST`;
  return rows.map((r) => ({
    ...r,
    successRate: rate(r.succeeded, r.succeeded + r.failed),
    leftOn: leftOn
      .filter((l) => l.sourceVersion === r.sourceVersion && l.targetVersion === r.targetVersion)
      .map((l) => ({ curVersion: l.curVersion, devices: l.devices })),
  }));
}
