import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TaskFilters } from "@/lib/schemas/tasks";
import { containsPattern, parseInstant } from "./sql";

/**
 * WHERE conditions on `tasks t` for the task-list filters (`operationId` also matches labels). The time range keeps tasks whose activity
 * (first seen … last seen) overlaps [from, to].
 */
export function taskWhere(f: TaskFilters): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`TRUE`];
  // The search box matches the operationId or the operator's label.
  if (f.operationId) {
    const p = containsPattern(f.operationId);
    parts.push(Prisma.sql`(t.operation_id ILIKE ${p} ESCAPE '\\'
      OR EXISTS (SELECT 1 FROM task_labels l WHERE l.operation_id = t.operation_id AND l.label ILIKE ${p} ESCAPE '\\'))`);
  }
  if (f.outcome === "has_failures") parts.push(Prisma.sql`t.failed > 0`);
  if (f.outcome === "all_succeeded") parts.push(Prisma.sql`t.devices > 0 AND t.succeeded = t.devices`);
  if (f.outcome === "in_progress") parts.push(Prisma.sql`t.in_progress > 0`);
  const from = parseInstant(f.from, "from");
  const to = parseInstant(f.to, "to");
  if (from) parts.push(Prisma.sql`t.last_seen_at >= ${from}`);
  if (to) parts.push(Prisma.sql`t.first_seen_at <= ${to}`);
  return Prisma.join(parts, " AND ");
}
