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

export function devicePath(deviceId: string): string {
  return `/api/devices/${encodeURIComponent(deviceId)}`;
}

// The SWR keys (and fallback keys) of each resource: one builder per resource, used on both sides.

export function tasksKey(q: { operationId?: string; outcome?: string; from?: string; to?: string; sort?: string; order?: string; cursor?: string; limit?: number }): string {
  return apiUrl("/api/tasks", { ...q });
}

export function summaryKey(f: { operationId?: string; outcome?: string; from?: string; to?: string }): string {
  return apiUrl("/api/summary", { operationId: f.operationId, outcome: f.outcome, from: f.from, to: f.to });
}

/** /api/failed.csv for the task-list filters. */
export function allFailedCsvUrl(f: { operationId?: string; outcome?: string; from?: string; to?: string }): string {
  return apiUrl("/api/failed.csv", { operationId: f.operationId, outcome: f.outcome, from: f.from, to: f.to });
}

export function taskKey(operationId: string): string {
  return taskPath(operationId);
}

type DeviceParams = { outcome?: string; errorCode?: string; sourceVersion?: string; targetVersion?: string; deviceId?: string };

export function taskDevicesKey(operationId: string, q: DeviceParams & { cursor?: string; limit?: number }): string {
  return apiUrl(taskPath(operationId, "/devices"), { ...q });
}

/** The task's failed.csv with the device list's current filters (no paging). */
export function taskFailedCsvUrl(operationId: string, f: DeviceParams): string {
  const { outcome, errorCode, sourceVersion, targetVersion, deviceId } = f;
  return apiUrl(taskPath(operationId, "/failed.csv"), { outcome, errorCode, sourceVersion, targetVersion, deviceId });
}

export function deviceKey(deviceId: string): string {
  return devicePath(deviceId);
}

export function quarantineKey(q: { cursor?: string; limit?: number }): string {
  return apiUrl("/api/quarantine", { cursor: q.cursor, limit: q.limit });
}

/** The error-code dictionary (documented codes and operators' meanings). */
export function errorCodesKey(): string {
  return "/api/error-codes";
}

// The other exports beside each failed.csv: same filters, other formats.

/** /api/failed.xlsx for the task-list filters. */
export function allFailedXlsxUrl(f: { operationId?: string; outcome?: string; from?: string; to?: string }): string {
  return apiUrl("/api/failed.xlsx", { operationId: f.operationId, outcome: f.outcome, from: f.from, to: f.to });
}

/** The task's failed.xlsx with the device list's current filters. */
export function taskFailedXlsxUrl(operationId: string, f: DeviceParams): string {
  const { outcome, errorCode, sourceVersion, targetVersion, deviceId } = f;
  return apiUrl(taskPath(operationId, "/failed.xlsx"), { outcome, errorCode, sourceVersion, targetVersion, deviceId });
}

/** The task's retry.txt with the device list's current filters. */
export function taskRetryListUrl(operationId: string, f: DeviceParams): string {
  const { outcome, errorCode, sourceVersion, targetVersion, deviceId } = f;
  return apiUrl(taskPath(operationId, "/retry.txt"), { outcome, errorCode, sourceVersion, targetVersion, deviceId });
}

/** A task's disagreements (platform status vs our outcome), one keyset page. */
export function taskDisagreementsKey(operationId: string, q: { cursor?: string; limit?: number }): string {
  return apiUrl(taskPath(operationId, "/disagreements"), { cursor: q.cursor, limit: q.limit });
}
