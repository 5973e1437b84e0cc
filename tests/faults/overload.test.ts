import pg from "pg";
import { afterAll, expect, it } from "vitest";
import { swResult } from "../fixtures/pushes";
import { createThrowawayDatabase, startServer, type RunningServer, type ThrowawayDatabase } from "../support/servers";
import { rssMb, sleep } from "./support";

let db: ThrowawayDatabase;
let server: RunningServer;
let locker: pg.Client | undefined;
afterAll(async () => {
  await locker?.end().catch(() => undefined);
  await server?.stop("SIGKILL");
  await db?.drop();
});

interface Shot { sentAt: number; status: number; ms: number }

/** Open-loop load like the platform's: a new push every 1000/rate ms whether or not earlier ones were answered, until stopped. */
function openLoop(url: string, ratePerSecond: number) {
  const shots: Promise<Shot>[] = [];
  const started = Date.now();
  const timer = setInterval(() => {
    const due = Math.floor(((Date.now() - started) / 1000) * ratePerSecond);
    while (shots.length < due) {
      const sentAt = Date.now();
      shots.push(fetch(`${url}/api/callback`, { method: "POST", body: JSON.stringify(swResult()), signal: AbortSignal.timeout(30_000) })
        .then(async (r) => ({ sentAt, status: (await r.arrayBuffer(), r.status), ms: Date.now() - sentAt }))
        .catch(() => ({ sentAt, status: 0, ms: Date.now() - sentAt })));
    }
  }, 20);
  return { stop: () => (clearInterval(timer), Promise.all(shots)) };
}

it("a held database lock: bounded memory, every answer within the deadline, new pushes 200 within seconds of the release", async () => {
  db = await createThrowawayDatabase("um_fault_overload");
  server = await startServer({ DATABASE_URL: db.url, INGEST_MAX_WAITING: "200" }, "custom");
  // Warm up, then note the resident memory.
  for (let i = 0; i < 50; i++) expect((await fetch(`${server.url}/api/callback`, { method: "POST", body: JSON.stringify(swResult()) })).status).toBe(200);
  const pid = server.process.pid!;
  const baseline = rssMb(pid);

  locker = new pg.Client({ connectionString: db.url });
  await locker.connect();
  await locker.query("BEGIN");
  await locker.query("LOCK TABLE notifications IN ACCESS EXCLUSIVE MODE");
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 250);
  const LOCK_SECONDS = 15;
  const RATE = 150;
  const load = openLoop(server.url, RATE);
  await sleep(LOCK_SECONDS * 1000);
  const releasedAt = Date.now();
  await locker.query("COMMIT");
  await sleep(10_000);
  const shots = await load.stop();
  clearInterval(sampler);

  const during = shots.filter((s) => s.sentAt < releasedAt - 9_000);
  const after = shots.filter((s) => s.sentAt >= releasedAt).sort((a, b) => a.sentAt - b.sentAt);
  const firstOk = after.find((s) => s.status === 200);
  const okAfter3s = after.filter((s) => s.sentAt >= releasedAt + 3_000);
  const slowest = Math.max(...shots.map((s) => s.ms));
  const refusedFast = during.filter((s) => s.status === 503 && s.ms < 1_000).length;
  console.log(`[faults] held lock ${LOCK_SECONDS} s at ${RATE} pushes/s (cap 200 waiting): RSS ${baseline} → peak ${peak} MB; ` +
    `during: ${during.filter((s) => s.status === 503).length}/${during.length} answered 503 (${refusedFast} within 1 s), 200s ${during.filter((s) => s.status === 200).length}; ` +
    `slowest answer ${slowest} ms; first 200 after release: ${firstOk ? firstOk.sentAt + firstOk.ms - releasedAt : "none"} ms; ` +
    `from 3 s after release: ${okAfter3s.filter((s) => s.status === 200).length}/${okAfter3s.length} got 200`);

  expect(during.every((s) => s.status === 503)).toBe(true);
  expect(refusedFast).toBeGreaterThan(during.length / 2);
  expect(slowest).toBeLessThan(10_000);
  expect(peak - baseline).toBeLessThan(150);
  expect(firstOk).toBeDefined();
  expect(firstOk!.sentAt + firstOk!.ms - releasedAt).toBeLessThan(5_000);
  expect(okAfter3s.length).toBeGreaterThan(0);
  expect(okAfter3s.every((s) => s.status === 200)).toBe(true);
}, 180_000);
