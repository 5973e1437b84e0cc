import { DEVICE_FILTER_KEYS, type DeviceFilters, type DeviceListQuery } from "./devices";
import type { QuarantineQuery } from "./quarantine";
import { TASK_FILTER_KEYS, type TaskFilters, type TaskListQuery } from "./tasks";

// Builds the one canonical URL for an API resource: the SWR key in the browser, the fallback key on the
// server, the CSV link. Empty values are dropped and keys sorted so equal filters give equal keys.

export type QueryValues = Record<string, string | number | null | undefined>;

export function apiUrl(path: string, params: QueryValues = {}): string {
  const search = new URLSearchParams();
  for (const key of Object.keys(params).sort()) {
    const value = params[key];
    if (value === undefined || value === null || value === "") continue;
    search.set(key, String(value));
  }
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

/** `/api/tasks/{id}` with the id encoded as one path segment. */
export function taskPath(operationId: string, suffix = ""): string {
  return `/api/tasks/${encodeURIComponent(operationId)}${suffix}`;
}

function devicePath(deviceId: string): string {
  return `/api/devices/${encodeURIComponent(deviceId)}`;
}

// The SWR keys (and fallback keys) of each resource: one builder per resource, used on both sides.
// Parameters are typed by the filter schemas, and the export URLs take exactly the schema's filter
// fields, so a filter added to a schema reaches every URL built from it.

type Params<T> = { [K in keyof T]?: T[K] | null };
type TaskFilterParams = Params<TaskFilters>;
type DeviceFilterParams = Params<DeviceFilters>;

function pick<T extends object>(values: T, keys: readonly string[]): QueryValues {
  const out: QueryValues = {};
  for (const key of keys) out[key] = (values as Record<string, string | number | null | undefined>)[key];
  return out;
}

const taskFilters = (f: TaskFilterParams) => pick(f, TASK_FILTER_KEYS);
const deviceFilters = (f: DeviceFilterParams) => pick(f, DEVICE_FILTER_KEYS);

export function tasksKey(q: Params<TaskListQuery>): string {
  return apiUrl("/api/tasks", { ...taskFilters(q), sort: q.sort, order: q.order, cursor: q.cursor, limit: q.limit });
}

export function summaryKey(f: TaskFilterParams): string {
  return apiUrl("/api/summary", taskFilters(f));
}

export function taskKey(operationId: string): string {
  return taskPath(operationId);
}

export function taskDevicesKey(operationId: string, q: Params<DeviceListQuery>): string {
  return apiUrl(taskPath(operationId, "/devices"), { ...deviceFilters(q), cursor: q.cursor, limit: q.limit });
}

export function deviceKey(deviceId: string): string {
  return devicePath(deviceId);
}

export function quarantineKey(q: Params<QuarantineQuery>): string {
  return apiUrl("/api/quarantine", { cursor: q.cursor, limit: q.limit });
}

/** The error-code dictionary (documented codes and operators' meanings). */
export function errorCodesKey(): string {
  return "/api/error-codes";
}

// Exports: the same filters as the view beside them, no paging.

/** /api/failed.csv for the task-list filters. */
export function allFailedCsvUrl(f: TaskFilterParams): string {
  return apiUrl("/api/failed.csv", taskFilters(f));
}

/** /api/failed.xlsx for the task-list filters. */
export function allFailedXlsxUrl(f: TaskFilterParams): string {
  return apiUrl("/api/failed.xlsx", taskFilters(f));
}

/** The task's failed.csv with the device list's current filters. */
export function taskFailedCsvUrl(operationId: string, f: DeviceFilterParams): string {
  return apiUrl(taskPath(operationId, "/failed.csv"), deviceFilters(f));
}

/** The task's failed.xlsx with the device list's current filters. */
export function taskFailedXlsxUrl(operationId: string, f: DeviceFilterParams): string {
  return apiUrl(taskPath(operationId, "/failed.xlsx"), deviceFilters(f));
}

/** The task's retry.txt with the device list's current filters. */
export function taskRetryListUrl(operationId: string, f: DeviceFilterParams): string {
  return apiUrl(taskPath(operationId, "/retry.txt"), deviceFilters(f));
}

/** A task's disagreements (platform status vs our outcome), one keyset page. */
export function taskDisagreementsKey(operationId: string, q: { cursor?: string; limit?: number }): string {
  return apiUrl(taskPath(operationId, "/disagreements"), { cursor: q.cursor, limit: q.limit });
}
