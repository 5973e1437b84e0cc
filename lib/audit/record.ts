import "server-only";
import { getDb } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AUDIT_KIND_VALUES } from "@/lib/schemas/audit";

/** What the audit trail records; the page's kind filter lists exactly these. */
export type AuditKind = (typeof AUDIT_KIND_VALUES)[number];

/** How someone proved who they are: the `method` column of sign-in events. */
export type AuditMethod = "password" | "oidc" | "api_token" | "session";

export interface AuditEventInput {
  kind: AuditKind;
  /** The user name as typed (sign-in), or the signed-in operator / API token name. */
  actor?: string | null;
  clientIp?: string | null;
  method?: AuditMethod | null;
  /** What it was about: a task's operationId, a setting's name, a path. */
  target?: string | null;
  details?: Prisma.InputJsonValue;
}

// Columns are bounded so a hostile user name or filter cannot bloat the table.
const cap = (s: string | null | undefined, n = 200) => (s == null ? null : s.slice(0, n));

/**
 * Writes one audit event. An audit write that fails is logged and swallowed: the trail must never
 * turn a sign-in or an export into an error, but the log shows that an event is missing.
 */
export async function recordAuditEvent(e: AuditEventInput): Promise<number | null> {
  try {
    const { prisma } = await getDb();
    const row = await prisma.auditEvent.create({
      data: {
        kind: e.kind,
        actor: cap(e.actor),
        clientIp: cap(e.clientIp, 100),
        method: e.method ?? null,
        target: cap(e.target, 500),
        details: e.details,
      },
      select: { id: true },
    });
    return row.id;
  } catch (err) {
    logAuditFailure(e.kind, err);
    return null;
  }
}

/** Replaces an event's details (an export's row count, known only when it has finished). */
export async function updateAuditDetails(id: number, details: Prisma.InputJsonValue): Promise<void> {
  try {
    const { prisma } = await getDb();
    await prisma.auditEvent.update({ where: { id }, data: { details } });
  } catch (err) {
    logAuditFailure("update", err);
  }
}

function logAuditFailure(what: string, err: unknown): void {
  console.error(
    `[audit] could not record ${what}: ${err instanceof Error ? `${err.name}: ${err.message.split("\n")[0]}` : String(err)}`,
  );
}
