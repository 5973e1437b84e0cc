import { rm } from "node:fs/promises";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/client";
import { verifyStore } from "../../bench/support/verify-store";
import { waitForProjection } from "../support/projection";
import { createThrowawayDatabase, freshPgliteDir, startServer, type RunningServer } from "../support/servers";
import { campaign, recordingSender, sleep } from "./support";

const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => undefined);
});

// Kill the server mid-load, start it again on the same port and database; the sender keeps retrying.
// Each case on its own port. With a shared random range, the PostgreSQL case's restarted server (alive
// until afterAll) sometimes held the port the PGlite case drew: that case's server then exited at
// listen, the PostgreSQL server answered its pushes and health, and the PGlite directory read back
// empty — an occasional "0 of N acknowledged rows" that was the test, not the database.
async function killMidLoad(env: Record<string, string>, seed: string, port: number) {
  let server: RunningServer = await startServer(env, "custom", port);
  cleanup.push(() => server.stop("SIGKILL"));
  const { pushes, bodies, keyOf } = campaign(seed, 100);
  const sender = recordingSender(`${server.url}/api/callback`);
  const sending = sender.send(bodies, keyOf, 16);
  // Kill mid-load: once something has been acknowledged (a busy machine can take a while to get there).
  for (let waited = 0; sender.acked.size === 0 && waited < 60_000; waited += 100) await sleep(100);
  await sleep(300);
  await server.stop("SIGKILL");
  const ackedBeforeKill = new Map(sender.acked);
  await sleep(500);
  server = await startServer(env, "custom", port);
  const answers = await sending;
  return { pushes, bodies, answers, sender, ackedBeforeKill, url: server.url };
}

describe("SIGKILL mid-load", () => {
  it("on PostgreSQL: everything acknowledged before the kill is stored; retries stored once", async () => {
    const db = await createThrowawayDatabase("um_fault_kill");
    cleanup.push(() => db.drop());
    const run = await killMidLoad({ DATABASE_URL: db.url }, "fault-kill-pg", 3291);
    // What the killed process acknowledged but never folded is folded by the restarted one.
    await waitForProjection(run.url);
    const check = await verifyStore(db.url, run.pushes, run.sender.acks(run.bodies, run.answers));
    const conn = await openDatabase({ url: db.url, migrate: false });
    const found = await conn.prisma.notification.findMany({
      where: { id: { in: [...run.ackedBeforeKill.values()] } },
      select: { id: true, rawBody: true },
    });
    await conn.close();
    console.log(
      `[faults] SIGKILL (PostgreSQL): sent ${run.pushes.length}, acknowledged before kill ${run.ackedBeforeKill.size}, ` +
        `acknowledged in all ${check.acknowledged}, stored ${check.storedRows} (expected ${check.expectedRows})`,
    );
    expect(run.ackedBeforeKill.size).toBeGreaterThan(0);
    expect(found).toHaveLength(new Set(run.ackedBeforeKill.values()).size);
    for (const f of found) expect(run.ackedBeforeKill.get(f.rawBody)).toBe(Number(f.id));
    expect(check).toMatchObject({ ok: true, deviceMismatches: [], taskMismatches: [] });
  });

  it("on PGlite: the data directory reopens and keeps every acknowledged push", async () => {
    const dir = freshPgliteDir();
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const run = await killMidLoad({ PGLITE_DIR: dir }, "fault-kill-pglite", 3295);
    expect(run.answers.every((a) => a.status === 200)).toBe(true);
    await waitForProjection(run.url);
    // Stop the second server too, then read the directory directly.
    await Promise.all(cleanup.splice(-1).map((c) => c()));
    const db = await openDatabase({ pgliteDir: dir });
    try {
      const ids = [...new Set(run.sender.acked.values())];
      const stored = await db.prisma.notification.count({ where: { id: { in: ids.map(BigInt) } } });
      const total = await db.prisma.notification.count();
      // Every stored push folded exactly once: nothing pending, and the task counters sum to the log.
      const pending = await db.prisma.projectionPending.count();
      const counted = await db.prisma.task.aggregate({ _sum: { notifications: true } });
      console.log(
        `[faults] SIGKILL (PGlite): sent ${run.pushes.length}, acknowledged before kill ${run.ackedBeforeKill.size}, ` +
          `acknowledged ids ${ids.length}, stored ${total}`,
      );
      expect(run.ackedBeforeKill.size).toBeGreaterThan(0);
      expect(stored).toBe(ids.length);
      expect(total).toBe(ids.length);
      expect(pending).toBe(0);
      expect(counted._sum.notifications).toBe(total);
    } finally {
      await db.close();
    }
  }, 300_000);
});
