import type { z } from "zod";

// One documented API operation; lib/openapi/operations.ts lists them all.

export type Method = "get" | "post" | "put" | "patch" | "delete";

export interface Operation {
  path: string;
  method: Method;
  summary: string;
  /** Path parameters, each a schema (all are strings in the URL). */
  pathParams?: Record<string, z.ZodType>;
  query?: z.ZodObject;
  queryExample?: Record<string, string>;
  body?: z.ZodType;
  bodyExample?: unknown;
  /** The success answer: its status, media type and a sentence on what it holds. */
  ok: { status: number; type: string | null; description: string };
  /** Error codes this operation can answer besides `internal` and `storage_unavailable`. */
  errors?: (
    | "invalid_query"
    | "invalid_body"
    | "invalid_json"
    | "not_found"
    | "payload_too_large"
    | "invalid_notification"
    | "unauthorized"
  )[];
  /** False for what works without signing in (the callback, health, Auth.js). */
  protected?: false;
}

export const JSON_TYPE = "application/json";
/** The workbook media type of the .xlsx exports. */
export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
