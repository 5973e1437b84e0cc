import { afterAll, beforeAll, expect, inject, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { pruneOldEvents } from "@/lib/maintenance/prune";
import { connect } from "../support/db";
import { ids, post, swResult, swState } from "../fixtures/pushes";

let db: Database;
beforeAll(async () => {
  db = await connect(inject("pgDatabaseUrl"));
});
afterAll(async () => db?.close());

it("prunes raw events older than the retention without changing any task's numbers", async () => {
  const who = ids();
  const sent = [
    await post(inject("pgServerUrl"), swState({ ...who })),
    await post(inject("pgServerUrl"), swResult({ ...who, swUpgradeResult: "FAIL", upgradeTime: "20240101T000000Z" })),
    await post(
      inject("pgServerUrl"),
      swResult({ ...who, swUpgradeResult: "SUCCESS", upgradeTime: "20240102T000000Z" }),
    ),
  ];
  const oldIds = sent.slice(0, 2).map((s) => s.json.id as number);
  // Age two of them (and nothing else) past a 30-day retention.
  await db.prisma.notification.updateMany({
    where: { id: { in: oldIds } },
    data: { receivedAt: new Date(Date.now() - 40 * 86_400_000) },
  });
  const taskBefore = await db.prisma.task.findUniqueOrThrow({ where: { operationId: who.operationId } });
  const apiBefore = await (await fetch(`${inject("pgServerUrl")}/api/tasks/${who.operationId}`)).json();

  const result = await pruneOldEvents(db.prisma, 30);

  expect(result.notifications).toBeGreaterThanOrEqual(2);
  expect(await db.prisma.notification.count({ where: { id: { in: oldIds } } })).toBe(0);
  expect(await db.prisma.notification.count({ where: { id: sent[2]!.json.id as number } })).toBe(1);
  expect(await db.prisma.task.findUniqueOrThrow({ where: { operationId: who.operationId } })).toEqual(taskBefore);
  const state = await db.prisma.deviceState.findUniqueOrThrow({
    where: { operationId_deviceId: { operationId: who.operationId, deviceId: who.deviceId } },
  });
  expect(state).toMatchObject({ outcome: "succeeded", attempts: 2, failedAttempts: 1, firstResult: "FAIL" });
  const apiAfter = await (await fetch(`${inject("pgServerUrl")}/api/tasks/${who.operationId}`)).json();
  expect(apiAfter.task).toEqual(apiBefore.task);
});
