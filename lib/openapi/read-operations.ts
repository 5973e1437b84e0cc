import { DeviceFiltersSchema, DeviceListQuerySchema, PathIdSchema } from "@/lib/schemas/devices";
import { QuarantineQuerySchema } from "@/lib/schemas/quarantine";
import { TaskFiltersSchema, TaskListQuerySchema } from "@/lib/schemas/tasks";
import { JSON_TYPE, XLSX_TYPE, type Operation } from "./operation";

// The read side: tasks, devices, exports, quarantine.

const operationId = { operationId: PathIdSchema };
const deviceId = { deviceId: PathIdSchema };
const taskFiltersExample = { outcome: "has_failures", from: "2026-01-01", to: "2026-01-31" };
const deviceFiltersExample = { outcome: "failed", errorCode: "5" };

export const READ_OPERATIONS: Operation[] = [
  {
    path: "/api/tasks",
    method: "get",
    summary: "Tasks, filtered, sorted and keyset-paged",
    query: TaskListQuerySchema,
    queryExample: { ...taskFiltersExample, sort: "failed", order: "desc", limit: "50" },
    ok: { status: 200, type: JSON_TYPE, description: "`{ items: TaskRow[], nextCursor }`" },
    errors: ["invalid_query"],
  },
  {
    path: "/api/summary",
    method: "get",
    summary: "Fleet totals and top error codes over the filtered tasks",
    query: TaskFiltersSchema,
    queryExample: taskFiltersExample,
    ok: {
      status: 200,
      type: JSON_TYPE,
      description: "`{ tasks, devices, succeeded, failed, inProgress, successRate, topErrorCodes }`",
    },
    errors: ["invalid_query"],
  },
  {
    path: "/api/failed.csv",
    method: "get",
    summary: "Failed devices of the filtered tasks, as CSV",
    query: TaskFiltersSchema,
    queryExample: taskFiltersExample,
    ok: { status: 200, type: "text/csv", description: "One row per failed device" },
    errors: ["invalid_query"],
  },
  {
    path: "/api/failed.xlsx",
    method: "get",
    summary: "Failed devices of the filtered tasks, as a workbook",
    query: TaskFiltersSchema,
    queryExample: taskFiltersExample,
    ok: {
      status: 200,
      type: XLSX_TYPE,
      description: "A sheet per task plus an About sheet",
    },
    errors: ["invalid_query"],
  },
  {
    path: "/api/tasks/{operationId}",
    method: "get",
    summary: "One task: counters, timeline, transitions, error codes, warnings",
    pathParams: operationId,
    ok: { status: 200, type: JSON_TYPE, description: "`{ task, timeline, transitions, errorCodes, warnings }`" },
    errors: ["not_found"],
  },
  {
    path: "/api/tasks/{operationId}/devices",
    method: "get",
    summary: "The task's devices, filtered and keyset-paged",
    pathParams: operationId,
    query: DeviceListQuerySchema,
    queryExample: { ...deviceFiltersExample, limit: "100" },
    ok: { status: 200, type: JSON_TYPE, description: "`{ items: DeviceRow[], nextCursor }`" },
    errors: ["invalid_query", "not_found"],
  },
  {
    path: "/api/tasks/{operationId}/failed.csv",
    method: "get",
    summary: "The task's failed devices, as CSV",
    pathParams: operationId,
    query: DeviceFiltersSchema,
    queryExample: deviceFiltersExample,
    ok: { status: 200, type: "text/csv", description: "One row per failed device" },
    errors: ["invalid_query", "not_found"],
  },
  {
    path: "/api/tasks/{operationId}/failed.xlsx",
    method: "get",
    summary: "The task's failed devices, as a workbook",
    pathParams: operationId,
    query: DeviceFiltersSchema,
    queryExample: deviceFiltersExample,
    ok: {
      status: 200,
      type: XLSX_TYPE,
      description: "Failed devices plus an About sheet",
    },
    errors: ["invalid_query", "not_found"],
  },
  {
    path: "/api/tasks/{operationId}/retry.txt",
    method: "get",
    summary: "Device ids to put in a retry task, one a line",
    pathParams: operationId,
    query: DeviceFiltersSchema,
    queryExample: { errorCode: "5" },
    ok: { status: 200, type: "text/plain", description: "Device ids whose latest outcome is failed" },
    errors: ["invalid_query", "not_found"],
  },
  {
    path: "/api/devices/{deviceId}",
    method: "get",
    summary: "One device's pushes and tasks",
    pathParams: deviceId,
    ok: { status: 200, type: JSON_TYPE, description: "`{ deviceId, tasks, events }`" },
    errors: ["not_found"],
  },
  {
    path: "/api/quarantine",
    method: "get",
    summary: "Refused pushes, newest first, keyset-paged",
    query: QuarantineQuerySchema,
    queryExample: { limit: "20" },
    ok: { status: 200, type: JSON_TYPE, description: "`{ items, nextCursor, ignoredTypes }`" },
    errors: ["invalid_query"],
  },
];
