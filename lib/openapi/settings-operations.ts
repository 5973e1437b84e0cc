import { z } from "zod";
import { ChannelInputSchema, RuleInputSchema } from "@/lib/schemas/alerts";
import { AuditQuerySchema } from "@/lib/schemas/audit";
import { ErrorCodeKeyQuery, ErrorCodeMeaningInput } from "@/lib/schemas/error-codes";
import { JSON_TYPE, type Operation } from "./operation";

// Settings and trails: the error-code dictionary, alerts, the audit trail.

const numericId = { id: z.string().regex(/^[1-9]\d{0,9}$/) };
/** PATCH bodies (lib/alerts/request.ts readPatch): any fields of the POST body; the merged result is validated as POST's. */
const patchBody = z.record(z.string(), z.unknown());

export const SETTINGS_OPERATIONS: Operation[] = [
  {
    path: "/api/error-codes",
    method: "get",
    summary: "The error-code dictionary: documented codes and operator meanings",
    ok: { status: 200, type: JSON_TYPE, description: "`{ documented, operator }`" },
  },
  {
    path: "/api/error-codes",
    method: "put",
    summary: "Set what a code means (creates or replaces)",
    body: ErrorCodeMeaningInput,
    bodyExample: { kind: "software", code: "5", meaning: "Flash full: clear logs on the device, then retry" },
    ok: { status: 200, type: JSON_TYPE, description: "The saved entry" },
    errors: ["invalid_json", "invalid_body"],
  },
  {
    path: "/api/error-codes",
    method: "delete",
    summary: "Remove an operator meaning",
    query: ErrorCodeKeyQuery,
    queryExample: { kind: "firmware", code: "8" },
    ok: { status: 204, type: null, description: "Removed" },
    errors: ["invalid_query", "not_found"],
  },
  {
    path: "/api/alerts/channels",
    method: "get",
    summary: "Alert channels (URLs and secrets hidden)",
    ok: { status: 200, type: JSON_TYPE, description: "`{ channels: ChannelView[] }`" },
  },
  {
    path: "/api/alerts/channels",
    method: "post",
    summary: "Add an alert channel",
    body: ChannelInputSchema,
    bodyExample: { name: "On-call", type: "slack", url: "https://hooks.slack.com/services/T000/B000/XXXX" },
    ok: { status: 201, type: JSON_TYPE, description: "The channel" },
    errors: ["invalid_json", "invalid_body", "payload_too_large"],
  },
  {
    path: "/api/alerts/channels/{id}",
    method: "patch",
    summary: "Change a channel (fields sent replace; url and secret kept unless sent)",
    pathParams: numericId,
    body: patchBody,
    bodyExample: { name: "On-call (night)" },
    ok: { status: 200, type: JSON_TYPE, description: "The channel" },
    errors: ["invalid_json", "invalid_body", "not_found"],
  },
  {
    path: "/api/alerts/channels/{id}",
    method: "delete",
    summary: "Delete a channel",
    pathParams: numericId,
    ok: { status: 204, type: null, description: "Deleted" },
    errors: ["not_found"],
  },
  {
    path: "/api/alerts/channels/{id}/test",
    method: "post",
    summary: "Send a test message through a channel now",
    pathParams: numericId,
    ok: { status: 200, type: JSON_TYPE, description: "`{ ok, status, answer }`" },
    errors: ["not_found"],
  },
  {
    path: "/api/alerts/rules",
    method: "get",
    summary: "Alert rules",
    ok: { status: 200, type: JSON_TYPE, description: "`{ rules: RuleView[] }`" },
  },
  {
    path: "/api/alerts/rules",
    method: "post",
    summary: "Add an alert rule",
    body: RuleInputSchema,
    bodyExample: {
      name: "Failure rate over 20%",
      kind: "failure_rate",
      threshold: 0.2,
      minResults: 20,
      channelIds: [1],
    },
    ok: { status: 201, type: JSON_TYPE, description: "The rule" },
    errors: ["invalid_json", "invalid_body", "payload_too_large"],
  },
  {
    path: "/api/alerts/rules/{id}",
    method: "patch",
    summary: "Change a rule (fields sent replace)",
    pathParams: numericId,
    body: patchBody,
    bodyExample: { enabled: false },
    ok: { status: 200, type: JSON_TYPE, description: "The rule" },
    errors: ["invalid_json", "invalid_body", "not_found"],
  },
  {
    path: "/api/alerts/rules/{id}",
    method: "delete",
    summary: "Delete a rule",
    pathParams: numericId,
    ok: { status: 204, type: null, description: "Deleted" },
    errors: ["not_found"],
  },
  {
    path: "/api/alerts/firings",
    method: "get",
    summary: "Recent firings with their deliveries",
    ok: { status: 200, type: JSON_TYPE, description: "`{ firings: FiringView[] }`" },
  },
  {
    path: "/api/audit",
    method: "get",
    summary: "The audit trail, newest first, keyset-paged",
    query: AuditQuerySchema,
    queryExample: { kind: "setting_changed", from: "2026-01-01" },
    ok: { status: 200, type: JSON_TYPE, description: "`{ items, nextCursor }`" },
    errors: ["invalid_query"],
  },
];
