import "server-only";
import { getPlatformTaskMeta } from "./platform-task-meta";
import type { TaskRecord } from "@/lib/projection/task-deltas";
import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { defaultOrder, type TaskListQuery, type TaskSortKey } from "@/lib/schemas/tasks";
import type { Page, TaskRow } from "@/lib/schemas/responses";
import { decodeCursor, encodeCursor } from "./cursor";
import { countTargetsForTasks } from "./task-target-counts";
import { taskWhere } from "./task-where";
import { AppError } from "@/lib/errors";
import { rate, toIso } from "./sql";

type SortType = "text" | "int" | "float" | "time";

// The sort whitelist: the only SQL a request can choose. NULLs are folded into a constant so the
// keyset comparison (value, operation_id) stays a plain row comparison.
const SORTS: Record<TaskSortKey, { sql: Prisma.Sql; type: SortType }> = {
  operationId: { sql: Prisma.raw("t.operation_id"), type: "text" },
  kind: { sql: Prisma.raw("t.kind"), type: "text" },
  appId: { sql: Prisma.raw("COALESCE(t.app_id, '')"), type: "text" },
  devices: { sql: Prisma.raw("t.devices"), type: "int" },
  succeeded: { sql: Prisma.raw("t.succeeded"), type: "int" },
  failed: { sql: Prisma.raw("t.failed"), type: "int" },
  inProgress: { sql: Prisma.raw("t.in_progress"), type: "int" },
  successRate: {
    sql: Prisma.raw(
      "(CASE WHEN t.succeeded + t.failed > 0 THEN t.succeeded::float8 / (t.succeeded + t.failed) ELSE -1 END)",
    ),
    type: "float",
  },
  firstSeenAt: { sql: Prisma.raw("t.first_seen_at"), type: "time" },
  lastSeenAt: { sql: Prisma.raw("t.last_seen_at"), type: "time" },
};

/** A tasks row as the ingest writes it, plus the value the list is sorted by (for the cursor). */
interface Row extends TaskRecord {
  label: string | null;
  sortValue: string | number | Date;
}

/** One page of tasks, filtered and sorted by any whitelisted column, with a keyset cursor. */
export async function listTasks(q: TaskListQuery): Promise<Page<TaskRow>> {
  const { prisma } = await getDb();
  const sort = SORTS[q.sort];
  const order = q.order ?? defaultOrder(q.sort);
  const conditions = [taskWhere(q)];
  if (q.cursor) conditions.push(afterCursor(q.cursor, q.sort, order, sort));
  const dir = Prisma.raw(order === "asc" ? "ASC" : "DESC");

  const rows = await prisma.$queryRaw<Row[]>`
    SELECT t.operation_id AS "operationId", t.kind, t.app_id AS "appId", t.devices, t.succeeded, t.failed,
      t.in_progress AS "inProgress", t.notifications, t.first_seen_at AS "firstSeenAt", t.last_seen_at AS "lastSeenAt",
      t.last_result_at AS "lastResultAt", l.label, ${sort.sql} AS "sortValue"
    FROM tasks t LEFT JOIN task_labels l ON l.operation_id = t.operation_id
    WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY ${sort.sql} ${dir}, t.operation_id ${dir}
    LIMIT ${q.limit + 1}`;

  const page = rows.slice(0, q.limit);
  const [targets, platform] = await Promise.all([
    countTargetsForTasks(page.map((r) => r.operationId)),
    getPlatformTaskMeta(
      prisma,
      page.map((r) => r.operationId),
    ),
  ]);
  const versions = page.length
    ? await prisma.taskVersion.findMany({
        where: { operationId: { in: page.map((r) => r.operationId) } },
        orderBy: [{ sourceVersion: "asc" }, { targetVersion: "asc" }],
      })
    : [];
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      operationId: r.operationId,
      label: r.label,
      platform: platform.get(r.operationId) ?? null,
      ...(targets.get(r.operationId) ?? { expected: null, pending: 0, stale: 0 }),
      kind: r.kind,
      appId: r.appId,
      devices: r.devices,
      succeeded: r.succeeded,
      failed: r.failed,
      inProgress: r.inProgress,
      successRate: rate(r.succeeded, r.succeeded + r.failed),
      notifications: r.notifications,
      firstSeenAt: toIso(r.firstSeenAt),
      lastSeenAt: toIso(r.lastSeenAt),
      lastResultAt: toIso(r.lastResultAt),
      versions: versions
        .filter((v) => v.operationId === r.operationId)
        .map((v) => ({ sourceVersion: v.sourceVersion, targetVersion: v.targetVersion })),
    })),
    nextCursor:
      rows.length > q.limit && last
        ? encodeCursor([q.sort, order, cursorValue(last.sortValue), last.operationId])
        : null,
  };
}

function cursorValue(v: string | number | Date): string | number {
  return v instanceof Date ? v.toISOString() : v;
}

function afterCursor(
  cursor: string,
  sortKey: TaskSortKey,
  order: "asc" | "desc",
  sort: { sql: Prisma.Sql; type: SortType },
): Prisma.Sql {
  const numeric = sort.type === "int" || sort.type === "float";
  const [key, dir, value, operationId] = decodeCursor(cursor, [
    "string",
    "string",
    numeric ? "number" : "string",
    "string",
  ] as const);
  const badValue =
    (sort.type === "time" && Number.isNaN(Date.parse(String(value)))) ||
    (sort.type === "int" && !(Number.isInteger(value) && Math.abs(Number(value)) < 2 ** 31));
  if (key !== sortKey || dir !== order || badValue) {
    throw new AppError("invalid_query", "Invalid query parameters.", [
      { field: "cursor", problem: "belongs to a different sort; start again without a cursor" },
    ]);
  }
  const typed =
    sort.type === "time"
      ? Prisma.sql`${String(value)}::timestamptz`
      : sort.type === "int"
        ? Prisma.sql`${value}::int`
        : sort.type === "float"
          ? Prisma.sql`${value}::float8`
          : Prisma.sql`${value}::text`;
  const cmp = Prisma.raw(order === "asc" ? ">" : "<");
  return Prisma.sql`(${sort.sql}, t.operation_id) ${cmp} (${typed}, ${operationId}::text)`;
}
