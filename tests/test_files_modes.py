"""On a shared PC the kiosk's files are its user's alone: the data folder and its
subfolders 0700, files 0600 (POSIX; Windows profile folders are closed by their ACLs)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from outbox_helpers import cli_env, example_answers, kiosk, write_json

posix_only = pytest.mark.skipif(os.name != "posix", reason="Windows: the profile's ACLs")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _open_to_others(root: Path) -> list[str]:
    found = [root, *root.rglob("*")]
    return [f"{oct(_mode(p))} {p.relative_to(root.parent)}" for p in found
            if _mode(p) & 0o077 and not p.is_symlink()]


def test_submit_leaves_nothing_readable_by_others(tmp_path: Path) -> None:
    env = cli_env(tmp_path)
    home = Path(env["KIOSK_HOME"])
    answers = write_json(tmp_path / "a.json", example_answers())
    run = kiosk(env, "submit", "--procedure", "1.001193", "--answers", str(answers), "--no-send")
    assert run.returncode == 0, run.stderr
    assert (home / "outbox.sqlite3").is_file() and (home / "logs" / "kiosk.log").is_file()
    if os.name == "posix":
        assert _open_to_others(home) == []
        assert _mode(home) == 0o700 and _mode(home / "outbox.sqlite3") == 0o600
        assert _mode(home / "logs") == 0o700 and _mode(home / "logs" / "kiosk.log") == 0o600


@posix_only
def test_an_existing_open_data_folder_is_closed(tmp_path: Path) -> None:
    env = cli_env(tmp_path)
    home = Path(env["KIOSK_HOME"])
    (home / "logs").mkdir(parents=True)
    home.chmod(0o755)
    (home / "logs").chmod(0o755)
    run = kiosk(env, "outbox", "list")
    assert run.returncode == 0, run.stderr
    assert _mode(home) == 0o700 and _mode(home / "logs") == 0o700


def test_config_init_writes_a_private_file(tmp_path: Path) -> None:
    env = cli_env(tmp_path)
    out = tmp_path / "kiosk.toml"
    run = kiosk(env, "config", "init", "--out", str(out))
    assert run.returncode == 0, run.stderr
    if os.name == "posix":
        assert _mode(out) == 0o600
        out.chmod(0o644)  # an older file, overwritten: closed too
    again = kiosk(env, "config", "init", "--out", str(out), "--force")
    assert again.returncode == 0, again.stderr
    if os.name == "posix":
        assert _mode(out) == 0o600
    assert kiosk(env, "config", "check", "--config", str(out)).returncode == 0
