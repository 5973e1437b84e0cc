// npm run db:reproject – rebuilds every view (device states, task counters, breakdowns, transitions,
// fleet devices) from the notifications log and the retention baseline, with the projector's own fold:
// after a fix to a rule or a new breakdown, history gets it too. Stop the server first (PGlite: one
// process per directory; PostgreSQL: pages would wait on the emptied tables until it commits).
import { openDatabase } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { reprojectAll } from "@/lib/projection/reproject";

const env = getEnv();
const db = await openDatabase({ url: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR, lockWaitMs: 0 }).catch(
  (err: Error) => {
    console.error(
      err.name === "DirLockedError"
        ? `${err.message}\nStop the server first: the embedded database has one owner.`
        : err.message,
    );
    process.exit(1);
  },
);
let last = 0;
const r = await reprojectAll(db.prisma, (line) => {
  if (Date.now() - last > 5_000) {
    last = Date.now();
    console.log(line);
  }
});
await db.close();
console.log(
  `Rebuilt the views from ${r.events} notifications (${r.devices} device folds) in ${r.seconds.toFixed(1)} s.`,
);
