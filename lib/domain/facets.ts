import type { DeviceState } from "@/lib/generated/prisma/browser";
import type { Outcome, Result } from "@/lib/notifications/types";
import type { StoredEvent } from "./device-state";

/** One counter of a task's breakdown as stored: (facet, k1, k2, k3); NULLs are stored as ''. */
export type CounterKey = readonly [facet: string, k1: string, k2: string, k3: string];

/** Why a result contradicts itself (README, "Contradictions"). */
export type Contradiction = "success_not_on_target" | "fail_on_target";
/** The first-attempt figures of a task. */
export type FirstFigure = "with_result" | "first_ok" | "recovered";

/**
 * Every breakdown facet of a task, with its named fields. The projector counts devices (or, for
 * hour and warning, notifications) per facet value; the task page reads them back by these names.
 */
export type Facet =
  | { facet: "transition"; sourceVersion: string | null; targetVersion: string | null; outcome: Outcome }
  | { facet: "contradiction"; sourceVersion: string | null; targetVersion: string | null; contradiction: Contradiction }
  | { facet: "left_on"; sourceVersion: string | null; targetVersion: string | null; curVersion: string | null }
  | { facet: "error"; errorCode: string | null; description: string | null }
  | { facet: "first"; figure: FirstFigure }
  | { facet: "hour"; hour: string; result: Result }
  | { facet: "warning"; field: string; problem: string };

export type FacetName = Facet["facet"];

/** Which named field is stored in k1, k2, k3: the one place the anonymous columns get their meaning. */
const FIELDS: { [F in FacetName]: readonly (keyof Extract<Facet, { facet: F }>)[] } = {
  transition: ["sourceVersion", "targetVersion", "outcome"],
  contradiction: ["sourceVersion", "targetVersion", "contradiction"],
  left_on: ["sourceVersion", "targetVersion", "curVersion"],
  error: ["errorCode", "description"],
  first: ["figure"],
  hour: ["hour", "result"],
  warning: ["field", "problem"],
};

/**
 * Longest stored key part, in characters. The three parts are the counter's primary key, and a btree
 * entry must stay under 2,704 bytes: one push with a 3 KB description would otherwise make every fold
 * fail. Longer values keep their first KEY_MAX_CHARS − 1 characters and end in "…" (the SQL recount,
 * lib/projection/recount.ts, caps the same way).
 */
export const KEY_MAX_CHARS = 120;

/** A key part capped to KEY_MAX_CHARS code points (as PostgreSQL's char_length counts them). */
export function capKeyPart(v: string): string {
  const chars = Array.from(v);
  return chars.length > KEY_MAX_CHARS ? chars.slice(0, KEY_MAX_CHARS - 1).join("") + "…" : v;
}

/** A facet as its stored key (NULL → '', long values capped). */
export function toCounterKey(f: Facet): CounterKey {
  const values = (FIELDS[f.facet] as readonly string[]).map((name) =>
    capKeyPart((f as unknown as Record<string, string | null>)[name] ?? ""),
  );
  return [f.facet, values[0] ?? "", values[1] ?? "", values[2] ?? ""];
}

/** A stored key as its facet ('' → NULL: the parser never stores an empty string). */
export function fromCounterKey(facet: string, k1: string, k2: string, k3: string): Facet | null {
  const names = FIELDS[facet as FacetName] as readonly string[] | undefined;
  if (!names) return null;
  const stored = [k1, k2, k3];
  const out: Record<string, string | null> = { facet };
  names.forEach((name, i) => (out[name] = stored[i] === "" ? null : stored[i]!));
  return out as unknown as Facet;
}

/** The error code a failed device is counted under: firmware results carry no errorCode, their statusDesc tells failures apart. */
export function failureCodeOf(s: Pick<DeviceState, "errorCode" | "kind" | "resultDesc">): string | null {
  return s.errorCode ?? (s.kind === "firmware" ? s.resultDesc : null);
}

/** A latest result that contradicts the version the device reports, or null. */
export function contradictionOf(s: Pick<DeviceState, "result" | "curVersion" | "targetVersion">): Contradiction | null {
  if (s.result === "SUCCESS" && s.curVersion !== s.targetVersion) return "success_not_on_target";
  if (s.result === "FAIL" && s.curVersion !== null && s.curVersion === s.targetVersion) return "fail_on_target";
  return null;
}

/**
 * The facets one device's current state contributes to its task. The task page's breakdowns are sums
 * of these, so the projector keeps them exact by adding the new state's and subtracting the old
 * state's (lib/projection/recount.ts states the same definitions in SQL; tests prove they agree).
 */
export function facetsOf(s: DeviceState): Facet[] {
  const out: Facet[] = [];
  const versions = { sourceVersion: s.sourceVersion, targetVersion: s.targetVersion };
  if (s.result !== null) {
    out.push({ facet: "transition", ...versions, outcome: s.outcome as Outcome });
    const contradiction = contradictionOf(s);
    if (contradiction) out.push({ facet: "contradiction", ...versions, contradiction });
  }
  if (s.outcome === "failed") {
    out.push({ facet: "left_on", ...versions, curVersion: s.curVersion });
    out.push({ facet: "error", errorCode: failureCodeOf(s), description: s.description ?? s.resultDesc });
  }
  if (s.firstResult !== null) out.push({ facet: "first", figure: "with_result" });
  if (s.firstResult === "SUCCESS") out.push({ facet: "first", figure: "first_ok" });
  if (s.outcome === "succeeded" && s.failedAttempts > 0) out.push({ facet: "first", figure: "recovered" });
  return out;
}

/** facetsOf() as stored keys. */
export function counterKeysOf(s: DeviceState): CounterKey[] {
  return facetsOf(s).map(toCounterKey);
}

/** Hour (UTC) of a result's arrival: the results-over-time chart counts every attempt. */
export function hourKey(e: StoredEvent): CounterKey | null {
  // Results received: one reconciled from the platform (source api) did not arrive as a push.
  if (e.n.event !== "result" || !e.n.result || (e.n.source ?? "push") !== "push") return null;
  const hour = new Date(Math.floor(e.receivedAt.getTime() / 3_600_000) * 3_600_000).toISOString();
  return toCounterKey({ facet: "hour", hour, result: e.n.result });
}

/** One count per warning of a stored push (a mistyped or missing documented field), per task. */
export function warningKeys(e: StoredEvent): CounterKey[] {
  return e.n.warnings.map((w) => toCounterKey({ facet: "warning", field: w.field, problem: w.problem }));
}

export interface CounterDelta {
  operationId: string;
  key: CounterKey;
  n: number;
}

/** Net change of every counter touched by a batch; zero changes are dropped. */
export function counterDeltas(
  changes: { before: DeviceState | null; after: DeviceState }[],
  events: StoredEvent[],
): CounterDelta[] {
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
  return [...sums.entries()]
    .filter(([, d]) => d.n !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, d]) => d);
}
