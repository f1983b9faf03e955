#!/usr/bin/env bash
# Make sure PYTHON can create a virtual environment. Debian's own python3 needs
# the python3-venv package for that (ensurepip); install it as root, else say so.
set -euo pipefail
python=${1:-python3}
if ! command -v "$python" >/dev/null 2>&1; then
    echo "python-venv: $python not found; install Python 3.11 or newer (Debian: apt-get install python3 python3-venv)" >&2
    exit 1
fi
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "python-venv: $("$python" --version 2>&1) is too old; the kiosk needs Python 3.11 or newer (make PYTHON=python3.11 ...)" >&2
    exit 1
fi
"$python" -c 'import ensurepip, venv' 2>/dev/null && exit 0
version=$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "python-venv: installing python${version}-venv"
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq \
        --no-install-recommends "python${version}-venv" >/dev/null
else
    echo "python-venv: $python cannot create virtual environments; please run:" >&2
    echo "    sudo apt-get install python${version}-venv" >&2
    exit 1
fi
