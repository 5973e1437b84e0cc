// The expected dashboard numbers for a list of pushes, recomputed from the pushes alone with the
// plainest rules we can state. Deliberately shares nothing with lib/ingest: it is the yardstick.
//
// Rules: an exact repeat (same content, any key order) counts once. A device's outcome is its
// latest result by upgradeTime (a later position breaks ties); no result means in progress.
import {
  isResultPush,
  kindOf,
  resultOf,
  type Kind,
  type ResultPush,
  type UpgradePush,
  type UpgradeResult,
} from "./types";
import type { DeviceOutcome as Outcome } from "@/lib/schemas/devices";

export type { Outcome };

export interface DeviceTruth {
  deviceId: string;
  subOperationId: string;
  outcome: Outcome;
  /** Result of the latest attempt by upgradeTime. */
  finalResult: UpgradeResult | null;
  /** Result of the earliest attempt by upgradeTime. */
  firstResult: UpgradeResult | null;
  /** Distinct result pushes. */
  attempts: number;
  failedAttempts: number;
  /** Of the latest result: errorCode (software), null for firmware. */
  errorCode: string | null;
  /** Of the latest result: description (software) or statusDesc (firmware). */
  reason: string | null;
  sourceVersion: string | null;
  targetVersion: string | null;
  curVersion: string | null;
  upgradeTime: string | null;
}

export interface TaskTruth {
  operationId: string;
  kind: Kind;
  appId: string;
  /** Pushes sent, repeats included. */
  pushes: number;
  /** Distinct pushes: what a receiver should answer "stored" for on an empty database. */
  notifications: number;
  devices: number;
  succeeded: number;
  failed: number;
  inProgress: number;
  /** Devices whose first attempt succeeded / failed. */
  firstAttemptSucceeded: number;
  firstAttemptFailed: number;
  /** Devices with more than one attempt. */
  retried: number;
  /** Failed devices (final outcome) by errorCode for software, by statusDesc for firmware. */
  failureReasons: Record<string, number>;
  sourceVersions: string[];
  targetVersions: string[];
  byDevice: Record<string, DeviceTruth>;
}

export interface CampaignTruth {
  tasks: Record<string, TaskTruth>;
  totals: {
    tasks: number;
    pushes: number;
    notifications: number;
    duplicates: number;
    results: number;
    /** Device-in-task pairs. */
    devices: number;
    /** Distinct deviceIds across all tasks (a device can be in several tasks). */
    distinctDevices: number;
    succeeded: number;
    failed: number;
    inProgress: number;
  };
}

/** Keys sorted, so a repeat with reordered keys is recognised. Pushes are flat objects of strings. */
export function contentKey(push: UpgradePush): string {
  return JSON.stringify(Object.entries(push).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function computeTruth(pushes: readonly UpgradePush[]): CampaignTruth {
  const seen = new Set<string>();
  const tasks = new Map<string, TaskTruth>();
  const results = new Map<string, { push: ResultPush; pos: number }[]>();
  const allDevices = new Set<string>();

  pushes.forEach((push, pos) => {
    let task = tasks.get(push.operationId);
    if (!task) {
      task = emptyTask(push);
      tasks.set(push.operationId, task);
    }
    task.pushes++;
    const key = contentKey(push);
    if (seen.has(key)) return;
    seen.add(key);
    task.notifications++;
    allDevices.add(push.deviceId);
    task.byDevice[push.deviceId] ??= emptyDevice(push);
    if (isResultPush(push)) {
      const k = `${push.operationId}\u0000${push.deviceId}`;
      results.set(k, [...(results.get(k) ?? []), { push, pos }]);
    }
  });

  for (const list of results.values()) {
    // Compact UTC strings sort chronologically as text.
    list.sort((a, b) =>
      a.push.upgradeTime < b.push.upgradeTime ? -1 : a.push.upgradeTime > b.push.upgradeTime ? 1 : a.pos - b.pos,
    );
    const first = list[0]!.push;
    const last = list[list.length - 1]!.push;
    const device = tasks.get(last.operationId)!.byDevice[last.deviceId]!;
    Object.assign(device, {
      finalResult: resultOf(last),
      firstResult: resultOf(first),
      outcome: resultOf(last) === "SUCCESS" ? "succeeded" : "failed",
      attempts: list.length,
      failedAttempts: list.filter((r) => resultOf(r.push) === "FAIL").length,
      errorCode: last.notifyType === "swUpgradeResultNotify" ? last.errorCode : null,
      reason: last.notifyType === "swUpgradeResultNotify" ? last.description : last.statusDesc,
      sourceVersion: last.sourceVersion,
      targetVersion: last.targetVersion,
      curVersion: last.curVersion,
      upgradeTime: last.upgradeTime,
    } satisfies Partial<DeviceTruth>);
  }

  const totals = {
    tasks: tasks.size,
    pushes: pushes.length,
    notifications: seen.size,
    duplicates: pushes.length - seen.size,
    results: 0,
    devices: 0,
    distinctDevices: allDevices.size,
    succeeded: 0,
    failed: 0,
    inProgress: 0,
  };
  for (const task of tasks.values()) {
    const sources = new Set<string>();
    const targets = new Set<string>();
    for (const d of Object.values(task.byDevice)) {
      task.devices++;
      if (d.outcome === "succeeded") task.succeeded++;
      else if (d.outcome === "failed") task.failed++;
      else task.inProgress++;
      if (d.firstResult === "SUCCESS") task.firstAttemptSucceeded++;
      if (d.firstResult === "FAIL") task.firstAttemptFailed++;
      if (d.attempts > 1) task.retried++;
      if (d.outcome === "failed") {
        const reason = (task.kind === "software" ? d.errorCode : d.reason) ?? "";
        task.failureReasons[reason] = (task.failureReasons[reason] ?? 0) + 1;
      }
      if (d.sourceVersion !== null) sources.add(d.sourceVersion);
      if (d.targetVersion !== null) targets.add(d.targetVersion);
      totals.results += d.attempts;
    }
    task.sourceVersions = [...sources].sort();
    task.targetVersions = [...targets].sort();
    totals.devices += task.devices;
    totals.succeeded += task.succeeded;
    totals.failed += task.failed;
    totals.inProgress += task.inProgress;
  }
  return { tasks: Object.fromEntries(tasks), totals };
}

function emptyTask(push: UpgradePush): TaskTruth {
  return {
    operationId: push.operationId,
    kind: kindOf(push),
    appId: push.appId,
    pushes: 0,
    notifications: 0,
    devices: 0,
    succeeded: 0,
    failed: 0,
    inProgress: 0,
    firstAttemptSucceeded: 0,
    firstAttemptFailed: 0,
    retried: 0,
    failureReasons: {},
    sourceVersions: [],
    targetVersions: [],
    byDevice: {},
  };
}

function emptyDevice(push: UpgradePush): DeviceTruth {
  return {
    deviceId: push.deviceId,
    subOperationId: push.subOperationId,
    outcome: "in_progress",
    finalResult: null,
    firstResult: null,
    attempts: 0,
    failedAttempts: 0,
    errorCode: null,
    reason: null,
    sourceVersion: null,
    targetVersion: null,
    curVersion: null,
    upgradeTime: null,
  };
}
