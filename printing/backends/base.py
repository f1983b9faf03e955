"""The one small interface every printer backend implements, and its outcomes.

A backend lists the printers it sees, reports the state of the one it uses
(:class:`PrinterState`, with the system's reasons such as CUPS's
``media-empty``), and prints a PDF (:meth:`PrinterBackend.print_pdf`).
Thermal printers that print pictures rather than PDF also implement
:class:`RasterPrinter`. Backends are called off the GUI thread (by
:class:`printing.service.PrintService`); they never touch widgets.

Every failure carries a :class:`~kiosk.core.text.Text` the resident can understand
and a ``detail`` for the technician (no personal data in either).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from kiosk.core.text import Text

if TYPE_CHECKING:
    from PIL.Image import Image


class PrinterStatus(StrEnum):
    READY = "ready"
    BUSY = "busy"  # printing something else; a job will wait its turn
    MISSING = "missing"  # no such printer / not connected
    OFFLINE = "offline"
    OUT_OF_PAPER = "out_of_paper"
    JAMMED = "jammed"
    ERROR = "error"  # anything else the printer reports

    @property
    def can_print(self) -> bool:
        return self in (PrinterStatus.READY, PrinterStatus.BUSY)


MESSAGES: dict[PrinterStatus, Text] = {
    PrinterStatus.READY: Text("Đã in biên nhận. Bác nhớ cầm theo giấy nhé.",
                              "Your receipt has been printed. Please take it with you."),
    PrinterStatus.BUSY: Text("Máy in đang in, bác chờ một chút.",
                             "The printer is busy; please wait a moment."),
    PrinterStatus.MISSING: Text(
        "Không tìm thấy máy in – bác nhờ tình nguyện viên hỗ trợ. Hồ sơ của bác vẫn được lưu.",
        "No printer was found – please ask a volunteer for help. Your application is saved."),
    PrinterStatus.OFFLINE: Text(
        "Máy in chưa bật hoặc chưa kết nối – bác nhờ tình nguyện viên hỗ trợ. "
        "Hồ sơ của bác vẫn được lưu.",
        "The printer is off or not connected – please ask a volunteer for help. "
        "Your application is saved."),
    PrinterStatus.OUT_OF_PAPER: Text(
        "Máy in đang hết giấy – bác nhờ tình nguyện viên hỗ trợ. Hồ sơ của bác vẫn được lưu.",
        "The printer is out of paper – please ask a volunteer for help. "
        "Your application is saved."),
    PrinterStatus.JAMMED: Text(
        "Máy in đang bị kẹt giấy – bác nhờ tình nguyện viên hỗ trợ. Hồ sơ của bác vẫn được lưu.",
        "The paper is jammed in the printer – please ask a volunteer for help. "
        "Your application is saved."),
    PrinterStatus.ERROR: Text(
        "Máy in đang gặp sự cố – bác nhờ tình nguyện viên hỗ trợ. Hồ sơ của bác vẫn được lưu.",
        "The printer has a problem – please ask a volunteer for help. "
        "Your application is saved."),
}


SAVED = Text("Đã lưu biên nhận. Tình nguyện viên sẽ in giúp bác.",
             "The receipt was saved. A volunteer will print it for you.")
SAVED_FILE = Text(
    "Biên nhận đã được lưu thành tệp trên máy, không in ra giấy. Bác cần bản giấy thì nhờ "
    "tình nguyện viên.",
    "The receipt was saved as a file on this kiosk, not printed. For a paper copy, ask a "
    "volunteer.")


@dataclass(frozen=True)
class PrinterState:
    status: PrinterStatus
    printer: str = ""
    reasons: tuple[str, ...] = ()  # the system's words, e.g. ("media-empty-error",)

    @property
    def message(self) -> Text:
        return MESSAGES[self.status]


@dataclass(frozen=True)
class PrinterInfo:
    name: str
    description: str = ""
    default: bool = False
    state: PrinterState | None = None


@dataclass(frozen=True)
class PrintOutcome:
    """What happened to one print job."""

    status: PrinterStatus
    detail: str = ""  # for the technician and the log: no personal data
    job_id: str | None = None
    saved_to: str | None = None  # pdf-folder: where the file went
    reprint_id: str | None = field(default=None, compare=False)  # set when kept for reprint

    @property
    def ok(self) -> bool:
        return self.status.can_print

    @property
    def on_paper(self) -> bool:
        """Printed on paper (a receipt saved as a file is not in anyone's hand)."""
        return self.ok and self.saved_to is None

    @property
    def message(self) -> Text:
        """What the resident reads. A saved file is not paper in hand: kept in the
        volunteers' reprint list (no printer was found) "a volunteer will print it" is
        true; saved where the technician chose (``pdf-folder``) it says just that."""
        if self.ok and self.saved_to:
            return SAVED if self.reprint_id else SAVED_FILE
        return MESSAGES[self.status]


def failed(status: PrinterStatus, detail: str) -> PrintOutcome:
    return PrintOutcome(status=status, detail=detail)


@runtime_checkable
class PrinterBackend(Protocol):
    """A way to print: the system's spooler, a thermal printer, a folder."""

    name: str  # "cups", "escpos", "pdf-folder", "qt"

    def printers(self) -> list[PrinterInfo]: ...

    def state(self) -> PrinterState: ...

    def print_pdf(self, pdf: bytes, title: str, copies: int = 1) -> PrintOutcome: ...


@runtime_checkable
class RasterPrinter(Protocol):
    """A backend that prints pictures (thermal printers): ``dots`` wide."""

    dots: int

    def print_image(self, image: Image, title: str, copies: int = 1) -> PrintOutcome: ...
