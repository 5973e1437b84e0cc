import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { generateCampaign, type UpgradePush } from "@/lib/simulator/campaign";
import { sendAll, type Answer, type PostFn } from "@/lib/simulator/send-queue";
import type { Ack } from "../../bench/support/verify-store";

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A campaign's pushes with a per-device key, so one device's pushes go out in order. */
export function campaign(seed: string, devicesPerTask = 120) {
  const pushes: UpgradePush[] = generateCampaign({ tasks: 4, devicesPerTask, seed }).pushes;
  return { pushes, bodies: pushes.map((p) => JSON.stringify(p)), keyOf: (i: number) => `${pushes[i]!.operationId}/${pushes[i]!.deviceId}` };
}

/**
 * Sends like the platform would (retrying network errors and 503s), while recording every 200 the
 * moment it arrives, so a test can say exactly what was acknowledged before a fault.
 */
export function recordingSender(url: string) {
  const acked = new Map<string, number>();
  const post: PostFn = async (body) => {
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body, signal: AbortSignal.timeout(15_000) });
    const text = await res.text();
    if (res.status === 200) acked.set(body, (JSON.parse(text) as { id: number }).id);
    return { status: res.status, retryAfter: res.headers.get("retry-after"), body: text };
  };
  const send = (bodies: string[], keyOf: (i: number) => string, concurrency = 8) =>
    sendAll(bodies, post, { concurrency, maxRetries: 200, baseDelayMs: 100, maxDelayMs: 1_000, keyOf });
  const acks = (bodies: string[], answers: Answer[]): Ack[] => answers.map((a, i) => ({ status: a.status, id: acked.get(bodies[i]!) }));
  return { acked, send, acks };
}

const cluster = () => readdirSync("/etc/postgresql")[0]!;

/** The machine's own PostgreSQL: these tests stop and start it. */
export function postgres(action: "stop" | "start") {
  const running = (() => {
    try {
      execFileSync("pg_isready", ["-h", "127.0.0.1", "-q"]);
      return true;
    } catch {
      return false;
    }
  })();
  if (running === (action === "start")) return;
  execFileSync("pg_ctlcluster", ["--skip-systemctl-redirect", cluster(), "main", action, ...(action === "stop" ? ["-m", "fast"] : [])], { stdio: "ignore" });
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check().catch(() => false)) return Date.now() - started;
    await sleep(100);
  }
  throw new Error(`not ready within ${timeoutMs} ms`);
}

export const healthy = (url: string) => async () => (await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) })).status === 200;
