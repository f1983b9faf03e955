"""The supervisor restarts a crashing kiosk with growing pauses, stops when it is closed
or misconfigured, and gives up after repeated crashes; a supervised kiosk's crash page."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from kiosk.supervisor import (
    BAD_INPUT_EXIT,
    GAVE_UP,
    GAVE_UP_EXIT,
    GIVE_UP_AFTER,
    RESTART_EXIT,
    SUPERVISED,
    Policy,
    supervise,
)

ROOT = Path(__file__).resolve().parents[1]
# A real child process: counts its starts in a file, notes how it was started
# (KIOSK_SUPERVISED), and exits with the code listed for that start (the last one
# for every later start).
CHILD = """
import os, sys
from pathlib import Path
count = Path(sys.argv[1]); codes = [int(c) for c in sys.argv[2].split(",")]
n = int(count.read_text()) if count.exists() else 0
count.write_text(str(n + 1))
with open(sys.argv[1] + ".marks", "a") as marks:
    marks.write(os.environ.get("KIOSK_SUPERVISED", "-") + "\\n")
sys.exit(codes[min(n, len(codes) - 1)])
"""


def marks(tmp_path: Path) -> list[str]:
    return (tmp_path / "starts.marks").read_text().split()


class Clock:
    def __init__(self) -> None:
        self.now = 0.0
        self.pauses: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.pauses.append(seconds)
        self.now += seconds


def child(tmp_path: Path, codes: str) -> list[str]:
    return [sys.executable, "-c", CHILD, str(tmp_path / "starts"), codes]


def starts(tmp_path: Path) -> int:
    return int((tmp_path / "starts").read_text())


def test_a_crashing_kiosk_is_restarted_until_it_closes(tmp_path: Path) -> None:
    clock = Clock()
    code = supervise(child(tmp_path, f"1,{RESTART_EXIT},0"), sleep=clock.sleep, clock=clock)
    assert code == 0 and starts(tmp_path) == 3 and clock.pauses == [1.0, 2.0]
    assert marks(tmp_path) == ["1", "1", "1"]


def test_repeated_crashes_within_minutes_make_it_give_up(tmp_path: Path) -> None:
    clock = Clock()
    code = supervise(child(tmp_path, "1"), sleep=clock.sleep, clock=clock)
    assert code == GAVE_UP_EXIT and starts(tmp_path) == GIVE_UP_AFTER + 1
    assert clock.pauses == [1.0, 2.0, 4.0, 8.0]
    # The last start shows only the trouble page: the screen is never left empty.
    assert marks(tmp_path) == ["1"] * GIVE_UP_AFTER + [GAVE_UP]


def test_crashes_far_apart_never_add_up(tmp_path: Path) -> None:
    clock = Clock()
    policy = Policy(give_up_after=3, window_s=60.0, pauses_s=(100.0,))
    code = supervise(child(tmp_path, "1,1,1,1,1,0"), policy=policy, sleep=clock.sleep,
                     clock=clock)
    assert code == 0 and starts(tmp_path) == 6  # each crash 100 s after the last


def test_a_bad_configuration_is_not_restarted(tmp_path: Path) -> None:
    code = supervise(child(tmp_path, str(BAD_INPUT_EXIT)), sleep=lambda _s: None)
    assert code == BAD_INPUT_EXIT and starts(tmp_path) == 1


def test_kiosk_run_supervise_stops_on_a_bad_configuration(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_HOME": str(tmp_path / "h")}
    env.pop(SUPERVISED, None)
    done = subprocess.run([sys.executable, "-m", "kiosk", "run", "--supervise", "--config",
                           str(tmp_path / "missing.toml")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == BAD_INPUT_EXIT, done.stderr
    assert "missing.toml" in done.stderr and "Traceback" not in done.stderr


def test_a_supervised_kiosk_shows_the_restart_page_then_asks_for_a_restart(
        qtbot: Any, kiosk_window: Any) -> None:
    from ui import crash

    window = kiosk_window()
    exits: list[int] = []
    crash.reset()
    try:
        page = crash.restart_after_crash(exit_app=exits.append, delay_ms=50)
        assert page is not None and page.isVisible()
        texts = [label.text() for label in page.findChildren(type(window.frame.place))]
        assert crash.RESTARTING("vi") in texts
        assert crash.restart_after_crash(exit_app=exits.append, delay_ms=50) is None  # once
        qtbot.waitUntil(lambda: exits == [RESTART_EXIT], timeout=2000)
    finally:
        crash.reset()
