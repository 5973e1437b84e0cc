import "server-only";
import type { AlertRule } from "@/lib/generated/prisma/client";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { RuleInputSchema, type RuleInput, type RuleKind, type RuleView } from "@/lib/schemas/alerts";
import { invalidBody } from "./channels";
import { requestFullPass } from "./workers";

function toRuleView(r: AlertRule): RuleView {
  const countField = r.kind === "quarantine_spike" ? "minRequests" : "minDevices";
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as RuleKind,
    enabled: r.enabled,
    operationId: r.operationId,
    match: r.match,
    threshold: r.threshold,
    minResults: r.minResults,
    minDevices: null,
    minRequests: null,
    [countField]: r.minCount,
    errorCode: r.errorCode,
    minutes: r.minutes,
    channelIds: r.channelIds,
    createdAt: r.createdAt.toISOString(),
  };
}

function toData(input: RuleInput) {
  return {
    name: input.name,
    kind: input.kind,
    enabled: input.enabled,
    operationId: input.operationId ?? null,
    match: input.match ?? null,
    threshold: input.threshold ?? null,
    minResults: input.minResults ?? null,
    minCount: (input.kind === "quarantine_spike" ? input.minRequests : input.minDevices) ?? null,
    errorCode: input.errorCode ?? null,
    minutes: input.minutes ?? null,
    channelIds: [...new Set(input.channelIds)],
  };
}

async function assertChannelsExist(ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  const { prisma } = await getDb();
  const found = new Set(
    (await prisma.alertChannel.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((c) => c.id),
  );
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0)
    throw new AppError(
      "invalid_body",
      "Unknown channel.",
      missing.map((id) => ({ field: "channelIds", problem: `no channel ${id}` })),
    );
}

export async function listRules(): Promise<RuleView[]> {
  const { prisma } = await getDb();
  return (await prisma.alertRule.findMany({ orderBy: { id: "asc" } })).map(toRuleView);
}

export async function createRule(input: RuleInput): Promise<RuleView> {
  await assertChannelsExist(input.channelIds);
  const { prisma } = await getDb();
  const r = await prisma.alertRule.create({ data: toData(input) });
  requestFullPass();
  return toRuleView(r);
}

async function findRule(id: number): Promise<AlertRule> {
  const { prisma } = await getDb();
  const r = await prisma.alertRule.findUnique({ where: { id } });
  if (!r) throw new AppError("not_found", `No rule ${id}.`);
  return r;
}

export async function updateRule(id: number, patch: Record<string, unknown>): Promise<RuleView> {
  const current: Partial<RuleView> = toRuleView(await findRule(id));
  delete current.id;
  delete current.createdAt;
  const parsed = RuleInputSchema.safeParse({ ...current, ...patch });
  if (!parsed.success) throw invalidBody(parsed.error.issues);
  await assertChannelsExist(parsed.data.channelIds);
  const { prisma } = await getDb();
  const r = await prisma.alertRule.update({ where: { id }, data: { ...toData(parsed.data), updatedAt: new Date() } });
  // A disabled rule's open firings stay open until it is enabled again or deleted; a changed one is
  // re-checked everywhere on the next pass (it may resolve, or fire for tasks that now qualify).
  requestFullPass();
  return toRuleView(r);
}

/** Deletes a rule; its open firings are closed quietly (nothing is sent about a rule that no longer exists). */
export async function deleteRule(id: number): Promise<void> {
  await findRule(id);
  const { prisma } = await getDb();
  await prisma.$transaction([
    prisma.alertFiring.updateMany({
      where: { ruleId: id, resolvedAt: null },
      data: { resolvedAt: new Date(), resolvedFigures: { ruleDeleted: true } },
    }),
    prisma.alertRule.delete({ where: { id } }),
  ]);
}
