import { readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { openDatabase, type Database } from "@/lib/db/client";
import { appendToLog } from "@/lib/ingest/append-log";
import { projectAllPending } from "@/lib/projection/project-batch";
import { parseNotification } from "@/lib/notifications/parse";
import type { PlatformConfig } from "@/lib/platform/config";
import type { StandinPlatform } from "@/lib/platform-standin/server";
import { createThrowawayDatabase, freshPgliteDir } from "../support/servers";

export type DbKind = "postgresql" | "pglite";

/** A migrated database of either kind, opened in this process, and how to throw it away. */
export async function openTestDb(kind: DbKind): Promise<{ db: Database; url?: string; dispose(): Promise<void> }> {
  if (kind === "postgresql") {
    const pg = await createThrowawayDatabase("um_platform");
    const db = await openDatabase({ url: pg.url });
    return { db, url: pg.url, dispose: async () => (await db.close(), await pg.drop()) };
  }
  const dir = freshPgliteDir();
  const db = await openDatabase({ pgliteDir: dir });
  return { db, dispose: async () => (await db.close(), await rm(dir, { recursive: true, force: true })) };
}

/** The connector's settings for a running stand-in (its CA and client certificate). */
export function configFor(p: StandinPlatform, over: Partial<PlatformConfig> = {}): PlatformConfig {
  return {
    url: p.url,
    appId: p.appId,
    secret: p.secret,
    ca: p.certs ? readFileSync(p.certs.caFile, "utf8") : undefined,
    cert: p.certs ? readFileSync(p.certs.clientCertFile, "utf8") : undefined,
    key: p.certs ? readFileSync(p.certs.clientKeyFile, "utf8") : undefined,
    discover: false,
    syncSeconds: 300,
    lostPushGraceSeconds: 600,
    leaseSeconds: 30,
    ...over,
  };
}

/** The environment that configures a server process for the stand-in (files, never inline secrets in argv). */
export function envFor(p: StandinPlatform, over: Record<string, string> = {}): Record<string, string> {
  return {
    PLATFORM_URL: p.url,
    PLATFORM_APP_ID: p.appId,
    PLATFORM_SECRET: p.secret,
    ...(p.certs
      ? {
          PLATFORM_CA_FILE: p.certs.caFile,
          PLATFORM_CERT_FILE: p.certs.clientCertFile,
          PLATFORM_KEY_FILE: p.certs.clientKeyFile,
        }
      : {}),
    ...over,
  };
}

/** Stores one firmware result push for a device, as the receiver would (parsed from its bytes). */
export async function storePush(
  db: Database,
  operationId: string,
  deviceId: string,
  status: "SUCCESS" | "FAIL",
  extra: Record<string, unknown> = {},
) {
  const body = JSON.stringify({
    notifyType: "fwUpgradeResultNotify",
    deviceId,
    operationId,
    subOperationId: `${operationId}-sub-push`,
    appId: "standin-app",
    curVersion: "FW2.1.0",
    targetVersion: "FW2.1.0",
    sourceVersion: "FW2.0.3",
    status,
    statusDesc: "as pushed",
    upgradeTime: "20261129T100000Z",
    ...extra,
  });
  const parsed = parseNotification(new TextEncoder().encode(body));
  if (parsed.type !== "notification") throw new Error(`fixture push refused: ${JSON.stringify(parsed)}`);
  const [stored] = await appendToLog(db.prisma, [parsed.notification]);
  await projectAllPending(db.prisma);
  return stored!;
}

/** The rows a task has, by source: what the assertions compare with the stand-in's data. */
export async function notificationsBySource(db: Database, operationId: string) {
  const rows = await db.prisma.notification.findMany({ where: { operationId }, orderBy: { id: "asc" } });
  return { push: rows.filter((r) => r.source === "push"), api: rows.filter((r) => r.source === "api") };
}
