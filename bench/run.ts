// npm run bench – ingest and read benchmarks with modest defaults; flags raise the scale.
//   --count N (pushes, default 20000)  --connections C (default 50)  --instances I (default 1)
//   --only ingest|queries
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import { benchIngest } from "./ingest";

const { values } = parseArgs({
  options: {
    count: { type: "string", default: "20000" },
    connections: { type: "string", default: "50" },
    instances: { type: "string", default: "1" },
    only: { type: "string" },
  },
});
const machine = `${os.cpus().length}cpu-${Math.round(os.totalmem() / 2 ** 30)}gib`;
const results: Record<string, unknown> = { date: new Date().toISOString(), machine, node: process.version };

if (values.only !== "queries") {
  console.log(`\n== ingest: ${values.count} pushes, ${values.connections} connections`);
  const rows = await benchIngest({ count: Number(values.count), connections: Number(values.connections), instances: Number(values.instances) }, console.log);
  const anchorA = rows.find((r) => r.name.startsWith("anchor (a)"))!;
  const anchorB = rows.find((r) => r.name.startsWith("anchor (b)"))!;
  console.log("\nratios to the anchors (throughput):");
  for (const r of rows) console.log(`  ${r.name.padEnd(48)} ×${(r.perSecond / anchorA.perSecond).toFixed(2)} of (a)  ×${(r.perSecond / anchorB.perSecond).toFixed(2)} of (b)`);
  results.ingest = { options: values, rows };
}

mkdirSync("bench/results", { recursive: true });
const file = `bench/results/${results.date!.toString().slice(0, 10)}-${machine}.json`;
writeFileSync(file, JSON.stringify(results, null, 2));
console.log(`\nwrote ${file}`);
