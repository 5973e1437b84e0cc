// One task of the read dataset, turned into exactly the rows the receiver would have written for
// its pushes: the simulator generates the pushes (lib/simulator), the receiver's parser reads them
// (lib/notifications) and its reducer folds them (lib/ingest/device-state applyEvent).
import type { DeviceState } from "@/lib/generated/prisma/browser";
import { applyEvent } from "@/lib/domain/device-state";
import type { TaskRecord } from "@/lib/projection/task-deltas";
import { parseNotification } from "@/lib/notifications/parse";
import type { ParsedNotification } from "@/lib/notifications/types";
import { pickVersions } from "@/lib/simulator/catalog";
import { deliver } from "@/lib/simulator/delivery";
import { planDevice, type TaskPlan, type TimedPush } from "@/lib/simulator/device-timeline";
import { createRandom } from "@/lib/simulator/random";
import type { UpgradePush } from "@/lib/simulator/types";
import { taskDevices, type DatasetPlan, type TaskShape } from "./dataset-plan";

export interface NotificationRow {
  id: number;
  receivedAt: Date;
  n: ParsedNotification;
}

/** A task's counters row: the same shape the ingest upserts. */
export type TaskCounters = TaskRecord;

export interface TaskRows {
  pushes: UpgradePush[];
  notifications: NotificationRow[];
  states: DeviceState[];
  task: TaskCounters;
  versions: [string, string][];
  results: number;
}

const SPREAD_MAX_S = 7_200;

/** The pushes of one task in delivery order, as lib/simulator's generateCampaign makes them. */
export function generateTaskPushes(plan: DatasetPlan, t: TaskShape): UpgradePush[] {
  const rng = createRandom(`${plan.seed}:task:${t.index}`);
  const operationId = rng.hex(32);
  const versions = pickVersions(rng, t.kind);
  const task: TaskPlan = {
    operationId,
    kind: t.kind,
    appId: t.appId,
    targetVersion: versions.targetVersion,
    sourceVersions: versions.sourceVersions.map((v) => v.value),
    startAt: t.startAt,
    devices: [],
  };
  const rates = { failRate: t.failRate, retryRate: t.retryRate, inProgressRate: 0.05 };
  const spreadSeconds = Math.min(SPREAD_MAX_S, Math.max(300, t.devices * 15));
  const timed: (TimedPush & { i: number })[] = [];
  for (const deviceId of taskDevices(plan, t)) {
    const ids = { deviceId, subOperationId: rng.hex(32), sourceVersion: rng.weighted(versions.sourceVersions) };
    const { pushes } = planDevice(rng, task, ids, rates, t.startAt + rng.int(0, spreadSeconds) * 1000);
    for (const p of pushes) timed.push({ ...p, i: timed.length });
  }
  const ordered = timed.sort((a, b) => a.at - b.at || a.i - b.i).map((p) => p.push);
  return deliver(createRandom(`${plan.seed}:delivery:${t.index}`), ordered, {
    duplicateRate: 0.03,
    outOfOrderRate: 0.05,
  });
}

/**
 * Parses and folds one task's pushes. Arrival times follow delivery order: a result arrives just
 * after its upgradeTime, a state change just after the previous push. Exact repeats are dropped
 * (the receiver answers "duplicate" and writes nothing). `nextId` is the first notification id.
 */
export function buildTaskRows(plan: DatasetPlan, t: TaskShape, nextId: number): TaskRows {
  const pushes = generateTaskPushes(plan, t);
  const seen = new Set<string>();
  const notifications: NotificationRow[] = [];
  const states = new Map<string, DeviceState>();
  const versions = new Map<string, [string, string]>();
  let clock = t.startAt;
  let results = 0;
  const encoder = new TextEncoder();
  for (const push of pushes) {
    const parsed = parseNotification(encoder.encode(JSON.stringify(push)));
    if (parsed.type !== "notification") throw new Error(`generated push refused: ${JSON.stringify(parsed)}`);
    const n = parsed.notification;
    if (seen.has(n.contentHash)) continue;
    seen.add(n.contentHash);
    clock = Math.max(clock + 1, n.event === "result" && n.upgradeAt ? n.upgradeAt.getTime() + 400 : 0);
    const e = { id: nextId++, receivedAt: new Date(clock), n };
    notifications.push(e);
    if (n.event === "result") results++;
    const s = applyEvent(states.get(n.deviceId) ?? null, e);
    states.set(n.deviceId, s);
    // The receiver records the transition of every state it writes back.
    if (s.sourceVersion !== null && s.targetVersion !== null)
      versions.set(`${s.sourceVersion}\u0000${s.targetVersion}`, [s.sourceVersion, s.targetVersion]);
  }
  const first = notifications[0]!;
  const task: TaskCounters = {
    operationId: first.n.operationId,
    kind: first.n.kind,
    appId: first.n.appId,
    devices: 0,
    succeeded: 0,
    failed: 0,
    inProgress: 0,
    notifications: notifications.length,
    firstSeenAt: first.receivedAt,
    lastSeenAt: first.receivedAt,
    lastResultAt: null,
  };
  for (const e of notifications) {
    if (e.receivedAt > task.lastSeenAt) task.lastSeenAt = e.receivedAt;
    if (e.n.event === "result" && (!task.lastResultAt || e.receivedAt > task.lastResultAt))
      task.lastResultAt = e.receivedAt;
  }
  for (const s of states.values()) {
    task.devices++;
    if (s.outcome === "succeeded") task.succeeded++;
    else if (s.outcome === "failed") task.failed++;
    else task.inProgress++;
  }
  return { pushes, notifications, states: [...states.values()], task, versions: [...versions.values()], results };
}
