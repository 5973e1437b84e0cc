import "server-only";
import { getDb } from "@/lib/db";
import { plausibleDeviceTime } from "@/lib/domain/ordering";
import { meaningOf } from "@/lib/error-codes/documented";
import { loadOperatorMeanings } from "@/lib/error-codes/dictionary";
import { AppError } from "@/lib/errors";
import type { FieldProblem } from "@/lib/errors";
import type { DeviceEvent, DeviceHistory, DeviceOutcome } from "@/lib/schemas/responses";
import { toIso } from "./sql";

/** The newest pushes shown on the device page; older ones are counted, not listed. */
const DEVICE_EVENTS_LIMIT = 1_000;

/** Every task and every push of one device, oldest first; unknown deviceId → not_found. */
export async function getDeviceHistory(deviceId: string): Promise<DeviceHistory> {
  const { prisma } = await getDb();
  const states = await prisma.deviceState.findMany({
    where: { deviceId },
    orderBy: [{ firstSeenAt: "asc" }, { operationId: "asc" }],
  });
  if (states.length === 0)
    throw new AppError("not_found", `No notification for deviceId ${JSON.stringify(deviceId)} has been received.`);
  const [events, eventsTotal, meanings] = await Promise.all([
    prisma.notification.findMany({
      where: { deviceId },
      orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
      take: DEVICE_EVENTS_LIMIT,
      omit: { rawBody: true, contentHash: true },
    }),
    prisma.notification.count({ where: { deviceId } }),
    loadOperatorMeanings(),
  ]);
  // Which result each task's outcome and first attempt come from: the reducer decided that by the
  // ordering rule, so the page marks the same rows rather than guessing from the list order.
  const latestIds = new Set(states.map((s) => s.resultNotificationId));
  const firstIds = new Set(states.map((s) => s.firstResultNotificationId));
  return {
    deviceId,
    tasks: states.map((s) => ({
      operationId: s.operationId,
      kind: s.kind,
      appId: s.appId,
      subOperationId: s.subOperationId,
      outcome: s.outcome as DeviceOutcome,
      result: s.result,
      state: s.state,
      sourceVersion: s.sourceVersion,
      targetVersion: s.targetVersion,
      curVersion: s.curVersion,
      errorCode: s.errorCode ?? (s.kind === "firmware" ? s.resultDesc : null),
      errorMeaning: meaningOf(meanings, s.kind, s.errorCode ?? (s.kind === "firmware" ? s.resultDesc : null)),
      description: s.description,
      attempts: s.attempts,
      failedAttempts: s.failedAttempts,
      firstSeenAt: toIso(s.firstSeenAt),
      lastSeenAt: toIso(s.lastSeenAt),
    })),
    events: events.reverse().map((n): DeviceEvent => ({
      id: Number(n.id),
      receivedAt: toIso(n.receivedAt),
      notifyType: n.notifyType,
      kind: n.kind,
      event: n.event === "result" ? "result" : "state",
      operationId: n.operationId,
      subOperationId: n.subOperationId,
      result: n.result,
      state: n.state,
      step: n.step,
      sourceVersion: n.sourceVersion,
      targetVersion: n.targetVersion,
      curVersion: n.curVersion,
      errorCode: n.errorCode,
      errorMeaning:
        n.event === "result"
          ? meaningOf(meanings, n.kind, n.errorCode ?? (n.kind === "firmware" ? n.resultDesc : null))
          : null,
      description: n.description,
      resultDesc: n.resultDesc,
      upgradeTime: n.upgradeTimeRaw,
      upgradeAt: toIso(n.upgradeAt),
      deviceTimeUsed: n.event === "result" && plausibleDeviceTime(n.upgradeAt, n.receivedAt) !== null,
      latest: n.event === "result" && latestIds.has(n.id),
      firstAttempt: n.event === "result" && firstIds.has(n.id),
      warnings: Array.isArray(n.warnings) ? (n.warnings as unknown as FieldProblem[]) : [],
    })),
    eventsTotal,
    eventsLimit: DEVICE_EVENTS_LIMIT,
  };
}
