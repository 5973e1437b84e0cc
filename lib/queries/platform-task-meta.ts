import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { PlatformTaskMeta } from "@/lib/schemas/responses";
import { toIso } from "./sql";

/** The platform's metadata of these tasks (platform_tasks, written by the connector), by operationId. */
export async function getPlatformTaskMeta(
  prisma: PrismaClient,
  operationIds: string[],
): Promise<Map<string, PlatformTaskMeta>> {
  if (operationIds.length === 0) return new Map();
  const rows = await prisma.platformTask.findMany({
    where: { operationId: { in: operationIds } },
    select: {
      operationId: true,
      operateType: true,
      status: true,
      platformCreatedAt: true,
      platformStartedAt: true,
      platformStoppedAt: true,
    },
  });
  return new Map(
    rows.map((r) => [
      r.operationId,
      {
        operateType: r.operateType,
        status: r.status,
        createdAt: toIso(r.platformCreatedAt),
        startedAt: toIso(r.platformStartedAt),
        stoppedAt: toIso(r.platformStoppedAt),
      },
    ]),
  );
}
