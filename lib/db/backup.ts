import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { DiskGuard } from "./disk-guard";
import { lockDirectory } from "./lock";

/**
 * PGlite: its own data-directory dump (a gzipped tar), taken under the directory lock, so it is
 * consistent (no other process writes meanwhile) and refused, naming the holder, while the server runs.
 */
export async function backupPglite(dir: string, file: string): Promise<void> {
  const lock = await lockDirectory(dir, 0);
  try {
    const { PGlite } = await import("@electric-sql/pglite");
    new DiskGuard(path.resolve(dir)).assertWritable();
    const pglite = await PGlite.create(path.resolve(dir));
    try {
      await pglite.exec("CHECKPOINT");
      const dump = await pglite.dumpDataDir("gzip");
      await writeFile(file, Buffer.from(await dump.arrayBuffer()));
    } finally {
      await pglite.close();
    }
  } finally {
    await lock.release();
  }
}

/** Restores a PGlite dump into `dir`, which must be missing or empty: a restore never overwrites data. */
export async function restorePglite(file: string, dir: string): Promise<void> {
  const entries = await readdir(dir).catch(() => []);
  if (entries.length > 0)
    throw new Error(`${path.resolve(dir)} is not empty: restore into a new directory, then point PGLITE_DIR at it`);
  const lock = await lockDirectory(dir, 0);
  try {
    const { PGlite } = await import("@electric-sql/pglite");
    const blob = new Blob([await readFile(file)]);
    const pglite = await PGlite.create(path.resolve(dir), { loadDataDir: blob });
    await pglite.exec("CHECKPOINT");
    await pglite.close();
  } finally {
    await lock.release();
  }
}

/** PostgreSQL: pg_dump's custom format (restore with pg_restore), a consistent snapshot while the app runs. */
export async function backupPostgres(url: string, file: string): Promise<void> {
  const child = spawn("pg_dump", ["--format=custom", "--no-owner", "--dbname", url], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exit = new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", resolve);
  });
  await pipeline(child.stdout!, createWriteStream(file));
  const code = await exit;
  if (code !== 0) throw new Error(`pg_dump exited with ${code}`);
}
