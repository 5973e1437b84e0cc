import "server-only";
import { getDb } from "@/lib/db";

export interface TaskLabelState {
  operationId: string;
  /** null when the task has no label (an empty label deletes it). */
  label: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
}

/**
 * Sets (or, with an empty label, removes) an operator's name for a task. `label` is already trimmed
 * and at most 80 characters (the route's schema). `by` is the operator, or "open access" on a server
 * without sign-in.
 */
export async function setTaskLabel(operationId: string, label: string, by: string): Promise<TaskLabelState> {
  const { prisma } = await getDb();
  if (label === "") {
    await prisma.taskLabel.deleteMany({ where: { operationId } });
    return { operationId, label: null, updatedAt: null, updatedBy: null };
  }
  const row = await prisma.taskLabel.upsert({
    where: { operationId },
    create: { operationId, label, updatedBy: by },
    update: { label, updatedBy: by, updatedAt: new Date() },
  });
  return { operationId, label: row.label, updatedAt: row.updatedAt.toISOString(), updatedBy: row.updatedBy };
}
