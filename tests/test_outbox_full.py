"""A full disk during submit or sync says the disk is full: a real, tiny tmpfs as KIOSK_HOME."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from outbox_helpers import cli_env, enqueue_many, example_answers, kiosk, write_json


@pytest.fixture
def tiny_home(tmp_path: Path) -> Iterator[Path]:
    home = tmp_path / "home"
    home.mkdir()
    if os.name != "posix" or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root and `mount -t tmpfs` to make a real 1 MB disk")
    run = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(home)],
                         capture_output=True)
    if run.returncode != 0:
        pytest.skip(f"mount -t tmpfs failed: {run.stderr.decode(errors='replace')}")
    try:
        yield home
    finally:
        subprocess.run(["umount", "-l", str(home)], capture_output=True)


def _fill(home: Path) -> None:
    """Take every byte left on the disk."""
    with (home / "filler").open("wb", buffering=0) as filler:
        try:
            while True:
                filler.write(b"\0" * 4096)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC


def test_submit_and_sync_on_a_full_disk_say_so(tiny_home: Path, sandbox_process) -> None:  # type: ignore[no-untyped-def]
    env = cli_env(tiny_home.parent)
    refs = enqueue_many(env, 3)
    answers = write_json(tiny_home.parent / "answers.json", example_answers())
    _fill(tiny_home)
    submit = kiosk(env, "submit", "--procedure", "1.001193", "--answers", str(answers),
                   "--no-send", "--again")
    assert submit.returncode == 1 and "Traceback" not in submit.stderr
    assert "the disk is full" in submit.stderr, submit.stderr
    sync = kiosk(env, "outbox", "sync", "--portal", sandbox_process.url)
    assert sync.returncode == 1 and "Traceback" not in sync.stderr
    assert "the disk is full" in sync.stderr, sync.stderr
    listing = kiosk(env, "outbox", "list", "--json")
    assert "Traceback" not in listing.stderr
    if listing.returncode == 0:  # reading may still work on a full disk
        assert [r["ref"] for r in json.loads(listing.stdout)] == refs[::-1]
    else:
        assert "the disk is full" in listing.stderr
    (tiny_home / "filler").unlink()
    sync = kiosk(env, "outbox", "sync", "--until-empty", "--timeout", "60",
                 "--portal", sandbox_process.url)
    assert sync.returncode == 0 and sync.stdout.startswith("sent 3,"), sync.stdout + sync.stderr
