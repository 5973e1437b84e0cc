import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ProjectionLag } from "@/lib/schemas/responses";

export type { ProjectionLag };

/** How far the views are behind the log (an index on received_at answers the oldest pending arrival). */
export async function readProjectionLag(prisma: PrismaClient): Promise<ProjectionLag> {
  const [row] = await prisma.$queryRaw<
    { pending: number; oldest: Date | null; lag: number; projected: bigint | null; parked: number; at: Date | null }[]
  >`
    SELECT (SELECT COUNT(*)::int FROM projection_pending) AS pending, (SELECT MIN(received_at) FROM projection_pending) AS oldest,
      COALESCE(EXTRACT(EPOCH FROM now() - (SELECT MIN(received_at) FROM projection_pending)), 0)::float8 AS lag,
      (SELECT events FROM projection_progress WHERE name = 'views') AS projected,
      (SELECT COUNT(*)::int FROM projection_parked) AS parked,
      (SELECT updated_at FROM projection_progress WHERE name = 'views') AS at`;
  return {
    pendingEvents: row?.pending ?? 0,
    lagSeconds: Math.max(0, Math.round((row?.lag ?? 0) * 1000) / 1000),
    asOf: row?.oldest ? row.oldest.toISOString() : null,
    projectedEvents: Number(row?.projected ?? 0),
    parkedEvents: row?.parked ?? 0,
    lastFoldAt: row?.at ? row.at.toISOString() : null,
  };
}
