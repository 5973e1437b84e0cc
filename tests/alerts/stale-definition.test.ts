import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { evaluateTimedRules } from "@/lib/alerts/evaluate";
import { createRule } from "@/lib/alerts/rules";
import { setDb } from "@/lib/db";
import { openDatabase, type Database } from "@/lib/db/client";
import { getTaskCompleteness } from "@/lib/queries/get-task-completeness";
import { RuleInputSchema } from "@/lib/schemas/alerts";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/servers";

// One definition of "stale" (lib/queries/stale.ts): the task page's count with STALE_AFTER_HOURS and the
// stale_devices alert rule with its own window read the same rows the same way. Device states are
// written directly (they are the projection both read), so the test does not depend on how ingest fills them.

let pg: ThrowawayDatabase;
let db: Database;
const op = randomUUID().replaceAll("-", "");
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);

beforeAll(async () => {
  pg = await createThrowawayDatabase("um_stale");
  db = await openDatabase({ url: pg.url });
  setDb(db);
  const devices: [string, string, number][] = [
    ["silent-1", "in_progress", 25],
    ["silent-2", "in_progress", 30],
    ["silent-3", "in_progress", 49],
    ["recent", "in_progress", 2],
    ["failed-long-ago", "failed", 60],
    ["ok-long-ago", "succeeded", 60],
  ];
  await db.prisma.task.create({
    data: {
      operationId: op,
      kind: "software",
      devices: 6,
      succeeded: 1,
      failed: 1,
      inProgress: 4,
      firstSeenAt: hoursAgo(60),
      lastSeenAt: hoursAgo(2),
    },
  });
  for (const [id, outcome, age] of devices) {
    await db.prisma.deviceState.create({
      data: {
        operationId: op,
        deviceId: id,
        kind: "software",
        outcome,
        firstSeenAt: hoursAgo(age),
        lastSeenAt: hoursAgo(age),
      },
    });
  }
});
afterAll(async () => {
  await db?.close();
  await pg?.drop();
});

async function fireStaleRule(minutes: number): Promise<Record<string, unknown>> {
  const rule = await createRule(
    RuleInputSchema.parse({
      name: `stale ${minutes}`,
      kind: "stale_devices",
      operationId: op,
      minDevices: 1,
      minutes,
      channelIds: [],
    }),
  );
  await evaluateTimedRules(db.prisma);
  const firing = await db.prisma.alertFiring.findFirstOrThrow({ where: { ruleId: rule.id } });
  return firing.figures as Record<string, unknown>;
}

it("counts the same stale devices on the task page and in a stale_devices rule with the same window", async () => {
  expect((await getTaskCompleteness(op)).stale).toBe(3);
  expect(await fireStaleRule(24 * 60)).toMatchObject({ stale: 3 });
});

it("applies the rule's own window to the same definition (results never go stale)", async () => {
  expect(await fireStaleRule(60)).toMatchObject({ stale: 4 });
  expect(await fireStaleRule(48 * 60)).toMatchObject({ stale: 1 });
});
