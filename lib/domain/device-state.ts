import type { DeviceState } from "@/lib/generated/prisma/browser";
import { compareArrival, isLaterResult, plausibleDeviceTime, type Ordered } from "@/lib/domain/ordering";
import type { NotificationSource, Outcome, ParsedNotification } from "@/lib/notifications/types";

/** The fields of a logged notification that the projection reads. */
export type EventFields = Pick<
  ParsedNotification,
  | "operationId"
  | "deviceId"
  | "kind"
  | "appId"
  | "subOperationId"
  | "event"
  | "result"
  | "state"
  | "sourceVersion"
  | "targetVersion"
  | "curVersion"
  | "errorCode"
  | "description"
  | "resultDesc"
  | "upgradeTimeRaw"
  | "upgradeAt"
  | "warnings"
> & { source?: NotificationSource };

/** A notification from the log: what the reducer needs to place it in time. */
export interface StoredEvent {
  id: number | bigint;
  receivedAt: Date;
  n: EventFields;
}

/** A pushed result outranks one reconciled from the platform API, whatever their times (README, "Order"). */
const rank = (source: string | null | undefined) => (source === "api" ? 0 : 1);

/** Later result of two, ranked by source first, then by the ordering rule. */
function isLaterRanked(
  a: Ordered & { source: string | null | undefined },
  b: (Ordered & { source: string | null | undefined }) | null,
) {
  if (b === null) return true;
  const r = rank(a.source) - rank(b.source);
  return r !== 0 ? r > 0 : isLaterResult(a, b);
}

/** Deterministic whatever order events are folded in: the platform sends one value per device and task anyway. */
const greatest = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a > b ? a : b);

/** Ids compare as bigint; 0 stands for "none". */
const big = (id: number | bigint | null) => BigInt(id ?? 0);

/** True when `e` arrived (received_at, then id) before the last event already folded into `s`. */
export function arrivedBeforeLast(
  s: Pick<DeviceState, "lastSeenAt" | "lastEventId">,
  e: Pick<StoredEvent, "id" | "receivedAt">,
): boolean {
  if (s.lastEventId === null) return false;
  return compareArrival({ receivedAt: e.receivedAt, id: e.id }, { receivedAt: s.lastSeenAt, id: s.lastEventId }) < 0;
}

// States that open an attempt. Only these reopen a device after its latest result: a late
// `updating` or `downloaded` is the tail of the attempt that result closed (deliveries race), while
// a new attempt always starts with a download (China Unicom's edition adds otacreated/RequestDownload).
const ATTEMPT_START_STATES = new Set(["downloading", "otacreated", "requestdownload"]);

/** Arrival order of two stored pushes (received_at, then id); a missing other means "after". */
function arrivedAfter(at: Date, id: number | bigint, otherAt: Date | null, otherId: number | bigint | null): boolean {
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
        resultSource: null,
        firstResult: null,
        firstResultSource: null,
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
        lastEventId: null,
      };
  s.appId = greatest(s.appId, n.appId);
  s.subOperationId = greatest(s.subOperationId, n.subOperationId);
  if (e.receivedAt < s.firstSeenAt) s.firstSeenAt = e.receivedAt;
  // Without a last event id (a row from before it existed), last_seen_at only moves forward.
  if (
    s.lastEventId === null
      ? e.receivedAt >= s.lastSeenAt
      : compareArrival(e, { receivedAt: s.lastSeenAt, id: s.lastEventId }) > 0
  ) {
    s.lastSeenAt = e.receivedAt;
    s.lastEventId = big(e.id);
  }

  if (n.event === "result" && n.result) {
    // resultAt/firstResultAt hold the plausible device time only (null otherwise): the order key.
    const source = n.source ?? "push";
    const incoming = {
      deviceAt: plausibleDeviceTime(n.upgradeAt, e.receivedAt),
      receivedAt: e.receivedAt,
      id: e.id,
      source,
    };
    // Attempts are what the device reported: a result reconciled from the platform (a lost push)
    // stands in for a push that may still arrive, so it is never an attempt of its own.
    if (source === "push") {
      s.attempts += 1;
      if (n.result === "FAIL") s.failedAttempts += 1;
    }
    const latest =
      s.resultReceivedAt && s.resultNotificationId !== null
        ? { deviceAt: s.resultAt, receivedAt: s.resultReceivedAt, id: s.resultNotificationId, source: s.resultSource }
        : null;
    if (isLaterRanked(incoming, latest)) {
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
        resultNotificationId: big(e.id),
        resultSource: source,
      });
    }
    const first =
      s.firstResultReceivedAt && s.firstResultNotificationId !== null
        ? {
            deviceAt: s.firstResultAt,
            receivedAt: s.firstResultReceivedAt,
            id: s.firstResultNotificationId,
            source: s.firstResultSource,
          }
        : null;
    // The first attempt: the earliest pushed result, or the earliest reconciled one when nothing was pushed.
    if (
      first === null ||
      (rank(source) !== rank(first.source) ? rank(source) > rank(first.source) : isLaterResult(first, incoming))
    ) {
      s.firstResult = n.result;
      s.firstResultAt = incoming.deviceAt;
      s.firstResultReceivedAt = e.receivedAt;
      s.firstResultNotificationId = big(e.id);
      s.firstResultSource = source;
    }
  } else if (n.event === "state") {
    if (arrivedAfter(e.receivedAt, e.id, s.stateReceivedAt, s.stateNotificationId)) {
      s.state = n.state;
      s.stateReceivedAt = e.receivedAt;
      s.stateNotificationId = big(e.id);
    }
  }
  s.outcome = outcomeOf(s);
  return s;
}

export function outcomeOf(
  s: Pick<
    DeviceState,
    "result" | "state" | "stateReceivedAt" | "stateNotificationId" | "resultReceivedAt" | "resultNotificationId"
  >,
): Outcome {
  if (s.result === null) return "in_progress";
  const active = s.state !== null && ATTEMPT_START_STATES.has(s.state.toLowerCase());
  if (
    active &&
    s.stateReceivedAt &&
    arrivedAfter(s.stateReceivedAt, s.stateNotificationId ?? 0, s.resultReceivedAt, s.resultNotificationId)
  ) {
    return "in_progress";
  }
  return s.result === "SUCCESS" ? "succeeded" : "failed";
}
