"""Find and register a TrueType font that covers Vietnamese, for reportlab and Pillow.

reportlab's built-in Helvetica prints Vietnamese letters as boxes, so receipts
embed a real TrueType font: on Linux the one fontconfig picks for
``Noto Sans:lang=vi`` (falling back to DejaVu Sans), on Windows Arial or
Segoe UI from the Windows font folder. :func:`find_fonts` raises
:class:`FontNotFound` (a technician's message naming what to install) when
nothing usable exists. Runs on whichever thread renders; results are cached.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.errors import OperationFailed

REGULAR = "KioskSans"
BOLD = "KioskSans-Bold"

# Fallback files when fontconfig is missing or picks something without Vietnamese.
_LINUX_CANDIDATES = (
    ("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
     "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"),
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
     "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
)
_WINDOWS_CANDIDATES = (("arial.ttf", "arialbd.ttf"), ("segoeui.ttf", "segoeuib.ttf"))
# Letters that must all be in the font: every Vietnamese vowel form we print.
PROBE = "ĂÂĐÊÔƠƯăâđêôơưẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ"


class FontNotFound(OperationFailed):
    """No TrueType font with Vietnamese letters was found on this machine."""


@dataclass(frozen=True)
class FontPair:
    regular: Path
    bold: Path


@functools.cache
def find_fonts() -> FontPair:
    """The regular and bold font files to print with (cached)."""
    for regular, bold in _candidates():
        if regular.is_file() and _covers_vietnamese(regular):
            return FontPair(regular, bold if bold.is_file() else regular)
    hint = (
        "install Arial or Segoe UI in C:\\Windows\\Fonts"
        if sys.platform == "win32"
        else "install fonts-noto-core or fonts-dejavu-core (apt-get install fonts-noto-core)"
    )
    raise FontNotFound(
        "no TrueType font covering Vietnamese was found for receipts / "
        f"không tìm thấy phông chữ tiếng Việt để in biên nhận: {hint}"
    )


def _candidates() -> list[tuple[Path, Path]]:
    found: list[tuple[Path, Path]] = []
    if sys.platform == "win32":
        folder = Path(os.environ.get("WINDIR", "C:\\Windows")) / "Fonts"
        found += [(folder / r, folder / b) for r, b in _WINDOWS_CANDIDATES]
        return found
    for family in ("Noto Sans", "DejaVu Sans"):
        regular = _fc_match(f"{family}:lang=vi")
        bold = _fc_match(f"{family}:bold:lang=vi")
        if regular is not None:
            found.append((regular, bold or regular))
    found += [(Path(r), Path(b)) for r, b in _LINUX_CANDIDATES]
    return found


def _fc_match(pattern: str) -> Path | None:
    exe = shutil.which("fc-match")
    if exe is None:
        return None
    try:
        run = subprocess.run(
            [exe, "-f", "%{file}", pattern], capture_output=True, text=True, timeout=5, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    path = Path(run.stdout.strip()) if run.returncode == 0 and run.stdout.strip() else None
    return path if path is not None and path.suffix.lower() in (".ttf", ".otf") else None


def _covers_vietnamese(path: Path) -> bool:
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    try:
        face = TTFont("probe", str(path)).face
    except (TTFError, OSError, ValueError):
        return False
    return all(ord(c) in face.charToGlyph for c in PROBE)


@functools.cache
def register_reportlab() -> tuple[str, str]:
    """Register the fonts with reportlab once; returns the (regular, bold) font names."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pair = find_fonts()
    pdfmetrics.registerFont(TTFont(REGULAR, str(pair.regular)))
    pdfmetrics.registerFont(TTFont(BOLD, str(pair.bold)))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)
    return REGULAR, BOLD
