#!/usr/bin/env bash
# npm test – everything the README promises: types, lint, build, Vitest (unit + integration over
# real HTTP against PostgreSQL and PGlite), Playwright in Chromium, then the fault-injection tests.
# Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
mkdir -p test-results
rm -f test-results/vitest.json test-results/playwright.json test-results/faults.json

step() { printf '\n== %s\n' "$*"; }
status=0

step "typecheck" && npx tsc --noEmit || status=1
step "lint" && npx eslint . || status=1
step "format" && npx prettier --check --cache . || status=1
step "build" && npm run build || { echo "build failed: nothing to test against"; echo "0 passed, 1 failed"; exit 1; }

step "vitest"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json || status=1

step "playwright"
E2E_DATABASE_URL="$(node scripts/throwaway-db.mjs create um_e2e)" || { echo "cannot create the e2e database"; status=1; }
export E2E_DATABASE_URL
PLAYWRIGHT_JSON_OUTPUT_NAME=test-results/playwright.json npx playwright test --reporter=list,json || status=1
[ -n "${E2E_DATABASE_URL:-}" ] && node scripts/throwaway-db.mjs drop "$E2E_DATABASE_URL" >/dev/null 2>&1

# Last, alone: these stop and start the machine's PostgreSQL and kill server processes.
step "faults"
npx vitest run -c vitest.faults.config.ts --reporter=default --reporter=json --outputFile.json=test-results/faults.json || status=1

step "summary"
node scripts/test-summary.mjs vitest:test-results/vitest.json playwright:test-results/playwright.json vitest:test-results/faults.json || status=1
exit $status
