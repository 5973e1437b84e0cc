import type { AlertRule } from "@/lib/generated/prisma/browser";

// Pure rule conditions: figures in, "is it true, and with which numbers" out. The evaluator feeds them
// from the projections the ingest keeps (tasks, task_counters, device_states).

export interface Verdict {
  active: boolean;
  figures: Record<string, unknown>;
}

export type TaskRule = Pick<
  AlertRule,
  "kind" | "operationId" | "match" | "threshold" | "minResults" | "minCount" | "errorCode" | "minutes"
>;

/** Whether a task-scoped rule looks at this task at all. */
export function ruleCoversTask(rule: Pick<AlertRule, "operationId" | "match">, operationId: string): boolean {
  if (rule.operationId) return rule.operationId === operationId;
  if (rule.match) return operationId.toLowerCase().includes(rule.match.toLowerCase());
  return true;
}

/** failed ÷ devices with a result ≥ threshold, once at least minResults devices have a result. */
export function failureRate(rule: TaskRule, t: { succeeded: number; failed: number }): Verdict {
  const withResult = t.succeeded + t.failed;
  const rate = withResult === 0 ? 0 : t.failed / withResult;
  const threshold = rule.threshold ?? 1;
  const minResults = rule.minResults ?? 1;
  return {
    active: withResult >= minResults && rate >= threshold,
    figures: { failed: t.failed, withResult, rate, threshold, minResults },
  };
}

/**
 * One error code (or, without one, whichever single code is largest) reaches minCount failed devices
 * and/or the threshold share of the task's failures (both must hold when both are set).
 */
export function errorCode(rule: TaskRule, failed: number, codes: ReadonlyMap<string, number>): Verdict {
  let code = rule.errorCode ?? null;
  let devices = code === null ? 0 : (codes.get(code) ?? 0);
  if (code === null) {
    for (const [c, n] of codes)
      if (n > devices || (n === devices && code !== null && c < code)) [code, devices] = [c, n];
  }
  const share = failed === 0 ? 0 : devices / failed;
  const byCount = rule.minCount == null || devices >= rule.minCount;
  const byShare = rule.threshold == null || share >= rule.threshold;
  return {
    active: devices > 0 && byCount && byShare,
    figures: { errorCode: code, devices, failed, share, minDevices: rule.minCount, threshold: rule.threshold },
  };
}

export function staleDevices(rule: TaskRule, stale: number): Verdict {
  const min = rule.minCount ?? 1;
  return { active: stale >= min, figures: { stale, minDevices: min, minutes: rule.minutes } };
}

export function callbackSilence(
  rule: TaskRule,
  s: { lastPushAt: Date | null; tasksInProgress: number; now: Date },
): Verdict {
  const minutes = rule.minutes ?? 10;
  const silentFor = s.lastPushAt ? (s.now.getTime() - s.lastPushAt.getTime()) / 60_000 : Infinity;
  return {
    active: s.tasksInProgress > 0 && silentFor >= minutes,
    figures: { minutes, lastPushAt: s.lastPushAt?.toISOString() ?? null, tasksInProgress: s.tasksInProgress },
  };
}

export function quarantineSpike(rule: TaskRule, refused: number): Verdict {
  const min = rule.minCount ?? 1;
  return { active: refused >= min, figures: { refused, minRequests: min, minutes: rule.minutes } };
}
