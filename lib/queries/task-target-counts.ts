import "server-only";
import { getDb } from "@/lib/db";
import { staleAfterSeconds, staleSql } from "./stale";

export interface TargetCounts {
  /** null when the task has no target list. */
  expected: number | null;
  pending: number;
  stale: number;
}

/**
 * expected / pending / stale for one page of the task list: one grouped query over task_targets and
 * one over the page's in-progress device states (never a query per row). Same definitions as
 * getTaskCompleteness. Tasks absent from the result have no targets and nothing stale.
 */
export async function countTargetsForTasks(operationIds: string[]): Promise<Map<string, TargetCounts>> {
  const out = new Map<string, TargetCounts>();
  if (operationIds.length === 0) return out;
  const { prisma } = await getDb();
  const [targets, stale] = await Promise.all([
    prisma.$queryRaw<{ operationId: string; expected: number; pending: number }[]>`
      SELECT tt.operation_id AS "operationId", count(*)::int AS expected,
        count(*) FILTER (WHERE NOT EXISTS (
          SELECT 1 FROM device_states d WHERE d.operation_id = tt.operation_id AND d.device_id = tt.device_id))::int AS pending
      FROM task_targets tt WHERE tt.operation_id = ANY(${operationIds}::text[])
      GROUP BY tt.operation_id`,
    prisma.$queryRaw<{ operationId: string; stale: number }[]>`
      SELECT d.operation_id AS "operationId", count(*)::int AS stale
      FROM device_states d WHERE d.operation_id = ANY(${operationIds}::text[]) AND ${staleSql(staleAfterSeconds())}
      GROUP BY d.operation_id`,
  ]);
  for (const id of operationIds) out.set(id, { expected: null, pending: 0, stale: 0 });
  for (const t of targets) Object.assign(out.get(t.operationId)!, { expected: t.expected, pending: t.pending });
  for (const s of stale) out.get(s.operationId)!.stale = s.stale;
  return out;
}
