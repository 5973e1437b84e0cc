// Adds up the runners' JSON reports into the one line CI reads: "N passed, N failed".
//   node scripts/test-summary.mjs vitest:<file> playwright:<file> …
// A runner that crashed before writing its report counts as one failure, so it can never pass silently.
import { existsSync, readFileSync } from "node:fs";

let passed = 0;
let failed = 0;
let skipped = 0;

const readers = {
  vitest(v) {
    passed += v.numPassedTests;
    failed += v.numFailedTests + (v.numRuntimeErrorTestSuites ?? 0);
    skipped += v.numPendingTests + v.numTodoTests;
    // Files that failed to load report no tests at all.
    failed += v.testResults.filter((f) => f.status === "failed" && f.assertionResults.length === 0).length;
  },
  playwright(p) {
    passed += p.stats.expected + p.stats.flaky;
    failed += p.stats.unexpected + (p.errors?.length ?? 0);
    skipped += p.stats.skipped;
  },
};

for (const arg of process.argv.slice(2)) {
  const [kind, file] = arg.split(/:(.*)/s);
  if (!readers[kind]) throw new Error(`unknown report kind in ${arg}`);
  if (file && existsSync(file)) readers[kind](JSON.parse(readFileSync(file, "utf8")));
  else {
    console.error(`no ${kind} report at ${file}`);
    failed += 1;
  }
}

console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);
