import "server-only";
import { getEnv } from "@/lib/env";
import { openDatabase, type Database } from "./client";
import { StorageUnavailableError } from "./errors";

export type { Database, DatabaseKind } from "./client";
export { StorageUnavailableError } from "./errors";

// One database per process, kept on globalThis so `next dev` reloads do not open a second PGlite.
const holder = globalThis as unknown as { __upgradeMonitorDb?: Promise<Database> };

/** A failed open is retried, but not by every request at once: opening can take seconds. */
const REOPEN_AFTER_MS = 2_000;

/**
 * The process-wide database, opened and migrated on first use. A failed open rejects with
 * StorageUnavailableError (so every API answers 503, never 500) and is retried after a short pause.
 * Nothing here ever deletes or re-initialises a directory that failed to open.
 */
export function getDb(): Promise<Database> {
  if (!holder.__upgradeMonitorDb) {
    const env = getEnv();
    const opening = openDatabase({ url: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR }).catch((err: unknown) => {
      const reason = err instanceof Error ? err.message : String(err);
      console.error("[db] cannot open the database:", reason);
      setTimeout(() => {
        if (holder.__upgradeMonitorDb === opening) holder.__upgradeMonitorDb = undefined;
      }, REOPEN_AFTER_MS).unref();
      throw new StorageUnavailableError(`The database cannot be opened: ${reason}`, { cause: err });
    });
    opening.catch(() => undefined);
    holder.__upgradeMonitorDb = opening;
  }
  return holder.__upgradeMonitorDb;
}

/** Closes the process-wide database if it was opened (drain: releases PGlite's directory lock). */
export async function closeDb(): Promise<void> {
  const current = holder.__upgradeMonitorDb;
  holder.__upgradeMonitorDb = Promise.reject(new StorageUnavailableError("The database is closed (shutting down)."));
  holder.__upgradeMonitorDb.catch(() => undefined);
  const db = await current?.catch(() => undefined);
  await db?.close();
}

/** Test hook: use this database instead of the one from the environment. */
export function setDb(db: Database | undefined): void {
  holder.__upgradeMonitorDb = db ? Promise.resolve(db) : undefined;
}
