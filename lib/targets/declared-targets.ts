import "server-only";
import { getDb } from "@/lib/db";

/** What replacing a declared list changed, and the task's target count afterwards (every source). */
export interface DeclaredChange {
  added: number;
  removed: number;
  /** Target devices of the task now: declared plus those the platform reported. */
  total: number;
}

/**
 * Replaces a task's declared target list with `deviceIds` in one transaction: declared rows not in
 * the list are removed, new ids are added as `declared`, and rows the platform reported are never
 * touched (a device the platform already lists stays `platform`; it counts neither as added nor
 * removed). The task need not have sent a push yet: targets are often declared before the rollout.
 * The id list goes in as one array parameter, so 200,000 ids are two statements, not 200,000.
 */
export async function replaceDeclaredTargets(operationId: string, deviceIds: string[]): Promise<DeclaredChange> {
  const { prisma } = await getDb();
  return prisma.$transaction(
    async (tx) => {
      // A declared device the platform has since reported stays, as the platform's; the rest go.
      const adopted = await tx.$executeRaw`
        UPDATE task_targets SET source = 'platform', updated_at = now()
        WHERE operation_id = ${operationId} AND source = 'declared' AND platform_status IS NOT NULL
          AND NOT (device_id = ANY(${deviceIds}::text[]))`;
      const deleted = await tx.$executeRaw`
        DELETE FROM task_targets
        WHERE operation_id = ${operationId} AND source = 'declared' AND NOT (device_id = ANY(${deviceIds}::text[]))`;
      const removed = adopted + deleted;
      const added = await tx.$executeRaw`
        INSERT INTO task_targets (operation_id, device_id, source)
        SELECT ${operationId}, ids.device_id, 'declared' FROM unnest(${deviceIds}::text[]) AS ids(device_id)
        ON CONFLICT (operation_id, device_id) DO NOTHING`;
      const total = await tx.taskTarget.count({ where: { operationId } });
      return { added, removed, total };
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}

/** Removes a task's declared list (platform rows stay); answers how many were removed and what is left. */
export async function deleteDeclaredTargets(operationId: string): Promise<DeclaredChange> {
  const { prisma } = await getDb();
  // A declared device the platform has since reported (platform_status set) stays, as the platform's.
  const [adopted, deleted] = await prisma.$transaction([
    prisma.taskTarget.updateMany({
      where: { operationId, source: "declared", platformStatus: { not: null } },
      data: { source: "platform", updatedAt: new Date() },
    }),
    prisma.taskTarget.deleteMany({ where: { operationId, source: "declared" } }),
  ]);
  const count = adopted.count + deleted.count;
  const total = await prisma.taskTarget.count({ where: { operationId } });
  return { added: 0, removed: count, total };
}
