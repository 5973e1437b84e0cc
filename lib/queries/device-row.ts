import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { meaningOf, type OperatorMeanings } from "@/lib/error-codes/documented";
import type { Contradiction, DeviceRow } from "@/lib/schemas/responses";
import { ERROR_CODE_SQL, toIso } from "./sql";
import { staleAfterSeconds, staleSql } from "./stale";

/**
 * Columns of `device_states d LEFT JOIN task_targets tt` behind one device-list row (join on
 * operation_id and device_id: a device's platform status and target source, when it is a target).
 */
export function deviceRowSelect(): Prisma.Sql {
  return Prisma.sql`d.device_id AS "deviceId", d.kind, d.sub_operation_id AS "subOperationId", d.outcome,
  d.state, d.result, d.source_version AS "sourceVersion", d.target_version AS "targetVersion", d.cur_version AS "curVersion",
  ${ERROR_CODE_SQL} AS "errorCode", d.description, d.result_desc AS "resultDesc", d.attempts, d.failed_attempts AS "failedAttempts",
  d.upgrade_time_raw AS "upgradeTime", d.upgrade_at AS "upgradeAt",
  COALESCE(d.result_received_at, d.last_seen_at) AS "receivedAt",
  ${staleSql(staleAfterSeconds())} AS stale, tt.source AS "targetSource", tt.platform_status AS "platformStatus"`;
}

/** The join that goes with deviceRowSelect(). */
export const TARGET_JOIN = Prisma.sql`LEFT JOIN task_targets tt ON tt.operation_id = d.operation_id AND tt.device_id = d.device_id`;

export interface DeviceRowRaw extends Omit<
  DeviceRow,
  "upgradeAt" | "receivedAt" | "contradiction" | "outcome" | "errorMeaning"
> {
  kind: string;
  outcome: string;
  upgradeAt: Date | null;
  receivedAt: Date | null;
}

function contradictionOf(r: Pick<DeviceRow, "result" | "curVersion" | "targetVersion">): Contradiction | null {
  if (r.result === "SUCCESS" && r.curVersion !== r.targetVersion) return "success_not_on_target";
  if (r.result === "FAIL" && r.curVersion !== null && r.curVersion === r.targetVersion) return "fail_on_target";
  return null;
}

export function toDeviceRow({ kind, ...r }: DeviceRowRaw, meanings: OperatorMeanings): DeviceRow {
  return {
    ...r,
    errorMeaning: meaningOf(meanings, kind, r.errorCode),
    outcome: r.outcome as DeviceRow["outcome"],
    upgradeAt: toIso(r.upgradeAt),
    receivedAt: toIso(r.receivedAt),
    contradiction: contradictionOf(r),
  };
}
