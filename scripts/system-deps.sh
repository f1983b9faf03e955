#!/usr/bin/env bash
# Install the Debian packages listed in the given files when they are missing.
# As root on Debian/Ubuntu: installs them with apt-get. Otherwise: prints the
# exact command to run and exits 0 (the Python parts still install).
# Usage: scripts/system-deps.sh scripts/apt-runtime.txt [scripts/apt-test.txt ...]
set -euo pipefail

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "system-deps: not a Debian-like system; install Qt's system libraries, CUPS and a font with Vietnamese coverage by hand (see README)." >&2
    exit 0
fi

wanted=$(grep -hv '^\s*#' "$@" | awk 'NF {print $1}' | sort -u)
missing=()
for pkg in $wanted; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

cmd="apt-get install -y --no-install-recommends ${missing[*]}"
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "system-deps: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # Refresh the package lists at most once per hour: a fresh machine has none.
    stamp=/var/lib/apt/periodic/kiosk-update-stamp
    if [[ ! -f $stamp ]] || [[ -n $(find "$stamp" -mmin +60 2>/dev/null) ]]; then
        apt-get -o DPkg::Lock::Timeout=300 update -qq
        mkdir -p "$(dirname "$stamp")" && touch "$stamp"
    fi
    apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
    echo "system-deps: these system packages are missing; please run:" >&2
    echo "    sudo $cmd" >&2
fi
