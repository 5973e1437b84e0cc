import "server-only";
import { getDb } from "@/lib/db";
import type { ExpectedDeviceRow, Page } from "@/lib/schemas/responses";
import { decodeCursor, encodeCursor } from "./cursor";

/** One page (by deviceId, keyset) of a task's target devices, platform and declared alike, with their total. */
export async function listExpectedDevices(
  operationId: string,
  q: { cursor?: string; limit: number },
): Promise<Page<ExpectedDeviceRow> & { total: number }> {
  const { prisma } = await getDb();
  const after = q.cursor ? decodeCursor(q.cursor, ["string"] as const)[0] : undefined;
  const [rows, total] = await Promise.all([
    prisma.taskTarget.findMany({
      where: { operationId, ...(after === undefined ? {} : { deviceId: { gt: after } }) },
      orderBy: { deviceId: "asc" },
      take: q.limit + 1,
      select: { deviceId: true, source: true, platformStatus: true, addedAt: true },
    }),
    prisma.taskTarget.count({ where: { operationId } }),
  ]);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      deviceId: r.deviceId,
      source: r.source as ExpectedDeviceRow["source"],
      platformStatus: r.platformStatus,
      addedAt: r.addedAt.toISOString(),
    })),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.deviceId]) : null,
    total,
  };
}
