import "server-only";
import type { TaskDetail } from "@/lib/schemas/responses";
import { getTaskSummary } from "./get-task-summary";
import { getTaskTimeline } from "./get-task-timeline";
import { listTaskErrorCodes } from "./list-task-error-codes";
import { listTaskTransitions } from "./list-task-transitions";

/** Everything the task page shows above its device list; unknown operationId → not_found. */
export async function getTaskDetail(operationId: string): Promise<TaskDetail> {
  const task = await getTaskSummary(operationId);
  const span = { from: new Date(task.firstSeenAt), to: new Date(task.lastSeenAt) };
  const [timeline, transitions, errorCodes] = await Promise.all([
    getTaskTimeline(operationId, span),
    listTaskTransitions(operationId),
    listTaskErrorCodes(operationId),
  ]);
  return { task, timeline, transitions, errorCodes };
}
