import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "@/lib/db/client";
import { createThrowawayDatabase, freshPgliteDir, type ThrowawayDatabase } from "../support/servers";
import { readSchemaModels } from "../support/schema-file";

// Migrations are hand-written SQL; this proves they build exactly what schema.prisma describes.
const at = (s: string) => new Date(s);
const SAMPLES: Record<string, Record<string, unknown>> = {
  Notification: {
    id: 41n,
    receivedAt: at("2024-01-01T00:00:01.123Z"),
    notifyType: "swUpgradeResultNotify",
    kind: "software",
    event: "result",
    deviceId: "d",
    appId: "a",
    operationId: "o",
    subOperationId: "s",
    result: "FAIL",
    state: "idle",
    step: "0",
    sourceVersion: "1",
    targetVersion: "2",
    curVersion: "1",
    errorCode: "5",
    description: "desc",
    resultDesc: "rd",
    upgradeTimeRaw: "20240101T000000Z",
    upgradeAt: at("2024-01-01T00:00:00Z"),
    warnings: [{ field: "f", problem: "p" }],
    rawBody: '{"a":1}',
    contentHash: "h".repeat(64),
    source: "api",
  },
  DeviceState: {
    operationId: "o",
    deviceId: "d",
    kind: "firmware",
    appId: "a",
    subOperationId: "s",
    outcome: "failed",
    result: "FAIL",
    sourceVersion: "1",
    targetVersion: "2",
    curVersion: "1",
    errorCode: "5",
    description: "x",
    resultDesc: "y",
    upgradeTimeRaw: "r",
    upgradeAt: at("2024-01-02T00:00:00Z"),
    resultAt: at("2024-01-02T00:00:00Z"),
    resultReceivedAt: at("2024-01-02T00:00:01Z"),
    resultNotificationId: 7n,
    resultSource: "push",
    firstResult: "SUCCESS",
    firstResultSource: "api",
    firstResultAt: at("2024-01-01T00:00:00Z"),
    firstResultReceivedAt: at("2024-01-01T00:00:03Z"),
    firstResultNotificationId: 3n,
    attempts: 4,
    failedAttempts: 2,
    state: "updating",
    stateReceivedAt: at("2024-01-02T00:00:02Z"),
    stateNotificationId: 9n,
    firstSeenAt: at("2024-01-01T00:00:00Z"),
    lastSeenAt: at("2024-01-03T00:00:00Z"),
    lastEventId: 2n ** 40n,
  },
  Task: {
    operationId: "o",
    kind: "software",
    appId: "a",
    devices: 3,
    succeeded: 1,
    failed: 1,
    inProgress: 1,
    notifications: 9,
    firstSeenAt: at("2024-01-01T00:00:00Z"),
    lastSeenAt: at("2024-01-02T00:00:00Z"),
    lastResultAt: at("2024-01-02T00:00:00Z"),
  },
  TaskVersion: { operationId: "o", sourceVersion: "1", targetVersion: "2" },
  TaskCounter: { operationId: "o", facet: "error", k1: "5", k2: "no space", k3: "", n: 7 },
  FleetDevice: { deviceId: "d", firstSeenAt: at("2024-01-01T00:00:00Z") },
  ErrorCodeMeaning: {
    kind: "software",
    code: "2",
    meaning: "m",
    createdAt: at("2024-01-01T00:00:00Z"),
    updatedAt: at("2024-01-02T00:00:00Z"),
    updatedBy: "alice",
  },
  QuarantinedRequest: {
    id: 2n ** 33n,
    receivedAt: at("2024-01-01T00:00:00Z"),
    status: 422,
    reason: "invalid_notification",
    message: "m",
    details: [{ field: "deviceId", problem: "p" }],
    contentType: "application/json",
    bodySize: 3,
    truncated: true,
    body: new Uint8Array([0, 255, 10]),
  },
  TaskTarget: {
    operationId: "o",
    deviceId: "d",
    source: "platform",
    subOperationId: "s",
    platformStatus: "FAIL",
    platformDetail: "x",
    platformUpdatedAt: at("2024-01-01T00:00:00Z"),
    addedAt: at("2024-01-01T00:00:01Z"),
    updatedAt: at("2024-01-01T00:00:02Z"),
  },
  PlatformTask: {
    operationId: "o",
    operateType: "firmware_upgrade",
    status: "processing",
    appId: "a",
    platformCreatedAt: at("2024-01-01T00:00:00Z"),
    platformStartedAt: at("2024-01-01T00:00:01Z"),
    platformStoppedAt: at("2024-01-01T00:00:02Z"),
    staTotal: 7,
    staWait: 1,
    staProcessing: 1,
    staSuccess: 2,
    staFail: 1,
    staStop: 1,
    staTimeout: 1,
    targetsSynced: 7,
    finishedSyncs: 1,
    lostPushes: 2,
    discoveredBy: "discover",
    syncedAt: at("2024-01-01T00:00:03Z"),
    syncStartedAt: at("2024-01-01T00:00:04Z"),
    syncError: "e",
    syncErrorAt: at("2024-01-01T00:00:05Z"),
    refreshRequestedAt: at("2024-01-01T00:00:06Z"),
    leaseOwner: "i",
    leaseUntil: at("2024-01-01T00:00:07Z"),
    addedAt: at("2024-01-01T00:00:08Z"),
  },
  PlatformConnection: {
    appId: "a",
    holder: "h",
    leaseUntil: at("2024-01-01T00:00:00Z"),
    tokenIssuedAt: at("2024-01-01T00:00:01Z"),
    tokenExpiresAt: at("2024-01-01T00:00:02Z"),
    lastLoginAt: at("2024-01-01T00:00:03Z"),
    logins: 3,
    lastError: "e",
    lastErrorAt: at("2024-01-01T00:00:04Z"),
    updatedAt: at("2024-01-01T00:00:05Z"),
  },
  TaskLabel: { operationId: "o", label: "Spring rollout", updatedAt: at("2024-01-01T00:00:00Z"), updatedBy: "alice" },
  IgnoredNotifyType: {
    notifyType: "deviceDataChanged",
    count: 2,
    firstSeenAt: at("2024-01-01T00:00:00Z"),
    lastSeenAt: at("2024-01-02T00:00:00Z"),
  },
  AlertChannel: {
    id: 3,
    name: "ops",
    type: "email",
    url: null,
    recipients: ["a@example.com", "b@example.com"],
    secret: "s",
    createdAt: at("2024-01-01T00:00:00Z"),
    updatedAt: at("2024-01-02T00:00:00Z"),
  },
  AlertRule: {
    id: 4,
    name: "r",
    kind: "failure_rate",
    enabled: false,
    operationId: "o",
    match: "m",
    threshold: 0.25,
    minResults: 10,
    minCount: 3,
    errorCode: "5",
    minutes: 1.5,
    channelIds: [3, 7],
    createdAt: at("2024-01-01T00:00:00Z"),
    updatedAt: at("2024-01-02T00:00:00Z"),
  },
  AlertFiring: {
    id: 5,
    ruleId: 4,
    ruleName: "r",
    kind: "failure_rate",
    scope: "o",
    figures: { rate: 0.3 },
    firedAt: at("2024-01-01T00:00:00Z"),
    resolvedAt: at("2024-01-02T00:00:00Z"),
    resolvedFigures: { rate: 0.1 },
  },
  AlertDelivery: {
    id: 6,
    firingId: 5,
    channelId: 3,
    event: "alert.fired",
    status: "delivered",
    attempts: 2,
    nextAttemptAt: at("2024-01-01T00:00:00Z"),
    lockedUntil: at("2024-01-01T00:01:00Z"),
    lastStatus: 200,
    lastAnswer: "ok",
    createdAt: at("2024-01-01T00:00:00Z"),
    finishedAt: at("2024-01-01T00:00:05Z"),
  },
  AuditEvent: {
    id: 3,
    at: at("2024-01-01T00:00:00.5Z"),
    kind: "export",
    actor: "alice",
    clientIp: "192.0.2.1",
    method: "session",
    target: "op-1",
    details: { rows: 2, filters: { q: "x" } },
  },
  RevokedSession: { sessionId: "sid-1", expiresAt: at("2024-01-08T00:00:00Z") },
  ProjectionPending: { notificationId: 2n ** 35n, receivedAt: at("2024-01-01T00:00:00Z") },
  ProjectionParked: {
    notificationId: 2n ** 36n,
    receivedAt: at("2024-01-01T00:00:00Z"),
    error: "index row size 3100 exceeds btree maximum",
    parkedAt: at("2024-01-01T00:00:02Z"),
  },
  ProjectionProgress: {
    name: "views-test",
    events: 12n,
    batches: 3n,
    lastNotificationId: 2n ** 34n,
    lastReceivedAt: at("2024-01-01T00:00:00Z"),
    updatedAt: at("2024-01-01T00:00:01Z"),
  },
  LoginThrottle: {
    key: "u:alice|192.0.2.1",
    attempts: 6,
    nextAt: at("2024-01-01T00:00:02Z"),
    updatedAt: at("2024-01-01T00:00:01Z"),
  },
};

const models = readSchemaModels();
const delegate = (db: Database, model: string) =>
  (db.prisma as unknown as Record<string, { create(a: unknown): Promise<unknown> }>)[
    model[0]!.toLowerCase() + model.slice(1)
  ]!;

let pg: ThrowawayDatabase;
const pgliteDir = freshPgliteDir();
beforeAll(async () => {
  pg = await createThrowawayDatabase("um_schema");
});
afterAll(async () => {
  await pg?.drop();
  await rm(pgliteDir, { recursive: true, force: true });
});

describe.each([
  ["postgresql", () => openDatabase({ url: pg.url })],
  ["pglite", () => openDatabase({ pgliteDir })],
])("migrations vs schema.prisma on %s", (_kind, open) => {
  it("has a sample for every model and every field", () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(models.map((m) => m.name).sort());
    for (const m of models) expect(Object.keys(SAMPLES[m.name]!).sort()).toEqual([...m.columns.keys()].sort());
  });

  // Opening a fresh PGlite and applying every migration takes 20-40 s on a loaded 2-core machine.
  it(
    "writes and reads back every column of every model through the generated client",
    { timeout: 120_000 },
    async () => {
      const db = await open();
      try {
        for (const m of models) {
          const created = await delegate(db, m.name).create({ data: SAMPLES[m.name] });
          expect(created).toEqual(SAMPLES[m.name]);
        }
      } finally {
        await db.close();
      }
    },
  );

  it("has exactly the tables and columns the schema names", async () => {
    const db = await open();
    try {
      const rows = await db.prisma.$queryRaw<{ table_name: string; column_name: string }[]>`
        SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`;
      const actual = rows.map((r) => `${r.table_name}.${r.column_name}`).sort();
      const expected = models.flatMap((m) => [...m.columns.values()].map((c) => `${m.table}.${c}`)).sort();
      expect(actual).toEqual(expected);
    } finally {
      await db.close();
    }
  });
});
