import "server-only";
import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { DeviceFilters } from "@/lib/schemas/devices";
import type { DeviceList, DeviceRow } from "@/lib/schemas/responses";
import { encodeCursor } from "./cursor";
import { containsPattern } from "./sql";

interface Raw {
  deviceId: string;
  subOperationId: string | null;
  targetSource: string;
  platformStatus: string | null;
}

/**
 * Pending devices of a task: on its target list (task_targets) with no device_states row, by
 * deviceId after `afterId` (the same keyset cursor as the rest of the device list). Version and
 * error-code filters describe reported devices, so with any of them set nothing is pending.
 */
export async function listPendingDevices(
  operationId: string,
  f: DeviceFilters & { limit: number },
  afterId: string | null,
): Promise<DeviceList> {
  if (f.errorCode || f.sourceVersion || f.targetVersion) return { items: [], nextCursor: null, total: 0 };
  const { prisma } = await getDb();
  const where = Prisma.sql`tt.operation_id = ${operationId}
    AND NOT EXISTS (SELECT 1 FROM device_states d WHERE d.operation_id = tt.operation_id AND d.device_id = tt.device_id)
    ${f.deviceId ? Prisma.sql`AND tt.device_id ILIKE ${containsPattern(f.deviceId)} ESCAPE '\\'` : Prisma.empty}`;
  const [rows, [count]] = await Promise.all([
    prisma.$queryRaw<Raw[]>`
      SELECT tt.device_id AS "deviceId", tt.sub_operation_id AS "subOperationId", tt.source AS "targetSource", tt.platform_status AS "platformStatus"
      FROM task_targets tt
      WHERE ${where} ${afterId === null ? Prisma.empty : Prisma.sql`AND tt.device_id > ${afterId}`}
      ORDER BY tt.device_id ASC
      LIMIT ${f.limit + 1}`,
    prisma.$queryRaw<{ total: number }[]>`SELECT COUNT(*)::int AS total FROM task_targets tt WHERE ${where}`,
  ]);
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(pendingRow),
    nextCursor: rows.length > f.limit && last ? encodeCursor([last.deviceId]) : null,
    total: count?.total ?? 0,
  };
}

function pendingRow(r: Raw): DeviceRow {
  return {
    deviceId: r.deviceId,
    subOperationId: r.subOperationId,
    outcome: "pending",
    stale: false,
    targetSource: r.targetSource,
    platformStatus: r.platformStatus,
    state: null,
    result: null,
    sourceVersion: null,
    targetVersion: null,
    curVersion: null,
    errorCode: null,
    errorMeaning: null,
    description: null,
    resultDesc: null,
    attempts: 0,
    failedAttempts: 0,
    upgradeTime: null,
    upgradeAt: null,
    receivedAt: null,
    contradiction: null,
  };
}
