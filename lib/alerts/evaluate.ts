import "server-only";
import { Prisma, type AlertRule, type PrismaClient } from "@/lib/generated/prisma/client";
import {
  callbackSilence,
  errorCode,
  failureRate,
  quarantineSpike,
  ruleCoversTask,
  staleDevices,
  type Verdict,
} from "./conditions";
import { fire, loadOpenFirings, openKey, resolve } from "./firings";
import { staleSql } from "@/lib/queries/stale";

// Reads only what the ingest already keeps (tasks, task_counters, device_states, quarantined_requests)
// after it committed: evaluation never runs inside, or slows, the acknowledging transaction.

const CHANGE_KINDS = ["failure_rate", "error_code"];
const TIMED_TASK_KINDS = ["stale_devices"];
const GLOBAL_KINDS = ["callback_silence", "quarantine_spike"];
const GLOBAL_SCOPE = "";

export interface PassResult {
  fired: number;
  resolved: number;
  tasks: number;
}

interface TaskFigures {
  operationId: string;
  succeeded: number;
  failed: number;
}

/**
 * Task-driven kinds for the tasks whose projections changed after `since` (every task when null),
 * plus every task that has an open firing of these rules, so a firing always gets its resolution.
 */
export async function evaluateChangedTasks(prisma: PrismaClient, since: Date | null): Promise<PassResult> {
  const rules = await prisma.alertRule.findMany({ where: { enabled: true, kind: { in: CHANGE_KINDS } } });
  if (rules.length === 0) return { fired: 0, resolved: 0, tasks: 0 };
  const open = await loadOpenFirings(
    prisma,
    rules.map((r) => r.id),
  );
  const openScopes = [...new Set([...open.keys()].map((k) => k.split("\u0000")[1]!))];
  const tasks = await prisma.$queryRaw<TaskFigures[]>`
    SELECT operation_id AS "operationId", succeeded, failed FROM tasks
    WHERE ${since === null ? Prisma.sql`TRUE` : Prisma.sql`last_seen_at > ${since}`}
       OR operation_id = ANY(${openScopes}::text[])`;
  if (tasks.length === 0) return { fired: 0, resolved: 0, tasks: 0 };
  const codes = rules.some((r) => r.kind === "error_code")
    ? await errorCounts(
        prisma,
        tasks.map((t) => t.operationId),
      )
    : new Map();
  const result: PassResult = { fired: 0, resolved: 0, tasks: tasks.length };
  for (const rule of rules) {
    for (const t of tasks) {
      if (!ruleCoversTask(rule, t.operationId)) continue;
      const verdict =
        rule.kind === "failure_rate"
          ? failureRate(rule, t)
          : errorCode(rule, t.failed, codes.get(t.operationId) ?? new Map());
      await settle(prisma, rule, t.operationId, verdict, open, result);
    }
  }
  return result;
}

/** Time-based kinds: stale devices per task, callback silence and quarantine spikes fleet-wide. */
export async function evaluateTimedRules(prisma: PrismaClient): Promise<PassResult> {
  const rules = await prisma.alertRule.findMany({
    where: { enabled: true, kind: { in: [...TIMED_TASK_KINDS, ...GLOBAL_KINDS] } },
  });
  const result: PassResult = { fired: 0, resolved: 0, tasks: 0 };
  if (rules.length === 0) return result;
  const open = await loadOpenFirings(
    prisma,
    rules.map((r) => r.id),
  );
  const now = (await prisma.$queryRaw<{ now: Date }[]>`SELECT now() AS now`)[0]!.now;
  for (const rule of rules) {
    if (rule.kind === "stale_devices") {
      await evaluateStale(prisma, rule, open, result);
    } else if (rule.kind === "callback_silence") {
      const [s] = await prisma.$queryRaw<{ lastPushAt: Date | null; tasksInProgress: number }[]>`
        SELECT (SELECT max(last_seen_at) FROM tasks) AS "lastPushAt",
               (SELECT count(*)::int FROM tasks WHERE in_progress > 0) AS "tasksInProgress"`;
      await settle(prisma, rule, GLOBAL_SCOPE, callbackSilence(rule, { ...s!, now }), open, result);
    } else {
      const [q] = await prisma.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM quarantined_requests WHERE received_at > now() - make_interval(secs => ${(rule.minutes ?? 5) * 60})`;
      await settle(prisma, rule, GLOBAL_SCOPE, quarantineSpike(rule, q!.n), open, result);
    }
  }
  return result;
}

async function evaluateStale(prisma: PrismaClient, rule: AlertRule, open: Map<string, number>, result: PassResult) {
  const rows = await prisma.$queryRaw<{ operationId: string; stale: number }[]>`
    SELECT t.operation_id AS "operationId",
      (SELECT count(*)::int FROM device_states d WHERE d.operation_id = t.operation_id AND ${staleSql((rule.minutes ?? 60) * 60)}) AS stale
    FROM tasks t
    WHERE t.in_progress > 0 OR t.operation_id IN (SELECT scope FROM alert_firings WHERE rule_id = ${rule.id} AND resolved_at IS NULL)`;
  result.tasks += rows.length;
  for (const r of rows)
    if (ruleCoversTask(rule, r.operationId))
      await settle(prisma, rule, r.operationId, staleDevices(rule, r.stale), open, result);
}

async function errorCounts(prisma: PrismaClient, operationIds: string[]): Promise<Map<string, Map<string, number>>> {
  const rows = await prisma.$queryRaw<{ operationId: string; code: string; n: number }[]>`
    SELECT operation_id AS "operationId", k1 AS code, sum(n)::int AS n FROM task_counters
    WHERE facet = 'error' AND operation_id = ANY(${operationIds}::text[]) AND n > 0
    GROUP BY 1, 2`;
  const out = new Map<string, Map<string, number>>();
  for (const r of rows) {
    if (!out.has(r.operationId)) out.set(r.operationId, new Map());
    out.get(r.operationId)!.set(r.code, r.n);
  }
  return out;
}

/** Fires on a false → true edge, resolves on true → false; no change otherwise (no re-firing). */
async function settle(
  prisma: PrismaClient,
  rule: AlertRule,
  scope: string,
  v: Verdict,
  open: Map<string, number>,
  result: PassResult,
) {
  const openId = open.get(openKey(rule.id, scope));
  if (v.active && openId === undefined) {
    if (await fire(prisma, rule, scope, v.figures)) result.fired += 1;
  } else if (!v.active && openId !== undefined) {
    if (await resolve(prisma, openId, v.figures)) result.resolved += 1;
  }
}
