#!/usr/bin/env bash
# Chromium and a Chinese font from Debian's packages, for the editor test (test/editor/) and its
# screenshots. Installs only what is missing; needs root (or passwordless sudo) the first time.
# Prints the browser's path on stdout.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO="sudo -n"
	echo "[install-chromium] installing ${missing[*]} from Debian's packages" >&2
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -qq >&2
	$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
/usr/bin/chromium --version >&2
echo /usr/bin/chromium
