# Sourced by the install scripts: apt_install LABEL PACKAGE... installs the packages from Debian's
# packages (as root, or with passwordless sudo), quietly, without recommends. Nothing when none is given.
apt_install() {
	local label=$1
	shift
	[ $# -gt 0 ] || return 0
	local sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo -n"
	echo "[$label] installing $* from Debian's packages" >&2
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -qq >&2
	$sudo apt-get install -y -qq --no-install-recommends "$@" >&2
}
