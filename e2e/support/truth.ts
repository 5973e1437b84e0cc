import type { Body } from "./campaign";

// The expected dashboard numbers, computed from the pushes the test sent, without any app code:
// exact repeats count once; a device's latest result is the one with the latest upgradeTime;
// a state that starts an attempt (a download) delivered after that result means the device is in
// progress again; a late `updating`/`downloaded` is the tail of the attempt that result closed.

export interface Attempt {
  seq: number;
  ok: boolean;
  at: number;
  body: Body;
}

export interface DeviceTruth {
  deviceId: string;
  kind: "software" | "firmware";
  attempts: Attempt[];
  latest: Attempt | null;
  first: Attempt | null;
  outcome: "succeeded" | "failed" | "in_progress";
  /** errorCode, or statusDesc for firmware */
  code: string | null;
  /** The subOperationId of the latest push (a retry may open a new subtask). */
  subOperationId: string | null;
}

export interface TaskTruth {
  operationId: string;
  notifications: number;
  devices: Map<string, DeviceTruth>;
  count(outcome: DeviceTruth["outcome"]): number;
}

const ATTEMPT_START = new Set(["downloading", "otacreated", "requestdownload"]);

const parseCompact = (s: string) =>
  Date.UTC(+s.slice(0, 4), +s.slice(4, 6) - 1, +s.slice(6, 8), +s.slice(9, 11), +s.slice(11, 13), +s.slice(13, 15));

export function computeTruth(sends: Body[]): Map<string, TaskTruth> {
  const seen = new Set<string>();
  const tasks = new Map<string, TaskTruth>();
  const lastState = new Map<string, { seq: number; state: string }>();
  sends.forEach((body, seq) => {
    const key = JSON.stringify(body);
    if (seen.has(key)) return;
    seen.add(key);
    const op = String(body.operationId);
    const dev = String(body.deviceId);
    let task = tasks.get(op);
    if (!task) {
      const devices = new Map<string, DeviceTruth>();
      task = {
        operationId: op,
        notifications: 0,
        devices,
        count: (o) => [...devices.values()].filter((d) => d.outcome === o).length,
      };
      tasks.set(op, task);
    }
    task.notifications += 1;
    const type = String(body.notifyType);
    let d = task.devices.get(dev);
    if (!d) {
      d = {
        deviceId: dev,
        kind: type.startsWith("fw") ? "firmware" : "software",
        attempts: [],
        latest: null,
        first: null,
        outcome: "in_progress",
        code: null,
        subOperationId: null,
      };
      task.devices.set(dev, d);
    }
    if (typeof body.subOperationId === "string") d.subOperationId = body.subOperationId;
    if (type.endsWith("ResultNotify")) {
      const ok = (body.swUpgradeResult ?? body.status) === "SUCCESS";
      d.attempts.push({ seq, ok, at: parseCompact(String(body.upgradeTime)), body });
    } else {
      const state = type === "fwUpgradeStateChangeNotify" ? String(body.stepDesc) : String(body.swUpgradeState);
      lastState.set(`${op}\u0000${dev}`, { seq, state });
    }
  });
  for (const task of tasks.values()) {
    for (const d of task.devices.values()) {
      const byTime = [...d.attempts].sort((a, b) => a.at - b.at || a.seq - b.seq);
      d.first = byTime[0] ?? null;
      d.latest = byTime[byTime.length - 1] ?? null;
      const state = lastState.get(`${task.operationId}\u0000${d.deviceId}`);
      const active = state && ATTEMPT_START.has(state.state.toLowerCase()) && d.latest && state.seq > d.latest.seq;
      d.outcome = !d.latest || active ? "in_progress" : d.latest.ok ? "succeeded" : "failed";
      if (d.latest && !d.latest.ok) {
        const b = d.latest.body;
        d.code = (d.kind === "firmware" ? (b.statusDesc as string) : (b.errorCode as string)) || null;
      }
    }
  }
  return tasks;
}

export function taskTruth(sends: Body[], operationId: string): TaskTruth {
  const t = computeTruth(sends).get(operationId);
  if (!t) throw new Error(`no pushes for ${operationId}`);
  return t;
}

/** succeeded ÷ (succeeded + failed), null when nothing finished. */
export function successRate(t: TaskTruth): number | null {
  const s = t.count("succeeded");
  const f = t.count("failed");
  return s + f > 0 ? s / (s + f) : null;
}

/** Failed devices per error code (statusDesc for firmware). */
export function errorCodeCounts(t: TaskTruth): Map<string | null, number> {
  const out = new Map<string | null, number>();
  for (const d of t.devices.values()) if (d.outcome === "failed") out.set(d.code, (out.get(d.code) ?? 0) + 1);
  return out;
}

/** Devices whose latest result is FAIL (what the CSV lists), by deviceId. */
export function failedLatest(t: TaskTruth): DeviceTruth[] {
  return [...t.devices.values()]
    .filter((d) => d.latest && !d.latest.ok)
    .sort((a, b) => (a.deviceId < b.deviceId ? -1 : 1));
}
