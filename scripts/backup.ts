// npm run db:backup -- --out <file>   writes a consistent backup of the configured database.
// npm run db:backup -- --restore <file> --into <dir>   PGlite only: restores a backup into an empty directory.
// PGlite: the server must be stopped (one process per directory); PostgreSQL: pg_dump, while it runs.
import { parseArgs } from "node:util";
import { backupPglite, backupPostgres, restorePglite } from "@/lib/db/backup";
import { getEnv } from "@/lib/env";

const env = getEnv();
const { values } = parseArgs({
  options: { out: { type: "string" }, restore: { type: "string" }, into: { type: "string" } },
});
try {
  if (values.restore) {
    if (!values.into) throw new Error("Give --into <empty directory> with --restore.");
    await restorePglite(values.restore, values.into);
    console.log(`Restored ${values.restore} into ${values.into}. Start with PGLITE_DIR=${values.into}.`);
  } else {
    const out =
      values.out ??
      `upgrade-monitor-${new Date().toISOString().replace(/[:.]/g, "-")}.${env.DATABASE_URL ? "dump" : "tar.gz"}`;
    if (env.DATABASE_URL) await backupPostgres(env.DATABASE_URL, out);
    else await backupPglite(env.PGLITE_DIR, out);
    console.log(`Backup written to ${out}.`);
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
