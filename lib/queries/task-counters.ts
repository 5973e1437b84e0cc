import "server-only";
import { getDb } from "@/lib/db";
import { fromCounterKey, type Facet, type FacetName } from "@/lib/domain/facets";
import { Prisma } from "@/lib/generated/prisma/client";

/** One precomputed counter (lib/domain/facets.ts): a facet with its named fields, and its count. */
export interface CounterRow {
  operationId: string;
  /** The task's kind (software | firmware): which documented code list applies. */
  kind: string;
  value: Facet;
  n: number;
}

/** The non-zero counters of the given facets, for one task or for a set of tasks (by a tasks-t filter). */
export async function readCounters(
  facets: FacetName[],
  scope: { operationId: string } | { taskWhere: Prisma.Sql },
): Promise<CounterRow[]> {
  const { prisma } = await getDb();
  const where =
    "operationId" in scope
      ? Prisma.sql`c.operation_id = ${scope.operationId}`
      : Prisma.sql`c.operation_id IN (SELECT t.operation_id FROM tasks t WHERE ${scope.taskWhere})`;
  const rows = await prisma.$queryRaw<
    { operationId: string; kind: string; facet: string; k1: string; k2: string; k3: string; n: number }[]
  >`
    SELECT c.operation_id AS "operationId", c.facet, t.kind, c.k1, c.k2, c.k3, c.n
    FROM task_counters c JOIN tasks t ON t.operation_id = c.operation_id
    WHERE c.facet IN (${Prisma.join(facets)}) AND ${where} AND c.n <> 0`;
  return rows.flatMap(({ operationId, kind, facet, k1, k2, k3, n }) => {
    const value = fromCounterKey(facet, k1, k2, k3);
    return value ? [{ operationId, kind, value, n }] : [];
  });
}

/** Text order with NULLs last, as the SQL these replaced sorted them. */
export function byNullableText(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
