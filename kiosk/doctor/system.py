"""``kiosk doctor`` checks of the machine itself: the configuration, the data folder, the disk."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from kiosk.core.errors import KioskError
from kiosk.core.paths import DataDir
from kiosk.doctor.base import CheckResult, DoctorInputs, Status

LOW_DISK_FAIL_BYTES = 100 * 1024 * 1024
LOW_DISK_WARN_BYTES = 1024 * 1024 * 1024


def check_configuration(given: DoctorInputs) -> CheckResult:
    if given.config_error:
        return CheckResult(
            "configuration", Status.FAIL, given.config_error, "fix the file and key named"
        )
    if given.config_file is None:
        return CheckResult(
            "configuration",
            Status.WARN,
            "no configuration file: demo settings",
            "write one with `kiosk config init --out kiosk.toml` and set KIOSK_CONFIG",
        )
    return CheckResult("configuration", Status.OK, f"{given.config_file}: ok")


def check_data_folder(given: DoctorInputs) -> CheckResult:
    try:
        DataDir(given.home).ensure()  # made (private on POSIX) and written to
    except KioskError as exc:
        return CheckResult(
            "data folder",
            Status.FAIL,
            str(exc),
            "set KIOSK_HOME to a folder this user can write, or fix its permissions",
        )
    private = " (this user only)" if os.name == "posix" else ""
    return CheckResult("data folder", Status.OK, f"{given.home}: writable{private}")


def check_disk_space(given: DoctorInputs) -> CheckResult:
    try:
        free = shutil.disk_usage(_existing(given.home)).free
    except OSError as exc:
        return CheckResult("disk space", Status.FAIL, f"{given.home}: {exc.strerror}")
    text = f"{free / 1024**3:.1f} GB free on the data folder's disk"
    hint = "free space on this disk: applications cannot be saved on a full disk"
    if free < LOW_DISK_FAIL_BYTES:
        return CheckResult("disk space", Status.FAIL, text, hint)
    if free < LOW_DISK_WARN_BYTES:
        return CheckResult("disk space", Status.WARN, text, hint)
    return CheckResult("disk space", Status.OK, text)


def _existing(path: Path) -> Path:
    while not path.exists() and path.parent != path:
        path = path.parent
    return path


def check_autostart(_given: DoctorInputs) -> CheckResult:
    """The kiosk starts, supervised, when the PC's user logs in (``install-autostart``)."""
    import sys

    from kiosk.autostart import startup_path, unit_path

    path = startup_path() if sys.platform == "win32" else unit_path()
    if path.is_file():
        supervised = "--supervise" in path.read_text(encoding="utf-8", errors="replace")
        if supervised:
            return CheckResult("autostart", Status.OK, f"{path} (supervised)")
        return CheckResult("autostart", Status.WARN, f"{path} does not supervise the kiosk",
                           "run: kiosk install-autostart")
    return CheckResult("autostart", Status.WARN, "the kiosk does not start by itself at log-in",
                       "run: kiosk install-autostart")
