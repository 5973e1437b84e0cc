// npm run bench – ingest and read benchmarks with modest defaults; flags raise the scale.
//   --count N (pushes, default 20000)  --connections C (default 50)  --instances I (default 1)
//   ingest also measures end to end (acknowledged and projected): --sustain-seconds S (default 60), --burst N (default 100000)
//   --only ingest|queries|exports|alerts (exports: CSV vs XLSX at --export-rows; alerts: ingest with 20 active alert rules vs none; --rounds N, default 2)
//   queries: --notifications N (result notifications loaded into PostgreSQL, default 100000; 1000000 for the
//   full scale), --pglite-notifications N (default 20000; 0 skips PGlite), --iterations N (default 40),
//   --no-pages (skip the Chromium page timings), --database-url URL (measure an already loaded database)
//   exports: failed.csv vs failed.xlsx of one task, same run; --export-rows N (default 100000), --export-runs R (default 3)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import { benchAlerts } from "./alerts";
import { benchExports } from "./exports";
import { benchIngest } from "./ingest";
import { benchEndToEnd } from "./projection";
import { benchQueries } from "./queries";

const { values } = parseArgs({
  options: {
    count: { type: "string", default: "20000" },
    connections: { type: "string", default: "50" },
    instances: { type: "string", default: "1" },
    only: { type: "string" },
    notifications: { type: "string", default: "100000" },
    "pglite-notifications": { type: "string", default: "20000" },
    iterations: { type: "string", default: "40" },
    "no-pages": { type: "boolean", default: false },
    "database-url": { type: "string" },
    "export-rows": { type: "string", default: "100000" },
    "export-runs": { type: "string", default: "3" },
    rounds: { type: "string", default: "2" },
    "sustain-seconds": { type: "string", default: "60" },
    burst: { type: "string", default: "100000" },
  },
});
const machine = `${os.cpus().length}cpu-${Math.round(os.totalmem() / 2 ** 30)}gib`;
const results: Record<string, unknown> = { date: new Date().toISOString(), machine, node: process.version };

if (values.only === undefined || values.only === "exports") {
  console.log(`\n== exports: failed.csv and failed.xlsx of one task with ${values["export-rows"]} failed devices`);
  results.exports = await benchExports(
    { rows: Number(values["export-rows"]), runs: Number(values["export-runs"]), port: 3740 + (process.pid % 40) },
    console.log,
  );
}

if (values.only === "alerts") {
  console.log(`\n== alerts: ingest of ${values.count} pushes with 20 active rules vs none`);
  results.alerts = await benchAlerts(
    { count: Number(values.count), connections: Number(values.connections), rounds: Number(values.rounds) },
    console.log,
  );
}

if (values.only === undefined || values.only === "ingest") {
  console.log(`\n== ingest: ${values.count} pushes, ${values.connections} connections`);
  const rows = await benchIngest(
    { count: Number(values.count), connections: Number(values.connections), instances: Number(values.instances) },
    console.log,
  );
  const anchorA = rows.find((r) => r.name.startsWith("anchor (a)"))!;
  const anchorB = rows.find((r) => r.name.startsWith("anchor (b)"))!;
  console.log("\nratios to the anchors (throughput):");
  for (const r of rows)
    console.log(
      `  ${r.name.padEnd(48)} ×${(r.perSecond / anchorA.perSecond).toFixed(2)} of (a)  ×${(r.perSecond / anchorB.perSecond).toFixed(2)} of (b)`,
    );
  console.log(`\n== end to end (acknowledged and folded into the views), ${values.connections} connections`);
  const endToEnd = await benchEndToEnd(
    {
      anchorPerSecond: anchorA.perSecond,
      seconds: Number(values["sustain-seconds"]),
      burst: Number(values.burst),
      connections: Number(values.connections),
    },
    console.log,
  );
  for (const r of endToEnd)
    console.log(`  ${r.name.padEnd(48)} ×${(r.projectedPerSecond / anchorA.perSecond).toFixed(2)} of (a) end to end`);
  results.ingest = { options: values, rows, endToEnd };
}

if (values.only === undefined || values.only === "queries") {
  console.log(
    `\n== queries: ${values.notifications} result notifications on PostgreSQL, ${values["pglite-notifications"]} on PGlite`,
  );
  const reports = await benchQueries(
    {
      results: Number(values.notifications),
      pgliteResults: Number(values["pglite-notifications"]),
      iterations: Number(values.iterations),
      warmup: 5,
      pages: !values["no-pages"],
      databaseUrl: values["database-url"],
      port: 3700 + (process.pid % 40) * 2,
    },
    console.log,
  );
  results.queries = reports;
}

mkdirSync("bench/results", { recursive: true });
const file = `bench/results/${results.date!.toString().slice(0, 10)}-${machine}.json`;
// `--only` runs add their section to the day's file instead of dropping the other one.
const previous = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>) : {};
writeFileSync(file, JSON.stringify({ ...previous, ...results }, null, 2));
console.log(`\nwrote ${file}`);
