import { z } from "zod";
import { PathIdSchema } from "@/lib/schemas/devices";
import { TaskLabelInputSchema, TaskSubListQuerySchema } from "@/lib/schemas/targets";
import { JSON_TYPE, type Operation } from "./operation";

// A task against its target population: declared targets, labels, disagreements, and the platform connector.

const operationId = { operationId: PathIdSchema };

export const COMPLETENESS_OPERATIONS: Operation[] = [
  {
    path: "/api/tasks/{operationId}/expected-devices",
    method: "get",
    summary: "The task's target devices (from the platform and declared), keyset-paged",
    pathParams: operationId,
    query: TaskSubListQuerySchema,
    queryExample: { limit: "100" },
    ok: { status: 200, type: JSON_TYPE, description: "`{ items: ExpectedDeviceRow[], nextCursor }`" },
    errors: ["invalid_query"],
  },
  {
    path: "/api/tasks/{operationId}/expected-devices",
    method: "put",
    summary: "Replace the declared target list: text/plain (one deviceId per line) or text/csv (a deviceId column)",
    pathParams: operationId,
    body: z.string(),
    bodyExample: "deviceId\ndev-0001\ndev-0002\n",
    ok: { status: 200, type: JSON_TYPE, description: "`{ added, removed, total }`; 422 lists bad lines as `line N`" },
    errors: ["invalid_body", "payload_too_large"],
  },
  {
    path: "/api/tasks/{operationId}/expected-devices",
    method: "delete",
    summary: "Remove the declared list (the platform's targets stay)",
    pathParams: operationId,
    ok: { status: 200, type: JSON_TYPE, description: "`{ added: 0, removed, total }`" },
  },
  {
    path: "/api/tasks/{operationId}/disagreements",
    method: "get",
    summary: "Devices whose platform status contradicts their outcome here, keyset-paged",
    pathParams: operationId,
    query: TaskSubListQuerySchema,
    queryExample: { limit: "50" },
    ok: { status: 200, type: JSON_TYPE, description: "`{ items: DisagreementRow[], nextCursor }`" },
    errors: ["invalid_query"],
  },
  {
    path: "/api/tasks/{operationId}/label",
    method: "put",
    summary: "Set an operator's name for the task (an empty label removes it)",
    pathParams: operationId,
    body: TaskLabelInputSchema,
    bodyExample: { label: "Spring rollout, wave 2" },
    ok: {
      status: 200,
      type: JSON_TYPE,
      description: "`{ operationId, label, updatedAt, updatedBy }` (label null once removed)",
    },
    errors: ["invalid_json", "invalid_body"],
  },
  {
    path: "/api/tasks/{operationId}/platform-sync",
    method: "post",
    summary: "Ask the platform connector to read this task again at its next tick",
    pathParams: operationId,
    ok: { status: 202, type: JSON_TYPE, description: "`{ operationId, refreshRequestedAt, configured }`" },
  },
  {
    path: "/api/platform/status",
    method: "get",
    summary:
      "The platform connector's state: leader, token age, last login and error, each task's last sync (never a secret)",
    ok: { status: 200, type: JSON_TYPE, description: "`PlatformStatus`" },
  },
];
