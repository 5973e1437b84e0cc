import { z } from "zod";
import { cursorParam, instantParam, optionalText, orderParam, pageLimit } from "./common";

// GET /api/tasks, /api/summary, /api/failed.csv and the `/` page share these filters.

export const TASK_OUTCOMES = ["has_failures", "all_succeeded", "in_progress"] as const;
export type TaskOutcomeFilter = (typeof TASK_OUTCOMES)[number];

const TASK_SORT_KEYS = [
  "operationId",
  "kind",
  "appId",
  "devices",
  "succeeded",
  "failed",
  "inProgress",
  "successRate",
  "firstSeenAt",
  "lastSeenAt",
] as const;
export type TaskSortKey = (typeof TASK_SORT_KEYS)[number];

const outcome = z.preprocess((v) => (v === "" ? undefined : v), z.enum(TASK_OUTCOMES).optional());
const sort = z.preprocess((v) => (v === "" ? undefined : v), z.enum(TASK_SORT_KEYS).default("lastSeenAt"));

const TaskFilterFields = z.object({
  operationId: optionalText(),
  outcome,
  from: instantParam,
  to: instantParam,
});

/** The filter parameters (not sort or paging): what the exports and the summary take. */
export const TASK_FILTER_KEYS = Object.keys(TaskFilterFields.shape) as (keyof typeof TaskFilterFields.shape)[];

const rangeInOrder = (q: { from?: string; to?: string }) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to);
const rangeProblem = { message: "must not be after `to`", path: ["from"] };

export const TaskFiltersSchema = TaskFilterFields.refine(rangeInOrder, rangeProblem);
export type TaskFilters = z.infer<typeof TaskFiltersSchema>;

export const TaskListQuerySchema = TaskFilterFields.extend({
  sort,
  order: orderParam,
  cursor: cursorParam,
  limit: pageLimit,
}).refine(rangeInOrder, rangeProblem);
export type TaskListQuery = z.infer<typeof TaskListQuerySchema>;

/** Text columns read best A→Z; numbers and times biggest/latest first. */
export function defaultOrder(sort: TaskSortKey): "asc" | "desc" {
  return sort === "operationId" || sort === "kind" || sort === "appId" ? "asc" : "desc";
}
