"""Every numeric setting has a sane range, checked at load with the file and key named:
a value that passes ``kiosk config check`` can be run with (no Qt timer overflow and
segfault, no date overflow in the outbox, no zero-second probe loop)."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import typing
from pathlib import Path

import pytest
from outbox_helpers import cli_env, example_answers, kiosk, write_json

from kiosk import config

ROOT = Path(__file__).resolve().parents[1]

# (section.key, too low, too high, a good value); floats also get nan, inf and -inf.
TABLE = [
    ("kiosk.idle_timeout_s", "29", "3000000", "90"),
    ("kiosk.idle_warning_s", "0", "86400", "45"),
    ("kiosk.heartbeat_s", "-1", "86401", "600"),
    ("portal.connect_timeout_s", "0", "1e9", "3.5"),
    ("portal.read_timeout_s", "-1", "1e300", "30"),
    ("identity.timeout_s", "0.0", "99999", "15"),
    ("outbox.retention_days", "0", "999999999", "90"),
    ("outbox.probe_interval_s", "0", "1e12", "30"),
    ("outbox.backoff_base_s", "-1", "1e9", "1"),
    ("outbox.backoff_max_s", "-1", "1e18", "600"),
]


def _numeric_keys() -> set[str]:
    keys = set()
    for name in ("kiosk", "portal", "identity", "printer", "outbox"):
        cls = type(getattr(config.Config(), name))
        hints = typing.get_type_hints(cls)
        keys |= {f"{name}.{f.name}" for f in dataclasses.fields(cls)
                 if hints[f.name] in (int, float)}
    return keys


def _is_float(key: str) -> bool:
    section, _, name = key.partition(".")
    return isinstance(getattr(getattr(config.Config(), section), name), float)


def _cases() -> list[tuple[str, str]]:
    cases = []
    for key, low, high, _ in TABLE:
        cases += [(key, low), (key, high)]
        cases += [(key, v) for v in ("nan", "inf", "-inf")] if _is_float(key) else \
            [(key, "1" + "0" * 40), (key, "nan")]  # an int key: huge, and not a whole number
    return cases


def test_every_numeric_setting_has_a_range_and_is_in_this_table() -> None:
    assert {key for key, *_ in config.RANGES} == _numeric_keys()
    assert {key for key, *_ in TABLE} == _numeric_keys()


def _check(tmp_path: Path, key: str, value: str) -> subprocess.CompletedProcess[str]:
    section, _, name = key.partition(".")
    path = tmp_path / "kiosk.toml"
    path.write_text(f"[{section}]\n{name} = {value}\n", encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "kiosk", "config", "check", "--config",
                           str(path)], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", timeout=60,
                          env={**os.environ, "KIOSK_HOME": str(tmp_path / "home")})


@pytest.mark.parametrize(("key", "value"), _cases())
def test_out_of_range_is_refused_naming_file_and_key(tmp_path: Path, key: str,
                                                     value: str) -> None:
    run = _check(tmp_path, key, value)
    assert run.returncode == 2, run.stdout + run.stderr
    assert str(tmp_path / "kiosk.toml") in run.stderr and f"[{key}]" in run.stderr
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize(("key", "good"), [(key, good) for key, _, _, good in TABLE])
def test_a_value_inside_the_range_is_taken(tmp_path: Path, key: str, good: str) -> None:
    run = _check(tmp_path, key, good)
    assert run.returncode == 0, run.stderr


def test_backoff_max_below_backoff_base_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text("[outbox]\nbackoff_base_s = 60\nbackoff_max_s = 10\n", encoding="utf-8")
    with pytest.raises(config.ConfigError, match=r"\[outbox.backoff_max_s\]"):
        config.load(path)


def test_a_huge_idle_timeout_stops_kiosk_run_instead_of_crashing_qt(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text("[kiosk]\nidle_timeout_s = 3000000\n", encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_HOME": str(tmp_path / "h")}
    run = subprocess.run([sys.executable, "-m", "kiosk", "run", "--smoke", "--config",
                          str(path)], cwd=ROOT, env=env, capture_output=True, text=True,
                         encoding="utf-8", timeout=120)
    assert run.returncode == 2, (run.returncode, run.stderr)  # not -11 (SIGSEGV)
    assert "[kiosk.idle_timeout_s]" in run.stderr


def test_a_huge_retention_stops_submit_before_anything_is_saved(tmp_path: Path) -> None:
    env = cli_env(tmp_path)
    path = tmp_path / "kiosk.toml"
    path.write_text("[outbox]\nretention_days = 999999999\n", encoding="utf-8")
    env["KIOSK_CONFIG"] = str(path)
    answers = write_json(tmp_path / "a.json", example_answers())
    run = kiosk(env, "submit", "--procedure", "1.001193", "--answers", str(answers),
                "--no-send")
    assert run.returncode == 2 and "[outbox.retention_days]" in run.stderr
    assert "Traceback" not in run.stderr
    assert not (Path(env["KIOSK_HOME"]) / "outbox.sqlite3").exists()
