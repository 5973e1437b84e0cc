import { z } from "zod";
import { cursorParam, optionalText, pageLimit } from "./common";

// GET /api/tasks/{operationId}/devices, its failed.csv and the task page's device list share these.

// `stale` = in progress with no event for STALE_AFTER_HOURS; `pending` = expected (task_targets) but
// never reported, listed from the target list since such a device has no state of its own.
export const DEVICE_OUTCOMES = ["succeeded", "failed", "in_progress", "stale", "pending"] as const;
export type DeviceOutcome = (typeof DEVICE_OUTCOMES)[number];

/** errorCode filter value that selects failed devices which reported no code at all. */
export const NO_ERROR_CODE = "(none)";

export const DeviceFiltersSchema = z.object({
  outcome: z.preprocess((v) => (v === "" ? undefined : v), z.enum(DEVICE_OUTCOMES).optional()),
  errorCode: optionalText(),
  sourceVersion: optionalText(),
  targetVersion: optionalText(),
  deviceId: optionalText(),
});
export type DeviceFilters = z.infer<typeof DeviceFiltersSchema>;

export const DeviceListQuerySchema = DeviceFiltersSchema.extend({
  cursor: cursorParam,
  limit: pageLimit,
});
export type DeviceListQuery = z.infer<typeof DeviceListQuerySchema>;

/** A path segment id (operationId, deviceId): what the receiver accepts, nothing longer. */
export const PathIdSchema = z.string().min(1).max(256);
