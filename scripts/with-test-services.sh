#!/usr/bin/env bash
# Run a command (the test suite, the benchmarks) with the real services the
# tests use: a CUPS server with the KioskPDF virtual printer, and a headless
# Secret Service keyring on a private D-Bus session. Each service is started
# only when its programs are installed; tests that need a missing one skip
# with a message saying which package to install.
set -euo pipefail
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
export KIOSK_TEST_SERVICES=1

cleanup() { [[ -n "${CUPSD_PID:-}" ]] && kill "$CUPSD_PID" 2>/dev/null || true; }
trap cleanup EXIT

if [[ $(id -u) -eq 0 && -x /usr/sbin/cupsd ]] && command -v lpadmin >/dev/null; then
    export KIOSK_CUPS_PDF_OUT="${KIOSK_CUPS_PDF_OUT:-/tmp/kiosk-cups-pdf}"
    mkdir -p "$KIOSK_CUPS_PDF_OUT" && chmod 1777 "$KIOSK_CUPS_PDF_OUT"
    if [[ -f /etc/cups/cups-pdf.conf ]]; then
        sed -i -E "s|^#?Out .*|Out $KIOSK_CUPS_PDF_OUT|" /etc/cups/cups-pdf.conf
    fi
    if [[ "$(lpstat -r 2>/dev/null)" != "scheduler is running" ]]; then
        /usr/sbin/cupsd -f & CUPSD_PID=$!
        for _ in $(seq 50); do
            [[ "$(lpstat -r 2>/dev/null)" == "scheduler is running" ]] && break; sleep 0.1
        done
    fi
    if ! lpstat -p KioskPDF >/dev/null 2>&1 && [[ -f /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd ]]; then
        lpadmin -p KioskPDF -E -v cups-pdf:/ -P /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd
    fi
    export KIOSK_TEST_CUPS_PRINTER=KioskPDF
fi

if command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
    # Not exec: the EXIT trap must still stop the cupsd started above.
    status=0
    dbus-run-session -- bash -c '
        echo -n kiosk-test | gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null
        export KIOSK_TEST_SECRET_SERVICE=1
        "$@"' bash "$@" || status=$?
    exit "$status"
fi
"$@"
