#!/usr/bin/env bash
# make demo: the kiosk in demo mode in a window, or how to see it without a display.
set -euo pipefail
if [[ -n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}" ]]; then
    exec .venv/bin/kiosk run --demo --windowed
fi
cat <<'MSG'
There is no display here (no DISPLAY or WAYLAND_DISPLAY), so no window can open.
To see the kiosk anyway:
  * in a virtual screen:  xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/kiosk run --demo
    (apt-get install xvfb xauth; take a screenshot with: import -window root shot.png)
  * as pictures of every screen:  make tour   (PNGs in ./tour/)
MSG
