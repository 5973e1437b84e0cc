// Timing helpers for the read benchmark: percentiles of repeated calls, and the RSS of a process tree.
import { readFileSync } from "node:fs";

export interface Latency {
  p50: number;
  p95: number;
  mean: number;
  n: number;
}

export function summarize(samples: number[]): Latency {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
  const round = (x: number) => Math.round(x * 10) / 10;
  return { p50: round(at(50)), p95: round(at(95)), mean: round(s.reduce((a, b) => a + b, 0) / s.length), n: s.length };
}

/** Calls `fn` `warmup` times unmeasured, then `iterations` times one after another; milliseconds. */
export async function time(fn: () => Promise<unknown>, warmup: number, iterations: number): Promise<Latency> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return summarize(samples);
}

/** Resident memory (bytes) of a process and all its descendants (`npm start` runs node under tsx). */
function treeRss(pid: number): number {
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, "utf8"));
      if (m) total += Number(m[1]) * 1024;
      const children = readFileSync(`/proc/${p}/task/${p}/children`, "utf8").trim();
      if (children) stack.push(...children.split(/\s+/).map(Number));
    } catch {
      // the process ended between reads
    }
  }
  return total;
}

/** Samples treeRss every `everyMs` while `fn` runs; returns fn's result and the peak growth over the start. */
export async function withRssSampling<T>(
  pid: number,
  fn: () => Promise<T>,
  everyMs = 20,
): Promise<{ value: T; baseline: number; peak: number }> {
  const baseline = treeRss(pid);
  let peak = baseline;
  const timer = setInterval(() => (peak = Math.max(peak, treeRss(pid))), everyMs);
  try {
    const value = await fn();
    peak = Math.max(peak, treeRss(pid));
    return { value, baseline, peak };
  } finally {
    clearInterval(timer);
  }
}
