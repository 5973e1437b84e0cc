import { meaningOf, type CodeKind, type OperatorMeanings } from "@/lib/error-codes/documented";
import type { ErrorCodeRow, Timeline, TransitionRow, WarningRow } from "@/lib/schemas/responses";
import { rate } from "./sql";
import { byNullableText, nullable, type CounterRow } from "./task-counters";

// Pure assembly of a task page's breakdowns from its counters (task-counters.ts).

/** source → target transitions of devices with a result, with where failed devices were left and contradictions. */
export function transitionsFrom(rows: CounterRow[]): TransitionRow[] {
  const byPair = new Map<string, TransitionRow>();
  const pair = (r: CounterRow) => {
    const id = JSON.stringify([r.k1, r.k2]);
    let t = byPair.get(id);
    if (!t) {
      t = { sourceVersion: nullable(r.k1), targetVersion: nullable(r.k2), devices: 0, succeeded: 0, failed: 0, inProgress: 0,
        successRate: null, successNotOnTarget: 0, failOnTarget: 0, leftOn: [] };
      byPair.set(id, t);
    }
    return t;
  };
  for (const r of rows) {
    if (r.facet === "transition") {
      const t = pair(r);
      t.devices += r.n;
      if (r.k3 === "succeeded") t.succeeded += r.n;
      else if (r.k3 === "failed") t.failed += r.n;
      else t.inProgress += r.n;
    }
  }
  for (const r of rows) {
    if (r.facet === "contradiction" && byPair.has(JSON.stringify([r.k1, r.k2]))) {
      const t = pair(r);
      if (r.k3 === "success_not_on_target") t.successNotOnTarget += r.n;
      else t.failOnTarget += r.n;
    }
    if (r.facet === "left_on" && byPair.has(JSON.stringify([r.k1, r.k2]))) pair(r).leftOn.push({ curVersion: nullable(r.k3), devices: r.n });
  }
  const list = [...byPair.values()];
  for (const t of list) {
    t.successRate = rate(t.succeeded, t.succeeded + t.failed);
    t.leftOn.sort((a, b) => b.devices - a.devices || byNullableText(a.curVersion, b.curVersion));
  }
  return list.sort((a, b) => b.devices - a.devices || byNullableText(a.sourceVersion, b.sourceVersion) || byNullableText(a.targetVersion, b.targetVersion));
}

/**
 * Failed devices by error code, each with its most common description and its meaning (an operator's,
 * else the documented one for the kind of task that reported it), biggest first. A code is one row per
 * kind: software "6" and firmware "6" are different codes from different lists (the fleet headline
 * spans both kinds), so they are never summed under one meaning.
 */
export function errorCodesFrom(rows: CounterRow[], meanings: OperatorMeanings, limit = Infinity): ErrorCodeRow[] {
  const byCode = new Map<string, { kind: CodeKind; errorCode: string | null; devices: number; descriptions: Map<string, number> }>();
  for (const r of rows) {
    if (r.facet !== "error") continue;
    const kind: CodeKind = r.kind === "firmware" ? "firmware" : "software";
    const id = `${kind}\u0000${r.k1}`;
    const c = byCode.get(id) ?? { kind, errorCode: nullable(r.k1), devices: 0, descriptions: new Map<string, number>() };
    c.devices += r.n;
    if (r.k2 !== "") c.descriptions.set(r.k2, (c.descriptions.get(r.k2) ?? 0) + r.n);
    byCode.set(id, c);
  }
  const failed = [...byCode.values()].reduce((sum, c) => sum + c.devices, 0);
  return [...byCode.values()]
    .sort((a, b) => b.devices - a.devices || byNullableText(a.errorCode, b.errorCode) || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0))
    .slice(0, limit)
    .map((c) => ({
      kind: c.kind,
      errorCode: c.errorCode,
      description: mostCommon(c.descriptions),
      meaning: meaningOf(meanings, c.kind, c.errorCode),
      devices: c.devices,
      share: rate(c.devices, failed) ?? 0,
    }));
}

/** Warnings of the task's stored pushes (a documented field missing or mistyped), most frequent first. */
export function warningsFrom(rows: CounterRow[]): WarningRow[] {
  return rows
    .filter((r) => r.facet === "warning")
    .map((r) => ({ field: r.k1, problem: r.k2, notifications: r.n }))
    .sort((a, b) => b.notifications - a.notifications || (a.field < b.field ? -1 : a.field > b.field ? 1 : 0) || (a.problem < b.problem ? -1 : 1));
}

function mostCommon(counts: Map<string, number>): string | null {
  let best: [string, number] | null = null;
  for (const entry of counts) if (!best || entry[1] > best[1] || (entry[1] === best[1] && entry[0] < best[0])) best = entry;
  return best?.[0] ?? null;
}

export function firstAttemptFrom(rows: CounterRow[]) {
  const get = (k: string) => rows.find((r) => r.facet === "first" && r.k1 === k)?.n ?? 0;
  return { withResult: get("with_result"), firstOk: get("first_ok"), recovered: get("recovered") };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Up to two days of activity is shown per hour, anything longer per day. */
const HOURLY_SPAN = 48 * HOUR;
/** Never send more points than a chart can show. */
const MAX_POINTS = 1_000;

/**
 * Result notifications (every attempt) received per hour or day, SUCCESS and FAIL apart. Arrival time,
 * not the device's upgradeTime, places them: a device clock cannot stretch the chart over decades.
 */
export function timelineFrom(rows: CounterRow[], span: { from: Date; to: Date }): Timeline {
  const bucket = span.to.getTime() - span.from.getTime() <= HOURLY_SPAN ? "hour" : "day";
  const step = bucket === "hour" ? HOUR : DAY;
  const sums = new Map<number, { succeeded: number; failed: number }>();
  for (const r of rows) {
    if (r.facet !== "hour") continue;
    const at = Math.floor(Date.parse(r.k1) / step) * step;
    const p = sums.get(at) ?? { succeeded: 0, failed: 0 };
    if (r.k2 === "SUCCESS") p.succeeded += r.n;
    else p.failed += r.n;
    sums.set(at, p);
  }
  const times = [...sums.keys()].sort((a, b) => a - b);
  if (times.length === 0) return { bucket, points: [] };
  const first = times[0]!;
  const count = Math.floor((times[times.length - 1]! - first) / step) + 1;
  // Sparse data over a long span: send the real points only rather than thousands of zeros.
  const at = count > MAX_POINTS ? times : Array.from({ length: count }, (_, i) => first + i * step);
  return { bucket, points: at.map((t) => ({ at: new Date(t).toISOString(), succeeded: sums.get(t)?.succeeded ?? 0, failed: sums.get(t)?.failed ?? 0 })) };
}
