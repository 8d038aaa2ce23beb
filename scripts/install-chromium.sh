#!/usr/bin/env bash
# Chromium and a Chinese font from Debian's packages, for the editor test (test/editor/) and its
# screenshots. Installs only what is missing; needs root (or passwordless sudo) the first time.
# Prints the browser's path on stdout.
set -euo pipefail
. "$(dirname "$0")/apt-install.sh"
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
apt_install install-chromium "${missing[@]}"
/usr/bin/chromium --version >&2
echo /usr/bin/chromium
