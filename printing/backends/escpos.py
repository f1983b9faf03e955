"""ESC/POS thermal receipt printers through python-escpos (USB, serial, network, file).

The receipt is printed as a raster image (GS v 0) drawn by
:mod:`printing.raster` so Vietnamese accents come out right, then the paper
is cut (GS V). Before printing, the paper sensor is read where the printer
answers (``DLE EOT``; one-way connections cannot answer and count as ready).
Connection strings (``printer.escpos`` in the configuration, checked at load by
:func:`parse_address`)::

    usb:0x0416:0x5011   network:192.168.1.50[:9100]   serial:COM3 | serial:/dev/ttyUSB0
    file:/dev/usb/lp0   win32raw:POS-80 (a Windows printer queue)

Runs on the print service's worker thread.
"""

from __future__ import annotations

import contextlib
import io
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kiosk.core.errors import BadInput
from printing.backends.base import (
    PrinterInfo,
    PrinterState,
    PrinterStatus,
    PrintOutcome,
    failed,
)

if TYPE_CHECKING:
    from PIL.Image import Image

log = logging.getLogger(__name__)
PrinterFactory = Callable[[], Any]  # returns an escpos.escpos.Escpos


_NEEDS = {"usb": ("usb", "pyusb (and libusb-1.0-0)"), "serial": ("serial", "pyserial"),
          "win32raw": ("win32print", "pywin32")}


@dataclass(frozen=True)
class Address:
    """A parsed ``printer.escpos`` connection string: python-escpos's class and arguments."""

    kind: str  # "usb", "network", "serial", "file", "win32raw"
    args: tuple[str | int, ...]


_SHAPES = ("usb:0xVVVV:0xPPPP, network:HOST[:PORT], serial:PORT, file:PATH or "
           "win32raw:PRINTER")


def parse_address(spec: str) -> Address:
    """Check a connection string's shape (pure: no device is opened, no driver needed);
    ``ValueError`` saying what is expected otherwise. ``kiosk.config`` checks it at load."""
    kind, _, rest = spec.strip().partition(":")
    if kind == "usb":
        vendor, _, product = rest.partition(":")
        try:
            ids = int(vendor, 16), int(product, 16)
        except ValueError:
            ids = (-1, -1)
        if not all(0 <= i <= 0xFFFF for i in ids):
            raise ValueError(f"{spec!r}: expected usb:0xVVVV:0xPPPP (the printer's vendor and "
                             "product ids in hexadecimal, as lsusb shows them)")
        return Address(kind, ids)
    if kind == "network" and rest:
        host, port = _host_port(spec, rest)
        return Address(kind, (host, port))
    if kind in ("serial", "file", "win32raw") and rest.strip():
        return Address(kind, (rest,))
    raise ValueError(f"{spec!r}: expected {_SHAPES}")


def _host_port(spec: str, rest: str) -> tuple[str, int]:
    if rest.startswith("["):  # an IPv6 address: network:[fe80::1]:9100
        host, _, after = rest[1:].partition("]")
        port = after.removeprefix(":")
    else:
        host, _, port = rest.partition(":")
    if not host or any(c.isspace() or c in "/[]@" for c in host):
        raise ValueError(f"{spec!r}: expected network:HOST[:PORT], e.g. network:192.168.1.50")
    if not port:
        return host, 9100
    if not (port.isascii() and port.isdigit() and 1 <= int(port) <= 65535):
        raise ValueError(f"{spec!r}: the port must be a number from 1 to 65535")
    return host, int(port)


def connect(spec: str) -> PrinterFactory:
    """A factory opening the printer named by a connection string (checked now)."""
    try:
        address = parse_address(spec)
    except ValueError as exc:
        raise BadInput(f"[printer.escpos] {exc}") from None
    _check_module(spec, address.kind)
    if address.kind == "network":
        host, port = address.args
        return lambda: _printer("Network", host, port, timeout=5)
    kinds = {"usb": "Usb", "serial": "Serial", "file": "File", "win32raw": "Win32Raw"}
    return lambda: _printer(kinds[address.kind], *address.args)


def _check_module(spec: str, kind: str) -> None:
    need = _NEEDS.get(kind)
    if need is None:
        return
    import importlib.util

    if importlib.util.find_spec(need[0]) is None:
        raise BadInput(f"[printer.escpos] {spec!r}: needs the Python package {need[1]} "
                       f"(pip install {need[1].split()[0]})")


def _printer(kind: str, *args: Any, **kwargs: Any) -> Any:
    import escpos.printer

    printer = getattr(escpos.printer, kind)(*args, **kwargs)
    printer.open()  # connect now: an unreachable printer is "missing", not a silent success
    return printer


class EscposBackend:
    """A thermal printer ``dots`` wide (576: 80 mm, 384: 58 mm)."""

    name = "escpos"

    def __init__(self, factory: PrinterFactory, dots: int = 576, label: str = "escpos",
                 read_status: bool = True) -> None:
        self.factory = factory
        self.dots = dots
        self.label = label
        self.read_status = read_status

    def printers(self) -> list[PrinterInfo]:
        return [PrinterInfo(self.label, f"ESC/POS {self.dots} dots", True, self.state())]

    def state(self) -> PrinterState:
        try:
            printer = self.factory()
        except Exception as exc:  # noqa: BLE001 - USB/serial/network errors vary by platform
            return PrinterState(PrinterStatus.MISSING, self.label, (type(exc).__name__,))
        try:
            return self._state_of(printer)
        finally:
            _close(printer)

    def _state_of(self, printer: Any) -> PrinterState:
        if not self.read_status:
            return PrinterState(PrinterStatus.READY, self.label, ("status-not-read",))
        try:
            online = bool(printer.is_online())
            paper = int(printer.paper_status())
        except Exception as exc:  # noqa: BLE001 - one-way links cannot answer
            log.info("escpos status unreadable (%s); assuming ready", type(exc).__name__)
            return PrinterState(PrinterStatus.READY, self.label, ("status-unreadable",))
        if not online:
            return PrinterState(PrinterStatus.OFFLINE, self.label, ("offline",))
        if paper == 0:
            return PrinterState(PrinterStatus.OUT_OF_PAPER, self.label, ("media-empty",))
        return PrinterState(PrinterStatus.READY, self.label, ("media-low",) if paper == 1 else ())

    def print_pdf(self, pdf: bytes, title: str, copies: int = 1) -> PrintOutcome:
        """PDF cannot go to an ESC/POS printer: the service sends it a picture instead."""
        return failed(PrinterStatus.ERROR, "escpos prints images; use print_image")

    def print_image(self, image: Image, title: str, copies: int = 1) -> PrintOutcome:
        try:
            printer = self.factory()
        except Exception as exc:  # noqa: BLE001
            return failed(PrinterStatus.MISSING, f"escpos {self.label}: {type(exc).__name__}")
        try:
            state = self._state_of(printer)
            if not state.status.can_print:
                return failed(state.status, f"escpos {self.label}: {','.join(state.reasons)}")
            for _ in range(max(copies, 1)):
                printer.image(image, impl="bitImageRaster")
                printer.cut()
        except Exception as exc:  # noqa: BLE001
            return failed(PrinterStatus.OFFLINE, f"escpos {self.label}: {type(exc).__name__}")
        finally:
            _close(printer)
        return PrintOutcome(PrinterStatus.READY, f"escpos {self.label}")


def _close(printer: Any) -> None:
    close = getattr(printer, "close", None)
    if close is not None:
        with contextlib.suppress(Exception):  # closing a dead link must not raise
            close()


def image_bytes(image: Image) -> bytes:
    """PNG bytes of a raster receipt (to look at it)."""
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
