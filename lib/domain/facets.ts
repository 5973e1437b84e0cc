import type { DeviceState } from "@/lib/generated/prisma/browser";
import type { StoredEvent } from "./device-state";

/** One counter of a task's breakdown: (facet, k1, k2, k3); NULLs are stored as ''. */
export type CounterKey = readonly [facet: string, k1: string, k2: string, k3: string];

const k = (v: string | null) => v ?? "";

/**
 * The counters one device's current state contributes to its task. The task page's breakdowns are
 * sums of these, so the ingest keeps them exact by adding the new state's keys and subtracting the
 * old state's (the SQL in prisma/migrations/*_task_counters backfills the same definitions).
 */
export function counterKeysOf(s: DeviceState): CounterKey[] {
  const keys: CounterKey[] = [];
  const src = k(s.sourceVersion);
  const tgt = k(s.targetVersion);
  if (s.result !== null) {
    keys.push(["transition", src, tgt, s.outcome]);
    if (s.result === "SUCCESS" && s.curVersion !== s.targetVersion) keys.push(["contradiction", src, tgt, "success_not_on_target"]);
    if (s.result === "FAIL" && s.curVersion !== null && s.curVersion === s.targetVersion) keys.push(["contradiction", src, tgt, "fail_on_target"]);
  }
  if (s.outcome === "failed") {
    keys.push(["left_on", src, tgt, k(s.curVersion)]);
    // Firmware results carry no errorCode: their statusDesc is what tells failures apart.
    const code = s.errorCode ?? (s.kind === "firmware" ? s.resultDesc : null);
    keys.push(["error", k(code), k(s.description ?? s.resultDesc), ""]);
  }
  if (s.firstResult !== null) keys.push(["first", "with_result", "", ""]);
  if (s.firstResult === "SUCCESS") keys.push(["first", "first_ok", "", ""]);
  if (s.outcome === "succeeded" && s.failedAttempts > 0) keys.push(["first", "recovered", "", ""]);
  return keys;
}

/** Hour (UTC) of a result's arrival: the results-over-time chart counts every attempt. */
export function hourKey(e: StoredEvent): CounterKey | null {
  if (e.n.event !== "result" || !e.n.result) return null;
  const hour = new Date(Math.floor(e.receivedAt.getTime() / 3_600_000) * 3_600_000).toISOString();
  return ["hour", hour, e.n.result, ""];
}

/** One count per warning of a stored push (a mistyped or missing documented field), per task. */
export function warningKeys(e: StoredEvent): CounterKey[] {
  return e.n.warnings.map((w) => ["warning", w.field, w.problem, ""] as const);
}

export interface CounterDelta {
  operationId: string;
  key: CounterKey;
  n: number;
}

/** Net change of every counter touched by a batch; zero changes are dropped. */
export function counterDeltas(changes: { before: DeviceState | null; after: DeviceState }[], events: StoredEvent[]): CounterDelta[] {
  const sums = new Map<string, CounterDelta>();
  const add = (operationId: string, key: CounterKey, n: number) => {
    const id = JSON.stringify([operationId, ...key]);
    const d = sums.get(id) ?? { operationId, key, n: 0 };
    d.n += n;
    sums.set(id, d);
  };
  for (const { before, after } of changes) {
    if (before) for (const key of counterKeysOf(before)) add(before.operationId, key, -1);
    for (const key of counterKeysOf(after)) add(after.operationId, key, 1);
  }
  for (const e of events) {
    const key = hourKey(e);
    if (key) add(e.n.operationId, key, 1);
    for (const w of warningKeys(e)) add(e.n.operationId, w, 1);
  }
  // Sorted: concurrent batches lock counter rows in the same order.
  return [...sums.entries()].filter(([, d]) => d.n !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, d]) => d);
}
