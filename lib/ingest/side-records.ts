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
export async function quarantineRequest(prisma: PrismaClient, r: QuarantineRecord): Promise<number> {
  const row = await prisma.quarantinedRequest.create({
    data: {
      status: r.status,
      reason: r.reason,
      message: r.message,
      details: r.details.length > 0 ? r.details.map((d) => ({ field: d.field.slice(0, 256), problem: d.problem.slice(0, 512) })) : undefined,
      contentType: r.contentType?.slice(0, 256) ?? null,
      bodySize: r.bodySize,
      truncated: r.truncated,
      body: new Uint8Array(r.body),
    },
    select: { id: true },
  });
  return row.id;
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
