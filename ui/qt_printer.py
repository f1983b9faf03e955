"""The system printers through Qt (QtPrintSupport + QPdfDocument): Windows and Linux alike.

Implements :class:`printing.backends.base.PrinterBackend`: printers come from
``QPrinterInfo``; a job loads the receipt PDF into a ``QPdfDocument`` and
paints each page, rendered at about 300 dpi (not ``HighResolution``: that
would be a 500 MB image per A4 page), onto a ``QPrinter``. Qt reports little
about a printer's state (idle / active / aborted / error), so out-of-paper is
only seen here when the platform reports an error state; on Linux the CUPS
backend reads the real reasons.

Threads: :meth:`QtPrinterBackend.print_pdf` is blocking and runs on a worker
of ``ui.background`` (QPrinter and QPdfDocument paint into images, never
widgets, so this is allowed off the GUI thread). The core never imports this
module; ``ui.commands.run.attach_printing`` wires it in.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, QSize
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from printing.backends.base import (
    PrinterInfo,
    PrinterState,
    PrinterStatus,
    PrintOutcome,
    failed,
)

log = logging.getLogger(__name__)
DPI = 300
_STATES = {
    QPrinter.PrinterState.Idle: PrinterStatus.READY,
    QPrinter.PrinterState.Active: PrinterStatus.BUSY,
    QPrinter.PrinterState.Aborted: PrinterStatus.OFFLINE,
    QPrinter.PrinterState.Error: PrinterStatus.ERROR,
}


class QtPrinterBackend:
    """Print to the system printer ``name`` (empty: the system's default printer)."""

    name = "qt"

    def __init__(self, printer: str = "") -> None:
        self.printer = printer

    def printers(self) -> list[PrinterInfo]:
        default = QPrinterInfo.defaultPrinterName()
        return [
            PrinterInfo(info.printerName(), info.description() or info.makeAndModel(),
                        info.printerName() == default, _state(info))
            for info in QPrinterInfo.availablePrinters()
        ]

    def info(self) -> QPrinterInfo | None:
        if self.printer:
            info = QPrinterInfo.printerInfo(self.printer)
        else:
            info = QPrinterInfo.defaultPrinter()
            if info.isNull() and len(QPrinterInfo.availablePrinters()) == 1:
                info = QPrinterInfo.availablePrinters()[0]
        return None if info.isNull() else info

    def state(self) -> PrinterState:
        info = self.info()
        if info is None:
            return PrinterState(PrinterStatus.MISSING, self.printer, ("no-printer",))
        return _state(info)

    def print_pdf(self, pdf: bytes, title: str, copies: int = 1) -> PrintOutcome:
        info = self.info()
        if info is None:
            return failed(PrinterStatus.MISSING, f"qt: no printer {self.printer!r}")
        state = _state(info)
        if not state.status.can_print:
            return failed(state.status, f"qt {state.printer}: {','.join(state.reasons)}")
        return print_pdf_to(QPrinter(info, QPrinter.PrinterMode.ScreenResolution), pdf, title,
                            copies, state.printer)


def _state(info: QPrinterInfo) -> PrinterState:
    status = _STATES.get(info.state(), PrinterStatus.ERROR)
    return PrinterState(status, info.printerName(), (info.state().name.lower(),))


def print_pdf_to(printer: QPrinter, pdf: bytes, title: str, copies: int,
                 label: str) -> PrintOutcome:
    """Paint every page of ``pdf`` onto ``printer`` (also used with a PDF-file QPrinter)."""
    data = QByteArray(pdf)
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() == 0:
        return failed(PrinterStatus.ERROR, f"qt: receipt PDF not readable ({document.error()})")
    printer.setDocName(title)
    printer.setCopyCount(max(copies, 1))
    printer.setResolution(DPI)
    _match_page(printer, document)
    painter = QPainter()
    if not painter.begin(printer):
        return failed(PrinterStatus.OFFLINE, f"qt {label}: the printer did not open")
    try:
        for index in range(document.pageCount()):
            if index:
                printer.newPage()
            _paint_page(painter, printer, document, index)
    finally:
        painter.end()
        document.close()
    if printer.printerState() == QPrinter.PrinterState.Error:
        return failed(PrinterStatus.ERROR, f"qt {label}: error after printing")
    return PrintOutcome(PrinterStatus.READY, f"qt {label}")


def _match_page(printer: QPrinter, document: QPdfDocument) -> None:
    size = document.pagePointSize(0)  # points
    page = QPageSize(size, QPageSize.Unit.Point, "receipt", QPageSize.SizeMatchPolicy.FuzzyMatch)
    printer.setPageLayout(QPageLayout(page, QPageLayout.Orientation.Portrait, QMarginsF()))
    printer.setFullPage(True)


def _paint_page(painter: QPainter, printer: QPrinter, document: QPdfDocument, index: int) -> None:
    points = document.pagePointSize(index)
    pixels = QSize(round(points.width() * DPI / 72), round(points.height() * DPI / 72))
    image = document.render(index, pixels)
    target = QRectF(printer.pageRect(QPrinter.Unit.DevicePixel))
    scale = min(target.width() / image.width(), target.height() / image.height())
    width, height = image.width() * scale, image.height() * scale
    painter.drawImage(QRectF(QPointF(target.x() + (target.width() - width) / 2, target.y()),
                             QSize(round(width), round(height)).toSizeF()), image)
