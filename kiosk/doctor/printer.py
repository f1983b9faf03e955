"""``kiosk doctor`` checks for printing: the kiosk's own font, the printer and its state.

The Qt backend cannot be checked from the command line (no GUI here), so with
``backend = "qt"`` the check looks at CUPS on Linux instead and says so.
Qt-free; runs on the caller's thread.
"""

from __future__ import annotations

import sys
from dataclasses import replace

from kiosk.core.errors import KioskError
from kiosk.core.paths import DataDir
from kiosk.doctor.base import CheckResult, DoctorInputs, Status
from printing import fonts
from printing.backends import cups
from printing.backends.base import PrinterStatus
from printing.service import make_backend

HINTS = {
    PrinterStatus.MISSING: "connect and switch on the printer; set [printer] name to one that "
                           "`kiosk printers` lists, or backend = \"pdf-folder\"",
    PrinterStatus.OFFLINE: "switch the printer on and check its cable; on Linux: cupsenable NAME",
    PrinterStatus.OUT_OF_PAPER: "load paper, then reprint from the volunteer's reprint list",
    PrinterStatus.JAMMED: "clear the paper jam",
    PrinterStatus.ERROR: "look at the printer's panel (cover, toner)",
}


def check_receipt_font(given: DoctorInputs) -> CheckResult:
    try:
        found = fonts.check_fonts()
    except fonts.FontNotFound as exc:
        return CheckResult("receipt font", Status.FAIL, str(exc),
                           "reinstall the kiosk: its own font files are missing or damaged")
    return CheckResult("receipt font", Status.OK, f"{found}, shipped with the kiosk")


def check_printer(given: DoctorInputs) -> CheckResult:
    section = given.config.printer
    note = ""
    if section.backend == "qt":
        if sys.platform == "win32" or not cups.available():
            return CheckResult("printer", Status.WARN, "backend qt: checked from the kiosk's "
                               "volunteer screen, not from here", "run kiosk print --test")
        section, note = replace(section, backend="cups"), " (via CUPS)"
    try:
        receipts = DataDir(given.home).receipts
    except KioskError as exc:  # the data folder check says the same, with its hint
        return CheckResult("printer", Status.FAIL, str(exc), "fix the data folder first")
    try:
        backend = make_backend(section, receipts, fallback_to_folder=False)
        state = backend.state()
    except KioskError as exc:
        return CheckResult("printer", Status.FAIL, str(exc), "fix [printer] in the configuration")
    detail = (f"{backend.name}{note}: {state.printer or '-'} {state.status.value}"
              + (f" ({', '.join(state.reasons)})" if state.reasons else ""))
    if state.status.can_print:
        status = Status.WARN if backend.name == "pdf-folder" else Status.OK
        hint = "no printer found: receipts are saved as PDF files" if status is Status.WARN else ""
        return CheckResult("printer", status, detail, hint)
    # A demo (no configuration) may run without a printer: its receipts are saved as PDF.
    status = Status.WARN if given.config.demo and state.status is PrinterStatus.MISSING \
        else Status.FAIL
    return CheckResult("printer", status, detail, HINTS.get(state.status, ""))
