"""ESC/POS thermal printers through python-escpos's Dummy: raster image, cut, paper status."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from escpos.printer import Dummy
from printing_helpers import decode_qr

from kiosk.core.errors import BadInput
from printing.backends.base import PrinterStatus
from printing.backends.escpos import EscposBackend, connect
from printing.layout import receipt_document
from printing.raster import DOTS, render_image, wrap
from printing.sample import sample_receipt
from printing.service import make_backend
from printing.settings import PrinterSettings

RASTER = b"\x1dv0"  # GS v 0: print raster bit image
CUT = b"\x1dV"  # GS V: cut paper


class PaperSensingDummy(Dummy):  # type: ignore[misc]
    """python-escpos's Dummy answering the paper sensor like a real printer would."""

    def __init__(self, paper: int = 2, online: bool = True) -> None:
        super().__init__()
        self._paper = paper
        self._online = online

    def paper_status(self) -> int:
        return self._paper

    def is_online(self) -> bool:
        return self._online


def _backend(printer: Any, dots: int = 576) -> EscposBackend:
    return EscposBackend(lambda: printer, dots=dots, label="dummy")


@pytest.mark.parametrize("paper", ["80mm", "58mm"])
def test_receipt_is_printed_as_a_raster_image_then_cut(paper: str) -> None:
    printer = PaperSensingDummy()
    backend = _backend(printer, DOTS[paper])
    image = render_image(receipt_document(sample_receipt()), backend.dots)
    outcome = backend.print_image(image, "Bien nhan X")
    assert outcome.ok
    stream = printer.output
    assert RASTER in stream
    assert CUT in stream
    assert stream.index(RASTER) < stream.rindex(CUT)
    # GS v 0 m xL xH: the width in bytes is the head width in dots / 8
    at = stream.index(RASTER) + 4
    assert stream[at] + 256 * stream[at + 1] == DOTS[paper] // 8


def test_dummy_without_a_paper_sensor_still_prints() -> None:
    printer = Dummy()  # cannot answer DLE EOT: one-way links count as ready
    outcome = _backend(printer).print_image(
        render_image(receipt_document(sample_receipt()), 576), "t")
    assert outcome.ok and RASTER in printer.output and CUT in printer.output


def test_out_of_paper_prints_nothing_and_says_so() -> None:
    printer = PaperSensingDummy(paper=0)
    backend = _backend(printer)
    assert backend.state().status is PrinterStatus.OUT_OF_PAPER
    outcome = backend.print_image(render_image(receipt_document(sample_receipt()), 576), "t")
    assert outcome.status is PrinterStatus.OUT_OF_PAPER
    assert printer.output == b""
    assert outcome.message("vi").startswith("Máy in đang hết giấy – bác nhờ tình nguyện viên hỗ trợ")


def test_offline_printer_reports_offline() -> None:
    assert _backend(PaperSensingDummy(online=False)).state().status is PrinterStatus.OFFLINE


def test_unreachable_printer_is_missing() -> None:
    def broken() -> Any:
        raise OSError("no such device")

    backend = EscposBackend(broken, label="usb:0x0416:0x5011")
    assert backend.state().status is PrinterStatus.MISSING
    assert backend.print_image(render_image(receipt_document(sample_receipt()), 576),
                               "t").status is PrinterStatus.MISSING


def test_raster_receipt_is_head_wide_and_its_qr_decodes() -> None:
    receipt = sample_receipt()
    for dots in (576, 384):
        image = render_image(receipt_document(receipt), dots)
        assert image.width == dots and image.mode == "1"
        assert decode_qr(image.convert("L")) == [receipt.status_url]


def test_wrap_keeps_every_line_inside_the_width() -> None:
    from printing.raster import _fonts

    font = _fonts(384).body
    text = "Tôn Nữ Hoàng Phương Thảo " * 5 + "Ngõ" + "x" * 80
    lines = wrap(text, font, 360)
    assert all(font.getlength(line) <= 360 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


@pytest.mark.parametrize("spec", ["usb:0x0416:0x5011", "network:127.0.0.1:9100",
                                  "serial:/dev/ttyUSB0", "file:/dev/usb/lp0"])
def test_connection_strings_are_understood(spec: str) -> None:
    assert callable(connect(spec))


def test_a_missing_driver_package_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "usb" else real(name, *a))
    with pytest.raises(BadInput, match="pyusb"):
        connect("usb:0x0416:0x5011")


def test_an_unreachable_network_printer_is_missing_not_a_crash() -> None:
    import socket

    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    backend = EscposBackend(connect(f"network:127.0.0.1:{port}"), label="net")
    assert backend.state().status is PrinterStatus.MISSING


@pytest.mark.parametrize("spec", ["usb:nothex", "bluetooth:x", "network:"])
def test_bad_connection_string_names_the_key(spec: str) -> None:
    with pytest.raises(BadInput, match=r"\[printer.escpos\]"):
        connect(spec)


def test_config_picks_escpos_with_the_right_head_width(tmp_path: Path) -> None:
    section = PrinterSettings(backend="escpos", paper="58mm", escpos="network:127.0.0.1:9")
    backend = make_backend(section, receipts=tmp_path)
    assert isinstance(backend, EscposBackend) and backend.dots == 384
