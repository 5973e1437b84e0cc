import "server-only";
import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { DeviceOutcome, DisagreementRow, Page } from "@/lib/schemas/responses";
import { decodeCursor, encodeCursor } from "./cursor";
import { toIso } from "./sql";

type Raw = Omit<DisagreementRow, "platformUpdatedAt" | "receivedAt" | "outcome"> & {
  outcome: string;
  platformUpdatedAt: Date | null;
  receivedAt: Date | null;
};

/**
 * One page (by deviceId) of a task's disagreements: target devices whose platform status is SUCCESS
 * while their outcome here is failed, or FAIL while it is succeeded (the same rule as the count in
 * getTaskCompleteness). `cursor` is the last page's nextCursor.
 */
export async function listDisagreements(
  operationId: string,
  q: { cursor?: string; limit: number },
): Promise<Page<DisagreementRow>> {
  const { prisma } = await getDb();
  const after = q.cursor
    ? Prisma.sql`AND tt.device_id > ${decodeCursor(q.cursor, ["string"] as const)[0]}`
    : Prisma.empty;
  const rows = await prisma.$queryRaw<Raw[]>`
    SELECT tt.device_id AS "deviceId", tt.platform_status AS "platformStatus", tt.platform_detail AS "platformDetail",
      tt.platform_updated_at AS "platformUpdatedAt", d.outcome, d.result, d.result_received_at AS "receivedAt"
    FROM task_targets tt JOIN device_states d ON d.operation_id = tt.operation_id AND d.device_id = tt.device_id
    WHERE tt.operation_id = ${operationId}
      AND ((tt.platform_status = 'SUCCESS' AND d.outcome = 'failed') OR (tt.platform_status = 'FAIL' AND d.outcome = 'succeeded'))
      ${after}
    ORDER BY tt.device_id
    LIMIT ${q.limit + 1}`;
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      ...r,
      outcome: r.outcome as DeviceOutcome,
      platformUpdatedAt: toIso(r.platformUpdatedAt),
      receivedAt: toIso(r.receivedAt),
    })),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.deviceId]) : null,
  };
}
