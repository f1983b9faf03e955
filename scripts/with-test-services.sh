#!/usr/bin/env bash
# Run a command (the test suite, the benchmarks) with the real services the
# tests use: a CUPS server with a KioskPDF-<pid> virtual printer, a headless
# Secret Service keyring on a private D-Bus session, and a sound server with a
# null output. Each service is started
# only when its programs are installed; tests that need a missing one skip
# with a message saying which package to install.
set -euo pipefail
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
export KIOSK_TEST_SERVICES=1

# CUPS is one machine-wide server, and several test runs may share it at once: each run
# registers its PID under $CUPS_STATE/users; the last run to leave stops the cupsd that a
# run of this script started (by its PID), so no run pulls the server from under another.
CUPS_STATE=/tmp/kiosk-test-cupsd
# Each run prints to its own cups-pdf queue, so concurrent runs (several
# developers' suites on one machine) never see, stop or cancel each other's jobs.
CUPS_QUEUE="KioskPDF-$$"
cups_leave() {
    [[ -d "$CUPS_STATE/users" ]] || return 0
    (
        flock 9
        lpadmin -x "$CUPS_QUEUE" 2>/dev/null || true
        rm -f "$CUPS_STATE/users/$$"
        for user in "$CUPS_STATE"/users/*; do  # forget runs that died without leaving
            [[ -e "$user" ]] && ! kill -0 "${user##*/}" 2>/dev/null && rm -f "$user"
        done
        if [[ -z "$(ls -A "$CUPS_STATE/users")" && -f "$CUPS_STATE/pid" ]]; then
            kill "$(cat "$CUPS_STATE/pid")" 2>/dev/null || true
            rm -f "$CUPS_STATE/pid"
        fi
    ) 9>"$CUPS_STATE/lock"
}
# A private sound server with a null output (this run's own socket): Qt finds a real
# speaker in it, and a test records what read-aloud played from its monitor.
SOUND_DIR=""
SOUND_PID=""
sound_leave() {
    [[ -n "$SOUND_PID" ]] && kill "$SOUND_PID" 2>/dev/null || true
    [[ -n "$SOUND_DIR" ]] && rm -rf "$SOUND_DIR"
    return 0
}
on_exit() { sound_leave; cups_leave; }
trap on_exit EXIT

cups_join() {
    mkdir -p "$CUPS_STATE/users"
    (
        flock 9
        touch "$CUPS_STATE/users/$$"
        if [[ "$(lpstat -r 2>/dev/null)" != "scheduler is running" ]]; then
            /usr/sbin/cupsd -f 9>&- </dev/null >/dev/null 2>&1 &
            echo $! >"$CUPS_STATE/pid"
            for _ in $(seq 50); do
                [[ "$(lpstat -r 2>/dev/null)" == "scheduler is running" ]] && break; sleep 0.1
            done
        fi
        if [[ -f /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd ]]; then
            lpadmin -p "$CUPS_QUEUE" -E -v cups-pdf:/ \
                -P /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd 2>/dev/null
        fi
        cupsenable "$CUPS_QUEUE" 2>/dev/null || true
    ) 9>"$CUPS_STATE/lock"
}

if [[ $(id -u) -eq 0 && -x /usr/sbin/cupsd ]] && command -v lpadmin >/dev/null; then
    export KIOSK_CUPS_PDF_OUT="${KIOSK_CUPS_PDF_OUT:-/tmp/kiosk-cups-pdf}"
    mkdir -p "$KIOSK_CUPS_PDF_OUT" && chmod 1777 "$KIOSK_CUPS_PDF_OUT"
    if [[ -f /etc/cups/cups-pdf.conf ]]; then
        sed -i -E "s|^#?Out .*|Out $KIOSK_CUPS_PDF_OUT|" /etc/cups/cups-pdf.conf
    fi
    cups_join
    export KIOSK_TEST_CUPS_PRINTER="$CUPS_QUEUE"
fi

if command -v pulseaudio >/dev/null && command -v parec >/dev/null; then
    SOUND_DIR=$(mktemp -d)
    chmod 700 "$SOUND_DIR"
    PULSE_RUNTIME_PATH="$SOUND_DIR" HOME="$SOUND_DIR" pulseaudio -n --daemonize=no \
        --exit-idle-time=-1 --use-pid-file=no --disable-shm=yes \
        --load="module-null-sink sink_name=kiosk_test" \
        --load="module-native-protocol-unix socket=$SOUND_DIR/native auth-anonymous=1" \
        </dev/null >"$SOUND_DIR/log" 2>&1 &
    SOUND_PID=$!
    export PULSE_SERVER="unix:$SOUND_DIR/native" KIOSK_TEST_SOUND_SINK=kiosk_test
    for _ in $(seq 50); do [[ -S "$SOUND_DIR/native" ]] && break; sleep 0.1; done
fi

if command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
    # Not exec: the EXIT trap must still run (it may stop the shared cupsd).
    status=0
    # A fresh keyring folder each run: an old login.keyring made with another
    # password would refuse to unlock. Only the daemon sees this XDG_DATA_HOME.
    KIOSK_TEST_KEYRING_HOME=$(mktemp -d)
    export KIOSK_TEST_KEYRING_HOME
    dbus-run-session -- bash -c '
        echo -n kiosk-test | XDG_DATA_HOME="$KIOSK_TEST_KEYRING_HOME" \
            gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null
        export KIOSK_TEST_SECRET_SERVICE=1
        "$@"' bash "$@" || status=$?
    rm -rf "$KIOSK_TEST_KEYRING_HOME"
    exit "$status"
fi
"$@"
