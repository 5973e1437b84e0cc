import "server-only";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { DiskGuard } from "./disk-guard";
import { envNumber } from "./errors";
import { lockDirectory, type DirLock } from "./lock";
import { applyMigrations, loadMigrations, type SqlSession } from "./migrate";

export type DatabaseKind = "postgresql" | "pglite";

export interface Database {
  prisma: PrismaClient;
  kind: DatabaseKind;
  /** Throws StorageUnavailableError when a write cannot succeed now (PGlite: disk under its reserve). */
  assertWritable(): void;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgresql://… → PostgreSQL; undefined → embedded PGlite in `pgliteDir`. */
  url?: string;
  pgliteDir?: string;
  /** Apply pending migrations before handing out the client (default true). */
  migrate?: boolean;
  /** PGlite: how long to wait for another process to release the directory (default PGLITE_LOCK_WAIT_SECONDS, 15 s; 0 refuses at once). */
  lockWaitMs?: number;
}

/** Opens a database of either kind and migrates it. The only place that knows which kind exists. */
export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  const migrations = opts.migrate === false ? [] : await loadMigrations();
  return opts.url
    ? openPostgres(opts.url, migrations)
    : openPglite(
        opts.pgliteDir ?? "./data/pglite",
        migrations,
        opts.lockWaitMs ?? envNumber("PGLITE_LOCK_WAIT_SECONDS", 15) * 1000,
      );
}

type Migrations = Awaited<ReturnType<typeof loadMigrations>>;

async function openPostgres(url: string, migrations: Migrations): Promise<Database> {
  const { Pool } = await import("pg");
  const { PrismaPg } = await import("@prisma/adapter-pg");
  // Short timeouts so an unreachable database turns into a quick 503, never a hung request.
  const pool = new Pool({
    connectionString: url,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    connectionTimeoutMillis: 3_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: 8_000,
    query_timeout: 9_000,
  });
  // An idle client losing its server (database restart) must not crash the process.
  pool.on("error", (err) => console.error("[db] idle client error:", err.message));
  try {
    if (migrations.length > 0) {
      const client = await pool.connect();
      try {
        const session: SqlSession = {
          exec: async (sql) => void (await client.query(sql)),
          query: async (sql, params) => (await client.query(sql, params)).rows,
        };
        await applyMigrations(session, migrations);
      } finally {
        client.release();
      }
    }
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    kind: "postgresql",
    assertWritable: () => undefined,
    close: async () => {
      await prisma.$disconnect();
      await pool.end().catch(() => undefined);
    },
  };
}

async function openPglite(dir: string, migrations: Migrations, lockWaitMs: number): Promise<Database> {
  const absolute = path.resolve(dir);
  // PGlite creates only the last path segment itself.
  await mkdir(absolute, { recursive: true });
  // One owner per directory, before PGlite reads a byte of it.
  const lock = await lockDirectory(absolute, lockWaitMs);
  try {
    return await openLockedPglite(absolute, migrations, lock);
  } catch (err) {
    await lock.release();
    throw err;
  }
}

async function openLockedPglite(absolute: string, migrations: Migrations, lock: DirLock): Promise<Database> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  const guard = new DiskGuard(absolute);
  // Opening writes (recovery, checkpoint, migrations): on a full disk PGlite would hang, so say so instead.
  guard.assertWritable();
  const pglite = await PGlite.create(absolute);
  try {
    // PGlite runs PostgreSQL single-user, without a background checkpointer: after an unclean stop the
    // replayed state lives only in WAL until something checkpoints it. Checkpoint at once, so a second
    // crash starts recovery from here (one CI run read an empty database back after two kills in a row).
    await pglite.exec("CHECKPOINT");
    if (migrations.length > 0) {
      const session: SqlSession = {
        exec: async (sql) => void (await pglite.exec(sql)),
        query: async <T>(sql: string, params?: unknown[]) => (await pglite.query<T>(sql, params)).rows,
      };
      await applyMigrations(session, migrations);
    }
  } catch (err) {
    await pglite.close().catch(() => undefined);
    throw err;
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    prisma,
    kind: "pglite",
    assertWritable: () => guard.assertWritable(),
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
      await lock.release();
    },
  };
}
