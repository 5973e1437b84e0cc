import { afterAll, expect, it } from "vitest";
import { generateCampaign } from "@/lib/simulator/campaign";
import { sendAll, type PostFn } from "@/lib/simulator/send-queue";
import { verifyStore } from "../../bench/support/verify-store";
import { waitForProjection } from "../support/projection";
import { createThrowawayDatabase, startServer, type RunningServer, type ThrowawayDatabase } from "../support/servers";

// Horizontal scaling: two app servers on one PostgreSQL, each push sent to either of them (a device's
// pushes alternate between the two), repeats landing on both. Dedupe, device state and every counter
// rely on the database alone, so the result must equal a recount.
let db: ThrowawayDatabase;
const servers: RunningServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await db?.drop();
});
// Two server starts (each opens and migrates its database) take most of the default 30 s on a busy machine.
it(
  "two instances on one database store every push once and keep state and counters exact",
  { timeout: 120_000 },
  async () => {
    db = await createThrowawayDatabase("um_two");
    servers.push(
      ...(await Promise.all([startServer({ DATABASE_URL: db.url }), startServer({ DATABASE_URL: db.url })])),
    );
    const { pushes } = generateCampaign({ tasks: 4, devicesPerTask: 80, seed: "two-instances", duplicateRate: 0.1 });
    const bodies = pushes.map((p) => JSON.stringify(p));
    const ids = new Map<string, number>();
    let turn = 0;
    const post: PostFn = async (body) => {
      const server = servers[turn++ % 2]!;
      const res = await fetch(`${server.url}/api/callback`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      const text = await res.text();
      if (res.status === 200) ids.set(body, (JSON.parse(text) as { id: number }).id);
      return { status: res.status, retryAfter: res.headers.get("retry-after"), body: text };
    };
    const answers = await sendAll(bodies, post, {
      concurrency: 16,
      maxRetries: 3,
      keyOf: (i) => `${pushes[i]!.operationId}/${pushes[i]!.deviceId}`,
    });
    // Both instances run a projector; the database lets one fold at a time. Wait until all is folded.
    await waitForProjection(servers[0]!.url);
    const check = await verifyStore(
      db.url,
      pushes,
      answers.map((a, i) => ({ status: a.status, id: ids.get(bodies[i]!) })),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(check).toMatchObject({ ok: true, deviceMismatches: [], taskMismatches: [], counterMismatches: [] });
    expect(check.storedRows).toBeLessThan(pushes.length);
  },
);
