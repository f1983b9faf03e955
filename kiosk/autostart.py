"""Start the kiosk when the PC's user logs in, supervised (``kiosk install-autostart``).

* Linux: a systemd **user** unit ``~/.config/systemd/user/kiosk.service`` that
  runs ``kiosk run --supervise`` in the graphical session, restarted by systemd
  if the supervisor itself dies (not when it gave up, exit 3, or the
  configuration is wrong, exit 2: a loop would hide the problem), then enabled
  with ``systemctl --user`` where that works (else the command is printed).
* Windows: ``kiosk.cmd`` in the user's Startup folder running the same command
  without a console window of its own (``start "" /min``).

The command is the running interpreter (or the packaged executable), so a
virtual environment or a PyInstaller folder is used as installed. Pure text
functions (:func:`systemd_unit`, :func:`startup_script`) are tested on every
platform; the file is written owner-only.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.errors import OperationFailed
from kiosk.core.paths import write_private
from kiosk.core.process import kiosk_argv

UNIT_NAME = "kiosk.service"
SCRIPT_NAME = "kiosk.cmd"


@dataclass(frozen=True)
class Installed:
    path: Path
    enabled: bool  # systemd enabled it (Linux); the Startup folder needs nothing more
    next_step: str  # what the technician does next, in one line ("" when nothing)


def run_argv(config: Path | None) -> list[str]:
    """``kiosk run --supervise [--config F]`` as this installation runs it."""
    return kiosk_argv("run", "--supervise", *(["--config", str(config)] if config else []))


def _systemd_quote(arg: str) -> str:
    """One ExecStart word: double-quoted, backslash and quote escaped, % doubled."""
    escaped = arg.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%")
    return f'"{escaped}"'


def systemd_unit(argv: list[str], home: Path | None = None) -> str:
    lines = [
        "[Unit]",
        "Description=Cultural-house public-service kiosk (kiosk run --supervise)",
        "After=graphical-session.target",
        "PartOf=graphical-session.target",
        "",
        "[Service]",
        "Type=simple",
        "ExecStart=" + " ".join(_systemd_quote(a) for a in argv),
        "Restart=on-failure",
        "RestartSec=5",
        "RestartPreventExitStatus=2 3",
    ]
    if home is not None:
        lines.append("Environment=" + _systemd_quote(f"KIOSK_HOME={home}"))
    lines += ["", "[Install]", "WantedBy=graphical-session.target", ""]
    return "\n".join(lines)


def _cmd_quote(arg: str) -> str:
    return '"' + arg.replace('"', '""') + '"'


def startup_script(argv: list[str], home: Path | None = None) -> str:
    lines = ["@echo off", "rem The cultural-house kiosk, started at log-in (kiosk install-autostart)."]
    if home is not None:
        lines.append(f'set "KIOSK_HOME={home}"')
    lines.append('start "" /min ' + " ".join(_cmd_quote(a) for a in argv))
    return "\r\n".join(lines) + "\r\n"


def unit_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "systemd" / "user" / UNIT_NAME


def startup_path() -> Path:
    appdata = os.environ.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
    return (Path(appdata) / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "Startup"
            / SCRIPT_NAME)


def _write_private(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_private(path, text.encode("utf-8"))
    except OSError as exc:
        raise OperationFailed(f"{path}: cannot write ({exc.strerror or exc})") from None


def install(config: Path | None, home: Path | None = None) -> Installed:
    argv = run_argv(config)
    if sys.platform == "win32":
        path = startup_path()
        _write_private(path, startup_script(argv, home))
        return Installed(path, True, "")
    path = unit_path()
    _write_private(path, systemd_unit(argv, home))
    enable = ["systemctl", "--user", "enable", UNIT_NAME]
    enabled = _systemctl(["systemctl", "--user", "daemon-reload"]) and _systemctl(enable)
    return Installed(path, enabled, "" if enabled else "enable it in the kiosk user's session: "
                     + " ".join(enable))


def uninstall() -> Path | None:
    """Remove the unit or the script; the path removed, None when there was none."""
    path = startup_path() if sys.platform == "win32" else unit_path()
    if not path.exists():
        return None
    if sys.platform != "win32":
        _systemctl(["systemctl", "--user", "disable", UNIT_NAME])
    try:
        path.unlink()
    except OSError as exc:
        raise OperationFailed(f"{path}: cannot remove ({exc.strerror or exc})") from None
    return path


def _systemctl(argv: list[str]) -> bool:
    """True when systemctl ran and succeeded (no user manager here: False, no error)."""
    if shutil.which(argv[0]) is None:
        return False
    try:
        return subprocess.run(argv, capture_output=True, timeout=30, check=False).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False
