#!/usr/bin/env bash
# Benchmarks in a real n8n (see test/bench/bench.ts). `--queue` runs only the n8n queue-mode part;
# BENCH_QUEUE=0 skips it. BENCH_ITEMS, BENCH_ROUNDS, BENCH_TOKEN_ITEMS and BENCH_RATE_ITEMS change the size.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules/@n8n/node-cli ] || npm_config_yes=true npm install --ignore-scripts --no-audit --no-fund
npm run build >/dev/null
npm run build:test >/dev/null || true
bash scripts/install-n8n.sh >/dev/null
CN_MSG_PACKAGE_DIR="$PWD" node build-test/test/bench/bench.js "$@"
