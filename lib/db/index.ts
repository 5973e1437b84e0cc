import "server-only";
import { getEnv } from "@/lib/env";
import { openDatabase, type Database } from "./client";

export type { Database, DatabaseKind } from "./client";

// One database per process, kept on globalThis so `next dev` reloads do not open a second PGlite.
const holder = globalThis as unknown as { __upgradeMonitorDb?: Promise<Database> };

/** The process-wide database, opened and migrated on first use. A failed open is retried next call. */
export function getDb(): Promise<Database> {
  if (!holder.__upgradeMonitorDb) {
    const env = getEnv();
    const opening = openDatabase({ url: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR });
    holder.__upgradeMonitorDb = opening;
    opening.catch(() => {
      if (holder.__upgradeMonitorDb === opening) holder.__upgradeMonitorDb = undefined;
    });
  }
  return holder.__upgradeMonitorDb;
}

/** Test hook: use this database instead of the one from the environment. */
export function setDb(db: Database | undefined): void {
  holder.__upgradeMonitorDb = db ? Promise.resolve(db) : undefined;
}
