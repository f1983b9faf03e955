"""``[printer] backend = "auto"``: whichever system printer is there when a receipt prints.

Tries its candidates in order at each job (CUPS where it runs, since it reads
the printer's state reasons; then Qt's system printers, e.g. on Windows), so a
printer plugged in after start-up is used without a restart. With none, the job fails as "missing" (the service then keeps the
receipt, encrypted, for a volunteer), unless a fallback is given: the PDF
folder, used for demo and training kiosks, whose data is fictional.
Runs on the print service's worker thread.
"""

from __future__ import annotations

from printing.backends.base import (
    PrinterBackend,
    PrinterInfo,
    PrinterState,
    PrinterStatus,
    PrintOutcome,
    failed,
)


class AutoBackend:
    name = "auto"

    def __init__(self, candidates: list[PrinterBackend],
                 fallback: PrinterBackend | None = None) -> None:
        self.candidates = candidates
        self.fallback = fallback

    def current(self) -> PrinterBackend | None:
        """The first candidate that has a printer now, else the fallback (or None)."""
        for backend in self.candidates:
            if backend.state().status is not PrinterStatus.MISSING:
                return backend
        return self.fallback

    def printers(self) -> list[PrinterInfo]:
        found = [p for backend in self.candidates for p in backend.printers()]
        if not found and self.fallback is not None:
            found = self.fallback.printers()
        return found

    def state(self) -> PrinterState:
        backend = self.current()
        if backend is None:
            return PrinterState(PrinterStatus.MISSING, "", ("no-printer",))
        return backend.state()

    def print_pdf(self, pdf: bytes, title: str, copies: int = 1) -> PrintOutcome:
        backend = self.current()
        if backend is None:
            tried = ", ".join(b.name for b in self.candidates) or "none"
            return failed(PrinterStatus.MISSING, f"auto: no printer (tried {tried})")
        return backend.print_pdf(pdf, title, copies)
