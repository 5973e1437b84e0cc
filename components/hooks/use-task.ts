import useSWR from "swr";
import { taskKey } from "@/lib/schemas/api-url";
import type { TaskDetail } from "@/lib/schemas/responses";
import { fetcher, liveOptions } from "./fetcher";

/** GET /api/tasks/{operationId} – headline, timeline, transitions and error codes, live. */
export function useTask(operationId: string) {
  return useSWR<TaskDetail>(taskKey(operationId), fetcher, liveOptions);
}
