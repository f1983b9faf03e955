"""A data folder (``KIOSK_HOME``) that cannot be written: a plain message naming it and
what to do, exit 1, never a traceback or "unable to open database file" alone."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from outbox_helpers import cli_env, example_answers, kiosk, write_json
from test_files_helpers import assert_readonly, readonly_dir

__all__ = ["readonly_dir"]  # the fixture, used by name below

ROOT = Path(__file__).resolve().parents[1]


def _env(tmp_path: Path, home: Path, config: str | None = None) -> dict[str, str]:
    env = cli_env(tmp_path)
    env["KIOSK_HOME"] = str(home)
    env["QT_QPA_PLATFORM"] = "offscreen"
    if config is not None:
        path = tmp_path / "kiosk.toml"
        path.write_text(config, encoding="utf-8")
        env["KIOSK_CONFIG"] = str(path)
    return env


def _says_read_only(run: subprocess.CompletedProcess[str], folder: Path) -> None:
    assert run.returncode == 1, (run.returncode, run.stderr)
    assert "Traceback" not in run.stderr
    assert f"the data folder {folder}" in run.stderr and "read-only" in run.stderr
    assert "KIOSK_HOME" in run.stderr and "permission" in run.stderr


@pytest.mark.parametrize("command", [
    ["outbox", "list"],
    ["outbox", "show", "DEMO01-7K3P-9QCXH"],
    ["print", "--test"],
    ["printers"],
    ["print", "--reprint-list"],
])
def test_commands_name_the_read_only_folder(tmp_path: Path, readonly_dir: Path,
                                            command: list[str]) -> None:
    assert_readonly(readonly_dir)
    env = _env(tmp_path, readonly_dir, '[printer]\nbackend = "cups"\n')
    _says_read_only(kiosk(env, *command), readonly_dir)


def test_submit_names_the_read_only_folder(tmp_path: Path, readonly_dir: Path) -> None:
    answers = write_json(tmp_path / "a.json", example_answers())
    run = kiosk(_env(tmp_path, readonly_dir), "submit", "--procedure", "1.001193",
                "--answers", str(answers), "--no-send")
    _says_read_only(run, readonly_dir)


def test_a_missing_home_inside_a_read_only_folder(tmp_path: Path, readonly_dir: Path) -> None:
    home = readonly_dir / "kiosk"
    _says_read_only(kiosk(_env(tmp_path, home), "outbox", "list"), home)


def test_a_home_that_is_a_file(tmp_path: Path) -> None:
    home = tmp_path / "home-file"
    home.write_text("not a folder", encoding="utf-8")
    run = kiosk(_env(tmp_path, home), "print", "--test")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert f"the data folder {home} is not a folder" in run.stderr


def test_doctor_fails_the_data_folder_check_only(tmp_path: Path, readonly_dir: Path) -> None:
    run = kiosk(_env(tmp_path, readonly_dir), "doctor", "--json")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    checks = {c["name"]: c for c in json.loads(run.stdout)["checks"]}
    assert checks["data folder"]["status"] == "fail"
    assert "read-only" in checks["data folder"]["detail"]
    assert "the check itself failed" not in run.stdout


@pytest.mark.parametrize("config", [None, '[kiosk]\nid = "HN-01"\n'], ids=["demo", "real"])
def test_run_smoke_exits_1_with_the_reason(tmp_path: Path, readonly_dir: Path,
                                           config: str | None) -> None:
    env = _env(tmp_path, readonly_dir, config)
    run = subprocess.run([sys.executable, "-m", "kiosk", "run", "--smoke"], cwd=ROOT, env=env,
                         capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr and "read-only" in run.stderr
    # In demo mode KIOSK_HOME is honoured too: the fictional data would go to KIOSK_HOME/demo.
    assert str(readonly_dir / "demo" if config is None else readonly_dir) in run.stderr


def test_an_unexpected_error_with_no_log_folder_is_one_line(tmp_path: Path,
                                                            readonly_dir: Path) -> None:
    code = ("import sys, forms.loader\n"
            "def boom(*a, **k): raise ZeroDivisionError('x')\n"
            "forms.loader.load_catalogue = boom\n"
            "from kiosk.cli import main\n"
            "sys.exit(main(['forms', 'list']))\n")
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, encoding="utf-8", timeout=60,
                         env={**os.environ, "KIOSK_HOME": str(readonly_dir)})
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    [line] = [ln for ln in run.stderr.splitlines() if ln.startswith("kiosk:")]
    assert "unexpected error (ZeroDivisionError)" in line and "no log was written" in line
    assert "read-only" in line
