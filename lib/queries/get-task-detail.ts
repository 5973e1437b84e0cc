import "server-only";
import type { TaskDetail } from "@/lib/schemas/responses";
import { getTaskSummary } from "./get-task-summary";
import { errorCodesFrom, firstAttemptFrom, timelineFrom, transitionsFrom } from "./task-breakdowns";
import { readCounters } from "./task-counters";

/** Everything the task page shows above its device list, from the task row and its counters. */
export async function getTaskDetail(operationId: string): Promise<TaskDetail> {
  const counters = await readCounters(["transition", "contradiction", "left_on", "error", "first", "hour"], { operationId });
  const task = await getTaskSummary(operationId, firstAttemptFrom(counters));
  const span = { from: new Date(task.firstSeenAt), to: new Date(task.lastSeenAt) };
  return { task, timeline: timelineFrom(counters, span), transitions: transitionsFrom(counters), errorCodes: errorCodesFrom(counters) };
}
