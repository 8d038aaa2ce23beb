#!/usr/bin/env bash
# PostgreSQL's server and Redis from Debian's packages, for the queue-mode test and bench
# (test/workflows/queue-cluster.ts starts its own private instances; no service is started here).
# Installs only what is missing; needs root (or passwordless sudo) the first time.
set -euo pipefail
. "$(dirname "$0")/apt-install.sh"
missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing+=(postgresql)
apt_install install-services "${missing[@]}"
