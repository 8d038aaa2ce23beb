#!/usr/bin/env bash
# PostgreSQL's server and Redis from Debian's packages, for the queue-mode test and bench
# (test/workflows/queue-cluster.ts starts its own private instances; no service is started here).
# Installs only what is missing; needs root (or passwordless sudo) the first time.
set -euo pipefail
missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO="sudo -n"
	echo "[install-services] installing ${missing[*]} from Debian's packages" >&2
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -qq >&2
	$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
