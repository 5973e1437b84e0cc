import "server-only";
import { Prisma, type DeviceState } from "@/lib/generated/prisma/client";

// device_states columns in one list, so the lock-and-read and the write-back cannot drift apart.
export const DEVICE_STATE_COLUMNS: ReadonlyArray<readonly [keyof DeviceState, string]> = [
  ["operationId", "operation_id"],
  ["deviceId", "device_id"],
  ["kind", "kind"],
  ["appId", "app_id"],
  ["subOperationId", "sub_operation_id"],
  ["outcome", "outcome"],
  ["result", "result"],
  ["sourceVersion", "source_version"],
  ["targetVersion", "target_version"],
  ["curVersion", "cur_version"],
  ["errorCode", "error_code"],
  ["description", "description"],
  ["resultDesc", "result_desc"],
  ["upgradeTimeRaw", "upgrade_time_raw"],
  ["upgradeAt", "upgrade_at"],
  ["resultAt", "result_at"],
  ["resultReceivedAt", "result_received_at"],
  ["resultNotificationId", "result_notification_id"],
  ["resultSource", "result_source"],
  ["firstResult", "first_result"],
  ["firstResultSource", "first_result_source"],
  ["firstResultAt", "first_result_at"],
  ["firstResultReceivedAt", "first_result_received_at"],
  ["firstResultNotificationId", "first_result_notification_id"],
  ["attempts", "attempts"],
  ["failedAttempts", "failed_attempts"],
  ["state", "state"],
  ["stateReceivedAt", "state_received_at"],
  ["stateNotificationId", "state_notification_id"],
  ["firstSeenAt", "first_seen_at"],
  ["lastSeenAt", "last_seen_at"],
  ["lastEventId", "last_event_id"],
];

// Constant identifiers only: nothing here comes from a request.
export const DS_SELECT = Prisma.raw(DEVICE_STATE_COLUMNS.map(([k, c]) => `d."${c}" AS "${k}"`).join(", "));
export const DS_INSERT_COLUMNS = Prisma.raw(DEVICE_STATE_COLUMNS.map(([, c]) => `"${c}"`).join(", "));
export const DS_UPDATE_SET = Prisma.raw(
  DEVICE_STATE_COLUMNS.filter(([k]) => k !== "operationId" && k !== "deviceId")
    .map(([, c]) => `"${c}" = EXCLUDED."${c}"`)
    .join(", "),
);

export function deviceStateValues(s: DeviceState): Prisma.Sql {
  return Prisma.sql`(${Prisma.join(DEVICE_STATE_COLUMNS.map(([k]) => s[k]))})`;
}
