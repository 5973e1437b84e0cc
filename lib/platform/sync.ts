import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import type { PlatformClient } from "./client";
import type { PlatformConfig } from "./config";
import { holdTaskLease, releaseTaskLease } from "./lease";
import { backfillLostPushes, type FinishedSubOperation } from "./lost-push";
import { OperationAnswer, SubOperation, SubOperationPage, isFinishedTask, platformTime } from "./schemas";

export const OPERATIONS_PATH = "/iodm/northbound/v1.5.0/operations";
/** The platform's largest page (spec §7: pageSize 1–100). */
export const PAGE_SIZE = 100;

export interface SyncContext {
  prisma: PrismaClient;
  client: PlatformClient;
  config: PlatformConfig;
  instance: string;
  /** False once this instance must stop (lost the connection lease, or shutting down). */
  mayContinue(): boolean;
}

export interface SyncOutcome {
  status: "synced" | "busy" | "stopped" | "failed";
  pages: number;
  targets: number;
  lostPushes: number;
  error?: string;
}

/**
 * Syncs one task: its details and statistics into platform_tasks, every sub-operation into
 * task_targets (one short statement per page of 100, never one long transaction, so a 2,000-page
 * task does not hold locks that ingest waits on), and lost pushes backfilled page by page. The task's
 * sync lease is extended with every page; when another instance holds it, nothing happens ("busy").
 */
export async function syncTask(ctx: SyncContext, operationId: string): Promise<SyncOutcome> {
  const { prisma, client, config, instance } = ctx;
  const out: SyncOutcome = { status: "synced", pages: 0, targets: 0, lostPushes: 0 };
  if (!(await holdTaskLease(prisma, operationId, instance, config.leaseSeconds))) return { ...out, status: "busy" };
  const startedAt = new Date();
  try {
    await prisma.$executeRaw`UPDATE platform_tasks SET sync_started_at = ${startedAt} WHERE operation_id = ${operationId}`;
    const op = await client.call("GET", `${OPERATIONS_PATH}/${encodeURIComponent(operationId)}`, OperationAnswer);
    const finished = isFinishedTask(op.status);
    await writeTask(prisma, operationId, op);
    const task = { operationId, operateType: op.operateType, appId: op.appId ?? config.appId };
    for (let pageNo = 0; ; pageNo++) {
      if (!ctx.mayContinue()) return { ...out, status: "stopped" };
      if (!(await holdTaskLease(prisma, operationId, instance, config.leaseSeconds)))
        return { ...out, status: "stopped" };
      const page = await client.call(
        "GET",
        `${OPERATIONS_PATH}/${encodeURIComponent(operationId)}/subOperations?pageNo=${pageNo}&pageSize=${PAGE_SIZE}`,
        SubOperationPage,
      );
      out.pages++;
      const subs: FinishedSubOperation["raw"][] = page.data;
      const read = subs.map((raw) => ({ raw, parsed: SubOperation.safeParse(raw) }));
      const good = read.filter((r) => r.parsed.success).map((r) => ({ raw: r.raw, sub: r.parsed.data! }));
      if (good.length > 0)
        await writeTargets(
          prisma,
          operationId,
          good.map((g) => g.sub),
        );
      out.targets += good.length;
      const done = good.filter((g): g is FinishedSubOperation => g.sub.status === "SUCCESS" || g.sub.status === "FAIL");
      out.lostPushes += await backfillLostPushes(prisma, task, done, config.lostPushGraceSeconds);
      const total = page.totalCount;
      if (subs.length === 0 || subs.length < PAGE_SIZE || (total !== null && (pageNo + 1) * PAGE_SIZE >= total)) break;
    }
    await prisma.$executeRaw`UPDATE platform_tasks SET synced_at = now(), sync_error = NULL, targets_synced = ${out.targets},
      finished_syncs = finished_syncs + ${finished ? 1 : 0},
      refresh_requested_at = CASE WHEN refresh_requested_at <= ${startedAt} THEN NULL ELSE refresh_requested_at END
      WHERE operation_id = ${operationId}`;
    return out;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await prisma.$executeRaw`UPDATE platform_tasks SET sync_error = ${message.slice(0, 1000)}, sync_error_at = now()
      WHERE operation_id = ${operationId}`.catch(() => undefined);
    return { ...out, status: "failed", error: message };
  } finally {
    await releaseTaskLease(prisma, operationId, instance).catch(() => undefined);
  }
}

async function writeTask(prisma: PrismaClient, operationId: string, op: OperationAnswer): Promise<void> {
  const s = op.staResult ?? {
    total: null,
    wait: null,
    processing: null,
    success: null,
    fail: null,
    stop: null,
    timeout: null,
  };
  await prisma.$executeRaw`UPDATE platform_tasks SET operate_type = ${op.operateType}, status = ${op.status}, app_id = ${op.appId},
    platform_created_at = ${platformTime(op.createTime)}, platform_started_at = ${platformTime(op.startTime)},
    platform_stopped_at = ${platformTime(op.stopTime)}, sta_total = ${s.total}, sta_wait = ${s.wait}, sta_processing = ${s.processing},
    sta_success = ${s.success}, sta_fail = ${s.fail}, sta_stop = ${s.stop}, sta_timeout = ${s.timeout}
    WHERE operation_id = ${operationId}`;
}

/**
 * One page of sub-operations into task_targets, one statement. A row an operator declared keeps
 * source 'declared' and gains the platform's status; everything else is source 'platform'.
 */
async function writeTargets(prisma: PrismaClient, operationId: string, subs: SubOperation[]): Promise<void> {
  // The same device twice on a page would make the upsert touch one row twice: the last one wins.
  const byDevice = new Map(subs.map((s) => [s.deviceId, s]));
  const rows = [...byDevice.values()].map((s) => {
    const detail =
      s.detailInfo === undefined || s.detailInfo === null
        ? null
        : typeof s.detailInfo === "string"
          ? s.detailInfo
          : JSON.stringify(s.detailInfo);
    const at = platformTime(s.stopTime) ?? platformTime(s.startTime) ?? platformTime(s.createTime);
    return Prisma.sql`(${operationId}, ${s.deviceId}, 'platform', ${s.subOperationId}, ${s.status}, ${detail}, ${at})`;
  });
  await prisma.$executeRaw`INSERT INTO task_targets AS t (operation_id, device_id, source, sub_operation_id, platform_status, platform_detail, platform_updated_at)
    VALUES ${Prisma.join(rows)}
    ON CONFLICT (operation_id, device_id) DO UPDATE SET sub_operation_id = EXCLUDED.sub_operation_id, platform_status = EXCLUDED.platform_status,
      platform_detail = EXCLUDED.platform_detail, platform_updated_at = EXCLUDED.platform_updated_at, updated_at = now()`;
}
