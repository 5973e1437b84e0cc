import "server-only";
import { getDb } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { decodeCursor, encodeCursor } from "@/lib/queries/cursor";
import type { AuditList, AuditQuery } from "@/lib/schemas/audit";

/** Audit events matching the filters, newest first, keyset-paged on id (ids only grow). */
export async function listAuditEvents(q: AuditQuery): Promise<AuditList> {
  const { prisma } = await getDb();
  const before = q.cursor ? decodeCursor(q.cursor, ["number"] as const)[0] : undefined;
  const where: Prisma.AuditEventWhereInput = {
    ...(q.user ? { actor: q.user } : {}),
    ...(q.kind ? { kind: q.kind } : {}),
    ...(q.from || q.to
      ? { at: { ...(q.from ? { gte: new Date(q.from) } : {}), ...(q.to ? { lt: new Date(q.to) } : {}) } }
      : {}),
    ...(before !== undefined ? { id: { lt: before } } : {}),
  };
  const rows = await prisma.auditEvent.findMany({ where, orderBy: { id: "desc" }, take: q.limit + 1 });
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      kind: r.kind,
      actor: r.actor,
      clientIp: r.clientIp,
      method: r.method,
      target: r.target,
      details: r.details,
    })),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.id]) : null,
  };
}
