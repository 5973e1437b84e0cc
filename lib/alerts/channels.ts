import "server-only";
import type { AlertChannel } from "@/lib/generated/prisma/client";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import {
  ChannelInputSchema,
  type ChannelInput,
  type ChannelType,
  type ChannelView,
  type SendTestResult,
} from "@/lib/schemas/alerts";
import { getAlertConfig } from "./config";
import { sendToChannel, type ChannelTarget } from "./send";

/** Only the scheme and host of a URL are shown back: chat webhooks carry their token in the path or query. */
export function urlHint(url: string | null): string | null {
  if (!url) return null;
  try {
    return `${new URL(url).origin}/…`;
  } catch {
    return "…";
  }
}

function toChannelView(c: AlertChannel): ChannelView {
  return {
    id: c.id,
    name: c.name,
    type: c.type as ChannelType,
    urlHint: urlHint(c.url),
    recipients: c.recipients,
    hasSecret: c.secret !== null,
    createdAt: c.createdAt.toISOString(),
  };
}

export async function listChannels(): Promise<ChannelView[]> {
  const { prisma } = await getDb();
  return (await prisma.alertChannel.findMany({ orderBy: { id: "asc" } })).map(toChannelView);
}

export async function createChannel(input: ChannelInput): Promise<ChannelView> {
  const { prisma } = await getDb();
  const c = await prisma.alertChannel.create({
    data: {
      name: input.name,
      type: input.type,
      url: input.url ?? null,
      secret: input.secret ?? null,
      recipients: input.recipients,
    },
  });
  return toChannelView(c);
}

async function findChannel(id: number): Promise<AlertChannel> {
  const { prisma } = await getDb();
  const c = await prisma.alertChannel.findUnique({ where: { id } });
  if (!c) throw new AppError("not_found", `No channel ${id}.`);
  return c;
}

/** A patch keeps the stored url and secret unless new ones are sent (they are never shown, so never sent back). */
export async function updateChannel(id: number, patch: Record<string, unknown>): Promise<ChannelView> {
  const current = await findChannel(id);
  const merged = {
    name: current.name,
    type: current.type,
    url: current.url,
    secret: current.secret,
    recipients: current.recipients,
    ...patch,
  };
  const parsed = ChannelInputSchema.safeParse(merged);
  if (!parsed.success) throw invalidBody(parsed.error.issues);
  const { prisma } = await getDb();
  const c = await prisma.alertChannel.update({
    where: { id },
    data: {
      name: parsed.data.name,
      type: parsed.data.type,
      url: parsed.data.url ?? null,
      secret: parsed.data.secret ?? null,
      recipients: parsed.data.recipients,
      updatedAt: new Date(),
    },
  });
  return toChannelView(c);
}

/** Deletes a channel, takes it off every rule and fails its undelivered rows. */
export async function deleteChannel(id: number): Promise<void> {
  await findChannel(id);
  const { prisma } = await getDb();
  await prisma.$transaction([
    prisma.$executeRaw`UPDATE alert_rules SET channel_ids = array_remove(channel_ids, ${id}::int) WHERE ${id}::int = ANY(channel_ids)`,
    prisma.alertDelivery.updateMany({
      where: { channelId: id, status: "pending" },
      data: { status: "failed", lastAnswer: "channel was deleted", finishedAt: new Date() },
    }),
    prisma.alertChannel.delete({ where: { id } }),
  ]);
}

/** "Send test": one synchronous attempt, answered with what the receiver said. Not queued, not retried. */
export async function sendTestMessage(id: number): Promise<SendTestResult> {
  const c = await findChannel(id);
  const cfg = getAlertConfig();
  const out = await sendToChannel(
    c as ChannelTarget,
    {
      event: "alert.test",
      rule: { id: 0, name: `Test of channel "${c.name}"`, kind: "test" },
      operationId: null,
      figures: {},
      url: cfg.PUBLIC_URL ? `${cfg.PUBLIC_URL.replace(/\/+$/, "")}/alerts` : null,
      at: new Date().toISOString(),
    },
    cfg.ALERTS_SEND_TIMEOUT_MS,
  );
  return { ok: out.ok, status: out.status, answer: out.answer };
}

export function invalidBody(issues: { path: PropertyKey[]; message: string }[]): AppError {
  return new AppError(
    "invalid_body",
    "The request body does not describe a valid item.",
    issues.map((i) => ({ field: i.path.map(String).join(".") || "(body)", problem: i.message })),
  );
}
