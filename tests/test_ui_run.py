"""``kiosk run``: the smoke start, and a clear message where there is no display."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def kiosk(args: list[str], env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**env, "KIOSK_HOME": str(tmp_path / "home"), "PYTHONIOENCODING": "utf-8"}
    env.pop("KIOSK_CONFIG", None)
    return subprocess.run([sys.executable, "-m", "kiosk", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_smoke_prints_startup_ms_after_the_first_paint(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run = kiosk(["run", "--smoke"], env, tmp_path)
    assert run.returncode == 0, run.stderr
    match = re.fullmatch(r"startup_ms=(\d+)\n", run.stdout)
    assert match, run.stdout
    assert int(match.group(1)) > 0
    assert "Traceback" not in run.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland check is Linux's")
def test_no_display_gives_a_message_not_an_abort(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    run = kiosk(["run", "--demo"], env, tmp_path)
    assert run.returncode == 1
    assert "no display" in run.stderr and "xvfb-run" in run.stderr
    assert "Traceback" not in run.stderr and "Aborted" not in run.stderr


def test_bad_configuration_exits_2_naming_the_file(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text("[kiosk]\nidle_timeout_s = 'soon'\n", encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run = kiosk(["run", "--smoke", "--config", str(config)], env, tmp_path)
    assert run.returncode == 2
    assert str(config) in run.stderr and "kiosk.idle_timeout_s" in run.stderr
