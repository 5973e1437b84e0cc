import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { PlatformStatus } from "@/lib/schemas/platform";
import type { PlatformConfig } from "./config";

export type { PlatformStatus };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Reads the connector's state; `config` is null when PLATFORM_URL is unset, `configError` when it is wrong. */
export async function getPlatformStatus(
  prisma: PrismaClient,
  config: PlatformConfig | null,
  configError: string | null,
  limit = 500,
): Promise<PlatformStatus> {
  const conn = config ? await prisma.platformConnection.findUnique({ where: { appId: config.appId } }) : null;
  const tasks = await prisma.platformTask.findMany({
    orderBy: [{ syncedAt: { sort: "desc", nulls: "first" } }, { operationId: "asc" }],
    take: limit,
  });
  const now = Date.now();
  return {
    configured: config !== null,
    note:
      configError ??
      (config
        ? null
        : "PLATFORM_URL is not set: the connector is off, and tasks show only the devices that pushed (or a declared list)."),
    host: config ? new URL(config.url).host : null,
    appId: config?.appId ?? null,
    discover: config?.discover ?? false,
    syncSeconds: config?.syncSeconds ?? null,
    lostPushGraceSeconds: config?.lostPushGraceSeconds ?? null,
    connection: conn
      ? {
          holder: conn.leaseUntil && conn.leaseUntil.getTime() > now ? conn.holder : null,
          leaseUntil: iso(conn.leaseUntil),
          tokenIssuedAt: iso(conn.tokenIssuedAt),
          tokenExpiresAt: iso(conn.tokenExpiresAt),
          tokenAgeSeconds: conn.tokenIssuedAt ? Math.round((now - conn.tokenIssuedAt.getTime()) / 1000) : null,
          lastLoginAt: iso(conn.lastLoginAt),
          logins: conn.logins,
          lastError: conn.lastError,
          lastErrorAt: iso(conn.lastErrorAt),
        }
      : null,
    tasks: tasks.map((t) => ({
      operationId: t.operationId,
      operateType: t.operateType,
      status: t.status,
      staTotal: t.staTotal,
      targetsSynced: t.targetsSynced,
      lostPushes: t.lostPushes,
      syncedAt: iso(t.syncedAt),
      syncError: t.syncError,
      syncErrorAt: iso(t.syncErrorAt),
      refreshRequestedAt: iso(t.refreshRequestedAt),
      syncingBy: t.leaseUntil && t.leaseUntil.getTime() > now ? t.leaseOwner : null,
    })),
  };
}

/** Asks for a sync of one task at the connector's next tick (creates the row for a task not yet known). */
export async function requestSync(prisma: PrismaClient, operationId: string): Promise<{ refreshRequestedAt: string }> {
  const rows = await prisma.$queryRaw<{ refresh_requested_at: Date }[]>`
    INSERT INTO platform_tasks (operation_id, discovered_by, refresh_requested_at) VALUES (${operationId}, 'request', now())
    ON CONFLICT (operation_id) DO UPDATE SET refresh_requested_at = now()
    RETURNING refresh_requested_at`;
  return { refreshRequestedAt: rows[0]!.refresh_requested_at.toISOString() };
}
