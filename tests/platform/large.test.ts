import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { PlatformConnector } from "@/lib/platform/connector";
import { syncTask } from "@/lib/platform/sync";
import { makeTask } from "@/lib/platform-standin/model";
import { startStandin, type StandinPlatform } from "@/lib/platform-standin/server";
import { configFor, openTestDb, storePush } from "./support";

// A 20,000-device task (200 pages) synced while pushes keep arriving: every page is its own short
// statement, so ingest never waits on the sync. (The 200,000-device figure is for the bench.)
let platform: StandinPlatform;
let db: Database;
let dispose: () => Promise<void>;
beforeAll(async () => {
  platform = await startStandin();
  ({ db, dispose } = await openTestDb("postgresql"));
});
afterAll(async () => {
  await platform?.close();
  await dispose?.();
});

const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.99))]!;

/**
 * Stores a push every ~10 ms until `until` resolves (or `count` is reached); each one's latency in ms.
 * Paced rather than back to back: on a shared two-core machine a flat-out loop would mostly measure
 * CPU contention with the sync, not whether ingest waits on it.
 */
async function ingest(op: string, from: number, until: Promise<unknown> | null, count = Infinity): Promise<number[]> {
  let done = false;
  void until?.finally(() => (done = true));
  const times: number[] = [];
  for (let i = from; !done && times.length < count; i++) {
    const started = performance.now();
    await storePush(db, op, `dev-${String(1 + (i % 20_000)).padStart(6, "0")}`, i % 7 === 0 ? "FAIL" : "SUCCESS", {
      upgradeTime: `2026112${i % 9}T10${String(i % 60).padStart(2, "0")}00Z`,
    });
    times.push(performance.now() - started);
    await new Promise((r) => setTimeout(r, 10));
  }
  return times;
}

it(
  "syncs 20,000 devices in 200 pages without holding up pushes stored at the same time",
  { timeout: 120_000 },
  async () => {
    const op = "large-task";
    platform.tasks.set(op, makeTask(op, 20_000, { status: "PROCESSING" }));
    await db.prisma.$executeRaw`INSERT INTO platform_tasks (operation_id) VALUES (${op})`;
    const baseline = await ingest(op, 0, null, 100);

    const connector = new PlatformConnector(db.prisma, configFor(platform), {
      instance: "large",
      log: () => undefined,
    });
    const sync = syncTask(
      {
        prisma: db.prisma,
        client: connector.client,
        config: connector.config,
        instance: "large",
        mayContinue: () => true,
      },
      op,
    );
    const during = await ingest(op, 100, sync);
    const outcome = await sync;
    connector.client.close();

    expect(outcome).toMatchObject({ status: "synced", pages: 200, targets: 20_000 });
    expect(await db.prisma.taskTarget.count({ where: { operationId: op, platformStatus: "PROCESSING" } })).toBe(20_000);
    expect(platform.log.filter((l) => l.path.endsWith("/subOperations")).length).toBe(200);
    // Pushes kept flowing all through the sync, none of them waiting on it for long.
    expect(during.length).toBeGreaterThan(50);
    const [before, while_] = [p99(baseline), p99(during)];
    expect(while_, `ingest p99 ${while_.toFixed(1)} ms during the sync, ${before.toFixed(1)} ms before`).toBeLessThan(
      before * 3 + 250,
    );
  },
);
