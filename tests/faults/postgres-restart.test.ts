import { afterAll, expect, it } from "vitest";
import { verifyStore } from "../../bench/support/verify-store";
import { ids, swResult } from "../fixtures/pushes";
import { createThrowawayDatabase, startServer, type RunningServer, type ThrowawayDatabase } from "../support/servers";
import { waitForProjection } from "../support/projection";
import { campaign, healthy, postgres, recordingSender, sleep, waitFor } from "./support";

let db: ThrowawayDatabase;
let server: RunningServer;
afterAll(async () => {
  postgres("start");
  await server?.stop();
  await db?.drop();
});

it("answers 503 quickly while PostgreSQL is down, recovers by itself, and stores every acknowledged push once", async () => {
  db = await createThrowawayDatabase("um_fault_pg");
  server = await startServer({ DATABASE_URL: db.url }, "custom");
  const { pushes, bodies, keyOf } = campaign("fault-pg-restart");
  const sender = recordingSender(`${server.url}/api/callback`);
  const sending = sender.send(bodies, keyOf);

  await sleep(800);
  postgres("stop");
  const outage: { status: number; ms: number; retryAfter: string | null }[] = [];
  for (let i = 0; i < 5; i++) {
    const started = Date.now();
    const res = await fetch(`${server.url}/api/callback`, {
      method: "POST",
      body: JSON.stringify(swResult(ids())),
      signal: AbortSignal.timeout(12_000),
    });
    outage.push({ status: res.status, ms: Date.now() - started, retryAfter: res.headers.get("retry-after") });
  }
  const health = await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(12_000) });
  const healthBody = (await health.json()) as { error?: { code: string } };
  const read = await fetch(`${server.url}/api/tasks`, { signal: AbortSignal.timeout(12_000) });
  const readBody = (await read.json()) as { error?: { code: string } };
  await sleep(2_000);
  postgres("start");
  const recoveredMs = await waitFor(healthy(server.url), 15_000);
  const answers = await sending;
  await waitForProjection(server.url);
  const check = await verifyStore(db.url, pushes, sender.acks(bodies, answers));
  console.log(
    `[faults] postgres restart: sent ${pushes.length}, acknowledged ${check.acknowledged}, stored ${check.storedRows} ` +
      `(expected ${check.expectedRows}); outage answers ${JSON.stringify(outage.map((o) => `${o.status}/${o.ms}ms`))}; recovered ${recoveredMs} ms after start`,
  );

  console.log(
    `[faults] postgres down: /api/health ${health.status} ${healthBody.error?.code}, /api/tasks ${read.status} ${readBody.error?.code}`,
  );
  expect(health.status).toBe(503);
  expect(healthBody.error?.code).toBe("storage_unavailable");
  expect(health.headers.get("retry-after")).toBe("5");
  expect(read.status).toBe(503);
  expect(readBody.error?.code).toBe("storage_unavailable");
  for (const o of outage) {
    expect(o.status).toBe(503);
    expect(o.retryAfter).toBe("5");
    expect(o.ms).toBeLessThan(10_000);
  }
  expect(recoveredMs).toBeLessThan(5_000);
  expect(answers.every((a) => a.status === 200)).toBe(true);
  expect(check).toMatchObject({ ok: true, missingAckedIds: 0, deviceMismatches: [], taskMismatches: [] });
}, 120_000);
