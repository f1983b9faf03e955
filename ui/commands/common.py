"""What the offscreen GUI commands (``kiosk tour``, ``kiosk audit``) share."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.core.errors import BadInput
from kiosk.core.mode import Mode
from printing.settings import PrinterSettings

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from kiosk.context import AppContext


def offscreen_output(folder: str) -> Path:
    """Qt offscreen (unless told otherwise) and the ``--out`` folder, made if needed."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    out = Path(folder)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BadInput(f"--out {out}: cannot create the folder ({exc.strerror})") from None
    return out


def demo_context() -> AppContext:
    """A demo context (embedded sandbox; data in a throwaway folder removed when it is
    closed, or in ``KIOSK_HOME/demo`` when KIOSK_HOME is set) whose receipts are saved as
    PDF files, never printed on paper; close it with ``close_context``."""
    from kiosk.config import Config
    from kiosk.context import build

    return build(Config(printer=PrinterSettings(backend="pdf-folder")), Mode.DEMO)


def application(name: str) -> QApplication:
    """The process's QApplication (made on first use)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    return QApplication([name])
