import "server-only";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { TaskSummary } from "@/lib/schemas/responses";
import { getPlatformTaskMeta } from "./platform-task-meta";
import { rate, toIso } from "./sql";

/** One task's headline numbers (first-attempt figures from its counters); unknown operationId → not_found. */
export async function getTaskSummary(
  operationId: string,
  e: { withResult: number; firstOk: number; recovered: number },
): Promise<TaskSummary> {
  const { prisma } = await getDb();
  const [task, label, platform] = await Promise.all([
    prisma.task.findUnique({ where: { operationId } }),
    prisma.taskLabel.findUnique({ where: { operationId }, select: { label: true } }),
    getPlatformTaskMeta(prisma, [operationId]),
  ]);
  if (!task)
    throw new AppError("not_found", `No task with operationId ${JSON.stringify(operationId)} has been received.`);
  return {
    operationId: task.operationId,
    label: label?.label ?? null,
    platform: platform.get(operationId) ?? null,
    kind: task.kind,
    appId: task.appId,
    devices: task.devices,
    succeeded: task.succeeded,
    failed: task.failed,
    inProgress: task.inProgress,
    notifications: task.notifications,
    successRate: rate(task.succeeded, task.succeeded + task.failed),
    firstAttemptSuccessRate: rate(e.firstOk, e.withResult),
    firstAttemptSucceeded: e.firstOk,
    devicesWithResult: e.withResult,
    recovered: e.recovered,
    firstSeenAt: toIso(task.firstSeenAt),
    lastSeenAt: toIso(task.lastSeenAt),
    lastResultAt: toIso(task.lastResultAt),
  };
}
