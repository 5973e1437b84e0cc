import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/client";
import { createThrowawayDatabase, freshPgliteDir, startServer } from "../support/servers";
import { campaign, canonical, readBackAcked, recordingSender, runScript } from "./support";

const cleanup: (() => Promise<unknown> | void)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await Promise.resolve(c()).catch(() => undefined);
});

async function fill(env: Record<string, string>, seed: string) {
  const server = await startServer(env, "custom");
  cleanup.push(() => server.stop("SIGKILL"));
  const { bodies, keyOf } = campaign(seed, 20);
  const sender = recordingSender(`${server.url}/api/callback`);
  const answers = await sender.send(bodies, keyOf);
  expect(answers.every((a) => a.status === 200)).toBe(true);
  await server.stop("SIGTERM");
  return sender.acked;
}

const TABLES = ["notifications", "device_states", "tasks", "task_counters", "fleet_devices"];

async function snapshot(query: (sql: string) => Promise<unknown[]>) {
  const out: Record<string, string> = {};
  // 64-bit ids come back as BigInt from PGlite: written as their digits.
  const digits = (_: string, v: unknown) => (typeof v === "bigint" ? v.toString() : v);
  for (const t of TABLES) out[t] = JSON.stringify(await query(`SELECT * FROM ${t} ORDER BY 1, 2`), digits);
  return out;
}

describe("npm run db:backup", () => {
  it("PGlite: the dump restores into a new directory and every row reads back", async () => {
    const dir = freshPgliteDir();
    const restored = freshPgliteDir();
    const file = path.join(path.dirname(dir), `${path.basename(dir)}.tar.gz`);
    cleanup.push(() => [dir, restored, file].forEach((p) => rmSync(p, { recursive: true, force: true })));
    const acked = await fill({ PGLITE_DIR: dir }, "backup-pglite");
    const backup = await runScript("scripts/backup.ts", ["--out", file], { PGLITE_DIR: dir });
    expect(backup.code).toBe(0);
    const restore = await runScript("scripts/backup.ts", ["--restore", file, "--into", restored], {});
    expect(restore.code).toBe(0);
    const check = await readBackAcked(restored, acked);
    const [a, b] = [dir, restored].map(async (d) => {
      const db = await openDatabase({ pgliteDir: d, lockWaitMs: 0, migrate: false });
      try {
        return await snapshot((sql) => db.prisma.$queryRawUnsafe(sql));
      } finally {
        await db.close();
      }
    });
    const [orig, copy] = [await a, await b];
    console.log(
      `[faults] PGlite backup: acknowledged ${acked.size}, restored ${check.rows} notifications, missing ${check.missing}, wrong id ${check.wrongId}`,
    );
    expect(check).toMatchObject({ missing: 0, wrongId: 0 });
    expect(copy).toEqual(orig);
    // A restore never overwrites a directory that has data.
    const again = await runScript("scripts/backup.ts", ["--restore", file, "--into", restored], {});
    expect(again.code).toBe(1);
    expect(again.out).toContain("not empty");
  }, 240_000);

  it("PostgreSQL: pg_dump while the app could run, pg_restore into a new database, every row reads back", async () => {
    const source = await createThrowawayDatabase("um_fault_backup");
    const target = await createThrowawayDatabase("um_fault_restore");
    const file = path.join(freshPgliteDir(), "backup.dump");
    cleanup.push(
      () => source.drop(),
      () => target.drop(),
      () => rmSync(path.dirname(file), { recursive: true, force: true }),
    );
    const acked = await fill({ DATABASE_URL: source.url }, "backup-pg");
    const backup = await runScript("scripts/backup.ts", ["--out", file], { DATABASE_URL: source.url });
    expect(backup.code).toBe(0);
    execFileSync("pg_restore", ["--no-owner", "--dbname", target.url, file]);
    const read = async (url: string) => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        return await snapshot(async (sql) => (await c.query(sql)).rows);
      } finally {
        await c.end();
      }
    };
    const [orig, copy] = [await read(source.url), await read(target.url)];
    const rows = JSON.parse(copy.notifications!) as { id: number; raw_body: string }[];
    const byId = new Map(rows.map((r) => [Number(r.id), r.raw_body]));
    const missing = [...acked].filter(
      ([body, id]) => !byId.has(id) || canonical(byId.get(id)!) !== canonical(body),
    ).length;
    console.log(
      `[faults] PostgreSQL backup: acknowledged ${acked.size}, restored ${rows.length} notifications, missing or wrong ${missing}`,
    );
    expect(missing).toBe(0);
    expect(copy).toEqual(orig);
  }, 240_000);
});
