#!/usr/bin/env bash
# The main job: n8n with this package installed, every platform's simulator running, a credential
# for each simulator and every example workflow imported. Open http://localhost:5678 (first visit:
# create the owner account), open any example workflow and press "Execute workflow".
# Stop with Ctrl+C. N8N_PORT changes the port; DEMO_DIR the n8n data folder (default .n8n-demo/);
# N8N_VERSION=1 runs it on the newest n8n 1.x instead of the pinned 2.x.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PORT="${N8N_PORT:-5678}"
DEMO_DIR="${DEMO_DIR:-$ROOT/.n8n-demo}"
export npm_config_yes=true npm_config_audit=false npm_config_fund=false

[ -d node_modules/@n8n/node-cli ] || npm install --ignore-scripts --no-audit --no-fund
echo "[demo] building the package and the simulators"
npm run build >/dev/null
npm run build:test >/dev/null || true   # the simulators compile even if a test file has a type error
N8N_DIR=$(bash scripts/install-n8n.sh)
N8N=("$N8N_DIR/node/bin/node" "$N8N_DIR/app/node_modules/n8n/bin/n8n")

PKG="$DEMO_DIR/.n8n/nodes/node_modules/n8n-nodes-cn-messaging"
rm -rf "$PKG" && mkdir -p "$PKG"
cp package.json "$PKG/" && cp -r dist "$PKG/"

# n8n's environment as the workflow tests have it (scripts/n8n.env); a variable already set wins.
while IFS='=' read -r key value; do
	[ -n "${!key+x}" ] || export "$key=$value"
done < <(grep -E '^[A-Z][A-Z0-9_]*=' scripts/n8n.env)
# n8n 1.x (N8N_VERSION=1 npm run demo) needs a few differences (scripts/n8n1.env; empty = removed).
case "$("${N8N[0]}" -p "require('$N8N_DIR/app/node_modules/n8n/package.json').version")" in
	1.*) while IFS='=' read -r key value; do if [ -n "$value" ]; then export "$key=$value"; else unset "$key"; fi; done < <(grep -E '^[A-Z][A-Z0-9_]*=' scripts/n8n1.env) ;;
esac
# What belongs to this instance.
export N8N_USER_FOLDER="$DEMO_DIR"
export N8N_ENCRYPTION_KEY="${N8N_ENCRYPTION_KEY:-cn-messaging-demo-key-0123456789}"
export N8N_PORT="$PORT"
export N8N_RUNNERS_BROKER_PORT="${N8N_RUNNERS_BROKER_PORT:-5691}"

CREDS="$DEMO_DIR/demo-credentials.json"
rm -f "$CREDS"
node build-test/test/sim/demo.js --credentials-out "$CREDS" &
SIMS=$!
trap 'kill $SIMS 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 1 100); do [ -f "$CREDS" ] && break; sleep 0.2; done
[ -f "$CREDS" ] || { echo "[demo] the simulators did not start"; exit 1; }

echo "[demo] importing the simulator credentials and the example workflows"
"${N8N[@]}" import:credentials --input="$CREDS" >/dev/null
"${N8N[@]}" import:workflow --separate --input="$ROOT/examples" >/dev/null

echo "[demo] starting n8n on http://localhost:$PORT"
"${N8N[@]}" start
