import { rm } from "node:fs/promises";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "@/lib/db/client";
import { appendToLog } from "@/lib/ingest/append-log";
import { pruneOldEvents } from "@/lib/maintenance/prune";
import { parseNotification } from "@/lib/notifications/parse";
import type { ParsedNotification } from "@/lib/notifications/types";
import { projectAllPending } from "@/lib/projection/project-batch";
import { reprojectAll } from "@/lib/projection/reproject";
import { computeTruth, generateCampaign } from "@/lib/simulator/campaign";
import { dumpViews } from "../support/dump-views";
import { createThrowawayDatabase, freshPgliteDir, type ThrowawayDatabase } from "../support/servers";

// The log-first contract (README, "What a 200 means"): the views are a fold of the log, exactly once,
// whatever order events commit or reach the projector in, and a rebuild from the log (and the
// retention baseline) gives the same tables byte for byte.

const parse = (body: unknown): ParsedNotification => {
  const out = parseNotification(new TextEncoder().encode(JSON.stringify(body)));
  if (out.type !== "notification") throw new Error("fixture refused");
  return out.notification;
};

/** Moves notifications' arrival time (and their pending rows', kept in step) for the test's scenario. */
async function setArrival(db: Database, ids: bigint[], at: Date) {
  await db.prisma.$executeRaw`UPDATE notifications SET received_at = ${at} WHERE id = ANY(${ids}::bigint[])`;
  await db.prisma
    .$executeRaw`UPDATE projection_pending SET received_at = ${at} WHERE notification_id = ANY(${ids}::bigint[])`;
}

let pgDb: ThrowawayDatabase;
const pgliteDir = freshPgliteDir();
const opened: Database[] = [];
beforeAll(async () => {
  pgDb = await createThrowawayDatabase("um_projection");
});
afterAll(async () => {
  for (const db of opened) await db.close().catch(() => undefined);
  await pgDb?.drop();
  await rm(pgliteDir, { recursive: true, force: true });
});

describe.each([
  ["postgresql", () => openDatabase({ url: pgDb.url })],
  ["pglite", () => openDatabase({ pgliteDir })],
] as const)("projection on %s", (_kind, open) => {
  let db: Database;
  beforeAll(async () => {
    db = await open();
    opened.push(db);
  }, 60_000);

  it("an event reaching the projector older than what it folded is refolded: the result is the arrival-order fold", async () => {
    const operationId = `ooo-${_kind}`;
    const base = {
      notifyType: "swUpgradeResultNotify",
      deviceId: "d1",
      operationId,
      appId: "a",
      subOperationId: "s",
      sourceVersion: "1",
      targetVersion: "2",
    };
    // Arrival order A (device time 10:00), B (no device time), C (device time 09:00): the latest is C
    // (the last untimed result is B; of the timed ones after it, C). Folded C, then A and B, a
    // fold without the refold would keep B.
    const [c] = await appendToLog(db.prisma, [
      parse({ ...base, swUpgradeResult: "SUCCESS", curVersion: "2", upgradeTime: "20261101T090000Z" }),
    ]);
    await setArrival(db, [c!.id], new Date("2026-11-01T12:00:03Z"));
    await projectAllPending(db.prisma);
    const [a, b] = await appendToLog(db.prisma, [
      parse({ ...base, swUpgradeResult: "FAIL", curVersion: "1", errorCode: "5", upgradeTime: "20261101T100000Z" }),
      parse({ ...base, swUpgradeResult: "FAIL", curVersion: "1", errorCode: "7" }),
    ]);
    await setArrival(db, [a!.id], new Date("2026-11-01T12:00:01Z"));
    await setArrival(db, [b!.id], new Date("2026-11-01T12:00:02Z"));
    await projectAllPending(db.prisma);
    const state = await db.prisma.deviceState.findUniqueOrThrow({
      where: { operationId_deviceId: { operationId, deviceId: "d1" } },
    });
    // The first attempt by the same fold, keeping the earlier: A, then C (both timed, 09:00 < 10:00).
    expect(state).toMatchObject({
      outcome: "succeeded",
      resultNotificationId: c!.id,
      firstResultNotificationId: c!.id,
      attempts: 3,
      failedAttempts: 2,
    });
    const task = await db.prisma.task.findUniqueOrThrow({ where: { operationId } });
    expect(task).toMatchObject({ devices: 1, succeeded: 1, failed: 0, notifications: 3 });
  });

  it(
    "folds a batch of 2,000 devices new to their task in one transaction (more values than one statement may carry)",
    { timeout: 120_000 },
    async () => {
      const operationId = `wide-${_kind}`;
      const pushes = Array.from({ length: 2_000 }, (_, i) =>
        parse({
          notifyType: "swUpgradeResultNotify",
          deviceId: `wide-${i}`,
          operationId,
          swUpgradeResult: i % 4 ? "SUCCESS" : "FAIL",
        }),
      );
      await appendToLog(db.prisma, pushes);
      expect(await projectAllPending(db.prisma, 2_000)).toBe(2_000);
      expect(await db.prisma.task.findUniqueOrThrow({ where: { operationId } })).toMatchObject({
        devices: 2_000,
        succeeded: 1_500,
        failed: 500,
      });
    },
  );

  it("a failure with a 3 KB description is counted; its breakdown key is capped so the counter index takes it", async () => {
    const operationId = `long-${_kind}`;
    const description = Array.from({ length: 3_000 }, (_, i) =>
      String.fromCharCode(0x4e00 + ((i * 7919) % 20_000)),
    ).join("");
    await appendToLog(db.prisma, [
      parse({
        notifyType: "swUpgradeResultNotify",
        deviceId: "d",
        operationId,
        swUpgradeResult: "FAIL",
        errorCode: "5",
        description,
      }),
    ]);
    await projectAllPending(db.prisma);
    expect(await db.prisma.task.findUniqueOrThrow({ where: { operationId } })).toMatchObject({ failed: 1 });
    const [error] = await db.prisma.taskCounter.findMany({ where: { operationId, facet: "error" } });
    expect(error).toMatchObject({ k1: "5", k2: `${Array.from(description).slice(0, 119).join("")}…`, n: 1 });
    expect(await db.prisma.projectionParked.count()).toBe(0);
  });

  it(
    "db:reproject rebuilds the views byte for byte, also after retention deleted part of the log",
    { timeout: 120_000 },
    async () => {
      const { pushes } = generateCampaign({
        tasks: 3,
        devicesPerTask: 40,
        seed: `reproject-${_kind}`,
        duplicateRate: 0.05,
      });
      const parsed = pushes.map(parse);
      // The first third arrived 40 days ago (retention at 30 days removes it from the log below).
      const third = Math.floor(parsed.length / 3);
      const old = (await appendToLog(db.prisma, parsed.slice(0, third)))
        .filter((r) => r.status === "stored")
        .map((r) => r.id);
      await setArrival(db, old, new Date(Date.now() - 40 * 86_400_000));
      // The rest in batches of varying size, the projector running between some of them (as it does live).
      for (let i = third, size = 1; i < parsed.length; i += size, size = 1 + ((size * 7) % 23)) {
        await appendToLog(db.prisma, parsed.slice(i, i + size));
        if (size % 3 === 0) await projectAllPending(db.prisma, 17);
      }
      await projectAllPending(db.prisma);
      const live = await dumpViews(db);
      expect(live.device_states?.length).toBeGreaterThan(0);

      await reprojectAll(db.prisma);
      expect(await dumpViews(db)).toEqual(live);

      const pruned = await pruneOldEvents(db.prisma, 30);
      expect(pruned.notifications).toBe(old.length);
      expect(await dumpViews(db)).toEqual(live);
      await reprojectAll(db.prisma);
      expect(await dumpViews(db)).toEqual(live);
      expect(await db.prisma.projectionPending.count()).toBe(0);
    },
  );
});

describe("projection on postgresql with concurrent writers", () => {
  it("an id that commits after a later one is still projected, once", async () => {
    const db = await openDatabase({ url: pgDb.url, migrate: false });
    opened.push(db);
    const operationId = "late-commit";
    const slow = new pg.Client({ connectionString: pgDb.url });
    await slow.connect();
    try {
      // The slow transaction takes its id first and commits last.
      await slow.query("BEGIN");
      const { rows } = await slow.query<{ id: string }>(
        `WITH n AS (INSERT INTO notifications (notify_type, kind, event, device_id, operation_id, result, raw_body, content_hash)
           VALUES ('swUpgradeResultNotify', 'software', 'result', 'slow', $1, 'FAIL', '{}', 'late-commit-slow') RETURNING id, received_at)
         INSERT INTO projection_pending SELECT id, received_at FROM n RETURNING notification_id AS id`,
        [operationId],
      );
      const [fast] = await appendToLog(db.prisma, [
        parse({ notifyType: "swUpgradeResultNotify", deviceId: "fast", operationId, swUpgradeResult: "SUCCESS" }),
      ]);
      expect(fast!.id).toBeGreaterThan(BigInt(rows[0]!.id));
      await projectAllPending(db.prisma);
      expect(await db.prisma.task.findUnique({ where: { operationId } })).toMatchObject({
        devices: 1,
        notifications: 1,
      });
      await slow.query("COMMIT");
      await projectAllPending(db.prisma);
      expect(await db.prisma.task.findUnique({ where: { operationId } })).toMatchObject({
        devices: 2,
        succeeded: 1,
        failed: 1,
        notifications: 2,
      });
      await projectAllPending(db.prisma);
      expect(await db.prisma.task.findUnique({ where: { operationId } })).toMatchObject({ notifications: 2 });
    } finally {
      await slow.end();
    }
  });

  it(
    "two instances' projectors racing while pushes arrive fold every event once: the views equal an independent count",
    { timeout: 120_000 },
    async () => {
      const fresh = await createThrowawayDatabase("um_projection_race");
      const [one, two] = await Promise.all([openDatabase({ url: fresh.url }), openDatabase({ url: fresh.url })]);
      try {
        const { pushes } = generateCampaign({
          tasks: 4,
          devicesPerTask: 60,
          seed: "projector-race",
          duplicateRate: 0.1,
        });
        const parsed = pushes.map(parse);
        let writing = true;
        const race = (db: Database) =>
          (async () => {
            while (writing) await projectAllPending(db.prisma, 13);
            await projectAllPending(db.prisma, 13);
          })();
        const projectors = [race(one!), race(two!)];
        // Four lanes append concurrently through both instances: ids commit out of order all the time. A
        // device's pushes stay in one lane, in order, as the platform sends them (one after the other).
        const lanes: ParsedNotification[][] = [[], [], [], []];
        for (const n of parsed) lanes[(n.deviceId.charCodeAt(0) + n.deviceId.charCodeAt(1)) % 4]!.push(n);
        await Promise.all(
          lanes.map(async (lane, i) => {
            for (const n of lane) await appendToLog((i % 2 ? one! : two!).prisma, [n]);
          }),
        );
        writing = false;
        await Promise.all(projectors);
        const truth = computeTruth(pushes);
        const tasks = await one!.prisma.task.findMany({ orderBy: { operationId: "asc" } });
        expect(
          tasks.map((t) => [t.operationId, t.devices, t.succeeded, t.failed, t.inProgress, t.notifications]),
        ).toEqual(
          Object.entries(truth.tasks)
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([op, t]) => [op, t.devices, t.succeeded, t.failed, t.inProgress, t.notifications]),
        );
        const live = await dumpViews(one!);
        await reprojectAll(one!.prisma);
        expect(await dumpViews(one!)).toEqual(live);
      } finally {
        await Promise.all([one?.close(), two?.close()]);
        await fresh.drop();
      }
    },
  );
});
