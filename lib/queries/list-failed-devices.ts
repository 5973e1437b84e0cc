import "server-only";
import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { meaningCell, meaningOf } from "@/lib/error-codes/documented";
import { loadOperatorMeanings } from "@/lib/error-codes/dictionary";
import { AppError } from "@/lib/errors";
import type { DeviceFilters } from "@/lib/schemas/devices";
import type { TaskFilters } from "@/lib/schemas/tasks";
import { deviceWhere } from "./device-where";
import { taskWhere } from "./task-where";

/** One CSV row's data: a device whose latest result in its task is FAIL. */
export interface FailedDevice {
  deviceId: string;
  appId: string | null;
  operationId: string;
  subOperationId: string | null;
  sourceVersion: string | null;
  targetVersion: string | null;
  curVersion: string | null;
  errorCode: string | null;
  /** The code's meaning (operator's or documented), marked with where it comes from. */
  errorCodeMeaning: string | null;
  description: string | null;
  resultDesc: string | null;
  upgradeTimeRaw: string | null;
  upgradeAt: Date | null;
  receivedAt: Date | null;
  attempts: number;
  /** The platform's status of the device's sub-task (task_targets), when known. */
  platformStatus: string | null;
  /** platform / declared when the device is on the task's target list. */
  source: string | null;
}

export type FailedScope = { operationId: string; filters: DeviceFilters } | { tasks: TaskFilters };
export type FailedKey = { operationId: string; deviceId: string };
export type FailedBatchReader = (after: FailedKey | null, limit: number) => Promise<FailedDevice[]>;

const COLUMNS = Prisma.sql`d.device_id AS "deviceId", d.app_id AS "appId", d.operation_id AS "operationId",
  d.sub_operation_id AS "subOperationId", d.source_version AS "sourceVersion", d.target_version AS "targetVersion",
  d.cur_version AS "curVersion", d.error_code AS "errorCode", d.kind, d.description, d.result_desc AS "resultDesc",
  d.upgrade_time_raw AS "upgradeTimeRaw", d.upgrade_at AS "upgradeAt", d.result_received_at AS "receivedAt", d.attempts,
  tt.platform_status AS "platformStatus", tt.source`;
// Target facts of a device in its task (a left join: most devices may be on no list).
const TARGETS = Prisma.sql`LEFT JOIN task_targets tt ON tt.operation_id = d.operation_id AND tt.device_id = d.device_id`;

/**
 * Returns a reader of failed devices in (operationId, deviceId) order, one keyset batch per call, so a
 * CSV of any size is produced with flat memory. A task scope checks first that the task exists.
 */
export async function openFailedDevices(scope: FailedScope): Promise<FailedBatchReader> {
  const read = await openRows(scope);
  const meanings = await loadOperatorMeanings();
  return async (after, limit) =>
    (await read(after, limit)).map(({ kind, ...d }) => ({
      ...d,
      errorCodeMeaning: meaningCell(
        meaningOf(meanings, kind, d.errorCode ?? (kind === "firmware" ? d.resultDesc : null)),
      ),
    }));
}

type Row = Omit<FailedDevice, "errorCodeMeaning"> & { kind: string };

async function openRows(scope: FailedScope): Promise<(after: FailedKey | null, limit: number) => Promise<Row[]>> {
  const { prisma } = await getDb();
  if ("operationId" in scope) {
    const task = await prisma.task.findUnique({
      where: { operationId: scope.operationId },
      select: { operationId: true },
    });
    if (!task)
      throw new AppError(
        "not_found",
        `No task with operationId ${JSON.stringify(scope.operationId)} has been received.`,
      );
    const where = deviceWhere(scope.operationId, scope.filters);
    return (after, limit) => prisma.$queryRaw<Row[]>`
      SELECT ${COLUMNS} FROM device_states d ${TARGETS}
      WHERE ${where} AND d.result = 'FAIL' ${after ? Prisma.sql`AND d.device_id > ${after.deviceId}` : Prisma.empty}
      ORDER BY d.device_id
      LIMIT ${limit}`;
  }
  const where = taskWhere(scope.tasks);
  return (after, limit) => prisma.$queryRaw<Row[]>`
    SELECT ${COLUMNS} FROM device_states d JOIN tasks t ON t.operation_id = d.operation_id ${TARGETS}
    WHERE ${where} AND d.result = 'FAIL'
      ${after ? Prisma.sql`AND (d.operation_id, d.device_id) > (${after.operationId}::text, ${after.deviceId}::text)` : Prisma.empty}
    ORDER BY d.operation_id, d.device_id
    LIMIT ${limit}`;
}
