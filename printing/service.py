"""PrintService: print a receipt, keep the ones that failed, reprint on request.

The service picks its backend from ``[printer]`` (:func:`make_backend`),
renders the receipt (PDF for system printers and the PDF folder, a raster
picture for ESC/POS printers), and returns a :class:`PrintOutcome` whose
``message`` the resident reads. A receipt that does not print is kept,
encrypted, in the reprint list; the service never reprints that list by
itself (cheap printers that say "done" with no paper would later print a
backlog of duplicates): a volunteer reprints one item at a time.

:meth:`PrintService.print_replacing` prints a receipt that replaces one kept
in the list (the application's queued receipt, once the portal gave it its
code: the application's ``kiosk.receipts`` words that receipt).

Blocking: call it off the GUI thread (``ui.background.run_in_background``).
One lock serialises jobs, so two taps never interleave on the printer.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from kiosk.core.errors import BadInput, KioskError
from printing import render
from printing.backends import cups
from printing.backends.auto import AutoBackend
from printing.backends.base import (
    PrinterBackend,
    PrinterState,
    PrinterStatus,
    PrintOutcome,
    RasterPrinter,
    failed,
)
from printing.backends.pdf_folder import PdfFolderBackend, safe_stem
from printing.layout import Document, receipt_document, test_page_document
from printing.receipt import Receipt
from printing.reprints import Cipher, ReprintItem, ReprintStore
from printing.settings import PrinterSettings

log = logging.getLogger(__name__)


class PrintService:
    def __init__(self, backend: PrinterBackend, *, receipts: Path, cipher: Cipher,
                 paper: str = "a4", two_copies: bool = False, retention_days: int = 30) -> None:
        render.paper_spec(paper)  # a wrong paper fails now, naming the choices
        self.backend = backend
        self.paper = paper
        self.two_copies = two_copies and paper == "a4"
        self.receipts = receipts
        self.reprints = ReprintStore(receipts / "reprint", cipher)
        self._lock = threading.RLock()  # a whole reprint (read, print, remove) is one step
        purged = self.reprints.purge(retention_days)
        if purged:
            log.info("reprint list: forgot %d receipts older than %d days", purged, retention_days)

    # -- printing ---------------------------------------------------------
    def print_receipt(self, receipt: Receipt) -> PrintOutcome:
        """Print once; a receipt not done (the printer failed, or no printer was found and it
        was only saved as a file) is kept in the reprint list for a volunteer (never retried
        alone)."""
        outcome = self._print(receipt)
        log.info("receipt %s: %s (%s)", _ref(receipt), outcome.status.value, outcome.detail)
        if self._done(outcome):
            return outcome
        reason = PrinterStatus.MISSING if outcome.ok else outcome.status  # a file: no printer
        item = self.reprints.add(receipt, reason)
        return _with_reprint(outcome, item.id)

    def print_test_page(self) -> PrintOutcome:
        with self._lock:
            return print_test_page(self.backend, self.paper)

    def state(self) -> PrinterState:
        return self.backend.state()

    # -- the reprint list (volunteers) --------------------------------------
    def reprint_list(self) -> list[ReprintItem]:
        return self.reprints.items()

    def reprint(self, item_id: str) -> PrintOutcome:
        """Print one kept receipt again; it leaves the list only once it is on paper."""
        with self._lock:  # two quick taps: the second finds the item gone
            item = self.reprints.get(item_id)
            if item is None:
                return failed(PrinterStatus.ERROR, f"no reprint item {item_id}")
            outcome = self._print(item.receipt)
            log.info("reprint %s: %s", item_id, outcome.status.value)
            if self._done(outcome):
                self.reprints.remove(item_id)
        return _with_reprint(outcome, None if self._done(outcome) else item_id)

    def _done(self, outcome: PrintOutcome) -> bool:
        """On paper, or saved where the technician asked (``backend = "pdf-folder"``); a
        file saved only because no printer was found is not done."""
        return outcome.on_paper or (outcome.ok and isinstance(self.backend, PdfFolderBackend))

    def discard(self, item_id: str) -> bool:
        return self.reprints.remove(item_id)

    def print_replacing(self, receipt: Receipt) -> PrintOutcome:
        """Print a receipt that replaces any kept one of the same application (not doubled)."""
        with self._lock:
            for item in self.reprints.items():
                if item.receipt.local_ref == receipt.local_ref:
                    self.reprints.remove(item.id)
            return self.print_receipt(receipt)

    # -- files --------------------------------------------------------------
    def save_pdf(self, receipt: Receipt, folder: Path | None = None) -> Path:
        """Write the receipt as PDF (``KIOSK_HOME/receipts`` by default); returns the file."""
        target = folder or self.receipts
        target.mkdir(parents=True, exist_ok=True)
        path = target / f"{safe_stem(_title(receipt))}.pdf"
        path.write_bytes(self.render(receipt))
        return path

    def render(self, receipt: Receipt) -> bytes:
        return render.render_pdf(receipt, self.paper, two_copies=self.two_copies)

    # -- internals ----------------------------------------------------------
    def _print(self, receipt: Receipt) -> PrintOutcome:
        return self._send(receipt_document(receipt), _title(receipt), copies=1, receipt=receipt)

    def _send(self, document: Document, title: str, copies: int,
              receipt: Receipt | None = None) -> PrintOutcome:
        with self._lock:
            try:
                if isinstance(self.backend, RasterPrinter):
                    from printing.raster import render_image

                    image = render_image(document, self.backend.dots)
                    return self.backend.print_image(image, title, copies)
                if receipt is not None:
                    pdf = self.render(receipt)
                else:
                    pdf = render.render_documents([document], self.paper)
                return self.backend.print_pdf(pdf, title, copies)
            except KioskError as exc:
                return failed(PrinterStatus.ERROR, str(exc))
            except Exception as exc:  # noqa: BLE001 - a resident never sees a traceback
                log.exception("printing failed")
                return failed(PrinterStatus.ERROR, f"{type(exc).__name__}")


def print_test_page(backend: PrinterBackend, paper: str) -> PrintOutcome:
    """``kiosk print --test``: a page with Vietnamese letters and a QR code."""
    document = test_page_document(backend.state().printer, paper)
    if isinstance(backend, RasterPrinter):
        from printing.raster import render_image

        return backend.print_image(render_image(document, backend.dots), "Kiosk test page")
    return backend.print_pdf(render.render_documents([document], paper), "Kiosk test page")


def _title(receipt: Receipt) -> str:
    """The job title: a reference, never a name (titles show up in spooler logs)."""
    return f"Bien nhan {_ref(receipt)}"


def _ref(receipt: Receipt) -> str:
    return receipt.code or receipt.local_ref


def _with_reprint(outcome: PrintOutcome, reprint_id: str | None) -> PrintOutcome:
    return PrintOutcome(outcome.status, outcome.detail, outcome.job_id, outcome.saved_to,
                        reprint_id)


def make_backend(printer: PrinterSettings, receipts: Path,
                 gui_backend: PrinterBackend | None = None,
                 fallback_to_folder: bool = True) -> PrinterBackend:
    """The backend ``[printer] backend`` asks for. ``gui_backend``: Qt's, when a GUI runs.

    ``auto``: the ESC/POS printer when one is configured, else (at each job) CUPS's
    printers where CUPS runs, then Qt's system printers (Windows); with neither, the PDF folder when
    ``fallback_to_folder`` (demo, training, the command line), else "missing" so the
    service keeps the receipt encrypted for a volunteer.
    """
    kind = printer.backend
    folder = PdfFolderBackend(Path(printer.folder) if printer.folder else receipts / "printed")
    if kind == "escpos" or (kind == "auto" and printer.escpos):
        return _escpos(printer)
    if kind == "qt":
        if gui_backend is None:
            raise BadInput("[printer] backend = \"qt\" needs the GUI (kiosk run)")
        return gui_backend
    if kind == "cups":
        return cups.CupsBackend(printer.name)
    if kind == "pdf-folder":
        return folder
    # CUPS first where it runs: it reads the state reasons (media-empty...) that Qt hides.
    candidates: list[PrinterBackend] = [cups.CupsBackend(printer.name)] if cups.available() else []
    if gui_backend is not None:
        candidates.append(gui_backend)
    return AutoBackend(candidates, folder if fallback_to_folder else None)


def _escpos(printer: PrinterSettings) -> PrinterBackend:
    from printing.backends.escpos import EscposBackend, connect

    if not printer.escpos:
        raise BadInput("[printer] backend = \"escpos\" needs [printer] escpos, "
                       "e.g. \"usb:0x0416:0x5011\"")
    dots = 384 if printer.paper == "58mm" else 576
    return EscposBackend(connect(printer.escpos), dots=dots, label=printer.escpos)
