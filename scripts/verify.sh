#!/usr/bin/env bash
# npm run verify – the check before every commit: format, lint, types, unit tests. The type check runs
# beside the others (it waits on one core while they use the other), so the whole stays under a minute.
set -uo pipefail
cd "$(dirname "$0")/.."
npx tsc --noEmit > /tmp/um-verify-tsc.$$ 2>&1 &
tsc=$!
status=0
npx prettier --check --cache --log-level warn . || status=1
npx eslint --cache --cache-location node_modules/.cache/eslint/ . || status=1
npx vitest run --project unit || status=1
if ! wait "$tsc"; then status=1; fi
cat /tmp/um-verify-tsc.$$; rm -f /tmp/um-verify-tsc.$$
[ "$status" -eq 0 ] && echo "verify: format, lint, types and unit tests pass" || echo "verify: FAILED"
exit "$status"
