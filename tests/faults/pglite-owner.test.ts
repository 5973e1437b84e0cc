import { rm } from "node:fs/promises";
import { afterAll, describe, expect, it } from "vitest";
import type { PostFn } from "@/lib/simulator/send-queue";
import { freshPgliteDir, startServer, type RunningServer } from "../support/servers";
import { campaign, distinctPushes, readBackAcked, recordingSender, runScript, sleep } from "./support";

const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => undefined);
});

function ownedDir() {
  const dir = freshPgliteDir();
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}
async function start(env: Record<string, string>, port?: number) {
  const s = await startServer(env, "custom", port);
  cleanup.push(() => s.stop("SIGKILL"));
  return s;
}
const portOf = (s: RunningServer) => Number(new URL(s.url).port);

describe("one owner per PGlite directory", () => {
  it("prune, a second start on the same port and one on another port are refused, naming the holder; a killed holder never blocks the next start", async () => {
    const dir = ownedDir();
    const a = await start({ PGLITE_DIR: dir });
    const { bodies, keyOf } = campaign("fault-owner", 15);
    const sender = recordingSender(`${a.url}/api/callback`);
    const answers = await sender.send(bodies, keyOf);
    expect(answers.every((x) => x.status === 200)).toBe(true);

    const prune = await runScript("scripts/prune.ts", ["--days", "1"], { PGLITE_DIR: dir });
    const migrate = await runScript("scripts/migrate.ts", [], { PGLITE_DIR: dir });
    const backup = await runScript("scripts/backup.ts", ["--out", `${dir}.refused.tar.gz`], { PGLITE_DIR: dir });
    const samePort = await runScript("server.ts", [], {
      PGLITE_DIR: dir,
      PORT: String(portOf(a)),
      HOSTNAME: "127.0.0.1",
    });
    const otherPort = await runScript("server.ts", [], {
      PGLITE_DIR: dir,
      PORT: String(portOf(a) + 97),
      HOSTNAME: "127.0.0.1",
      PGLITE_LOCK_WAIT_SECONDS: "2",
    });
    console.log(
      `[faults] second openers while the server (PID ${a.process.pid}) runs: prune exit ${prune.code} in ${prune.ms} ms, ` +
        `migrate ${migrate.code}, backup ${backup.code}, same port ${samePort.code} in ${samePort.ms} ms, other port ${otherPort.code} in ${otherPort.ms} ms`,
    );
    for (const r of [prune, migrate, backup, otherPort]) {
      expect(r.code).toBe(1);
      expect(r.out).toContain(dir);
      expect(r.out).toContain(`process ${a.process.pid}`);
    }
    expect(prune.out).toContain("must be stopped");
    expect(samePort.code).toBe(1);
    expect(samePort.out).toContain("EADDRINUSE");
    // It stopped before opening the database.
    expect(samePort.out).not.toContain("[db]");

    // The directory survived all of that; a SIGKILLed holder's lock goes with it.
    await a.stop("SIGKILL");
    const b = await start({ PGLITE_DIR: dir }, portOf(a));
    const health = await fetch(`${b.url}/api/health`);
    expect(health.status).toBe(200);
    await b.stop("SIGTERM");
    const check = await readBackAcked(dir, sender.acked);
    console.log(
      `[faults] after the refused openers and a SIGKILL: acknowledged ${sender.acked.size}, stored ${check.rows}, missing ${check.missing}, wrong id ${check.wrongId}`,
    );
    expect(check).toEqual({ rows: distinctPushes(bodies), missing: 0, wrongId: 0 });
  }, 300_000);

  it("a deploy that starts the new process while the old one drains: the new one waits for the lock, nothing acknowledged is lost", async () => {
    const dir = ownedDir();
    const oldServer = await start({ PGLITE_DIR: dir });
    const { bodies, keyOf } = campaign("fault-deploy", 60);
    const acked = new Map<string, number>();
    let target = oldServer.url;
    // Like a proxy switching upstreams: the old URL until it refuses, then the new one.
    const post: PostFn = async (body) => {
      const res = await fetch(`${target}/api/callback`, {
        method: "POST",
        body,
        signal: AbortSignal.timeout(15_000),
      }).catch((err: Error) => {
        target = newUrl;
        throw err;
      });
      const text = await res.text();
      if (res.status === 200) acked.set(body, (JSON.parse(text) as { id: number }).id);
      return { status: res.status, retryAfter: res.headers.get("retry-after"), body: text };
    };
    const newPort = portOf(oldServer) + 89;
    const newUrl = `http://127.0.0.1:${newPort}`;
    const { sendAll } = await import("@/lib/simulator/send-queue");
    const sending = sendAll(bodies, post, {
      concurrency: 8,
      maxRetries: 300,
      baseDelayMs: 100,
      maxDelayMs: 500,
      keyOf,
    });
    await sleep(1_500);
    // The new process starts first (it waits for the directory), then the old one is told to stop.
    const starting = startServer({ PGLITE_DIR: dir }, "custom", newPort);
    await sleep(1_000);
    await oldServer.stop("SIGTERM");
    const newServer = await starting;
    cleanup.push(() => newServer.stop("SIGKILL"));
    const answers = await sending;
    await newServer.stop("SIGTERM");
    const check = await readBackAcked(dir, acked);
    console.log(
      `[faults] deploy overlap (PGlite): sent ${bodies.length}, acknowledged ${acked.size}, stored ${check.rows}, missing ${check.missing}, wrong id ${check.wrongId}`,
    );
    expect(answers.every((x) => x.status === 200)).toBe(true);
    expect(check).toEqual({ rows: distinctPushes(bodies), missing: 0, wrongId: 0 });
  }, 180_000);
});
