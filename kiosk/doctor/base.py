"""What every ``kiosk doctor`` check shares: its inputs, its result, ok / warn / fail. Qt-free."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path

from kiosk import config as config_file
from kiosk.config import Config
from kiosk.core.errors import KioskError


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
