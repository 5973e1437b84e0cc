import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { FieldProblem } from "@/lib/notifications/types";

export interface QuarantineRecord {
  status: number;
  reason: string;
  message: string;
  details: FieldProblem[];
  contentType: string | null;
  bodySize: number;
  truncated: boolean;
  body: Uint8Array;
}

/** Keeps a refused request (body cut to the receiver's limit) so an operator can see what was sent. */
export async function quarantineRequest(prisma: PrismaClient, r: QuarantineRecord): Promise<bigint> {
  const row = await prisma.quarantinedRequest.create({
    data: {
      status: r.status,
      reason: r.reason,
      message: r.message,
      details:
        r.details.length > 0
          ? r.details.map((d) => ({ field: clean(d.field, 256), problem: clean(d.problem, 512) }))
          : undefined,
      contentType: r.contentType === null ? null : clean(r.contentType, 256),
      bodySize: r.bodySize,
      truncated: r.truncated,
      body: new Uint8Array(r.body),
    },
    select: { id: true },
  });
  return row.id;
}

// Parser messages can quote the input; PostgreSQL text and jsonb cannot hold U+0000.
function clean(s: string, max: number): string {
  return s.replace(/\u0000/g, "\uFFFD").slice(0, max);
}

/** Counts a push of a type we do not store (one callback URL often receives every subscription). */
export async function countIgnored(prisma: PrismaClient, notifyType: string): Promise<void> {
  const now = new Date();
  await prisma.ignoredNotifyType.upsert({
    where: { notifyType },
    create: { notifyType, count: 1, firstSeenAt: now, lastSeenAt: now },
    update: { count: { increment: 1 }, lastSeenAt: now },
  });
}
