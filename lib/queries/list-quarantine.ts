import "server-only";
import { getDb } from "@/lib/db";
import type { QuarantineQuery } from "@/lib/schemas/quarantine";
import type { QuarantineList } from "@/lib/schemas/responses";
import { decodeCursor, encodeCursor } from "./cursor";
import { escapeBody } from "./escape-body";
import { toIso } from "./sql";

/** Refused requests, newest first (keyset on id), plus the counts of ignored notifyTypes. */
export async function listQuarantine(q: QuarantineQuery): Promise<QuarantineList> {
  const { prisma } = await getDb();
  const before = q.cursor ? decodeCursor(q.cursor, ["number"] as const)[0] : undefined;
  const [rows, total, ignored] = await Promise.all([
    prisma.quarantinedRequest.findMany({
      where: before === undefined ? {} : { id: { lt: before } },
      orderBy: { id: "desc" },
      take: q.limit + 1,
    }),
    prisma.quarantinedRequest.count(),
    prisma.ignoredNotifyType.findMany({ orderBy: [{ count: "desc" }, { notifyType: "asc" }] }),
  ]);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => {
      const body = escapeBody(r.body);
      return {
        id: Number(r.id),
        receivedAt: toIso(r.receivedAt),
        status: r.status,
        reason: r.reason,
        message: r.message,
        details: r.details,
        contentType: r.contentType,
        bodySize: r.bodySize,
        truncated: r.truncated,
        body: body.text,
        bodyEncoding: body.encoding,
      };
    }),
    nextCursor: rows.length > q.limit && last ? encodeCursor([Number(last.id)]) : null,
    total,
    ignored: ignored.map((i) => ({
      notifyType: i.notifyType,
      count: i.count,
      firstSeenAt: toIso(i.firstSeenAt),
      lastSeenAt: toIso(i.lastSeenAt),
    })),
  };
}
