import "server-only";
import { getDb } from "@/lib/db";
import type { ErrorCodeRow } from "@/lib/schemas/responses";
import { ERROR_CODE_SQL, rate } from "./sql";

/** Failed devices of one task grouped by error code (statusDesc for firmware), biggest first. */
export async function listTaskErrorCodes(operationId: string): Promise<ErrorCodeRow[]> {
  const { prisma } = await getDb();
  const rows = await prisma.$queryRaw<{ errorCode: string | null; description: string | null; devices: number }[]>`
    SELECT ${ERROR_CODE_SQL} AS "errorCode", COUNT(*)::int AS devices,
      mode() WITHIN GROUP (ORDER BY COALESCE(d.description, d.result_desc)) AS description
    FROM device_states d
    WHERE d.operation_id = ${operationId} AND d.outcome = 'failed'
    GROUP BY 1
    ORDER BY devices DESC, 1 ASC NULLS LAST`;
  const failed = rows.reduce((sum, r) => sum + r.devices, 0);
  return rows.map((r) => ({ ...r, share: rate(r.devices, failed) ?? 0 }));
}
