"""The no-printer fallback: save each receipt as a PDF file in a folder.

Used when ``printer.backend = "pdf-folder"`` and when no printer is found.
File names carry the job title (a reference, never a name) and a timestamp.
Runs on the print service's worker thread.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from printing.backends.base import (
    PrinterInfo,
    PrinterState,
    PrinterStatus,
    PrintOutcome,
    failed,
)


def safe_stem(title: str) -> str:
    """A file-name-safe stem on Windows and Linux."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", title).strip("-.")
    return stem[:80] or "receipt"


class PdfFolderBackend:
    name = "pdf-folder"

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def printers(self) -> list[PrinterInfo]:
        return [PrinterInfo(str(self.folder), "PDF folder", True, self.state())]

    def state(self) -> PrinterState:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return PrinterState(PrinterStatus.MISSING, str(self.folder), (exc.strerror or "",))
        return PrinterState(PrinterStatus.READY, str(self.folder))

    def print_pdf(self, pdf: bytes, title: str, copies: int = 1) -> PrintOutcome:
        state = self.state()
        if not state.status.can_print:
            return failed(state.status, f"pdf-folder {self.folder}: {state.reasons}")
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        path = self.folder / f"{safe_stem(title)}-{stamp}.pdf"
        try:
            path.write_bytes(pdf)
        except OSError as exc:
            return failed(PrinterStatus.ERROR, f"pdf-folder {path}: {exc.strerror}")
        return PrintOutcome(PrinterStatus.READY, f"saved {path.name}", saved_to=str(path))
