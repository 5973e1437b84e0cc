// Tallies the receiver's answers into the run summary the CLI prints (and tests parse with --json).
import type { Answer } from "./send-queue";

export interface SendTally {
  pushes: number;
  /** Pushes answered with any HTTP status (the rest ended in network errors). */
  answered: number;
  /** HTTP requests made, retries included. */
  requests: number;
  retries: number;
  byHttpStatus: Record<string, number>;
  /** stored / duplicate / ignored, from 2xx bodies; "(none)" when a 2xx body had no status. */
  byBodyStatus: Record<string, number>;
  /** Pushes that finally failed: a non-2xx answer or a network error after every retry. */
  failures: number;
  networkErrors: number;
  /** The first few failures, enough to diagnose without flooding the terminal. */
  failureSamples: { index: number; status: number | null; code: string | null; error: string | null }[];
}

const MAX_SAMPLES = 5;

export function emptyTally(pushes: number): SendTally {
  return {
    pushes,
    answered: 0,
    requests: 0,
    retries: 0,
    byHttpStatus: {},
    byBodyStatus: {},
    failures: 0,
    networkErrors: 0,
    failureSamples: [],
  };
}

/** Adds one final answer; called as answers arrive so progress can show live counts. */
export function addAnswer(tally: SendTally, a: Answer): void {
  tally.requests += a.tries;
  tally.retries += a.tries - 1;
  if (a.status !== null) {
    tally.answered++;
    bump(tally.byHttpStatus, String(a.status));
  } else {
    tally.networkErrors++;
  }
  if (a.ok) bump(tally.byBodyStatus, a.bodyStatus ?? "(none)");
  else {
    tally.failures++;
    if (tally.failureSamples.length < MAX_SAMPLES) {
      tally.failureSamples.push({ index: a.index, status: a.status, code: a.errorCode, error: a.error });
    }
  }
}

export function formatTally(t: SendTally, elapsedMs: number): string {
  const rate = elapsedMs > 0 ? (t.answered + t.networkErrors) / (elapsedMs / 1000) : 0;
  const lines = [
    `pushes     ${t.pushes} (${t.requests} requests, ${t.retries} retries)`,
    `http       ${formatCounts(t.byHttpStatus)}`,
    `body       ${formatCounts(t.byBodyStatus)}`,
    `failures   ${t.failures}${t.networkErrors ? ` (${t.networkErrors} network errors)` : ""}`,
    `elapsed    ${(elapsedMs / 1000).toFixed(2)} s, ${rate.toFixed(1)} pushes/s`,
  ];
  for (const s of t.failureSamples) {
    lines.push(`  #${s.index}: ${s.status ?? "no answer"}${s.code ? ` ${s.code}` : ""}${s.error ? ` ${s.error}` : ""}`);
  }
  return lines.join("\n");
}

export function formatCounts(counts: Record<string, number>): string {
  const entries = Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1));
  return entries.length ? entries.map(([k, v]) => `${k}=${v}`).join(" ") : "-";
}

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}
