import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/client";
import { applyMigrations, loadMigrations, type SqlSession } from "@/lib/db/migrate";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/servers";

const dirs = readdirSync("prisma/migrations", { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const dropped: ThrowawayDatabase[] = [];
afterEach(async () => {
  await Promise.all(dropped.splice(0).map((d) => d.drop()));
});

async function fresh() {
  const d = await createThrowawayDatabase("um_migrate");
  dropped.push(d);
  return d;
}

async function recorded(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (
      await c.query(
        `SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
      )
    ).rows;
  } finally {
    await c.end();
  }
}

async function withSession<T>(url: string, fn: (s: SqlSession) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn({
      exec: async (sql) => void (await c.query(sql)),
      query: async (sql, p) => (await c.query(sql, p)).rows,
    });
  } finally {
    await c.end();
  }
}

describe("the migration runner", () => {
  it("records each migration the way Prisma Migrate does (name, sha256 checksum, finished, 1 step)", async () => {
    const d = await fresh();
    await (await openDatabase({ url: d.url })).close();
    const rows = await recorded(d.url);
    expect(rows.map((r) => r.migration_name)).toEqual(dirs);
    for (const r of rows) {
      const sql = readFileSync(`prisma/migrations/${r.migration_name}/migration.sql`);
      expect(r.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(r.finished_at).toBeInstanceOf(Date);
      expect(r.rolled_back_at).toBeNull();
      expect(r.applied_steps_count).toBe(1);
    }
  });

  it("applies nothing the second time", async () => {
    const d = await fresh();
    const migrations = await loadMigrations();
    expect(await withSession(d.url, (s) => applyMigrations(s, migrations))).toEqual(dirs);
    expect(await withSession(d.url, (s) => applyMigrations(s, migrations))).toEqual([]);
    expect(await recorded(d.url)).toHaveLength(dirs.length);
  });

  it("is safe when four instances start at once: one applies, the others wait and find nothing to do", async () => {
    const d = await fresh();
    const migrations = await loadMigrations();
    const applied = await Promise.all(
      Array.from({ length: 4 }, () => withSession(d.url, (s) => applyMigrations(s, migrations))),
    );
    expect(applied.flat().sort()).toEqual(dirs);
    expect(applied.filter((a) => a.length > 0)).toHaveLength(1);
    expect(await recorded(d.url)).toHaveLength(dirs.length);
  });

  it("refuses to run when an applied migration was edited, and changes nothing", async () => {
    const d = await fresh();
    const migrations = await loadMigrations();
    await withSession(d.url, (s) => applyMigrations(s, migrations));
    const edited = migrations.map((m, i) => (i === 0 ? { ...m, checksum: "0".repeat(64) } : m));
    await expect(withSession(d.url, (s) => applyMigrations(s, edited))).rejects.toThrow(/edited after it was applied/);
  });

  it("rolls back a failing migration completely", async () => {
    const d = await fresh();
    const broken = [
      ...(await loadMigrations()),
      { name: "29990101000000_broken", sql: "CREATE TABLE zz (id int); SELECT 1/0;", checksum: "x" },
    ];
    await expect(withSession(d.url, (s) => applyMigrations(s, broken))).rejects.toThrow(/division by zero/);
    const c = new pg.Client({ connectionString: d.url });
    await c.connect();
    const tables = await c.query(
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    await c.end();
    expect(tables.rows[0].n).toBe(0);
  });
});
