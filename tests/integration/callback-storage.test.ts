import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { recountCounters } from "@/lib/projection/recount";
import { connect } from "../support/db";
import { fwResult, fwState, ids, post, swResult, swState } from "../fixtures/pushes";

// What the receiver wrote, read back from PostgreSQL directly (not through our own read code).
let db: Database;
const base = () => inject("pgServerUrl");

beforeAll(async () => {
  db = await connect(inject("pgDatabaseUrl"));
});
afterAll(async () => db?.close());

const stateOf = (operationId: string, deviceId: string) =>
  db.prisma.deviceState.findUniqueOrThrow({ where: { operationId_deviceId: { operationId, deviceId } } });

describe("what a stored push looks like", () => {
  it("keeps the raw body byte for byte and the normalised columns", async () => {
    const body = `{ "notifyType":"swUpgradeResultNotify", ${JSON.stringify(ids()).slice(1, -1)},
      "curVersion":"V1.0.0","targetVersion":"V1.2.0","sourceVersion":"V1.0.0","swUpgradeResult":"FAIL",
      "upgradeTime":"20240115T083012Z","resultDesc":"upgrade failed","errorCode":"5","description":"insufficient storage space","vendorExtra":{"a":1} }`;
    const res = await post(base(), body);
    const row = await db.prisma.notification.findUniqueOrThrow({ where: { id: res.json.id as number } });
    expect(row.rawBody).toBe(body);
    expect(row).toMatchObject({
      notifyType: "swUpgradeResultNotify",
      kind: "software",
      event: "result",
      result: "FAIL",
      errorCode: "5",
      description: "insufficient storage space",
      resultDesc: "upgrade failed",
      sourceVersion: "V1.0.0",
      targetVersion: "V1.2.0",
      curVersion: "V1.0.0",
      upgradeTimeRaw: "20240115T083012Z",
      warnings: [],
    });
    expect(row.upgradeAt?.toISOString()).toBe("2024-01-15T08:30:12.000Z");
  });

  it("maps firmware status/statusDesc and step names", async () => {
    const r = await post(base(), fwResult({ status: "fail", statusDesc: "Integrity check failure" }));
    const s = await post(base(), fwState({ step: "3", stepDesc: "updating" }));
    const result = await db.prisma.notification.findUniqueOrThrow({ where: { id: r.json.id as number } });
    const state = await db.prisma.notification.findUniqueOrThrow({ where: { id: s.json.id as number } });
    expect(result).toMatchObject({
      kind: "firmware",
      result: "FAIL",
      resultDesc: "Integrity check failure",
      errorCode: null,
    });
    expect(state).toMatchObject({ kind: "firmware", event: "state", step: "3", state: "updating" });
  });

  it("records warnings for wrong-typed documented fields and keeps numeric upgrade times raw", async () => {
    const res = await post(base(), swResult({ errorCode: 7, curVersion: ["x"], upgradeTime: 3600 }));
    const row = await db.prisma.notification.findUniqueOrThrow({ where: { id: res.json.id as number } });
    expect(row.errorCode).toBe("7");
    expect(row.curVersion).toBeNull();
    expect(row.upgradeTimeRaw).toBe("3600");
    expect(row.upgradeAt).toBeNull();
    expect(row.warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: "errorCode" }),
        expect.objectContaining({ field: "curVersion" }),
      ]),
    );
  });
});

describe("current state per device", () => {
  it("latest result by upgrade time wins whatever the arrival order; attempts and first attempt kept", async () => {
    const who = ids();
    const fail = swResult({ ...who, swUpgradeResult: "FAIL", upgradeTime: "20240115T080000Z", errorCode: "6" });
    const ok = swResult({
      ...who,
      swUpgradeResult: "SUCCESS",
      upgradeTime: "20240115T090000Z",
      curVersion: "V1.2.0",
      errorCode: "",
    });
    await post(base(), ok);
    await post(base(), fail);
    const s = await stateOf(who.operationId, who.deviceId);
    expect(s).toMatchObject({
      outcome: "succeeded",
      result: "SUCCESS",
      curVersion: "V1.2.0",
      attempts: 2,
      failedAttempts: 1,
      firstResult: "FAIL",
    });
    const task = await db.prisma.task.findUniqueOrThrow({ where: { operationId: who.operationId } });
    expect(task).toMatchObject({ devices: 1, succeeded: 1, failed: 0, inProgress: 0, notifications: 2 });
  });

  it("a new download after the latest result means in progress again; a late updating or idle does not", async () => {
    const who = ids();
    await post(base(), swState({ ...who, swUpgradeState: "downloading" }));
    expect((await stateOf(who.operationId, who.deviceId)).outcome).toBe("in_progress");
    await post(base(), swResult({ ...who, swUpgradeResult: "FAIL" }));
    expect((await stateOf(who.operationId, who.deviceId)).outcome).toBe("failed");
    await post(base(), swState({ ...who, swUpgradeState: "updating" }));
    expect((await stateOf(who.operationId, who.deviceId)).outcome).toBe("failed");
    await post(
      base(),
      fwState({ ...who, notifyType: "fwUpgradeStateChangeNotify", step: "1", stepDesc: "downloading" }),
    );
    expect((await stateOf(who.operationId, who.deviceId)).outcome).toBe("in_progress");
    let task = await db.prisma.task.findUniqueOrThrow({ where: { operationId: who.operationId } });
    expect(task).toMatchObject({ devices: 1, succeeded: 0, failed: 0, inProgress: 1, notifications: 4 });
    await post(base(), swState({ ...who, swUpgradeState: "idle" }));
    expect((await stateOf(who.operationId, who.deviceId)).outcome).toBe("failed");
    task = await db.prisma.task.findUniqueOrThrow({ where: { operationId: who.operationId } });
    expect(task).toMatchObject({ devices: 1, succeeded: 0, failed: 1, inProgress: 0, notifications: 5 });
  });

  it("task counters equal a recount of device states after a concurrent burst", async () => {
    const { operationId } = ids();
    const pushes = Array.from({ length: 60 }, (_, i) => {
      const deviceId = `dev-${i % 20}`;
      return i % 3 === 0
        ? swState({ operationId, deviceId, swUpgradeState: "downloading" })
        : swResult({
            operationId,
            deviceId,
            swUpgradeResult: i % 2 ? "SUCCESS" : "FAIL",
            upgradeTime: `20240115T08${String(i).padStart(2, "0")}00Z`,
          });
    });
    const answers = await Promise.all(pushes.map((p) => post(base(), p)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const groups = await db.prisma.deviceState.groupBy({ by: ["outcome"], where: { operationId }, _count: true });
    const count = (o: string) => groups.find((g) => g.outcome === o)?._count ?? 0;
    const task = await db.prisma.task.findUniqueOrThrow({ where: { operationId } });
    expect(task).toMatchObject({
      devices: 20,
      succeeded: count("succeeded"),
      failed: count("failed"),
      inProgress: count("in_progress"),
      notifications: 60,
    });
  });
});

describe("precomputed task counters", () => {
  it("equal a recount from scratch after everything this file sent", async () => {
    const kept = await db.prisma.taskCounter.findMany({
      where: { n: { not: 0 } },
      orderBy: [{ operationId: "asc" }, { facet: "asc" }, { k1: "asc" }, { k2: "asc" }, { k3: "asc" }],
    });
    const recount = await recountCounters(db.prisma);
    expect(kept.length).toBeGreaterThan(10);
    expect(kept.map((r) => [r.operationId, r.facet, r.k1, r.k2, r.k3, r.n])).toEqual(
      recount.map((r) => [r.operation_id, r.facet, r.k1, r.k2, r.k3, r.n]),
    );
  });
});

describe("quarantine and ignored types", () => {
  it("keeps every refused request with reason, content type, size and body", async () => {
    const marker = `bad-${Date.now()}`;
    await post(base(), `{"${marker}": `, { headers: { "content-type": "text/plain" } });
    const row = await db.prisma.quarantinedRequest.findFirstOrThrow({
      where: { reason: "invalid_json" },
      orderBy: { id: "desc" },
    });
    expect(row).toMatchObject({
      status: 400,
      contentType: "text/plain",
      bodySize: marker.length + 5,
      truncated: false,
    });
    expect(Buffer.from(row.body).toString()).toBe(`{"${marker}": `);
  });

  it("keeps the first 64 KiB of an oversized body, marked truncated", async () => {
    await post(base(), JSON.stringify(swResult({ description: "y".repeat(100_000) })));
    const row = await db.prisma.quarantinedRequest.findFirstOrThrow({
      where: { reason: "payload_too_large" },
      orderBy: { id: "desc" },
    });
    expect(row).toMatchObject({ status: 413, truncated: true });
    expect(row.body.byteLength).toBe(65_536);
    expect(row.bodySize).toBeGreaterThan(100_000);
  });

  it("keeps 422 details and counts ignored types without storing them", async () => {
    await post(base(), swResult({ deviceId: "" }));
    const row = await db.prisma.quarantinedRequest.findFirstOrThrow({
      where: { reason: "invalid_notification" },
      orderBy: { id: "desc" },
    });
    expect(row.details).toEqual([{ field: "deviceId", problem: "must be a non-empty string" }]);
    const type = `customNotify${Date.now()}`;
    await post(base(), { notifyType: type });
    await post(base(), { notifyType: type, x: 1 });
    expect(await db.prisma.ignoredNotifyType.findUniqueOrThrow({ where: { notifyType: type } })).toMatchObject({
      count: 2,
    });
    expect(await db.prisma.notification.count({ where: { notifyType: type } })).toBe(0);
  });
});
