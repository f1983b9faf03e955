"""PrintService: print a receipt, keep the ones that failed, reprint on request.

The service picks its backend from ``[printer]`` (:func:`make_backend`),
renders the receipt (PDF for system printers and the PDF folder, a raster
picture for ESC/POS printers), and returns a :class:`PrintOutcome` whose
``message`` the resident reads. A receipt that does not print is kept,
encrypted, in the reprint list; the service never reprints that list by
itself (cheap printers that say "done" with no paper would later print a
backlog of duplicates): a volunteer reprints one item at a time.

"Reprint with the real code": :meth:`PrintService.reissue` rebuilds the
receipt of an application that was queued when it was printed and has since
been sent, with the portal's application code.

Blocking: call it off the GUI thread (``ui.background.run_in_background``).
One lock serialises jobs, so two taps never interleave on the printer.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.config import KioskSection, PrinterSection
from kiosk.core.errors import BadInput, KioskError
from kiosk.core.text import Text
from kiosk.outbox.refs import normalise
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
from printing.receipt import (
    WATERMARK_DEMO,
    WATERMARK_TRAINING,
    Receipt,
    build_receipt,
    status_url,
)
from printing.reprints import Cipher, ReprintItem, ReprintStore

if TYPE_CHECKING:
    from forms.loader import Catalogue
    from kiosk.outbox.store import Outbox

log = logging.getLogger(__name__)

NOT_FOUND = Text("Không tìm thấy hồ sơ có mã tham chiếu {ref}.",
                 "No application with the reference {ref} was found.")
NOT_SENT = Text("Hồ sơ {ref} chưa gửi được nên chưa có mã hồ sơ. Bác vui lòng thử lại sau.",
                "Application {ref} has not been sent yet, so it has no code. Please try later.")
PURGED = Text("Hồ sơ {ref} đã quá hạn lưu, không in lại được.",
              "Application {ref} is past its retention time and cannot be reprinted.")


class ReissueRefused(BadInput):
    """A reference that cannot be reprinted with its code; ``text`` is for the volunteer."""

    def __init__(self, text: Text, ref: str) -> None:
        self.text = text
        self.ref = ref
        super().__init__(text("vi", ref=ref) + " / " + text("en", ref=ref))


@dataclass
class Issuing:
    """What a rebuilt receipt needs besides the record (all optional for printing alone)."""

    outbox: Outbox | None = None
    catalogue: Catalogue | None = None
    kiosk: KioskSection | None = None
    portal_url: str = ""
    watermark: str | None = None


class PrintService:
    def __init__(self, backend: PrinterBackend, *, receipts: Path, cipher: Cipher,
                 paper: str = "a4", two_copies: bool = False,
                 issuing: Issuing | None = None, retention_days: int = 30) -> None:
        render.paper_spec(paper)  # a wrong paper fails now, naming the choices
        self.backend = backend
        self.paper = paper
        self.two_copies = two_copies and paper == "a4"
        self.receipts = receipts
        self.reprints = ReprintStore(receipts / "reprint", cipher)
        self.issuing = issuing or Issuing()
        self._lock = threading.RLock()  # a whole reprint (read, print, remove) is one step
        purged = self.reprints.purge(retention_days)
        if purged:
            log.info("reprint list: forgot %d receipts older than %d days", purged, retention_days)

    # -- printing ---------------------------------------------------------
    def print_receipt(self, receipt: Receipt) -> PrintOutcome:
        """Print once; on failure keep the receipt in the reprint list (never retried alone)."""
        outcome = self._print(receipt)
        log.info("receipt %s: %s (%s)", _ref(receipt), outcome.status.value, outcome.detail)
        if outcome.ok:
            return outcome
        item = self.reprints.add(receipt, outcome.status)
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
        """Print one kept receipt again; it leaves the list only once it printed."""
        with self._lock:  # two quick taps: the second finds the item gone
            item = self.reprints.get(item_id)
            if item is None:
                return failed(PrinterStatus.ERROR, f"no reprint item {item_id}")
            outcome = self._print(item.receipt)
            log.info("reprint %s: %s", item_id, outcome.status.value)
            if outcome.ok:
                self.reprints.remove(item_id)
        return _with_reprint(outcome, None if outcome.ok else item_id)

    def discard(self, item_id: str) -> bool:
        return self.reprints.remove(item_id)

    def reissue(self, local_ref: str) -> PrintOutcome:
        """Reprint an application's receipt with the code the portal has since given it."""
        receipt = self.receipt_with_code(local_ref)
        with self._lock:
            for item in self.reprints.items():  # the queued receipt is replaced, not doubled
                if item.receipt.local_ref == receipt.local_ref:
                    self.reprints.remove(item.id)
            return self.print_receipt(receipt)

    def receipt_with_code(self, local_ref: str) -> Receipt:
        issuing = self.issuing
        if issuing.outbox is None or issuing.catalogue is None:
            raise BadInput("reprint with code needs the outbox and the catalogue")
        try:
            ref = typed_reference(local_ref)
        except BadInput:
            raise ReissueRefused(NOT_FOUND, local_ref.strip()) from None
        record = issuing.outbox.get(ref)
        if record is None:
            raise ReissueRefused(NOT_FOUND, ref)
        if not record.code:
            raise ReissueRefused(NOT_SENT, ref)
        if record.answers is None:
            raise ReissueRefused(PURGED, ref)
        procedure = issuing.catalogue.get(record.procedure)
        return build_receipt(
            procedure, record.answers, local_ref=record.ref, code=record.code,
            received_at=record.received_at or record.created_at,
            appointment_date=record.appointment_date,
            kiosk=issuing.kiosk or KioskSection(), volunteer=record.volunteer,
            status_url=status_url(issuing.portal_url, record.code),
            watermark=issuing.watermark,
        )

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


def typed_reference(typed: str) -> str:
    """A local reference as typed, or scanned from a queued receipt's QR code (its status
    URL ends in ``/tra-cuu/REF``), in its printed form; :class:`BadInput` if it is none."""
    return normalise(typed.strip().rsplit("/tra-cuu/", 1)[-1])


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


def make_backend(printer: PrinterSection, receipts: Path,
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


def _escpos(printer: PrinterSection) -> PrinterBackend:
    from printing.backends.escpos import EscposBackend, connect

    if not printer.escpos:
        raise BadInput("[printer] backend = \"escpos\" needs [printer] escpos, "
                       "e.g. \"usb:0x0416:0x5011\"")
    dots = 384 if printer.paper == "58mm" else 576
    return EscposBackend(connect(printer.escpos), dots=dots, label=printer.escpos)


def for_context(context: Any, gui_backend: PrinterBackend | None = None) -> PrintService:
    """The print service of a :class:`kiosk.context.AppContext` (demo/training watermark)."""
    config = context.config
    receipts: Path = context.data.receipts
    watermark = (WATERMARK_TRAINING if context.training or config.kiosk.training
                 else WATERMARK_DEMO if context.demo else None)
    fictional = bool(watermark)  # demo and training data may be saved as plain PDF files
    return PrintService(
        make_backend(config.printer, receipts, gui_backend, fallback_to_folder=fictional),
        receipts=receipts, cipher=context.vault, paper=config.printer.paper,
        two_copies=config.printer.two_copies, retention_days=config.outbox.retention_days,
        issuing=Issuing(context.outbox, context.catalogue, config.kiosk, config.portal.url,
                        watermark),
    )
