import { START_ARGS } from "../support/servers";
import { execFileSync, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { openDatabase } from "@/lib/db/client";
import { generateCampaign, type UpgradePush } from "@/lib/simulator/campaign";
import { sendAll, type Answer, type PostFn } from "@/lib/simulator/send-queue";
import type { Ack } from "../../bench/support/verify-store";

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A campaign's pushes with a per-device key, so one device's pushes go out in order. */
export function campaign(seed: string, devicesPerTask = 120) {
  const pushes: UpgradePush[] = generateCampaign({ tasks: 4, devicesPerTask, seed }).pushes;
  return {
    pushes,
    bodies: pushes.map((p) => JSON.stringify(p)),
    keyOf: (i: number) => `${pushes[i]!.operationId}/${pushes[i]!.deviceId}`,
  };
}

/**
 * Sends like the platform would (retrying network errors and 503s), while recording every 200 the
 * moment it arrives, so a test can say exactly what was acknowledged before a fault.
 */
export function recordingSender(url: string) {
  const acked = new Map<string, number>();
  const post: PostFn = async (body) => {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    if (res.status === 200) acked.set(body, (JSON.parse(text) as { id: number }).id);
    return { status: res.status, retryAfter: res.headers.get("retry-after"), body: text };
  };
  const send = (bodies: string[], keyOf: (i: number) => string, concurrency = 8) =>
    sendAll(bodies, post, { concurrency, maxRetries: 200, baseDelayMs: 100, maxDelayMs: 1_000, keyOf });
  const acks = (bodies: string[], answers: Answer[]): Ack[] =>
    answers.map((a, i) => ({ status: a.status, id: acked.get(bodies[i]!) }));
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
  execFileSync(
    "pg_ctlcluster",
    ["--skip-systemctl-redirect", cluster(), "main", action, ...(action === "stop" ? ["-m", "fast"] : [])],
    { stdio: "ignore" },
  );
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check().catch(() => false)) return Date.now() - started;
    await sleep(100);
  }
  throw new Error(`not ready within ${timeoutMs} ms`);
}

export const healthy = (url: string) => async () =>
  (await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) })).status === 200;

/** Runs a repository script the way `npm run` does (tsx, react-server conditions); resolves with its exit code and output. */
export function runScript(script: string, args: string[], env: Record<string, string | undefined>) {
  return new Promise<{ code: number | null; out: string; ms: number }>((resolve) => {
    const started = Date.now();
    // The server runs compiled, as `npm start` does; scripts run through tsx, as their npm scripts do.
    const argv = script === "server.ts" ? START_ARGS : ["--conditions=react-server", "--import", "tsx", script];
    const child = spawn(process.execPath, [...argv, ...args], {
      env: { ...process.env, DATABASE_URL: undefined, PGLITE_DIR: undefined, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.once("exit", (code) => resolve({ code, out, ms: Date.now() - started }));
  });
}

/** Resident memory of a process, in MB (Linux). */
export function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith("VmRSS:"));
  return Math.round(Number(line?.replace(/\D+/g, "") ?? 0) / 1024);
}

/** Opens a PGlite directory (with its lock) and checks every acknowledged body is stored under its id. */
export async function readBackAcked(dir: string, acked: Map<string, number>) {
  const db = await openDatabase({ pgliteDir: dir, lockWaitMs: 0, migrate: false });
  try {
    const rows = await db.prisma.notification.findMany({ select: { id: true, rawBody: true } });
    const byId = new Map(rows.map((r) => [Number(r.id), r.rawBody]));
    let missing = 0;
    let wrongId = 0;
    for (const [body, id] of acked) {
      const stored = byId.get(id);
      if (stored === undefined) missing++;
      // A repeat with reordered keys is answered with the first copy's id: same content, other bytes.
      else if (canonical(stored) !== canonical(body)) wrongId++;
    }
    return { rows: rows.length, missing, wrongId };
  } finally {
    await db.close();
  }
}

/** JSON with sorted keys: what the store's dedupe compares. */
export function canonical(json: string): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v && typeof v === "object"
        ? Object.fromEntries(
            Object.entries(v)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([k, x]) => [k, sort(x)]),
          )
        : v;
  return JSON.stringify(sort(JSON.parse(json)));
}

/** How many different pushes (by content) a list of bodies holds. */
export const distinctPushes = (bodies: string[]) => new Set(bodies.map(canonical)).size;
