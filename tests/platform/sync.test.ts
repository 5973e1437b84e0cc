import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PlatformConnector } from "@/lib/platform/connector";
import { dueTasks } from "@/lib/platform/due";
import { syncTask, type SyncContext } from "@/lib/platform/sync";
import type { PlatformConfig } from "@/lib/platform/config";
import { requestSync } from "@/lib/platform/status";
import { makeTask, platformTimeText, staResult, type SubStatus } from "@/lib/platform-standin/model";
import { startStandin, type StandinPlatform } from "@/lib/platform-standin/server";
import type { Database } from "@/lib/db/client";
import { configFor, notificationsBySource, openTestDb, storePush, type DbKind } from "./support";

// The connector against the stand-in platform over mutual TLS, on both databases: what it reads
// lands in platform_tasks and task_targets exactly as the platform has it, and results the platform
// reports without a push are appended once, whatever re-syncs, late pushes or second instances do;
// and the schedule (lib/platform/due.ts) reads each task when it should, no more.
describe.each<DbKind>(["postgresql", "pglite"])("platform sync on %s", (kind) => {
  let platform: StandinPlatform;
  let db: Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    platform = await startStandin();
    ({ db, dispose } = await openTestDb(kind));
  });
  afterAll(async () => {
    await platform?.close();
    await dispose?.();
  });

  const setStatuses = (op: string, plan: [SubStatus, number][], finishedAt = new Date(Date.now() - 3_600_000)) => {
    const task = makeTask(
      op,
      plan.reduce((n, [, c]) => n + c, 0),
      { at: finishedAt },
    );
    let i = 0;
    for (const [status, count] of plan) {
      for (let k = 0; k < count; k++, i++) {
        const sub = task.subs[i]!;
        sub.status = status;
        sub.stopTime = ["SUCCESS", "FAIL", "STOP", "TIMEOUT"].includes(status) ? platformTimeText(finishedAt) : null;
        if (status === "FAIL") sub.detailInfo = { errorCode: "120", resultDesc: "download failed" };
      }
    }
    platform.tasks.set(op, task);
    return task;
  };
  const context = (instance: string, over = {}): SyncContext => {
    const connector = new PlatformConnector(db.prisma, configFor(platform, over), { instance, log: () => undefined });
    return { prisma: db.prisma, client: connector.client, config: connector.config, instance, mayContinue: () => true };
  };

  it("reads a task seen in pushes into platform_tasks and task_targets, page by page, keeping a declared row declared", async () => {
    const op = `sync-${kind}`;
    const task = setStatuses(op, [
      ["SUCCESS", 100],
      ["FAIL", 50],
      ["PROCESSING", 50],
      ["WAIT", 30],
      ["STOP", 20],
    ]);
    await db.prisma
      .$executeRaw`INSERT INTO tasks (operation_id, kind, first_seen_at, last_seen_at) VALUES (${op}, 'firmware', now(), now()) ON CONFLICT DO NOTHING`;
    await db.prisma
      .$executeRaw`INSERT INTO task_targets (operation_id, device_id, source) VALUES (${op}, 'dev-000001', 'declared')`;
    const connector = new PlatformConnector(db.prisma, configFor(platform, { lostPushGraceSeconds: 86_400 }), {
      instance: "a",
      log: () => undefined,
    });
    await connector.tick();
    connector.client.close();
    expect(connector.isLeader()).toBe(true);

    const targets = await db.prisma.taskTarget.findMany({ where: { operationId: op } });
    expect(targets).toHaveLength(250);
    const byStatus = Object.fromEntries(
      ["SUCCESS", "FAIL", "PROCESSING", "WAIT", "STOP"].map((s) => [
        s,
        targets.filter((t) => t.platformStatus === s).length,
      ]),
    );
    expect(byStatus).toEqual({ SUCCESS: 100, FAIL: 50, PROCESSING: 50, WAIT: 30, STOP: 20 });
    expect(targets.find((t) => t.deviceId === "dev-000001")).toMatchObject({
      source: "declared",
      platformStatus: "SUCCESS",
      subOperationId: `${op}-sub-1`,
    });
    expect(targets.filter((t) => t.source === "platform")).toHaveLength(249);
    expect(JSON.parse(targets.find((t) => t.deviceId === "dev-000101")!.platformDetail!)).toEqual({
      errorCode: "120",
      resultDesc: "download failed",
    });

    const row = await db.prisma.platformTask.findUniqueOrThrow({ where: { operationId: op } });
    const s = staResult(task);
    expect(row).toMatchObject({
      operateType: "firmware_upgrade",
      status: "processing",
      appId: platform.appId,
      staTotal: s.total,
      staWait: s.wait,
      staProcessing: s.processing,
      staSuccess: s.success,
      staFail: s.fail,
      staStop: s.stop,
      staTimeout: s.timeout,
      targetsSynced: 250,
      syncError: null,
      leaseOwner: null,
      discoveredBy: "push",
    });
    expect(
      row.platformCreatedAt
        ?.toISOString()
        .replace(/[-:]/g, "")
        .replace(/\.\d{3}/, ""),
    ).toBe(task.createTime);
    expect(row.syncedAt).not.toBeNull();
    // Three pages of at most 100, from pageNo 0.
    const pages = platform.log.filter((l) => l.path.endsWith(`${op}/subOperations`));
    expect(pages.map((l) => l.status)).toEqual([200, 200, 200]);

    const conn = await db.prisma.platformConnection.findUniqueOrThrow({ where: { appId: platform.appId } });
    expect(conn).toMatchObject({ holder: "a", logins: 1, lastError: null });
    expect(conn.tokenExpiresAt!.getTime() - conn.tokenIssuedAt!.getTime()).toBe(3_600_000);
    // Neither the secret nor the token is stored anywhere the status page reads.
    const stored = JSON.stringify([conn, await db.prisma.platformTask.findMany()]);
    expect(stored).not.toContain(platform.secret);
    expect(stored).not.toContain(platform.currentToken()!);
    expect((await notificationsBySource(db, op)).api).toHaveLength(0);
  });

  it("backfills a lost push exactly once: after the grace only, across re-syncs, a late push and two instances", async () => {
    const op = `lost-${kind}`;
    setStatuses(op, [
      ["SUCCESS", 8],
      ["FAIL", 4],
    ]);
    // Two more devices that finished a minute ago: still inside the 600 s grace.
    const recent = new Date(Date.now() - 60_000);
    for (const [i, status] of [
      [13, "SUCCESS"],
      [14, "FAIL"],
    ] as const) {
      platform.tasks.get(op)!.subs.push({
        ...makeTask(op, 14).subs[i - 1]!,
        status,
        stopTime: platformTimeText(recent),
        startTime: platformTimeText(recent),
      });
    }
    await requestSync(db.prisma, op);
    for (const [dev, st] of [
      ["dev-000001", "SUCCESS"],
      ["dev-000002", "SUCCESS"],
      ["dev-000009", "FAIL"],
    ] as const)
      await storePush(db, op, dev, st);

    const a = context("a");
    expect(await syncTask(a, op)).toMatchObject({ status: "synced", targets: 14, lostPushes: 9 });
    let rows = await notificationsBySource(db, op);
    expect(rows.api.map((r) => r.deviceId).sort()).toEqual([
      "dev-000003",
      "dev-000004",
      "dev-000005",
      "dev-000006",
      "dev-000007",
      "dev-000008",
      "dev-000010",
      "dev-000011",
      "dev-000012",
    ]);
    const failed = rows.api.find((r) => r.deviceId === "dev-000010")!;
    expect(failed).toMatchObject({
      notifyType: "fwUpgradeResultNotify",
      kind: "firmware",
      event: "result",
      result: "FAIL",
      errorCode: "120",
      resultDesc: "download failed",
      subOperationId: `${op}-sub-10`,
    });
    expect(JSON.stringify(failed.warnings)).toContain("reconciled from the platform's task API");
    expect(JSON.parse(failed.rawBody)).toEqual({ ...platform.tasks.get(op)!.subs[9], operateType: "firmware_upgrade" });
    expect(failed.upgradeAt).not.toBeNull();

    // A re-sync, and a late push for a device already reconciled: no second reconciled row.
    expect(await syncTask(a, op)).toMatchObject({ status: "synced", lostPushes: 0 });
    expect((await storePush(db, op, "dev-000003", "SUCCESS")).status).toBe("stored");
    expect(await syncTask(a, op)).toMatchObject({ status: "synced", lostPushes: 0 });
    rows = await notificationsBySource(db, op);
    expect(rows.api).toHaveLength(9);
    expect(rows.push).toHaveLength(4);

    // Two instances at once: the task lease lets one in; the content hash holds even without it.
    // The platform answers a's task read slowly, so a holds the task lease when b asks (not a race
    // the test could lose on a fast or a loaded machine).
    const b = context("b");
    platform.inject({ path: new RegExp(`${op}$`), delayMs: 2_000, times: 1 });
    const slow = syncTask(a, op);
    for (let i = 0; i < 200; i++) {
      const row = await db.prisma.platformTask.findUnique({ where: { operationId: op }, select: { leaseOwner: true } });
      if (row?.leaseOwner === "a") break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const both = [await syncTask(b, op), await slow];
    expect(both.map((o) => o.status)).toEqual(["busy", "synced"]);
    expect((await notificationsBySource(db, op)).api).toHaveLength(9);

    // Grace 0: the two recent ones are lost too, once, from whichever instance gets there.
    const [a0, b0] = [context("a", { lostPushGraceSeconds: 0 }), context("b", { lostPushGraceSeconds: 0 })];
    const first = await syncTask(a0, op);
    const second = await syncTask(b0, op);
    expect(first.lostPushes + second.lostPushes).toBe(2);
    expect((await notificationsBySource(db, op)).api).toHaveLength(11);
    const task = await db.prisma.platformTask.findUniqueOrThrow({ where: { operationId: op } });
    expect(task.lostPushes).toBe(11);
    expect(task.refreshRequestedAt).toBeNull();
  });

  it("with PLATFORM_DISCOVER=1 also syncs the platform's open tasks, not its finished ones", async () => {
    const [open, done] = [`open-${kind}`, `done-${kind}`];
    setStatuses(open, [
      ["PROCESSING", 3],
      ["WAIT", 2],
    ]);
    setStatuses(done, [["SUCCESS", 2]]);
    const connector = new PlatformConnector(db.prisma, configFor(platform, { discover: true }), {
      instance: "a",
      log: () => undefined,
    });
    await connector.tick();
    connector.client.close();
    const rows = await db.prisma.platformTask.findMany({ where: { operationId: { in: [open, done] } } });
    expect(rows.map((r) => [r.operationId, r.discoveredBy, r.targetsSynced, r.status])).toEqual([
      [open, "discover", 5, "processing"],
    ]);
  });

  it("schedules new, stale active, once-more finished and requested tasks; never a leased or just-failed one", async () => {
    const config = { syncSeconds: 60, lostPushGraceSeconds: 600 } as PlatformConfig;
    const ago = (s: number) => new Date(Date.now() - s * 1000);
    const rows: [string, Partial<Record<string, unknown>>][] = [
      ["new", {}],
      ["active-stale", { status: "processing", synced_at: ago(61) }],
      ["active-fresh", { status: "processing", synced_at: ago(30) }],
      ["finished-once-old", { status: "failed", finished_syncs: 1, synced_at: ago(601) }],
      ["finished-once-recent", { status: "success", finished_syncs: 1, synced_at: ago(300) }],
      ["finished-twice", { status: "stop", finished_syncs: 2, synced_at: ago(86_400) }],
      ["requested", { status: "success", finished_syncs: 2, synced_at: ago(5), refresh_requested_at: ago(1) }],
      ["leased", { lease_owner: "other", lease_until: new Date(Date.now() + 30_000) }],
      ["lease-expired", { lease_owner: "dead", lease_until: ago(1) }],
      ["failed-just-now", { sync_error: "HTTP 500", sync_error_at: ago(5) }],
      ["failed-a-while-ago", { sync_error: "HTTP 500", sync_error_at: ago(61) }],
    ];
    for (const [id, r] of rows) {
      await db.prisma.platformTask.create({
        data: {
          operationId: `sched-${id}`,
          status: (r.status as string) ?? null,
          syncedAt: (r.synced_at as Date) ?? null,
          finishedSyncs: (r.finished_syncs as number) ?? 0,
          refreshRequestedAt: (r.refresh_requested_at as Date) ?? null,
          leaseOwner: (r.lease_owner as string) ?? null,
          leaseUntil: (r.lease_until as Date) ?? null,
          syncError: (r.sync_error as string) ?? null,
          syncErrorAt: (r.sync_error_at as Date) ?? null,
        },
      });
    }
    // (Tasks of the earlier tests in this database are left out.)
    const due = (await dueTasks(db.prisma, config)).filter((id) => id.startsWith("sched-")).map((id) => id.slice(6));
    expect(due[0]).toBe("requested");
    expect([...due].sort()).toEqual([
      "active-stale",
      "failed-a-while-ago",
      "finished-once-old",
      "lease-expired",
      "new",
      "requested",
    ]);
  });
});
