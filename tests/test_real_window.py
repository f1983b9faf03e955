"""The kiosk opens a real X11 window (xcb platform) on a virtual screen (Xvfb).

Offscreen tests prove the widgets; this proves the window system path that a
Linux cultural-house PC takes: Qt's xcb plugin and its system libraries.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from services import service_missing

ROOT = Path(__file__).resolve().parents[1]

@pytest.fixture
def x_display() -> Iterator[str]:
    if shutil.which("Xvfb") is None:
        service_missing("needs Xvfb (apt-get install xvfb xauth; `make test` installs it)")
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()
    try:
        assert number.isdigit(), "Xvfb did not report a display number"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_kiosk_paints_its_welcome_screen_in_a_real_x_window(
    x_display: str, tmp_path: Path
) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "KIOSK_CONFIG")}
    env.update(DISPLAY=x_display, KIOSK_HOME=str(tmp_path / "home"), PYTHONIOENCODING="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "kiosk", "run", "--demo", "--smoke"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert re.fullmatch(r"startup_ms=\d+\n", run.stdout), run.stdout
    assert "Could not load the Qt platform plugin" not in run.stderr


GRAB_SCREEN = """
import sys, time
from PySide6.QtWidgets import QApplication
app = QApplication([])
screen = app.primaryScreen()
size = screen.geometry()
deadline = time.monotonic() + 60
while time.monotonic() < deadline:
    image = screen.grabWindow(0).toImage()
    corners = [image.pixelColor(x, y).name() for x, y in
               ((2, 2), (size.width() - 3, 2), (2, size.height() - 3),
                (size.width() - 3, size.height() - 3))]
    if all(c != "#000000" for c in corners):
        print("covered", size.width(), size.height(), corners)
        sys.exit(0)
    time.sleep(0.5)
print("not covered", corners)
sys.exit(1)
"""


def test_full_screen_without_a_window_manager_covers_the_whole_screen(
    x_display: str, tmp_path: Path
) -> None:
    """A bare X session (no window manager) must still get the kiosk full screen:
    a small window there clips its buttons' labels. Xvfb's empty screen is black."""
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "KIOSK_CONFIG")}
    env.update(DISPLAY=x_display, KIOSK_HOME=str(tmp_path / "home"), PYTHONIOENCODING="utf-8")
    kiosk = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "run", "--demo"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    try:
        grab = subprocess.run(
            [sys.executable, "-c", GRAB_SCREEN], env=env, capture_output=True, text=True,
            timeout=120,
        )
        assert grab.returncode == 0, grab.stdout + grab.stderr
    finally:
        kiosk.terminate()
        kiosk.wait(timeout=30)
