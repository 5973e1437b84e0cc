import { rm } from "node:fs/promises";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/client";
import { freshPgliteDir, startServer } from "../support/servers";
import { ids, post, swResult, swState } from "../fixtures/pushes";

// The embedded database: what the server acknowledged is on disk after it stops, with the same state.
const dir = freshPgliteDir();
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("PGlite data directory", () => {
  it("keeps acknowledged notifications and device state across a restart", { timeout: 120_000 }, async () => {
    const who = ids();
    const server = await startServer({ PGLITE_DIR: dir });
    const answers = [
      await post(server.url, swState({ ...who })),
      await post(server.url, swResult({ ...who, swUpgradeResult: "SUCCESS", upgradeTime: "20240201T100000Z" })),
      await post(server.url, swResult({ ...who, swUpgradeResult: "FAIL", upgradeTime: "20240201T090000Z" })),
      await post(server.url, swResult({ ...who, swUpgradeResult: "FAIL", upgradeTime: "20240201T090000Z" })),
    ];
    expect(answers.map((a) => a.json.status)).toEqual(["stored", "stored", "stored", "duplicate"]);
    await server.stop();

    const db = await openDatabase({ pgliteDir: dir });
    try {
      expect(await db.prisma.notification.count()).toBe(3);
      const s = await db.prisma.deviceState.findUniqueOrThrow({
        where: { operationId_deviceId: { operationId: who.operationId, deviceId: who.deviceId } },
      });
      expect(s).toMatchObject({ outcome: "succeeded", attempts: 2, failedAttempts: 1, firstResult: "FAIL" });
    } finally {
      await db.close();
    }

    const again = await startServer({ PGLITE_DIR: dir });
    try {
      const dup = await post(again.url, swResult({ ...who, swUpgradeResult: "FAIL", upgradeTime: "20240201T090000Z" }));
      expect(dup.json).toEqual({ status: "duplicate", id: answers[2]!.json.id });
    } finally {
      await again.stop();
    }
  });
});
