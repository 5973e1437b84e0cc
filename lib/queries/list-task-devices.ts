import "server-only";
import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { loadOperatorMeanings } from "@/lib/error-codes/dictionary";
import { AppError } from "@/lib/errors";
import type { DeviceListQuery } from "@/lib/schemas/devices";
import type { DeviceList } from "@/lib/schemas/responses";
import { decodeCursor, encodeCursor } from "./cursor";
import { TARGET_JOIN, deviceRowSelect, toDeviceRow, type DeviceRowRaw } from "./device-row";
import { deviceWhere } from "./device-where";
import { listPendingDevices } from "./list-pending-devices";

/**
 * One page of a task's devices (by deviceId, keyset), filtered; unknown operationId → not_found.
 * `outcome=pending` lists target devices that never reported (from task_targets); every other
 * outcome lists device states.
 */
export async function listTaskDevices(operationId: string, q: DeviceListQuery): Promise<DeviceList> {
  const { prisma } = await getDb();
  const task = await prisma.task.findUnique({ where: { operationId }, select: { operationId: true } });
  if (!task)
    throw new AppError("not_found", `No task with operationId ${JSON.stringify(operationId)} has been received.`);
  const afterId = q.cursor ? decodeCursor(q.cursor, ["string"] as const)[0] : null;
  if (q.outcome === "pending") return listPendingDevices(operationId, q, afterId);
  const where = deviceWhere(operationId, q);
  const after = afterId === null ? Prisma.empty : Prisma.sql`AND d.device_id > ${afterId}`;
  const rows = await prisma.$queryRaw<DeviceRowRaw[]>`
    SELECT ${deviceRowSelect()} FROM device_states d ${TARGET_JOIN}
    WHERE ${where} ${after}
    ORDER BY d.device_id ASC
    LIMIT ${q.limit + 1}`;
  const [count] = await prisma.$queryRaw<{ total: number }[]>`
    SELECT COUNT(*)::int AS total FROM device_states d WHERE ${where}`;
  const page = rows.slice(0, q.limit);
  const meanings = await loadOperatorMeanings();
  const last = page[page.length - 1];
  return {
    items: page.map((r) => toDeviceRow(r, meanings)),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.deviceId]) : null,
    total: count?.total ?? 0,
  };
}
