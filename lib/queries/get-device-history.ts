import "server-only";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/http";
import type { DeviceEvent, DeviceHistory, DeviceOutcomeValue } from "@/lib/schemas/responses";
import { toIso } from "./sql";

/** The newest pushes shown on the device page; older ones are counted, not listed. */
export const DEVICE_EVENTS_LIMIT = 1_000;

/** Every task and every push of one device, oldest first; unknown deviceId → not_found. */
export async function getDeviceHistory(deviceId: string): Promise<DeviceHistory> {
  const { prisma } = await getDb();
  const states = await prisma.deviceState.findMany({ where: { deviceId }, orderBy: [{ firstSeenAt: "asc" }, { operationId: "asc" }] });
  if (states.length === 0) throw new AppError("not_found", `No notification for deviceId ${JSON.stringify(deviceId)} has been received.`);
  const [events, eventsTotal] = await Promise.all([
    prisma.notification.findMany({
      where: { deviceId },
      orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
      take: DEVICE_EVENTS_LIMIT,
      omit: { rawBody: true, warnings: true, contentHash: true },
    }),
    prisma.notification.count({ where: { deviceId } }),
  ]);
  return {
    deviceId,
    tasks: states.map((s) => ({
      operationId: s.operationId,
      kind: s.kind,
      appId: s.appId,
      subOperationId: s.subOperationId,
      outcome: s.outcome as DeviceOutcomeValue,
      result: s.result,
      state: s.state,
      sourceVersion: s.sourceVersion,
      targetVersion: s.targetVersion,
      curVersion: s.curVersion,
      errorCode: s.errorCode ?? (s.kind === "firmware" ? s.resultDesc : null),
      description: s.description,
      attempts: s.attempts,
      failedAttempts: s.failedAttempts,
      firstSeenAt: toIso(s.firstSeenAt),
      lastSeenAt: toIso(s.lastSeenAt),
    })),
    events: events.reverse().map(
      (n): DeviceEvent => ({
        id: n.id,
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
        description: n.description,
        resultDesc: n.resultDesc,
        upgradeTime: n.upgradeTimeRaw,
        upgradeAt: toIso(n.upgradeAt),
      }),
    ),
    eventsTotal,
    eventsLimit: DEVICE_EVENTS_LIMIT,
  };
}
