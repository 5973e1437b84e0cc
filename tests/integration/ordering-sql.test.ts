import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "@/lib/db/client";
import { firstOf, latestOf } from "@/lib/domain/ordering";
import { pickLatestAndFirst } from "@/lib/domain/ordering-sql";
import { appendToLog } from "@/lib/ingest/append-log";
import { projectAllPending } from "@/lib/projection/project-batch";
import { recountCounters } from "@/lib/projection/recount";
import { parseNotification } from "@/lib/notifications/parse";
import type { ParsedNotification } from "@/lib/notifications/types";
import { createThrowawayDatabase, freshPgliteDir, type ThrowawayDatabase } from "../support/servers";

// The ordering rule exists three times: the TS reducer the ingest runs (device_states), the TS
// closed form (latestOf/firstOf) and the SQL of lib/domain/ordering-sql.ts (used by the migration
// that re-decided stored devices). On generated data with every kind of device clock, all three
// must pick the same latest and first result for every device, on PostgreSQL and on PGlite.

/** A small seeded generator, so a failure can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}
const compact = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");

function generate(seed: number): ParsedNotification[][] {
  const r = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const now = Date.now();
  const clocks: (() => string | undefined)[] = [
    () => compact(now - Math.floor(r() * 600) * 60_000), // plausible, up to 10 h back
    () => compact(now - Math.floor(r() * 600) * 60_000),
    () => "19700101T000512Z", // RTC reset
    () => "20991231T235959Z", // far future
    () => compact(now + 5 * 60_000), // ahead within the skew
    () => compact(now + 60 * 60_000), // ahead beyond the skew
    () => "",
    () => undefined,
    () => "next tuesday",
    () => String(Math.floor((now - r() * 3_600_000) / 1000)), // epoch seconds
  ];
  const operationId = `ord-${seed}-${now}`;
  const pushes: ParsedNotification[] = [];
  for (let d = 0; d < 40; d++) {
    const n = 1 + Math.floor(r() * 5);
    for (let i = 0; i < n; i++) {
      const body: Record<string, unknown> = {
        notifyType: "swUpgradeResultNotify",
        deviceId: `dev-${d}`,
        operationId,
        subOperationId: `s${d}`,
        appId: "a",
        curVersion: "1",
        targetVersion: "2",
        sourceVersion: "1",
        swUpgradeResult: r() < 0.5 ? "SUCCESS" : "FAIL",
        errorCode: String(Math.floor(r() * 10)),
        description: `attempt ${i}`,
        upgradeTime: pick(clocks)(),
      };
      if (body.upgradeTime === undefined) delete body.upgradeTime;
      const out = parseNotification(new TextEncoder().encode(JSON.stringify(body)));
      if (out.type !== "notification") throw new Error("generated push refused");
      pushes.push(out.notification);
    }
  }
  // Shuffled into batches: arrival order is the batch order (one transaction each).
  for (let i = pushes.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [pushes[i], pushes[j]] = [pushes[j]!, pushes[i]!];
  }
  const batches: ParsedNotification[][] = [];
  for (let i = 0; i < pushes.length;) {
    const size = 1 + Math.floor(r() * 8);
    batches.push(pushes.slice(i, i + size));
    i += size;
  }
  return batches;
}

let pg: ThrowawayDatabase;
const pgliteDir = freshPgliteDir();
beforeAll(async () => {
  pg = await createThrowawayDatabase("um_ordering");
});
afterAll(async () => {
  await pg?.drop();
  await rm(pgliteDir, { recursive: true, force: true });
});

describe.each([
  ["PostgreSQL", () => openDatabase({ url: pg.url })],
  ["PGlite", () => openDatabase({ pgliteDir })],
])("TS reducer, TS closed form and SQL agree (%s)", (_kind, open) => {
  let db: Database;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(async () => db?.close());

  it.each([1, 2, 3])("on generated data (seed %i)", async (seed) => {
    for (const batch of generate(seed)) await appendToLog(db.prisma, batch);
    await projectAllPending(db.prisma);
    const states = await db.prisma.deviceState.findMany({ where: { operationId: { startsWith: `ord-${seed}-` } } });
    const sql = new Map((await pickLatestAndFirst(db.prisma)).map((p) => [`${p.operationId}/${p.deviceId}`, p]));
    const results = await db.prisma.notification.findMany({
      where: { operationId: { startsWith: `ord-${seed}-` }, event: "result" },
      select: { id: true, operationId: true, deviceId: true, receivedAt: true, upgradeAt: true },
    });
    expect(states).toHaveLength(40);
    let mixed = 0;
    for (const s of states) {
      const mine = results.filter((n) => n.deviceId === s.deviceId).map((n) => ({ ...n, deviceAt: n.upgradeAt }));
      const picked = sql.get(`${s.operationId}/${s.deviceId}`)!;
      const ts = { latestId: latestOf(mine)!.id, firstId: firstOf(mine)!.id };
      expect({ latestId: s.resultNotificationId, firstId: s.firstResultNotificationId }, s.deviceId).toEqual(ts);
      expect({ latestId: picked.latestId, firstId: picked.firstId }, s.deviceId).toEqual(ts);
      if (mine.length > 2) mixed += 1;
    }
    expect(mixed).toBeGreaterThan(5);
    // And the counters the ingest kept equal a recount from scratch.
    const kept = await db.prisma.taskCounter.findMany({
      where: { n: { not: 0 } },
      orderBy: [{ operationId: "asc" }, { facet: "asc" }, { k1: "asc" }, { k2: "asc" }, { k3: "asc" }],
    });
    const recount = await recountCounters(db.prisma);
    expect(kept.map((r) => [r.operationId, r.facet, r.k1, r.k2, r.k3, r.n])).toEqual(
      recount.map((r) => [r.operation_id, r.facet, r.k1, r.k2, r.k3, r.n]),
    );
  });
});
