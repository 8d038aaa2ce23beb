#!/usr/bin/env bash
# Runs every test: builds the package, installs the pinned n8n 2.x and the newest n8n 1.x (cached
# outside the repository) and Chromium, then runs the unit tests, the workflow tests that drive a
# real n8n against the simulators, and the editor test in the browser.
# Ends with one line: "tests: N passed, N failed" (the totals of every suite run).
set -uo pipefail
cd "$(dirname "$0")/.."
summary_file="${TEST_SUMMARY_FILE:-.test-summary}"
rm -f "$summary_file" .jest-results.json
export npm_config_yes=true npm_config_audit=false npm_config_fund=false

# A fresh clone: install the dev dependencies first (install scripts skipped, see .ci/run).
[ -x node_modules/.bin/jest ] || npm install --ignore-scripts --no-audit --no-fund || { echo "tests: 0 passed, 1 failed" | tee "$summary_file"; exit 1; }

npm run build >/tmp/cn-messaging-build.log 2>&1 || { cat /tmp/cn-messaging-build.log; echo "tests: 0 passed, 1 failed" | tee "$summary_file"; exit 1; }
# The pinned n8n 2.x and the newest 1.x (the compatibility suite runs on both), installed side by side.
bash scripts/install-n8n.sh >/dev/null & pinned=$!
N8N_VERSION=1 bash scripts/install-n8n.sh >/dev/null & v1=$!
wait "$pinned" && wait "$v1" || { echo "tests: 0 passed, 1 failed" | tee "$summary_file"; exit 1; }
# From Debian's packages, when missing (root or passwordless sudo): PostgreSQL's server and Redis for the
# queue-mode test, Chromium for the editor test (test/editor/). Those tests fail with a clear message without them.
bash scripts/install-services.sh || echo "PostgreSQL or Redis is missing and could not be installed (scripts/install-services.sh needs root): the queue-mode test will fail" >&2
bash scripts/install-chromium.sh >/dev/null || echo "Chromium is missing and could not be installed (scripts/install-chromium.sh needs root): the editor test will fail" >&2

npx jest --ci --json --outputFile=.jest-results.json "$@"
status=$?
if [ -f .jest-results.json ]; then
	line=$(node -e 'const r=require("./.jest-results.json");const failedSuites=r.testResults.filter(t=>t.status==="failed"&&t.assertionResults.length===0).length;console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests+failedSuites} failed`)')
else
	line="tests: 0 passed, 1 failed"
fi
echo "$line" | tee "$summary_file"
if [ "$status" -eq 0 ] && [ "${line#tests: 0 passed}" != "$line" ]; then
	echo "no test ran" >&2
	exit 1
fi
exit "$status"
