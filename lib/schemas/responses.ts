// JSON shapes of the read APIs. Types only: the server builds them, pages and hooks consume them.
// Times are ISO-8601 UTC strings; counts are plain numbers; rates are 0..1 or null when undefined.

import type { DeviceOutcome } from "./devices";
import type { TaskCompleteness } from "./responses-completeness";

export type { DeviceOutcome };

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface VersionPair {
  sourceVersion: string;
  targetVersion: string;
}

/** What the platform's task API says about a task (the connector's last read); null when it was never read. */
export interface PlatformTaskMeta {
  /** firmware_upgrade | software_upgrade, as the platform names it. */
  operateType: string | null;
  /** wait | processing | success | failed | stop, as the platform spells it. */
  status: string | null;
  createdAt: string | null;
  startedAt: string | null;
  stoppedAt: string | null;
}

export interface TaskRow {
  operationId: string;
  /** An operator's name for the task (PUT /api/tasks/{operationId}/label), null when unset. */
  label: string | null;
  platform: PlatformTaskMeta | null;
  /** Target devices (task_targets), null when no list is known. */
  expected: number | null;
  /** Expected devices that never sent anything. */
  pending: number;
  /** In progress with no event for STALE_AFTER_HOURS. */
  stale: number;
  kind: string;
  appId: string | null;
  devices: number;
  succeeded: number;
  failed: number;
  inProgress: number;
  /** succeeded ÷ (succeeded + failed) */
  successRate: number | null;
  notifications: number;
  firstSeenAt: string;
  lastSeenAt: string;
  lastResultAt: string | null;
  versions: VersionPair[];
}

/** What a result code means: an operator's entry, or the documented list it comes from. */
export interface CodeMeaning {
  text: string;
  source: "operator" | "huawei_ota" | "lwm2m";
}

/** A documented field of stored pushes that was missing or mistyped, and how many pushes had it. */
export interface WarningRow {
  field: string;
  problem: string;
  notifications: number;
}

export interface ErrorCodeRow {
  /** Which list the code belongs to: the same code means different things for software and firmware. */
  kind: "software" | "firmware";
  /** errorCode (software) or statusDesc (firmware); null when the device sent neither. */
  errorCode: string | null;
  /** The most common description among those devices. */
  description: string | null;
  meaning: CodeMeaning | null;
  devices: number;
  /** devices ÷ failed devices in scope */
  share: number;
}

export interface FleetSummary {
  tasks: number;
  /** Distinct devices across the matching tasks. */
  devices: number;
  /** Sums of the per-task counters (a device in two tasks counts twice). */
  succeeded: number;
  failed: number;
  inProgress: number;
  successRate: number | null;
  /** Results reconciled from the platform's API because their push never arrived. */
  lostPushes: number;
  topErrorCodes: ErrorCodeRow[];
}

export interface TaskSummary {
  operationId: string;
  /** An operator's name for the task, null when unset. */
  label: string | null;
  platform: PlatformTaskMeta | null;
  kind: string;
  appId: string | null;
  devices: number;
  succeeded: number;
  failed: number;
  inProgress: number;
  notifications: number;
  successRate: number | null;
  /** Devices whose first result was SUCCESS ÷ devices with a result. */
  firstAttemptSuccessRate: number | null;
  firstAttemptSucceeded: number;
  devicesWithResult: number;
  /** Devices that succeeded after at least one failed attempt. */
  recovered: number;
  firstSeenAt: string;
  lastSeenAt: string;
  lastResultAt: string | null;
}

export interface TimelinePoint {
  at: string;
  succeeded: number;
  failed: number;
}

export interface Timeline {
  bucket: "hour" | "day";
  /** Result notifications received per bucket (every attempt), gaps filled with zeros. */
  points: TimelinePoint[];
}

export interface LeftOnRow {
  curVersion: string | null;
  devices: number;
}

export interface TransitionRow {
  sourceVersion: string | null;
  targetVersion: string | null;
  devices: number;
  succeeded: number;
  failed: number;
  inProgress: number;
  successRate: number | null;
  /** Latest result SUCCESS but curVersion ≠ targetVersion. */
  successNotOnTarget: number;
  /** Latest result FAIL but curVersion = targetVersion. */
  failOnTarget: number;
  /** For failed devices: the version they were left on. */
  leftOn: LeftOnRow[];
}

export interface TaskDetail {
  task: TaskSummary;
  timeline: Timeline;
  transitions: TransitionRow[];
  errorCodes: ErrorCodeRow[];
  /** Warnings of this task's stored pushes, counted per field and problem. */
  warnings: WarningRow[];
  /** The task against its target population. */
  completeness: TaskCompleteness;
}

export type Contradiction = "success_not_on_target" | "fail_on_target";

export interface DeviceRow {
  deviceId: string;
  subOperationId: string | null;
  /** `pending`: on the task's target list, never reported. */
  outcome: DeviceOutcome | "pending";
  /** In progress with no event for STALE_AFTER_HOURS. */
  stale: boolean;
  /** platform / declared when the device is on the task's target list, else null. */
  targetSource: string | null;
  /** The platform's status of the device's sub-task, when the connector reported one. */
  platformStatus: string | null;
  state: string | null;
  result: string | null;
  sourceVersion: string | null;
  targetVersion: string | null;
  curVersion: string | null;
  /** errorCode, or statusDesc for firmware */
  errorCode: string | null;
  errorMeaning: CodeMeaning | null;
  description: string | null;
  resultDesc: string | null;
  attempts: number;
  failedAttempts: number;
  upgradeTime: string | null;
  upgradeAt: string | null;
  /** When the latest result arrived (or the latest push, before any result); null for pending devices. */
  receivedAt: string | null;
  contradiction: Contradiction | null;
}

export interface DeviceList extends Page<DeviceRow> {
  /** Devices matching the filters (all pages). */
  total: number;
}

export interface DeviceTaskRow {
  operationId: string;
  kind: string;
  appId: string | null;
  subOperationId: string | null;
  outcome: DeviceOutcome;
  result: string | null;
  state: string | null;
  sourceVersion: string | null;
  targetVersion: string | null;
  curVersion: string | null;
  errorCode: string | null;
  errorMeaning: CodeMeaning | null;
  description: string | null;
  attempts: number;
  failedAttempts: number;
  firstSeenAt: string;
  lastSeenAt: string;
}

export interface DeviceEvent {
  id: number;
  receivedAt: string;
  notifyType: string;
  kind: string;
  event: "result" | "state";
  operationId: string;
  subOperationId: string | null;
  result: string | null;
  state: string | null;
  step: string | null;
  sourceVersion: string | null;
  targetVersion: string | null;
  curVersion: string | null;
  errorCode: string | null;
  errorMeaning: CodeMeaning | null;
  description: string | null;
  resultDesc: string | null;
  upgradeTime: string | null;
  upgradeAt: string | null;
  /** For results: whether upgradeAt is a plausible device time, i.e. used to order this result (README "Order"). */
  deviceTimeUsed: boolean;
  /** For results: this is the device's latest result in its task (the one its outcome comes from). */
  latest: boolean;
  /** For results: this is the device's first attempt in its task. */
  firstAttempt: boolean;
  /** Documented fields that were missing or mistyped in this push. */
  warnings: { field: string; problem: string }[];
}

export interface DeviceHistory {
  deviceId: string;
  tasks: DeviceTaskRow[];
  /** Every push of the device, oldest first (the newest `eventsLimit` when there are more). */
  events: DeviceEvent[];
  eventsTotal: number;
  eventsLimit: number;
}

export interface QuarantineItem {
  id: number;
  receivedAt: string;
  status: number;
  reason: string;
  message: string;
  details: unknown;
  contentType: string | null;
  bodySize: number;
  /** The stored body was cut at the receiver's size cap. */
  truncated: boolean;
  /** The body as text with control characters and invalid bytes escaped (\n kept). */
  body: string;
  bodyEncoding: "utf-8" | "bytes";
}

export interface IgnoredTypeRow {
  notifyType: string;
  count: number;
  firstSeenAt: string;
  lastSeenAt: string;
}

export interface QuarantineList extends Page<QuarantineItem> {
  total: number;
  ignored: IgnoredTypeRow[];
}

export * from "./responses-completeness";
