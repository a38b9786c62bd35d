#!/usr/bin/env bash
# The whole test suite, exactly as CI runs it: static checks, then the unit + ui, integration, fuzz
# and end-to-end tiers. Prints one closing line `N passed, N failed` (summed over the tiers; each
# static check counts as one test) and exits non-zero when anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

report_dir="$(mktemp -d)"
trap 'rm -rf "$report_dir"' EXIT
check_passed=0
check_failed=0

run_check() {
  local name="$1"
  shift
  echo "::: $name"
  if "$@"; then check_passed=$((check_passed + 1)); else
    check_failed=$((check_failed + 1))
    echo "::: $name FAILED"
  fi
}

run_tier() {
  local name="$1"
  shift
  echo "::: tests: $name"
  ${NETNS_PREFIX:-} npx vitest run "$@" --reporter=default --reporter=json --outputFile.json="$report_dir/$name.json" ||
    echo "::: tests: $name had failures"
  # A tier that crashed before writing its report counts as one failure, never as silence.
  [ -s "$report_dir/$name.json" ] || echo '{"numPassedTests":0,"numFailedTests":1,"numPendingTests":0}' >"$report_dir/$name.json"
}

run_check typecheck npm run --silent typecheck
run_check lint npx eslint --max-warnings 0 .
run_check format npx prettier --check . --log-level warn
run_check build:renderer npx vite build --logLevel warn

run_tier unit --project unit --project ui
run_tier integration --project integration
# Generated hostile requests (fixed seed, FUZZ_SEED / FUZZ_RUNS override): prints a FUZZ SUMMARY line.
run_tier fuzz --project fuzz
if [ "${SKIP_E2E:-}" = "1" ]; then echo "::: tests: e2e skipped (SKIP_E2E=1)"; else
  run_tier e2e --project e2e
  # Kamailio, rtpengine, sipp and Chromium in a private network namespace with only loopback.
  NETNS_PREFIX="bash scripts/inNetns.sh" run_tier sip --project sip
fi

node -e '
const fs = require("fs"), path = require("path");
const dir = process.argv[1];
let passed = Number(process.argv[2]), failed = Number(process.argv[3]), skipped = 0;
for (const f of fs.readdirSync(dir)) {
  const r = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"));
  passed += r.numPassedTests ?? 0;
  failed += (r.numFailedTests ?? 0) + (r.success === false && !r.numFailedTests ? 1 : 0);
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
}
console.log(`${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ""));
process.exit(failed > 0 ? 1 : 0);
' "$report_dir" "$check_passed" "$check_failed"
