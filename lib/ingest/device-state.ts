import type { DeviceState } from "@/lib/generated/prisma/browser";
import { compareArrival, isLaterResult, plausibleDeviceTime } from "@/lib/domain/ordering";
import type { Outcome, ParsedNotification } from "@/lib/notifications/types";

/** A stored notification: what the reducer needs to place it in time. */
export interface StoredEvent {
  id: number;
  receivedAt: Date;
  n: ParsedNotification;
}

// States that open an attempt. Only these reopen a device after its latest result: a late
// `updating` or `downloaded` is the tail of the attempt that result closed (deliveries race), while
// a new attempt always starts with a download (China Unicom's edition adds otacreated/RequestDownload).
const ATTEMPT_START_STATES = new Set(["downloading", "otacreated", "requestdownload"]);

/** Arrival order of two stored pushes (received_at, then id); a missing other means "after". */
function arrivedAfter(at: Date, id: number, otherAt: Date | null, otherId: number | null): boolean {
  if (otherAt === null || otherId === null) return true;
  return compareArrival({ receivedAt: at, id }, { receivedAt: otherAt, id: otherId }) > 0;
}

/**
 * Folds one new notification into a device's current state in a task. Pure. Which result is the
 * latest and which the first attempt follows the one ordering rule (lib/domain/ordering.ts): device
 * times only when both are plausible, else arrival order. A state change that arrives after the
 * latest result and starts a new attempt (a download) means the device is in progress again.
 */
export function applyEvent(prev: DeviceState | null, e: StoredEvent): DeviceState {
  const { n } = e;
  const s: DeviceState = prev
    ? { ...prev }
    : {
        operationId: n.operationId,
        deviceId: n.deviceId,
        kind: n.kind,
        appId: null,
        subOperationId: null,
        outcome: "in_progress",
        result: null,
        sourceVersion: null,
        targetVersion: null,
        curVersion: null,
        errorCode: null,
        description: null,
        resultDesc: null,
        upgradeTimeRaw: null,
        upgradeAt: null,
        resultAt: null,
        resultReceivedAt: null,
        resultNotificationId: null,
        firstResult: null,
        firstResultAt: null,
        firstResultReceivedAt: null,
        firstResultNotificationId: null,
        attempts: 0,
        failedAttempts: 0,
        state: null,
        stateReceivedAt: null,
        stateNotificationId: null,
        firstSeenAt: e.receivedAt,
        lastSeenAt: e.receivedAt,
      };
  s.appId = n.appId ?? s.appId;
  s.subOperationId = n.subOperationId ?? s.subOperationId;
  if (e.receivedAt < s.firstSeenAt) s.firstSeenAt = e.receivedAt;
  if (e.receivedAt > s.lastSeenAt) s.lastSeenAt = e.receivedAt;

  if (n.event === "result" && n.result) {
    // resultAt/firstResultAt hold the plausible device time only (null otherwise): the order key.
    const incoming = { deviceAt: plausibleDeviceTime(n.upgradeAt, e.receivedAt), receivedAt: e.receivedAt, id: e.id };
    s.attempts += 1;
    if (n.result === "FAIL") s.failedAttempts += 1;
    const latest = s.resultReceivedAt && s.resultNotificationId !== null
      ? { deviceAt: s.resultAt, receivedAt: s.resultReceivedAt, id: s.resultNotificationId }
      : null;
    if (isLaterResult(incoming, latest)) {
      Object.assign(s, {
        result: n.result,
        sourceVersion: n.sourceVersion,
        targetVersion: n.targetVersion,
        curVersion: n.curVersion,
        errorCode: n.errorCode,
        description: n.description,
        resultDesc: n.resultDesc,
        upgradeTimeRaw: n.upgradeTimeRaw,
        upgradeAt: n.upgradeAt,
        resultAt: incoming.deviceAt,
        resultReceivedAt: e.receivedAt,
        resultNotificationId: e.id,
      });
    }
    const first = s.firstResultReceivedAt && s.firstResultNotificationId !== null
      ? { deviceAt: s.firstResultAt, receivedAt: s.firstResultReceivedAt, id: s.firstResultNotificationId }
      : null;
    if (first === null || isLaterResult(first, incoming)) {
      s.firstResult = n.result;
      s.firstResultAt = incoming.deviceAt;
      s.firstResultReceivedAt = e.receivedAt;
      s.firstResultNotificationId = e.id;
    }
  } else if (n.event === "state") {
    if (arrivedAfter(e.receivedAt, e.id, s.stateReceivedAt, s.stateNotificationId)) {
      s.state = n.state;
      s.stateReceivedAt = e.receivedAt;
      s.stateNotificationId = e.id;
    }
  }
  s.outcome = outcomeOf(s);
  return s;
}

export function outcomeOf(s: Pick<DeviceState, "result" | "state" | "stateReceivedAt" | "stateNotificationId" | "resultReceivedAt" | "resultNotificationId">): Outcome {
  if (s.result === null) return "in_progress";
  const active = s.state !== null && ATTEMPT_START_STATES.has(s.state.toLowerCase());
  if (active && s.stateReceivedAt && arrivedAfter(s.stateReceivedAt, s.stateNotificationId ?? 0, s.resultReceivedAt, s.resultNotificationId)) {
    return "in_progress";
  }
  return s.result === "SUCCESS" ? "succeeded" : "failed";
}
