import { rm } from "node:fs/promises";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/client";
import { computeTruth } from "@/lib/simulator/campaign";
import { verifyStore } from "../../bench/support/verify-store";
import { waitForProjection } from "../support/projection";
import { createThrowawayDatabase, freshPgliteDir, startServer, type RunningServer } from "../support/servers";
import { campaign, recordingSender, sleep } from "./support";

// Log first, views after: a push acknowledged by an instance that dies before its projector folded
// it must still be folded, exactly once, by whichever instance runs next. PROJECTOR=off makes the
// first instance acknowledge without folding, so every acknowledged push sits between 200 and fold
// when the SIGKILL lands.
const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => undefined);
});

// Each case on its own port: a server left from the other case must never answer for this one.
async function ackThenKill(env: Record<string, string>, seed: string, port: number) {
  let server: RunningServer = await startServer({ ...env, PROJECTOR: "off" }, "custom", port);
  cleanup.push(() => server.stop("SIGKILL"));
  const { pushes, bodies, keyOf } = campaign(seed, 40);
  const sender = recordingSender(`${server.url}/api/callback`);
  const answers = await sender.send(bodies, keyOf, 16);
  expect(answers.every((a) => a.status === 200)).toBe(true);
  const health = (await (await fetch(`${server.url}/api/health`)).json()) as { projection: { pendingEvents: number } };
  await server.stop("SIGKILL");
  await sleep(300);
  server = await startServer(env, "custom", port);
  await waitForProjection(server.url, 60_000);
  return { pushes, bodies, answers, sender, pendingAtKill: health.projection.pendingEvents, url: server.url };
}

describe("SIGKILL between acknowledgement and projection", () => {
  it(
    "on PostgreSQL: the next instance folds every acknowledged push once; the views equal an independent count",
    { timeout: 300_000 },
    async () => {
      const db = await createThrowawayDatabase("um_fault_projkill");
      cleanup.push(() => db.drop());
      const run = await ackThenKill({ DATABASE_URL: db.url }, "fault-projection-kill-pg", 3282);
      const check = await verifyStore(db.url, run.pushes, run.sender.acks(run.bodies, run.answers));
      console.log(
        `[faults] projection kill (PostgreSQL): ${check.storedRows} stored, ${run.pendingAtKill} unfolded at the kill`,
      );
      expect(run.pendingAtKill).toBe(check.storedRows);
      expect(check).toMatchObject({
        ok: true,
        missingAckedIds: 0,
        deviceMismatches: [],
        taskMismatches: [],
        counterMismatches: [],
      });
    },
  );

  it("on PGlite: the same, reading the directory back afterwards", { timeout: 300_000 }, async () => {
    const dir = freshPgliteDir();
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const run = await ackThenKill({ PGLITE_DIR: dir }, "fault-projection-kill-pglite", 3286);
    await Promise.all(cleanup.splice(-1).map((c) => c()));
    const db = await openDatabase({ pgliteDir: dir });
    try {
      const truth = computeTruth(run.pushes);
      const stored = await db.prisma.notification.count();
      const tasks = await db.prisma.task.findMany({ orderBy: { operationId: "asc" } });
      console.log(`[faults] projection kill (PGlite): ${stored} stored, ${run.pendingAtKill} unfolded at the kill`);
      expect(run.pendingAtKill).toBe(stored);
      expect(await db.prisma.projectionPending.count()).toBe(0);
      expect(
        tasks.map((t) => [t.operationId, t.devices, t.succeeded, t.failed, t.inProgress, t.notifications]),
      ).toEqual(
        Object.values(truth.tasks)
          .sort((a, b) => (a.operationId < b.operationId ? -1 : 1))
          .map((t) => [t.operationId, t.devices, t.succeeded, t.failed, t.inProgress, t.notifications]),
      );
    } finally {
      await db.close();
    }
  });
});
