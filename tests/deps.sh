#!/bin/sh
# Install the Debian packages the toolkit and its tests need, when missing.
# Used by make test, make demo and make asan; safe to run again.
set -eu
PKGS="make gcc libc6-dev pkg-config libjansson-dev libpcre2-dev zlib1g-dev
libutf8proc-dev libxxhash-dev bats bats-support bats-assert jq parallel
iso-codes wamerican gzip time libxml2-utils shellcheck cppcheck
clang-format clang libclang-rt-14-dev valgrind hyperfine python3"
missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed'; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0
echo "deps: installing:$missing" >&2
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
$SUDO apt-get update -qq >&2
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >&2
