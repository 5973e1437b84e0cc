import { createHash } from "node:crypto";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { appendToLog } from "@/lib/ingest/append-log";
import { wakeProjector } from "@/lib/projection/projector";
import type { ParsedNotification } from "@/lib/notifications/types";
import { platformTime, type SubOperation } from "./schemas";

/** A finished sub-operation as read from one page, with its element exactly as the platform sent it. */
export interface FinishedSubOperation {
  sub: SubOperation & { status: "SUCCESS" | "FAIL" };
  raw: unknown;
}

/**
 * The content hash of a reconciled result: the same for the same task, device, sub-operation and
 * status whatever instance or sync computes it, so notifications' unique content_hash makes the
 * backfill exactly once (a second sync, a second instance, a restart all land on the same row).
 */
export function reconciledHash(
  operationId: string,
  deviceId: string,
  subOperationId: string | null,
  status: string,
): string {
  return createHash("sha256")
    .update(["api", operationId, deviceId, subOperationId ?? "", status].join("\0"))
    .digest("hex");
}

/**
 * Lost pushes (issue 13 §3): a device the platform says finished (SUCCESS/FAIL) with no result push
 * for the task received within `graceSeconds` after the platform's finish time (stopTime; startTime or
 * createTime when it has none) gets a reconciled result appended to the log with source 'api'. A
 * sub-operation without any time is only reconciled when the grace is 0. Returns how many new
 * reconciled results were stored (0 when all of them already existed).
 */
export async function backfillLostPushes(
  prisma: PrismaClient,
  task: { operationId: string; operateType: string | null; appId: string | null },
  finished: FinishedSubOperation[],
  graceSeconds: number,
  now = new Date(),
): Promise<number> {
  const due = finished.filter(({ sub }) => {
    const at = platformTime(sub.stopTime) ?? platformTime(sub.startTime) ?? platformTime(sub.createTime);
    return at ? at.getTime() + graceSeconds * 1000 <= now.getTime() : graceSeconds === 0;
  });
  if (due.length === 0) return 0;
  const devices = [...new Set(due.map((f) => f.sub.deviceId))];
  // Served by notifications(device_id, received_at): one page is at most 100 devices.
  // Pushed: a pushed result in the log, or in the device's projected state (its raw pushes may have
  // been deleted by retention since; the state keeps where its latest result came from).
  const pushed = await prisma.$queryRaw<{ device_id: string }[]>`
    SELECT DISTINCT device_id FROM notifications
    WHERE device_id IN (${Prisma.join(devices)}) AND operation_id = ${task.operationId} AND event = 'result' AND source = 'push'
    UNION
    SELECT device_id FROM device_states
    WHERE operation_id = ${task.operationId} AND device_id IN (${Prisma.join(devices)}) AND result_source = 'push'`;
  const have = new Set(pushed.map((r) => r.device_id));
  const missing = due.filter((f) => !have.has(f.sub.deviceId));
  if (missing.length === 0) return 0;
  // Into the log like any push, marked source='api'; the projector folds it (ranked below any push).
  const results = await appendToLog(
    prisma,
    missing.map((f) => reconciledNotification(task, f, graceSeconds)),
  );
  wakeProjector();
  const stored = results.filter((r) => r.status === "stored").length;
  if (stored > 0)
    await prisma.$executeRaw`UPDATE platform_tasks SET lost_pushes = lost_pushes + ${stored} WHERE operation_id = ${task.operationId}`;
  return stored;
}

/** The result push the platform would have sent, rebuilt from the sub-operation (spec §2 field names). */
export function reconciledNotification(
  task: { operationId: string; operateType: string | null; appId: string | null },
  { sub, raw }: FinishedSubOperation,
  graceSeconds: number,
): ParsedNotification {
  const firmware = (sub.operateType ?? task.operateType ?? "").toLowerCase().startsWith("firmware");
  const detail = asRecord(sub.detailInfo);
  const extend = asRecord(sub.extendInfo);
  const pick = (...keys: string[]) => {
    for (const k of keys) {
      const v = detail[k] ?? extend[k];
      if (typeof v === "string" || typeof v === "number") return String(v);
    }
    return null;
  };
  const timeRaw = sub.stopTime ?? sub.startTime ?? sub.createTime;
  return {
    notifyType: firmware ? "fwUpgradeResultNotify" : "swUpgradeResultNotify",
    kind: firmware ? "firmware" : "software",
    event: "result",
    deviceId: sub.deviceId,
    operationId: task.operationId,
    appId: task.appId,
    subOperationId: sub.subOperationId,
    result: sub.status,
    state: null,
    step: null,
    sourceVersion: pick("sourceVersion"),
    targetVersion: pick("targetVersion"),
    curVersion: pick("curVersion", "currentVersion"),
    errorCode: sub.status === "FAIL" ? pick("errorCode", "error_code", "resultCode") : null,
    description: pick("description", "errorDesc"),
    resultDesc: pick("resultDesc", "statusDesc"),
    upgradeTimeRaw: timeRaw,
    upgradeAt: platformTime(timeRaw),
    warnings: [
      {
        field: "source",
        problem: `reconciled from the platform's task API: the platform reports ${sub.status} but no result push arrived within ${graceSeconds} s of its finish time (a lost push)`,
      },
    ],
    rawBody: JSON.stringify(raw),
    contentHash: reconciledHash(task.operationId, sub.deviceId, sub.subOperationId, sub.status),
    source: "api",
  };
}

function asRecord(v: unknown): Record<string, unknown> {
  if (v && typeof v === "object" && !Array.isArray(v)) return v as Record<string, unknown>;
  if (typeof v === "string") {
    try {
      const parsed: unknown = JSON.parse(v);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // detailInfo as free text: nothing to pick from it.
    }
  }
  return {};
}
