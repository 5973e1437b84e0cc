import "server-only";
import { getDb } from "@/lib/db";
import type { TaskFilters } from "@/lib/schemas/tasks";
import type { FleetSummary } from "@/lib/schemas/responses";
import { loadOperatorMeanings } from "@/lib/error-codes/dictionary";
import { countLostPushes } from "./count-lost-pushes";
import { rate } from "./sql";
import { errorCodesFrom } from "./task-breakdowns";
import { readCounters } from "./task-counters";
import { taskWhere } from "./task-where";

const TOP_ERROR_CODES = 5;

const isUnfiltered = (f: TaskFilters) => !f.operationId && !f.outcome && !f.from && !f.to;

/** The headline above the task list: totals over the tasks matching the same filters as the list. */
export async function getFleetSummary(f: TaskFilters): Promise<FleetSummary> {
  const { prisma } = await getDb();
  const where = taskWhere(f);
  const [totals] = await prisma.$queryRaw<{ tasks: number; succeeded: number; failed: number; inProgress: number }[]>`
    SELECT COUNT(*)::int AS tasks, COALESCE(SUM(t.succeeded), 0)::int AS succeeded,
      COALESCE(SUM(t.failed), 0)::int AS failed, COALESCE(SUM(t.in_progress), 0)::int AS "inProgress"
    FROM tasks t WHERE ${where}`;
  // The whole fleet is one index count; a filtered view counts the distinct devices of its tasks.
  // (DISTINCT in a subquery, not COUNT(DISTINCT): the planner can then hash instead of sort.)
  const [distinct] = isUnfiltered(f)
    ? await prisma.$queryRaw<{ devices: number }[]>`SELECT COUNT(*)::int AS devices FROM fleet_devices`
    : await prisma.$queryRaw<{ devices: number }[]>`
        SELECT COUNT(*)::int AS devices FROM (
          SELECT DISTINCT d.device_id FROM device_states d JOIN tasks t ON t.operation_id = d.operation_id
          WHERE ${where}) s`;
  const [counters, meanings, lostPushes] = await Promise.all([
    readCounters(["error"], { taskWhere: where }),
    loadOperatorMeanings(),
    countLostPushes(where),
  ]);
  const codes = errorCodesFrom(counters, meanings, TOP_ERROR_CODES);
  const t = totals ?? { tasks: 0, succeeded: 0, failed: 0, inProgress: 0 };
  return {
    tasks: t.tasks,
    devices: distinct?.devices ?? 0,
    succeeded: t.succeeded,
    failed: t.failed,
    inProgress: t.inProgress,
    successRate: rate(t.succeeded, t.succeeded + t.failed),
    lostPushes,
    // Shares of the failed devices in scope (the per-code list is cut to the top five).
    topErrorCodes: codes.map((c) => ({ ...c, share: rate(c.devices, t.failed) ?? 0 })),
  };
}
