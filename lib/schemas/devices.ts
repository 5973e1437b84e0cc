import { z } from "zod";
import { cursorParam, optionalText, pageLimit } from "./common";

// GET /api/tasks/{operationId}/devices, its failed.csv and the task page's device list share these.

export const DEVICE_OUTCOMES = ["succeeded", "failed", "in_progress"] as const;
/** A device's outcome in a task: its latest result, or in progress while it has none. The one outcome type. */
export type DeviceOutcome = (typeof DEVICE_OUTCOMES)[number];

/**
 * What the device list filters by: an outcome, or `stale` (in progress with no event for
 * STALE_AFTER_HOURS) or `pending` (expected, from task_targets, but never reported: listed from the
 * target list since such a device has no state of its own).
 */
export const DEVICE_LIST_STATES = [...DEVICE_OUTCOMES, "stale", "pending"] as const;
export type DeviceListState = (typeof DEVICE_LIST_STATES)[number];

/** errorCode filter value that selects failed devices which reported no code at all. */
export const NO_ERROR_CODE = "(none)";

export const DeviceFiltersSchema = z.object({
  outcome: z.preprocess((v) => (v === "" ? undefined : v), z.enum(DEVICE_LIST_STATES).optional()),
  errorCode: optionalText(),
  sourceVersion: optionalText(),
  targetVersion: optionalText(),
  deviceId: optionalText(),
});
export type DeviceFilters = z.infer<typeof DeviceFiltersSchema>;
/** The device filter parameters (not paging): what the exports take. */
export const DEVICE_FILTER_KEYS = Object.keys(DeviceFiltersSchema.shape) as (keyof DeviceFilters)[];

export const DeviceListQuerySchema = DeviceFiltersSchema.extend({
  cursor: cursorParam,
  limit: pageLimit,
});
export type DeviceListQuery = z.infer<typeof DeviceListQuerySchema>;

/** A path segment id (operationId, deviceId): what the receiver accepts, nothing longer. */
export const PathIdSchema = z.string().min(1).max(256);
