"""How this kiosk prints: the ``[printer]`` section of the configuration, as printing sees it.

The application's configuration (``kiosk.config``) reads the TOML file into
this dataclass and hands it to :func:`printing.service.make_backend`; printing
never reads configuration files itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

PAPERS = ("a4", "a5", "80mm", "58mm")
BACKENDS = ("auto", "qt", "cups", "escpos", "pdf-folder")


@dataclass(frozen=True)
class PrinterSettings:
    backend: Literal["auto", "qt", "cups", "escpos", "pdf-folder"] = "auto"
    name: str = ""  # the system printer's name (empty: the default printer)
    paper: Literal["a4", "a5", "80mm", "58mm"] = "a4"
    two_copies: bool = False  # A4 only: one copy kept, one for the resident
    escpos: str = ""  # an ESC/POS printer, e.g. "usb:0x0416:0x5011"
    folder: str = ""  # the pdf-folder backend's folder
