// Adds up Vitest's and Playwright's JSON reports into the one line CI reads: "N passed, N failed".
// A runner that crashed before writing its report counts as one failure, so it can never pass silently.
import { existsSync, readFileSync } from "node:fs";

const [vitestFile, playwrightFile] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;

if (vitestFile && existsSync(vitestFile)) {
  const v = JSON.parse(readFileSync(vitestFile, "utf8"));
  passed += v.numPassedTests;
  failed += v.numFailedTests + (v.numRuntimeErrorTestSuites ?? 0);
  skipped += v.numPendingTests + v.numTodoTests;
  // Files that failed to load report no tests at all.
  failed += v.testResults.filter((f) => f.status === "failed" && f.assertionResults.length === 0).length;
} else {
  console.error(`no Vitest report at ${vitestFile}`);
  failed += 1;
}

if (playwrightFile && existsSync(playwrightFile)) {
  const p = JSON.parse(readFileSync(playwrightFile, "utf8"));
  passed += p.stats.expected + p.stats.flaky;
  failed += p.stats.unexpected + (p.errors?.length ?? 0);
  skipped += p.stats.skipped;
} else {
  console.error(`no Playwright report at ${playwrightFile}`);
  failed += 1;
}

console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);
