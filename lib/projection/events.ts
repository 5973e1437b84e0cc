import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { StoredEvent } from "@/lib/domain/device-state";
import type { FieldProblem } from "@/lib/notifications/types";

/** The notification columns the projection reads (`n` is the notifications alias). */
export const EVENT_COLUMNS = Prisma.sql`n.id, n.received_at AS "receivedAt", n.source, n.operation_id AS "operationId",
  n.device_id AS "deviceId", n.kind, n.app_id AS "appId", n.sub_operation_id AS "subOperationId", n.event, n.result, n.state,
  n.source_version AS "sourceVersion", n.target_version AS "targetVersion", n.cur_version AS "curVersion",
  n.error_code AS "errorCode", n.description, n.result_desc AS "resultDesc", n.upgrade_time_raw AS "upgradeTimeRaw",
  n.upgrade_at AS "upgradeAt", n.warnings`;

/** A row selected with EVENT_COLUMNS. */
export type EventRow = Omit<StoredEvent["n"], "warnings"> & {
  id: bigint;
  receivedAt: Date;
  warnings: FieldProblem[] | null;
};

export function toStoredEvent({ id, receivedAt, ...n }: EventRow): StoredEvent {
  return { id: BigInt(id), receivedAt, n: { ...n, warnings: n.warnings ?? [] } };
}

/**
 * `n` is folded into the views from the log (not already in the retention baseline). An installation
 * upgraded from before the log-first design has its views at that moment as baseline, and the
 * notifications stored until then marked as in it (migration 20261129150000).
 */
export const AFTER_BASELINE = Prisma.sql`n.id > (SELECT COALESCE(MAX(b.last_notification_id), 0) FROM projection_progress b WHERE b.name = 'baseline')`;

/** `n` was not set aside by the projector (projection_parked): the views never counted it. */
export const NOT_PARKED = Prisma.sql`NOT EXISTS (SELECT 1 FROM projection_parked k WHERE k.notification_id = n.id)`;
