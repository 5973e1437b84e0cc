// npm run prune [-- --days N] – deletes raw events older than N days (default RETENTION_DAYS).
// The server also does this hourly when RETENTION_DAYS is set. On PGlite the server must be stopped
// first (one process per directory): while it runs, set RETENTION_DAYS and let it prune itself.
import { parseArgs } from "node:util";
import { openDatabase } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { pruneOldEvents } from "@/lib/maintenance/prune";

const env = getEnv();
const { values } = parseArgs({ options: { days: { type: "string" } } });
const days = Number(values.days ?? env.RETENTION_DAYS);
if (!Number.isFinite(days) || days < 1) {
  console.error("Give --days N (N ≥ 1) or set RETENTION_DAYS.");
  process.exit(2);
}
const db = await openDatabase({ url: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR, lockWaitMs: 0 }).catch(
  (err: Error) => {
    console.error(
      err.name === "DirLockedError"
        ? `${err.message}\nThe server must be stopped to prune PGlite by hand; or set RETENTION_DAYS=${days} on the server, which prunes at start and hourly.`
        : err.message,
    );
    process.exit(1);
  },
);
const r = await pruneOldEvents(db.prisma, days);
await db.close();
console.log(
  `Deleted ${r.notifications} notifications and ${r.quarantined} quarantined requests received before ${r.cutoff.toISOString()}.`,
);
