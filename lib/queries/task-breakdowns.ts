import { meaningOf, type CodeKind, type OperatorMeanings } from "@/lib/error-codes/documented";
import type { ErrorCodeRow, Timeline, TransitionRow, WarningRow } from "@/lib/schemas/responses";
import { rate } from "./sql";
import type { FirstFigure } from "@/lib/domain/facets";
import { byNullableText, type CounterRow } from "./task-counters";

// Pure assembly of a task page's breakdowns from its counters (task-counters.ts).

/** source → target transitions of devices with a result, with where failed devices were left and contradictions. */
export function transitionsFrom(rows: CounterRow[]): TransitionRow[] {
  const byPair = new Map<string, TransitionRow>();
  const idOf = (f: { sourceVersion: string | null; targetVersion: string | null }) =>
    JSON.stringify([f.sourceVersion, f.targetVersion]);
  for (const { value: f, n } of rows) {
    if (f.facet !== "transition") continue;
    let t = byPair.get(idOf(f));
    if (!t) {
      t = {
        sourceVersion: f.sourceVersion,
        targetVersion: f.targetVersion,
        devices: 0,
        succeeded: 0,
        failed: 0,
        inProgress: 0,
        successRate: null,
        successNotOnTarget: 0,
        failOnTarget: 0,
        leftOn: [],
      };
      byPair.set(idOf(f), t);
    }
    t.devices += n;
    if (f.outcome === "succeeded") t.succeeded += n;
    else if (f.outcome === "failed") t.failed += n;
    else t.inProgress += n;
  }
  for (const { value: f, n } of rows) {
    const t = f.facet === "contradiction" || f.facet === "left_on" ? byPair.get(idOf(f)) : undefined;
    if (!t) continue;
    if (f.facet === "contradiction") {
      if (f.contradiction === "success_not_on_target") t.successNotOnTarget += n;
      else t.failOnTarget += n;
    } else if (f.facet === "left_on") t.leftOn.push({ curVersion: f.curVersion, devices: n });
  }
  const list = [...byPair.values()];
  for (const t of list) {
    t.successRate = rate(t.succeeded, t.succeeded + t.failed);
    t.leftOn.sort((a, b) => b.devices - a.devices || byNullableText(a.curVersion, b.curVersion));
  }
  return list.sort(
    (a, b) =>
      b.devices - a.devices ||
      byNullableText(a.sourceVersion, b.sourceVersion) ||
      byNullableText(a.targetVersion, b.targetVersion),
  );
}

/**
 * Failed devices by error code, each with its most common description and its meaning (an operator's,
 * else the documented one for the kind of task that reported it), biggest first. A code is one row per
 * kind: software "6" and firmware "6" are different codes from different lists (the fleet headline
 * spans both kinds), so they are never summed under one meaning.
 */
export function errorCodesFrom(rows: CounterRow[], meanings: OperatorMeanings, limit = Infinity): ErrorCodeRow[] {
  const byCode = new Map<
    string,
    { kind: CodeKind; errorCode: string | null; devices: number; descriptions: Map<string, number> }
  >();
  for (const { value: f, kind: taskKind, n } of rows) {
    if (f.facet !== "error") continue;
    const kind: CodeKind = taskKind === "firmware" ? "firmware" : "software";
    const id = JSON.stringify([kind, f.errorCode]);
    const c = byCode.get(id) ?? { kind, errorCode: f.errorCode, devices: 0, descriptions: new Map<string, number>() };
    c.devices += n;
    if (f.description !== null) c.descriptions.set(f.description, (c.descriptions.get(f.description) ?? 0) + n);
    byCode.set(id, c);
  }
  const failed = [...byCode.values()].reduce((sum, c) => sum + c.devices, 0);
  return [...byCode.values()]
    .sort(
      (a, b) =>
        b.devices - a.devices ||
        byNullableText(a.errorCode, b.errorCode) ||
        (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0),
    )
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
    .flatMap(({ value: f, n }) =>
      f.facet === "warning" ? [{ field: f.field, problem: f.problem, notifications: n }] : [],
    )
    .sort(
      (a, b) =>
        b.notifications - a.notifications ||
        (a.field < b.field ? -1 : a.field > b.field ? 1 : 0) ||
        (a.problem < b.problem ? -1 : 1),
    );
}

function mostCommon(counts: Map<string, number>): string | null {
  let best: [string, number] | null = null;
  for (const entry of counts)
    if (!best || entry[1] > best[1] || (entry[1] === best[1] && entry[0] < best[0])) best = entry;
  return best?.[0] ?? null;
}

export function firstAttemptFrom(rows: CounterRow[]) {
  const get = (figure: FirstFigure) => rows.find((r) => r.value.facet === "first" && r.value.figure === figure)?.n ?? 0;
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
  for (const { value: f, n } of rows) {
    if (f.facet !== "hour") continue;
    const at = Math.floor(Date.parse(f.hour) / step) * step;
    const p = sums.get(at) ?? { succeeded: 0, failed: 0 };
    if (f.result === "SUCCESS") p.succeeded += n;
    else p.failed += n;
    sums.set(at, p);
  }
  const times = [...sums.keys()].sort((a, b) => a - b);
  if (times.length === 0) return { bucket, points: [] };
  const first = times[0]!;
  const count = Math.floor((times[times.length - 1]! - first) / step) + 1;
  // Sparse data over a long span: send the real points only rather than thousands of zeros.
  const at = count > MAX_POINTS ? times : Array.from({ length: count }, (_, i) => first + i * step);
  return {
    bucket,
    points: at.map((t) => ({
      at: new Date(t).toISOString(),
      succeeded: sums.get(t)?.succeeded ?? 0,
      failed: sums.get(t)?.failed ?? 0,
    })),
  };
}
