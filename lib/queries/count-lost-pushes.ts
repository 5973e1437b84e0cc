import "server-only";
import { getDb } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Lost pushes over the tasks a task-list filter selects: notifications with source 'api' (results
 * the platform reported that never arrived as a push, reconciled from its API). A rising count means
 * our callback is losing traffic. Read through the partial index on 'api' rows (migration
 * 20261129180000), so it costs the lost pushes, not the pushes. `where` is taskWhere() on `tasks t`.
 */
export async function countLostPushes(where: Prisma.Sql): Promise<number> {
  const { prisma } = await getDb();
  const [row] = await prisma.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM notifications n
    WHERE n.source = 'api' AND EXISTS (SELECT 1 FROM tasks t WHERE t.operation_id = n.operation_id AND ${where})`;
  return row?.n ?? 0;
}
