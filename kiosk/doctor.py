"""Deployment checks for ``kiosk doctor``: each ok / warn / fail with a hint. Qt-free.

A check is a function ``(DoctorInputs) -> CheckResult | list[CheckResult]``
added with :func:`register`. Other areas contribute checks from their own
module, listed in :data:`PLUGIN_MODULES` and imported lazily when present
(``printing.doctor`` registers the printer check there), so this module
never imports them. A check that raises becomes a ``fail`` naming the
exception, never a traceback.
"""

from __future__ import annotations

import importlib
import logging
import shutil
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path

from kiosk import config as config_file
from kiosk.config import Config
from kiosk.core.errors import KioskError

log = logging.getLogger(__name__)

# The keyring/outbox/portal checks, then other areas' checks (loaded lazily, if present).
PLUGIN_MODULES = ("kiosk.doctor_checks", "printing.doctor")
LOW_DISK_FAIL_BYTES = 100 * 1024 * 1024
LOW_DISK_WARN_BYTES = 1024 * 1024 * 1024


class Status(StrEnum):
    OK = "ok"
    WARN = "warn"
    FAIL = "fail"


@dataclass(frozen=True)
class CheckResult:
    name: str
    status: Status
    detail: str
    hint: str = ""

    def as_json(self) -> dict[str, str]:
        data = asdict(self)
        data["status"] = self.status.value
        return data


@dataclass(frozen=True)
class DoctorInputs:
    """What the checks look at: the configuration (or why it failed) and the data folder."""

    config: Config
    config_error: str | None
    config_file: Path | None
    home: Path


Check = Callable[[DoctorInputs], "CheckResult | list[CheckResult]"]
CHECKS: list[Check] = []


def register(check: Check) -> Check:
    """Add a check (usable as a decorator); checks run in the order registered."""
    if check not in CHECKS:
        CHECKS.append(check)
    return check


def inputs(config_arg: str | None, portal_arg: str | None, home: Path) -> DoctorInputs:
    path = config_file.config_path(config_arg)
    error = None
    try:
        config = config_file.load(path)
    except KioskError as exc:
        config, error = Config(), str(exc)
    if portal_arg:
        config = config.with_portal_url(portal_arg)
    return DoctorInputs(config, error, path, home)


def run_checks(given: DoctorInputs) -> list[CheckResult]:
    _load_plugins()
    results: list[CheckResult] = []
    for check in list(CHECKS):
        try:
            found = check(given)
        except Exception as exc:  # noqa: BLE001 - a broken check is a failed check
            log.exception("doctor check %s crashed", getattr(check, "__name__", check))
            found = CheckResult(
                getattr(check, "__name__", "check").removeprefix("check_"),
                Status.FAIL,
                f"the check itself failed: {type(exc).__name__}: {exc}",
            )
        results.extend(found if isinstance(found, list) else [found])
    return results


def _load_plugins() -> None:
    for name in PLUGIN_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name is None or not name.startswith(exc.name):
                raise


@register
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


@register
def check_data_folder(given: DoctorInputs) -> CheckResult:
    probe = given.home / f".doctor-{uuid.uuid4().hex}"
    try:
        given.home.mkdir(parents=True, exist_ok=True)
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError as exc:
        return CheckResult(
            "data folder",
            Status.FAIL,
            f"{given.home}: not writable ({exc.strerror})",
            "set KIOSK_HOME to a folder this user can write, or fix its permissions",
        )
    return CheckResult("data folder", Status.OK, f"{given.home}: writable")


@register
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
