import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { NO_ERROR_CODE, type DeviceFilters } from "@/lib/schemas/devices";
import { ERROR_CODE_SQL, containsPattern } from "./sql";
import { staleAfterSeconds, staleSql } from "./stale";

/** WHERE conditions on `device_states d` for one task's device filters. */
export function deviceWhere(operationId: string, f: DeviceFilters): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`d.operation_id = ${operationId}`];
  parts.push(...deviceFilterParts(f));
  return Prisma.join(parts, " AND ");
}

function deviceFilterParts(f: DeviceFilters): Prisma.Sql[] {
  const parts: Prisma.Sql[] = [];
  // A pending device has no state row (list-task-devices reads those from task_targets): no row here matches.
  if (f.outcome === "pending") parts.push(Prisma.sql`FALSE`);
  else if (f.outcome === "stale") parts.push(staleSql(staleAfterSeconds()));
  else if (f.outcome) parts.push(Prisma.sql`d.outcome = ${f.outcome}`);
  // Error codes describe failures: choosing one lists the failed devices that reported it.
  if (f.errorCode === NO_ERROR_CODE) parts.push(Prisma.sql`d.outcome = 'failed' AND ${ERROR_CODE_SQL} IS NULL`);
  else if (f.errorCode) parts.push(Prisma.sql`d.outcome = 'failed' AND ${ERROR_CODE_SQL} = ${f.errorCode}`);
  if (f.sourceVersion) parts.push(Prisma.sql`d.source_version = ${f.sourceVersion}`);
  if (f.targetVersion) parts.push(Prisma.sql`d.target_version = ${f.targetVersion}`);
  if (f.deviceId) parts.push(Prisma.sql`d.device_id ILIKE ${containsPattern(f.deviceId)} ESCAPE '\\'`);
  return parts;
}
