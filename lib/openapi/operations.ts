import { z } from "zod";
import { NOTIFY_TYPES } from "@/lib/notifications/types";
import { JSON_TYPE, type Operation } from "./operation";
import { READ_OPERATIONS } from "./read-operations";
import { SETTINGS_OPERATIONS } from "./settings-operations";
import { COMPLETENESS_OPERATIONS } from "./completeness-operations";

// Every operation under /api, with the zod schemas its route parses (the same objects, so the
// document cannot drift from what is enforced) and an example per input, which lib/openapi's test
// validates against its schema. Response shapes are described in words: the read side builds them
// as TypeScript types (lib/schemas/responses.ts), not as schemas.

/**
 * The push body as the callback reads it: the four documented types (docs/push-contract.md#payloads).
 * The receiver checks the fields by hand to keep unknown ones; this schema documents them.
 */
const PushBodySchema = z
  .object({
    notifyType: z.enum(NOTIFY_TYPES),
    deviceId: z.string().min(1),
    operationId: z.string().min(1),
    appId: z.string().optional(),
    subOperationId: z.string().optional(),
    swUpgradeState: z.string().optional(),
    swUpgradeResult: z.enum(["SUCCESS", "FAIL"]).optional(),
    step: z.enum(["0", "1", "2", "3"]).optional(),
    stepDesc: z.string().optional(),
    status: z.enum(["SUCCESS", "FAIL"]).optional(),
    statusDesc: z.string().optional(),
    sourceVersion: z.string().optional(),
    targetVersion: z.string().optional(),
    curVersion: z.string().optional(),
    upgradeTime: z.union([z.string(), z.number()]).optional(),
    resultDesc: z.string().optional(),
    errorCode: z.string().optional(),
    description: z.string().optional(),
  })
  .loose();

/** The platform's side (callback, health, sign-in) and this document. */
const PLATFORM_OPERATIONS: Operation[] = [
  {
    path: "/api/health",
    method: "get",
    summary: "Liveness and storage state (open to all)",
    ok: {
      status: 200,
      type: JSON_TYPE,
      description: '`{ status: "ok", database: "postgresql" | "pglite" }`; 503 when storage is down',
    },
    protected: false,
  },
  {
    path: "/api/callback",
    method: "post",
    summary: "Receive one upgrade push from the platform (docs/push-contract.md)",
    body: PushBodySchema,
    bodyExample: {
      notifyType: "swUpgradeResultNotify",
      deviceId: "7f3c2a10-5b4e-4d8a-9c61-2e0f4b7a9d35",
      appId: "app-1",
      operationId: "a41e9c07d2b84f6e9b03c5d17f2e8a60",
      subOperationId: "c58d2f19e04a4b7c8d16e2a93b0f7c44",
      curVersion: "V1.0.0",
      targetVersion: "V1.2.0",
      sourceVersion: "V1.0.0",
      swUpgradeResult: "FAIL",
      upgradeTime: "20240115T083012Z",
      resultDesc: "upgrade failed",
      errorCode: "5",
      description: "insufficient storage space",
    },
    ok: { status: 200, type: null, description: "Stored (or a duplicate of a stored push); an empty body" },
    errors: ["unauthorized", "invalid_json", "invalid_notification", "payload_too_large"],
    protected: false,
  },
  {
    path: "/api/auth/{nextauth}",
    method: "get",
    summary: "Auth.js endpoints (csrf, providers, session, signin, OIDC callback); the path may have more segments",
    pathParams: { nextauth: z.string().min(1) },
    ok: { status: 200, type: null, description: "As Auth.js answers" },
    protected: false,
  },
  {
    path: "/api/auth/{nextauth}",
    method: "post",
    summary: "Auth.js sign-in and sign-out posts",
    pathParams: { nextauth: z.string().min(1) },
    ok: { status: 302, type: null, description: "Redirect as Auth.js answers" },
    protected: false,
  },
  {
    path: "/api/openapi.json",
    method: "get",
    summary: "This document",
    ok: { status: 200, type: JSON_TYPE, description: "OpenAPI 3.1" },
  },
  {
    path: "/api/docs",
    method: "get",
    summary: "This document as a readable page",
    ok: { status: 200, type: "text/html", description: "HTML" },
  },
];

export const OPERATIONS: Operation[] = [
  ...READ_OPERATIONS,
  ...SETTINGS_OPERATIONS,
  ...COMPLETENESS_OPERATIONS,
  ...PLATFORM_OPERATIONS,
];
