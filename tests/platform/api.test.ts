import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { connect } from "../support/db";
import { waitForProjection } from "../support/projection";
import { createThrowawayDatabase, startServer, type RunningServer, type ThrowawayDatabase } from "../support/servers";
import type { Database } from "@/lib/db/client";
import { makeTask } from "@/lib/platform-standin/model";
import { startStandin, type StandinPlatform } from "@/lib/platform-standin/server";
import type { PlatformStatus } from "@/lib/platform/status";
import { envFor } from "./support";

// The built app with PLATFORM_URL set (instrumentation starts the connector): a task seen in pushes
// is synced, its lost pushes reconciled, a refresh can be asked for over the API, and the status API
// and page show the connection without a secret. Without PLATFORM_URL the status says so.
let platform: StandinPlatform;
let pg: ThrowawayDatabase;
let server: RunningServer;
let db: Database;
const OP = "api-task";
beforeAll(async () => {
  platform = await startStandin();
  // All 30 devices under way; they finish (on the platform) once the pushes have been sent.
  platform.tasks.set(OP, makeTask(OP, 30, { status: "PROCESSING" }));
  pg = await createThrowawayDatabase("um_platform_api");
  server = await startServer({
    DATABASE_URL: pg.url,
    ...envFor(platform, { PLATFORM_SYNC_SECONDS: "5", LOST_PUSH_GRACE_SECONDS: "0", PLATFORM_LEASE_SECONDS: "3" }),
  });
  db = await connect(pg.url);
}, 120_000);
afterAll(async () => {
  await db?.close();
  await server?.stop();
  await pg?.drop();
  await platform?.close();
});

const status = async (base = server.url) => {
  const res = await fetch(`${base}/api/platform/status`);
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET /api/platform/status answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as PlatformStatus;
};
const waitFor = async <T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, ms = 30_000): Promise<T> => {
  const until = Date.now() + ms;
  let last: T | undefined;
  while (Date.now() < until) {
    last = await read();
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}: ${JSON.stringify(last)}`);
};

it(
  "syncs a task seen in pushes, and on request reconciles the results that never arrived",
  { timeout: 60_000 },
  async () => {
    // Pushes arrive for 25 of the 30 devices; then the platform says all 30 finished.
    for (let i = 1; i <= 25; i++) {
      const body = {
        notifyType: "fwUpgradeResultNotify",
        deviceId: `dev-${String(i).padStart(6, "0")}`,
        operationId: OP,
        subOperationId: `${OP}-sub-${i}`,
        appId: platform.appId,
        curVersion: "FW2",
        targetVersion: "FW2",
        sourceVersion: "FW1",
        status: i > 20 ? "FAIL" : "SUCCESS",
        statusDesc: "x",
        upgradeTime: "20261129T100000Z",
      };
      expect(
        (
          await fetch(`${server.url}/api/callback`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify(body),
          })
        ).status,
      ).toBe(200);
    }
    await waitForProjection(server.url);
    await waitFor("the task's first sync", status, (v) =>
      v.tasks.some((t) => t.operationId === OP && t.syncedAt !== null && t.status === "processing"),
    );
    const finished = makeTask(OP, 30, { status: "SUCCESS" });
    for (const sub of finished.subs.slice(20)) sub.status = "FAIL";
    platform.tasks.set(OP, finished);
    const res = await fetch(`${server.url}/api/tasks/${OP}/platform-sync`, { method: "POST" });
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ operationId: OP, configured: true });
    const s = await waitFor("the requested sync", status, (v) =>
      v.tasks.some((t) => t.operationId === OP && t.lostPushes === 5 && t.refreshRequestedAt === null),
    );
    expect(s).toMatchObject({
      configured: true,
      host: new URL(platform.url).host,
      appId: platform.appId,
      syncSeconds: 5,
      lostPushGraceSeconds: 0,
    });
    expect(s.connection).toMatchObject({ logins: 1, lastError: null });
    expect(s.connection!.holder).toMatch(/.+/);
    expect(s.tasks.find((t) => t.operationId === OP)).toMatchObject({
      operateType: "firmware_upgrade",
      status: "failed",
      staTotal: 30,
      targetsSynced: 30,
      syncError: null,
    });
    const text = JSON.stringify(s) + (await (await fetch(`${server.url}/platform`)).text());
    expect(text).not.toContain(platform.secret);
    expect(text).not.toContain(platform.currentToken()!);
    expect(text).toContain(OP);

    const api = await db.prisma.notification.findMany({
      where: { operationId: OP, source: "api" },
      orderBy: { deviceId: "asc" },
    });
    expect(api.map((n) => `${n.deviceId} ${n.result}`)).toEqual(
      [26, 27, 28, 29, 30].map((i) => `dev-${String(i).padStart(6, "0")} FAIL`),
    );
    expect(await db.prisma.taskTarget.count({ where: { operationId: OP, source: "platform" } })).toBe(30);
    // The tasks list and the task page show the platform's own metadata of the task.
    await waitForProjection(server.url);
    const list = (await (await fetch(`${server.url}/api/tasks`)).json()) as {
      items: { operationId: string; platform: unknown }[];
    };
    const detail = (await (await fetch(`${server.url}/api/tasks/${OP}`)).json()) as { task: { platform: unknown } };
    for (const meta of [list.items.find((t) => t.operationId === OP)?.platform, detail.task.platform]) {
      expect(meta).toMatchObject({ operateType: "firmware_upgrade", status: expect.any(String) as string });
      expect((meta as { createdAt: string | null }).createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    }
  },
);

it(
  "syncs again on request without appending a reconciled result twice, and refuses bad requests",
  { timeout: 30_000 },
  async () => {
    const before = (await status()).tasks.find((t) => t.operationId === OP)!.syncedAt!;
    const res = await fetch(`${server.url}/api/tasks/${OP}/platform-sync`, { method: "POST" });
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ operationId: OP, configured: true });
    await waitFor("the requested sync", status, (v) =>
      v.tasks.some((t) => t.operationId === OP && t.syncedAt! > before && t.refreshRequestedAt === null),
    );
    // Still five reconciled results: a re-sync appends nothing twice.
    expect(await db.prisma.notification.count({ where: { operationId: OP, source: "api" } })).toBe(5);

    expect((await fetch(`${server.url}/api/tasks/${OP}/platform-sync`)).status).toBe(405);
    const bad = await fetch(`${server.url}/api/tasks/${"x".repeat(300)}/platform-sync`, { method: "POST" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "invalid_query" } });
  },
);

it("says plainly when the connector is not configured", async () => {
  const s = await status(inject("pgServerUrl"));
  expect(s).toMatchObject({ configured: false, connection: null });
  expect(s.note).toContain("PLATFORM_URL is not set");
});
