import "server-only";
import type { AlertRule, PrismaClient } from "@/lib/generated/prisma/client";

// Firing and resolving, each one statement: the firing row and its outbox rows commit together,
// before anything is sent. Several evaluators (app instances) may race; the partial unique index on
// open firings and the `resolved_at IS NULL` guard let exactly one of them win.

export type OpenFirings = Map<string, number>;
export const openKey = (ruleId: number, scope: string) => `${ruleId}\u0000${scope}`;

export async function loadOpenFirings(prisma: PrismaClient, ruleIds: number[]): Promise<OpenFirings> {
  if (ruleIds.length === 0) return new Map();
  const rows = await prisma.alertFiring.findMany({
    where: { resolvedAt: null, ruleId: { in: ruleIds } },
    select: { id: true, ruleId: true, scope: true },
  });
  return new Map(rows.map((r) => [openKey(r.ruleId, r.scope), r.id]));
}

/** Opens a firing with one pending delivery per (still existing) channel; false when another evaluator was first. */
export async function fire(
  prisma: PrismaClient,
  rule: Pick<AlertRule, "id" | "name" | "kind" | "channelIds">,
  scope: string,
  figures: Record<string, unknown>,
): Promise<boolean> {
  const rows = await prisma.$queryRaw<{ id: number }[]>`
    WITH f AS (
      INSERT INTO alert_firings (rule_id, rule_name, kind, scope, figures)
      VALUES (${rule.id}, ${rule.name}, ${rule.kind}, ${scope}, ${JSON.stringify(figures)}::jsonb)
      ON CONFLICT (rule_id, scope) WHERE resolved_at IS NULL DO NOTHING
      RETURNING id
    ), d AS (
      INSERT INTO alert_deliveries (firing_id, channel_id, event)
      SELECT f.id, c.id, 'alert.fired' FROM f JOIN alert_channels c ON c.id = ANY(${rule.channelIds}::int[])
      ON CONFLICT DO NOTHING
    )
    SELECT id FROM f`;
  return rows.length > 0;
}

/** Resolves an open firing and queues the resolution to the rule's channels; false when already resolved. */
export async function resolve(
  prisma: PrismaClient,
  firingId: number,
  figures: Record<string, unknown>,
): Promise<boolean> {
  const rows = await prisma.$queryRaw<{ id: number }[]>`
    WITH r AS (
      UPDATE alert_firings SET resolved_at = now(), resolved_figures = ${JSON.stringify(figures)}::jsonb
      WHERE id = ${firingId} AND resolved_at IS NULL
      RETURNING id, rule_id
    ), d AS (
      INSERT INTO alert_deliveries (firing_id, channel_id, event)
      SELECT r.id, c.id, 'alert.resolved' FROM r JOIN alert_rules ru ON ru.id = r.rule_id JOIN alert_channels c ON c.id = ANY(ru.channel_ids)
      ON CONFLICT DO NOTHING
    )
    SELECT id FROM r`;
  return rows.length > 0;
}
