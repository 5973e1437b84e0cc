import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { PlatformClient } from "./client";
import type { PlatformConfig } from "./config";
import { OperationListPage } from "./schemas";
import { OPERATIONS_PATH, PAGE_SIZE } from "./sync";

/** Finished statuses as SQL sees them (lower-cased), the same list as isFinishedTask. */
const FINISHED_SQL = "('success','failed','fail','stop','stopped','timeout')";

/** Every task seen in pushes becomes a platform task to sync (one statement; new ones only). */
export async function adoptPushedTasks(prisma: PrismaClient): Promise<void> {
  await prisma.$executeRaw`INSERT INTO platform_tasks (operation_id, discovered_by)
    SELECT DISTINCT operation_id, 'push' FROM tasks ON CONFLICT (operation_id) DO NOTHING`;
}

/** PLATFORM_DISCOVER=1: the platform's tasks in status wait or processing become platform tasks too. */
export async function discoverTasks(prisma: PrismaClient, client: PlatformClient, maxPages = 100): Promise<number> {
  let found = 0;
  for (const status of ["wait", "processing"]) {
    for (let pageNo = 0; pageNo < maxPages; pageNo++) {
      const page = await client.call(
        "GET",
        `${OPERATIONS_PATH}?operationStatus=${status}&pageNo=${pageNo}&pageSize=${PAGE_SIZE}`,
        OperationListPage,
      );
      for (const op of page.data) {
        found +=
          await prisma.$executeRaw`INSERT INTO platform_tasks (operation_id, discovered_by) VALUES (${op.operationId}, 'discover') ON CONFLICT (operation_id) DO NOTHING`;
      }
      if (page.data.length < PAGE_SIZE || (page.totalCount !== null && (pageNo + 1) * PAGE_SIZE >= page.totalCount))
        break;
    }
  }
  return found;
}

/**
 * Tasks due for a sync, oldest first, at most `limit`:
 *  - never synced, or a refresh was requested (the task page's button);
 *  - active (not finished) and last synced PLATFORM_SYNC_SECONDS ago or more;
 *  - finished and synced only once since it ended: once more after max(PLATFORM_SYNC_SECONDS,
 *    LOST_PUSH_GRACE_SECONDS), so late sub-operation changes and lost pushes past the grace are seen.
 * A task whose last sync failed waits at least min(PLATFORM_SYNC_SECONDS, 60) s before the next try.
 * Tasks whose sync lease another instance holds are left out.
 */
export async function dueTasks(prisma: PrismaClient, config: PlatformConfig, limit = 50): Promise<string[]> {
  const every = config.syncSeconds;
  const finalAfter = Math.max(config.syncSeconds, config.lostPushGraceSeconds);
  const retryAfter = Math.min(config.syncSeconds, 60);
  const rows = await prisma.$queryRawUnsafe<{ operation_id: string }[]>(
    `SELECT operation_id FROM platform_tasks
     WHERE (lease_until IS NULL OR lease_until < now())
       AND (sync_error_at IS NULL OR sync_error_at < now() - make_interval(secs => $1::int) OR refresh_requested_at > sync_error_at)
       AND (synced_at IS NULL
         OR refresh_requested_at IS NOT NULL
         OR (lower(coalesce(status, '')) NOT IN ${FINISHED_SQL} AND synced_at < now() - make_interval(secs => $2::int))
         OR (lower(coalesce(status, '')) IN ${FINISHED_SQL} AND finished_syncs < 2 AND synced_at < now() - make_interval(secs => $3::int)))
     ORDER BY refresh_requested_at IS NULL, synced_at NULLS FIRST, operation_id
     LIMIT $4`,
    retryAfter,
    every,
    finalAfter,
    limit,
  );
  return rows.map((r) => r.operation_id);
}
