import "server-only";
import { getDb } from "@/lib/db";
import type { TaskFilters } from "@/lib/schemas/tasks";
import type { FleetSummary } from "@/lib/schemas/responses";
import { ERROR_CODE_SQL, rate } from "./sql";
import { taskWhere } from "./task-where";

const TOP_ERROR_CODES = 5;

/** The headline above the task list: totals over the tasks matching the same filters as the list. */
export async function getFleetSummary(f: TaskFilters): Promise<FleetSummary> {
  const { prisma } = await getDb();
  const where = taskWhere(f);
  const [totals] = await prisma.$queryRaw<{ tasks: number; succeeded: number; failed: number; inProgress: number }[]>`
    SELECT COUNT(*)::int AS tasks, COALESCE(SUM(t.succeeded), 0)::int AS succeeded,
      COALESCE(SUM(t.failed), 0)::int AS failed, COALESCE(SUM(t.in_progress), 0)::int AS "inProgress"
    FROM tasks t WHERE ${where}`;
  // DISTINCT in a subquery, not COUNT(DISTINCT): the planner can then hash instead of sorting every
  // device_states row (1.77 s → 0.77 s over 970k rows; BENCHMARKS.md).
  const [distinct] = await prisma.$queryRaw<{ devices: number }[]>`
    SELECT COUNT(*)::int AS devices FROM (
      SELECT DISTINCT d.device_id FROM device_states d JOIN tasks t ON t.operation_id = d.operation_id
      WHERE ${where}) s`;
  const codes = await prisma.$queryRaw<{ errorCode: string | null; description: string | null; devices: number }[]>`
    SELECT ${ERROR_CODE_SQL} AS "errorCode", COUNT(*)::int AS devices,
      mode() WITHIN GROUP (ORDER BY COALESCE(d.description, d.result_desc)) AS description
    FROM device_states d JOIN tasks t ON t.operation_id = d.operation_id
    WHERE ${where} AND d.outcome = 'failed'
    GROUP BY 1
    ORDER BY devices DESC, 1 ASC NULLS LAST
    LIMIT ${TOP_ERROR_CODES}`;
  const t = totals ?? { tasks: 0, succeeded: 0, failed: 0, inProgress: 0 };
  return {
    tasks: t.tasks,
    devices: distinct?.devices ?? 0,
    succeeded: t.succeeded,
    failed: t.failed,
    inProgress: t.inProgress,
    successRate: rate(t.succeeded, t.succeeded + t.failed),
    topErrorCodes: codes.map((c) => ({ ...c, share: rate(c.devices, t.failed) ?? 0 })),
  };
}
