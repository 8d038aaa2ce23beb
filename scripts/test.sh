#!/usr/bin/env bash
# Runs every test: builds the package, installs the pinned n8n (cached outside the repository),
# then runs the unit tests and the workflow tests that drive a real n8n against the simulators.
# Ends with one line: "tests: N passed, N failed" (the totals of every suite run).
set -uo pipefail
cd "$(dirname "$0")/.."
summary_file="${TEST_SUMMARY_FILE:-.test-summary}"
rm -f "$summary_file" .jest-results.json
export npm_config_yes=true npm_config_audit=false npm_config_fund=false

# A fresh clone: install the dev dependencies first (install scripts skipped, see .ci/run).
[ -x node_modules/.bin/jest ] || npm install --ignore-scripts --no-audit --no-fund || { echo "tests: 0 passed, 1 failed" | tee "$summary_file"; exit 1; }

npm run build >/tmp/cn-messaging-build.log 2>&1 || { cat /tmp/cn-messaging-build.log; echo "tests: 0 passed, 1 failed" | tee "$summary_file"; exit 1; }
bash scripts/install-n8n.sh >/dev/null || { echo "tests: 0 passed, 1 failed" | tee "$summary_file"; exit 1; }

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
