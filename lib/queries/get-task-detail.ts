import "server-only";
import type { TaskDetail } from "@/lib/schemas/responses";
import { getTaskCompleteness } from "./get-task-completeness";
import { getTaskSummary } from "./get-task-summary";
import { loadOperatorMeanings } from "@/lib/error-codes/dictionary";
import { errorCodesFrom, firstAttemptFrom, timelineFrom, transitionsFrom, warningsFrom } from "./task-breakdowns";
import { readCounters } from "./task-counters";

/** Everything the task page shows above its device list, from the task row and its counters. */
export async function getTaskDetail(operationId: string): Promise<TaskDetail> {
  const [counters, meanings] = await Promise.all([
    readCounters(["transition", "contradiction", "left_on", "error", "first", "hour", "warning"], { operationId }),
    loadOperatorMeanings(),
  ]);
  const task = await getTaskSummary(operationId, firstAttemptFrom(counters));
  const completeness = await getTaskCompleteness(operationId);
  const span = { from: new Date(task.firstSeenAt), to: new Date(task.lastSeenAt) };
  return {
    task,
    timeline: timelineFrom(counters, span),
    transitions: transitionsFrom(counters),
    errorCodes: errorCodesFrom(counters, meanings),
    warnings: warningsFrom(counters),
    completeness,
  };
}
