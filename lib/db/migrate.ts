import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

/** The little a migration run needs from a driver: run a script, run a parameterised query. */
export interface SqlSession {
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

// Same table Prisma Migrate creates, so `prisma migrate status` agrees where the engine exists.
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

// Any constant shared by every instance; two app servers starting at once queue on it.
const ADVISORY_LOCK_KEY = 727_410_001;

function migrationsDir(): string {
  return path.join(process.cwd(), "prisma", "migrations");
}

export async function loadMigrations(dir = migrationsDir()): Promise<Migration[]> {
  const entries = await readdir(/* turbopackIgnore: true */ dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const file = path.join(/* turbopackIgnore: true */ dir, name, "migration.sql");
      const sql = await readFile(/* turbopackIgnore: true */ file, "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

/**
 * Applies every migration not yet recorded, in one transaction under an advisory lock, so
 * concurrent starters wait for the first and then find nothing left to do. Returns the names applied.
 */
export async function applyMigrations(session: SqlSession, migrations: Migration[]): Promise<string[]> {
  await session.exec("BEGIN");
  try {
    await session.query("SELECT pg_advisory_xact_lock($1)", [ADVISORY_LOCK_KEY]);
    await session.exec(CREATE_TABLE);
    const rows = await session.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const applied = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    const done: string[] = [];
    for (const m of migrations) {
      const known = applied.get(m.name);
      if (known !== undefined) {
        if (known !== m.checksum) throw new Error(`Migration ${m.name} was edited after it was applied`);
        continue;
      }
      await session.exec(m.sql);
      await session.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
         VALUES ($1, $2, $3, now(), now(), 1)`,
        [randomUUID(), m.checksum, m.name],
      );
      done.push(m.name);
    }
    await session.exec("COMMIT");
    return done;
  } catch (err) {
    await session.exec("ROLLBACK").catch(() => undefined);
    throw err;
  }
}
