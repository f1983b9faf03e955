"""Helpers for the tests of the kiosk's files (no tests here): a really read-only folder.

:func:`readonly_dir` (a fixture; import it into a test module) is an empty folder no
process of this user can write: as root (which ignores permission bits) a read-only
tmpfs mounted on it, else a folder chmod 0500. It skips only where neither works
(root without the right to mount; Windows, whose folders ignore the mode bits).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


def _mount_readonly(folder: Path) -> bool:
    mount, umount = shutil.which("mount"), shutil.which("umount")
    if mount is None or umount is None:
        return False
    done = subprocess.run([mount, "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(folder)],
                          capture_output=True, timeout=30, check=False)
    return done.returncode == 0


@pytest.fixture
def readonly_dir(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "readonly"
    folder.mkdir()
    if os.name != "posix":
        pytest.skip("a folder's mode bits do not make it read-only on Windows")
    if os.geteuid() == 0:
        if not _mount_readonly(folder):
            pytest.skip("running as root, and `mount -t tmpfs -o ro` is not allowed here")
        try:
            yield folder
        finally:
            subprocess.run(["umount", str(folder)], capture_output=True, timeout=30,
                           check=False)
        return
    folder.chmod(0o500)
    try:
        yield folder
    finally:
        folder.chmod(0o700)


def assert_readonly(folder: Path) -> None:
    """The fixture's folder really cannot be written (the test would prove nothing)."""
    with pytest.raises(OSError):
        (folder / "probe").write_bytes(b"x")
