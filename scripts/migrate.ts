// npm run db:migrate – applies pending SQL migrations to the configured database (the server also
// does this at start). Uses the same code path as the server, so both agree on what "applied" means.
import { loadMigrations } from "@/lib/db/migrate";
import { openDatabase } from "@/lib/db/client";
import { getEnv } from "@/lib/env";

const env = getEnv();
const target = env.DATABASE_URL ? `PostgreSQL (${new URL(env.DATABASE_URL).host})` : `PGlite (${env.PGLITE_DIR})`;
const all = await loadMigrations();
// PGlite: refuse at once (naming the holder) while the server has the directory; it migrates at start anyway.
const db = await openDatabase({ url: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR, lockWaitMs: 0 }).catch(
  (err: Error) => {
    console.error(err.message);
    process.exit(1);
  },
);
const rows = await db.prisma.$queryRaw<{ migration_name: string }[]>`
  SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY migration_name`;
await db.close();
console.log(`${target}: ${rows.length} of ${all.length} migrations applied.`);
for (const r of rows) console.log(`  ✓ ${r.migration_name}`);
