import "server-only";
import { getDb } from "@/lib/db";
import type { DeliveryView, FiringView, RuleKind } from "@/lib/schemas/alerts";

/** The newest firings (and resolutions) with their deliveries, for /alerts. */
export async function listFirings(limit = 100): Promise<FiringView[]> {
  const { prisma } = await getDb();
  const firings = await prisma.alertFiring.findMany({ orderBy: { id: "desc" }, take: limit });
  const deliveries =
    firings.length === 0
      ? []
      : await prisma.alertDelivery.findMany({
          where: { firingId: { in: firings.map((f) => f.id) } },
          orderBy: { id: "asc" },
        });
  return firings.map((f) => ({
    id: f.id,
    ruleId: f.ruleId,
    ruleName: f.ruleName,
    kind: f.kind as RuleKind,
    operationId: f.scope === "" ? null : f.scope,
    figures: f.figures as Record<string, unknown>,
    firedAt: f.firedAt.toISOString(),
    resolvedAt: f.resolvedAt?.toISOString() ?? null,
    resolvedFigures: (f.resolvedFigures ?? null) as Record<string, unknown> | null,
    deliveries: deliveries
      .filter((d) => d.firingId === f.id)
      .map((d): DeliveryView => ({
        id: d.id,
        channelId: d.channelId,
        event: d.event as DeliveryView["event"],
        status: d.status as DeliveryView["status"],
        attempts: d.attempts,
        lastStatus: d.lastStatus,
        lastAnswer: d.lastAnswer,
        nextAttemptAt: d.nextAttemptAt.toISOString(),
        finishedAt: d.finishedAt?.toISOString() ?? null,
      })),
  }));
}
