"""A printer that could not be set up: every job fails, saying why.

Used when ``[printer]`` names something that cannot be made (an ESC/POS
printer without its address, say): the kiosk still runs, each receipt goes to
the encrypted reprint list with the reason (never to a plain file), and
``kiosk doctor`` names the key to fix.
"""

from __future__ import annotations

from printing.backends.base import PrinterInfo, PrinterState, PrinterStatus, PrintOutcome, failed


class UnavailableBackend:
    name = "unavailable"

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def printers(self) -> list[PrinterInfo]:
        return []

    def state(self) -> PrinterState:
        return PrinterState(PrinterStatus.MISSING, reasons=(self.reason,))

    def print_pdf(self, pdf: bytes, title: str, copies: int = 1) -> PrintOutcome:
        return failed(PrinterStatus.MISSING, self.reason)
