"""pytest-qt: the resident's out-of-paper message and the Qt printer backend.

The volunteers' reprint list is tested on its screen: tests/test_ui_volunteer.py."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from printing_helpers import TrayPrinter, decode_qr, page_sizes, pdf_images

from kiosk.vault import Vault
from printing.sample import sample_receipt
from printing.service import PrintService

pytestmark = pytest.mark.gui
SHOTS = os.environ.get("KIOSK_TEST_SHOTS")  # a folder: save screenshots to look at


def _shot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


@pytest.fixture
def tray() -> TrayPrinter:
    return TrayPrinter(paper=False)


@pytest.fixture
def service(tmp_path: Path, tray: TrayPrinter) -> PrintService:
    return PrintService(tray, receipts=tmp_path / "receipts", cipher=Vault.in_memory_key(),
                        paper="80mm")


def test_out_of_paper_message_keeps_the_receipt_for_a_volunteer(
        qtbot, service: PrintService, tray: TrayPrinter) -> None:  # type: ignore[no-untyped-def]
    from ui.printing_widgets import PrintPanel

    panel = PrintPanel("vi")
    qtbot.addWidget(panel)
    panel.resize(900, 300)
    panel.show()
    with qtbot.waitSignal(panel.finished, timeout=10_000) as signal:
        panel.print(lambda: service.print_receipt(sample_receipt()))
    outcome = signal.args[0]
    assert not outcome.ok
    assert panel.message.isVisible()
    assert panel.message.text() == ("Máy in đang hết giấy – bác nhờ tình nguyện viên hỗ trợ. "
                                    "Hồ sơ của bác vẫn được lưu.")
    assert panel.heading.text() == "Chưa in được biên nhận"
    _shot(panel, "out-of-paper")

    tray.paper = True  # paper is back: nothing comes out by itself
    qtbot.wait(300)
    assert tray.jobs == []

    # Kept for a volunteer (ui.screens.volunteer, tests/test_ui_volunteer.py), never
    # reprinted by itself.
    assert [item.id for item in service.reprint_list()] == [outcome.reprint_id]


def test_qt_backend_paints_the_receipt_into_a_pdf_printer(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtPrintSupport import QPrinter

    from ui.qt_printer import print_pdf_to

    receipt = sample_receipt()
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "qt.pdf"
    printer.setOutputFileName(str(out))
    from printing.render import render_pdf

    outcome = print_pdf_to(printer, render_pdf(receipt, "58mm"), "t", 1, "file")
    assert outcome.ok
    pdf = out.read_bytes()
    [(width, _)] = page_sizes(pdf)
    assert width == pytest.approx(58 * 72 / 25.4, abs=1.5)
    assert decode_qr(pdf_images(pdf)[0]) == [receipt.status_url]


def test_qt_backend_prints_through_real_cups(qtbot, cups_printer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ui.qt_printer import QtPrinterBackend

    name, out = cups_printer
    backend = QtPrinterBackend(name)
    assert name in [p.name for p in backend.printers()]
    assert backend.state().status.can_print
    def jobs(which: str) -> set[str]:  # job numbers on this run's own queue
        listed = subprocess.run(["lpstat", "-W", which, "-o", name],
                                capture_output=True, text=True).stdout
        return {line.split()[0].rsplit("-", 1)[-1] for line in listed.splitlines() if line}

    before = jobs("all")
    service = PrintService(backend, receipts=tmp_path, cipher=Vault.in_memory_key(), paper="a5")
    assert service.print_receipt(sample_receipt()).ok

    def files() -> list[Path]:
        return [p for n in jobs("all") - before for p in out.glob(f"*job_{n}.pdf")
                if p.stat().st_size > 0]

    qtbot.waitUntil(lambda: not jobs("not-completed") and len(files()) == 1, timeout=20_000)
    [new] = files()
    assert decode_qr(pdf_images(new.read_bytes())[0]) == [sample_receipt().status_url]
    assert QtPrinterBackend("NoSuchPrinter").state().status.value == "missing"
