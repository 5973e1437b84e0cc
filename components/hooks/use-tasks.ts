import useSWR from "swr";
import { tasksKey } from "@/lib/schemas/api-url";
import type { Page, TaskRow } from "@/lib/schemas/responses";
import type { TaskListQuery } from "@/lib/schemas/tasks";
import { fetcher, liveOptions } from "./fetcher";

/** GET /api/tasks – one page of the task list, live. */
export function useTasks(query: TaskListQuery) {
  return useSWR<Page<TaskRow>>(tasksKey(query), fetcher, liveOptions);
}
