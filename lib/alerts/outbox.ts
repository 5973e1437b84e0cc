import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { RuleKind } from "@/lib/schemas/alerts";
import { retryDelayMs, type AlertConfig } from "./config";
import type { AlertMessage } from "./message";
import { sendToChannel, type ChannelTarget, type SendOutcome } from "./send";

interface Claimed {
  id: number;
  firingId: number;
  channelId: number;
  event: "alert.fired" | "alert.resolved";
  attempts: number;
  createdAt: Date;
}

/**
 * Claims due deliveries: FOR UPDATE SKIP LOCKED keeps two instances' claims apart, and the lease
 * (locked_until) keeps a claimed row away from everyone until its attempt has had time to finish. A
 * process that dies mid-delivery leaves the lease to expire; the row is then claimed again. A row waits
 * while an older one of the same rule, scope and channel is pending (in flight or retrying), so a
 * receiver never gets "resolved" before the "fired" it closes, nor two firings of one scope reordered.
 * (PGlite has one connection, so SKIP LOCKED never has anything to skip there; the statement is the same.)
 */
async function claimDeliveries(prisma: PrismaClient, limit: number, leaseMs: number): Promise<Claimed[]> {
  return prisma.$queryRaw<Claimed[]>`
    UPDATE alert_deliveries d SET locked_until = now() + make_interval(secs => ${leaseMs / 1000}), attempts = d.attempts + 1
    FROM (
      SELECT a.id FROM alert_deliveries a LEFT JOIN alert_firings f ON f.id = a.firing_id
      WHERE a.status = 'pending' AND a.next_attempt_at <= now() AND (a.locked_until IS NULL OR a.locked_until <= now())
        AND NOT EXISTS (
          SELECT 1 FROM alert_deliveries e JOIN alert_firings g ON g.id = e.firing_id
          WHERE e.channel_id = a.channel_id AND e.status = 'pending' AND e.id < a.id AND g.rule_id = f.rule_id AND g.scope = f.scope
        )
      ORDER BY a.id LIMIT ${limit}
      FOR UPDATE OF a SKIP LOCKED
    ) due
    WHERE d.id = due.id
    RETURNING d.id, d.firing_id AS "firingId", d.channel_id AS "channelId", d.event, d.attempts, d.created_at AS "createdAt"`;
}

/** Records an attempt: delivered, retry later (backoff), or failed for good with the last answer. */
async function recordAttempt(prisma: PrismaClient, d: Claimed, out: SendOutcome, cfg: AlertConfig): Promise<void> {
  const common = { lastStatus: out.status, lastAnswer: out.answer, lockedUntil: null };
  const retryAt = new Date(Date.now() + retryDelayMs(d.attempts, cfg));
  const withinWindow = retryAt.getTime() - d.createdAt.getTime() <= cfg.ALERTS_RETRY_WINDOW_MS;
  const data = out.ok
    ? { ...common, status: "delivered", finishedAt: new Date() }
    : out.retryable && withinWindow
      ? { ...common, nextAttemptAt: retryAt }
      : { ...common, status: "failed", finishedAt: new Date() };
  await prisma.alertDelivery.updateMany({ where: { id: d.id, status: "pending" }, data });
}

/** One outbox round: claim, send each (in parallel), record. Returns how many were attempted. */
export async function runOutboxOnce(prisma: PrismaClient, cfg: AlertConfig, limit = 10): Promise<number> {
  const claimed = await claimDeliveries(prisma, limit, cfg.ALERTS_SEND_TIMEOUT_MS + 5_000);
  if (claimed.length === 0) return 0;
  const [firings, channels] = await Promise.all([
    prisma.alertFiring.findMany({ where: { id: { in: [...new Set(claimed.map((c) => c.firingId))] } } }),
    prisma.alertChannel.findMany({ where: { id: { in: [...new Set(claimed.map((c) => c.channelId))] } } }),
  ]);
  await Promise.all(
    claimed.map(async (d) => {
      const firing = firings.find((f) => f.id === d.firingId);
      const channel = channels.find((c) => c.id === d.channelId);
      const out: SendOutcome =
        !firing || !channel
          ? {
              ok: false,
              retryable: false,
              status: null,
              answer: channel ? "firing no longer exists" : "channel was deleted",
            }
          : await sendToChannel(channel as ChannelTarget, messageOf(firing, d.event, cfg), cfg.ALERTS_SEND_TIMEOUT_MS);
      await recordAttempt(prisma, d, out, cfg);
      if (!out.ok)
        console.warn(
          `[alerts] delivery ${d.id} (channel ${d.channelId}) attempt ${d.attempts}: ${out.status ?? "-"} ${out.answer.slice(0, 200)}`,
        );
    }),
  );
  return claimed.length;
}

type FiringRow = {
  ruleId: number;
  ruleName: string;
  kind: string;
  scope: string;
  figures: unknown;
  firedAt: Date;
  resolvedAt: Date | null;
  resolvedFigures: unknown;
};

function messageOf(f: FiringRow, event: Claimed["event"], cfg: Pick<AlertConfig, "PUBLIC_URL">): AlertMessage {
  const operationId = f.scope === "" ? null : f.scope;
  const base = cfg.PUBLIC_URL?.replace(/\/+$/, "");
  const resolved = event === "alert.resolved";
  return {
    event,
    rule: { id: f.ruleId, name: f.ruleName, kind: f.kind as RuleKind },
    operationId,
    figures: ((resolved ? f.resolvedFigures : f.figures) ?? {}) as Record<string, unknown>,
    url: base ? (operationId ? `${base}/tasks/${encodeURIComponent(operationId)}` : `${base}/alerts`) : null,
    at: (resolved && f.resolvedAt ? f.resolvedAt : f.firedAt).toISOString(),
  };
}
