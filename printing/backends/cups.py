"""CUPS on Linux through its own command-line clients (``lp``, ``lpstat``, ``lpoptions``).

No shell: every call is an argument list with a timeout. The printer's state
comes from its IPP attributes as ``lpoptions -p NAME`` prints them
(``printer-state``, ``printer-state-reasons`` such as ``media-empty-error``,
``media-jam-error``, ``offline-report``, ``printer-is-accepting-jobs``).
A job is only sent when the printer says it can print, and is followed for a
few seconds: if the printer stops while the job waits, the job is cancelled.
A backlog queued on a printer without paper would come out later as duplicate
receipts (volunteers reprint from the kiosk's own list instead).
Runs on a worker thread (the print service's), never the GUI thread.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import time
from dataclasses import dataclass

from printing.backends.base import (
    PrinterInfo,
    PrinterState,
    PrinterStatus,
    PrintOutcome,
    failed,
)

TIMEOUT_S = 10.0
_REASONS = (  # reason prefix → status, most serious first
    ("media-jam", PrinterStatus.JAMMED),
    ("media-empty", PrinterStatus.OUT_OF_PAPER),
    ("media-needed", PrinterStatus.OUT_OF_PAPER),
    ("offline", PrinterStatus.OFFLINE),
    ("shutdown", PrinterStatus.OFFLINE),
    ("paused", PrinterStatus.OFFLINE),
    ("cover-open", PrinterStatus.ERROR),
    ("door-open", PrinterStatus.ERROR),
    ("input-tray-missing", PrinterStatus.ERROR),
    ("marker-supply-empty", PrinterStatus.ERROR),
    ("toner-empty", PrinterStatus.ERROR),
)
_JOB_ID = re.compile(r"request id is (\S+)")


@dataclass(frozen=True)
class _Run:
    ok: bool
    out: str
    err: str


def state_from_attributes(printer: str, attributes: dict[str, str]) -> PrinterState:
    """Map CUPS/IPP printer attributes to a :class:`PrinterState` (pure, testable)."""
    reasons = tuple(r for r in attributes.get("printer-state-reasons", "none").split(",")
                    if r and r != "none")
    for prefix, status in _REASONS:
        if any(r.startswith(prefix) and not r.endswith("-warning") for r in reasons):
            return PrinterState(status, printer, reasons)
    if attributes.get("printer-state") == "5" or attributes.get(
            "printer-is-accepting-jobs", "true") == "false":
        return PrinterState(PrinterStatus.OFFLINE, printer, reasons or ("stopped",))
    if any(r.endswith("-error") for r in reasons):
        return PrinterState(PrinterStatus.ERROR, printer, reasons)
    busy = attributes.get("printer-state") == "4"
    return PrinterState(PrinterStatus.BUSY if busy else PrinterStatus.READY, printer, reasons)


def parse_options(text: str) -> dict[str, str]:
    """``lpoptions -p`` output (``key=value`` words, shell-quoted) as a dict."""
    attributes: dict[str, str] = {}
    for word in shlex.split(text):
        key, _, value = word.partition("=")
        attributes[key] = value
    return attributes


class CupsBackend:
    """Print through the local CUPS scheduler to ``printer`` (empty: the default)."""

    name = "cups"

    def __init__(self, printer: str = "", watch_s: float = 3.0) -> None:
        self.printer = printer
        self.watch_s = watch_s

    def printers(self) -> list[PrinterInfo]:
        names = self.names()
        default = self._default() if names else None
        return [PrinterInfo(n, "CUPS", n == default, self._state_of(n)) for n in names]

    def names(self) -> list[str]:
        """The queues CUPS has (empty when CUPS does not answer)."""
        listing = _run(["lpstat", "-e"])
        return [line.strip() for line in listing.out.splitlines()
                if line.strip()] if listing.ok else []

    def state(self) -> PrinterState:
        name = self.resolve()
        if name is None:
            return PrinterState(PrinterStatus.MISSING, self.printer, ("no-printer",))
        return self._state_of(name)

    def print_pdf(self, pdf: bytes, title: str, copies: int = 1) -> PrintOutcome:
        state = self.state()
        if not state.status.can_print:
            detail = f"cups {state.printer or '-'}: {','.join(state.reasons)}"
            if "unknown-printer" in state.reasons:  # say what the name could have been
                detail += f"; the printers here: {', '.join(self.names()) or 'none'}"
            return failed(state.status, detail)
        args = ["lp", "-d", state.printer, "-t", title, "-n", str(max(copies, 1)), "-"]
        run = _run(args, stdin=pdf)
        if not run.ok:
            return failed(PrinterStatus.ERROR, f"cups lp failed: {run.err.strip()[:200]}")
        match = _JOB_ID.search(run.out)
        if match is None:
            return PrintOutcome(state.status, f"cups {state.printer}")
        return self.watch(match.group(1), state.printer)

    def watch(self, job_id: str, printer: str) -> PrintOutcome:
        """Follow a job for up to ``watch_s``: if the printer stops (no paper, jam, offline)
        while the job waits, cancel it so it cannot come out later as a duplicate."""
        deadline = time.monotonic() + self.watch_s
        while True:
            queue = _run(["lpstat", "-o", printer])
            if queue.ok and job_id not in (line.split()[0] for line in queue.out.splitlines()
                                           if line.strip()):
                return PrintOutcome(PrinterStatus.READY, f"cups {printer}: done", job_id=job_id)
            state = self._state_of(printer)
            if not state.status.can_print:
                _run(["cancel", job_id])
                return failed(state.status, f"cups {printer}: {','.join(state.reasons)}; "
                                            f"job {job_id} cancelled")
            if time.monotonic() >= deadline:
                return PrintOutcome(state.status, f"cups {printer}: printing", job_id=job_id)
            time.sleep(0.1)

    def resolve(self) -> str | None:
        """The printer to use: the configured one, else the default, else the only one."""
        if self.printer:
            return self.printer
        default = self._default()
        if default:
            return default
        names = self.names()
        return names[0] if len(names) == 1 else None

    def _default(self) -> str | None:
        run = _run(["lpstat", "-d"])
        _, sep, name = run.out.partition(":")
        return (name.strip() or None) if run.ok and sep else None

    def _state_of(self, name: str) -> PrinterState:
        exists = _run(["lpstat", "-p", name])  # lpoptions answers even for unknown names
        run = _run(["lpoptions", "-p", name]) if exists.ok else exists
        if not run.ok:
            reason = "unknown-printer" if "nvalid" in run.err else "cups-unreachable"
            return PrinterState(PrinterStatus.MISSING, name, (reason,))
        return state_from_attributes(name, parse_options(run.out))


def available() -> bool:
    """Whether CUPS's command-line clients are installed here."""
    return all(shutil.which(tool) for tool in ("lp", "lpstat", "lpoptions"))


def _run(args: list[str], stdin: bytes | None = None) -> _Run:
    exe = shutil.which(args[0])
    if exe is None:
        return _Run(False, "", f"{args[0]} not installed (apt-get install cups-client)")
    try:
        done = subprocess.run([exe, *args[1:]], input=stdin, capture_output=True,
                              timeout=TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return _Run(False, "", f"{args[0]}: {exc}")
    out = done.stdout.decode("utf-8", "replace")
    err = done.stderr.decode("utf-8", "replace")
    return _Run(done.returncode == 0, out, err)
