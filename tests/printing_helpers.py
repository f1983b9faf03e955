"""Helpers for the printing tests: PDF text, word boxes, QR decoding (printing area)."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import zxingcpp
from PIL import Image
from pypdf import PdfReader
from services import service_missing


def pdf_text(pdf: bytes) -> str:
    """All text of a PDF, NFC, with runs of whitespace made single spaces."""
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    return " ".join(unicodedata.normalize("NFC", text).split())


def pdf_fonts(pdf: bytes) -> set[str]:
    """The base names of the fonts the PDF's pages use (``AAAAAA+NotoSans-Bold``...)."""
    names: set[str] = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]).lstrip("/"))
    return names


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    reader = PdfReader(io.BytesIO(pdf))
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]


@dataclass(frozen=True)
class Word:
    text: str
    x_min: float
    x_max: float
    page_width: float


def need(tool: str, package: str) -> str:
    exe = shutil.which(tool)
    if exe is None:
        service_missing(f"{tool} not installed (apt-get install {package})")
    return exe


def pdf_words(pdf: bytes) -> list[Word]:
    """Every word with its horizontal extent, from poppler's ``pdftotext -bbox``."""
    import xml.etree.ElementTree as ET

    exe = need("pdftotext", "poppler-utils")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.pdf"
        src.write_bytes(pdf)
        out = subprocess.run([exe, "-bbox", str(src), "-"], capture_output=True, check=True)
    html = out.stdout.decode("utf-8").replace("<!DOCTYPE", "<!--").replace("\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">", "-->")
    root = ET.fromstring(html)
    words: list[Word] = []
    for page in root.iter("{http://www.w3.org/1999/xhtml}page"):
        width = float(page.attrib["width"])
        for w in page.iter("{http://www.w3.org/1999/xhtml}word"):
            words.append(Word(unicodedata.normalize("NFC", w.text or ""),
                              float(w.attrib["xMin"]), float(w.attrib["xMax"]), width))
    return words


def pdf_images(pdf: bytes, dpi: int = 150) -> list[Image.Image]:
    exe = need("pdftoppm", "poppler-utils")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.pdf"
        src.write_bytes(pdf)
        subprocess.run([exe, "-png", "-r", str(dpi), str(src), str(Path(tmp) / "page")],
                       check=True)
        return [Image.open(p).copy() for p in sorted(Path(tmp).glob("page*.png"))]


def decode_qr(image: Image.Image) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode]


class TrayPrinter:
    """A printer at the edge of the system whose paper tray a test can empty and refill.

    It behaves like a CUPS printer reporting ``media-empty-error``: while empty it
    refuses jobs; every accepted job's PDF is kept in ``jobs``.
    """

    name = "tray"

    def __init__(self, paper: bool = True) -> None:
        self.paper = paper
        self.jobs: list[bytes] = []

    def printers(self) -> list[Any]:
        from printing.backends.base import PrinterInfo

        return [PrinterInfo("Tray", "test tray", True, self.state())]

    def state(self) -> Any:
        from printing.backends.base import PrinterState, PrinterStatus

        if self.paper:
            return PrinterState(PrinterStatus.READY, "Tray")
        return PrinterState(PrinterStatus.OUT_OF_PAPER, "Tray", ("media-empty-error",))

    def print_pdf(self, pdf: bytes, title: str, copies: int = 1) -> Any:
        from printing.backends.base import PrinterStatus, PrintOutcome, failed

        state = self.state()
        if not state.status.can_print:
            return failed(state.status, "tray: media-empty-error")
        self.jobs.append(pdf)
        return PrintOutcome(PrinterStatus.READY, "tray", job_id=f"tray-{len(self.jobs)}")
