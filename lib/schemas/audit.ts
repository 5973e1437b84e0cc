import { z } from "zod";
import { cursorParam, instantParam, optionalText, pageLimit } from "./common";

/** Kinds of audit events (mirrors lib/audit/record.ts; pure zod so the page's filter can list them). */
export const AUDIT_KIND_VALUES = [
  "sign_in_succeeded",
  "sign_in_failed",
  "sign_in_slowed",
  "sign_out",
  "export",
  "setting_changed",
  "callback_token_refused",
] as const;

const blank = (v: unknown) => (v === "" ? undefined : v);

/** GET /api/audit and the /audit page: who, what kind, from/to (inclusive from, exclusive to), newest first. */
export const AuditQuerySchema = z.object({
  user: optionalText(200),
  kind: z.preprocess(blank, z.enum(AUDIT_KIND_VALUES).optional()),
  from: instantParam,
  to: instantParam,
  cursor: cursorParam,
  limit: pageLimit,
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export interface AuditEventItem {
  id: number;
  at: string;
  kind: string;
  actor: string | null;
  clientIp: string | null;
  method: string | null;
  target: string | null;
  details: unknown;
}

export interface AuditList {
  items: AuditEventItem[];
  nextCursor: string | null;
}
