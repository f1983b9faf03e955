"""The font receipts are printed in: the kiosk's own Noto Sans (``assets``), for reportlab and Pillow.

reportlab's built-in Helvetica prints Vietnamese letters as boxes, and a PC's
own fonts differ from one cultural house to the next (a Windows PC without
Arial printed boxes), so receipts embed the TrueType files that ship with the
kiosk, the same ones the screens use. :func:`check_fonts` raises
:class:`FontNotFound` when an installation lost them or they lack a
Vietnamese letter. Runs on whichever thread renders; results are cached.
"""

from __future__ import annotations

import functools
import io

from assets import FONT_FAMILY, Weight, font
from kiosk.core.errors import OperationFailed

REGULAR = "KioskSans"
BOLD = "KioskSans-Bold"
# Letters that must all be in the font: every Vietnamese vowel form we print.
PROBE = "ĂÂĐÊÔƠƯăâđêôơưẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ"


class FontNotFound(OperationFailed):
    """The kiosk's own font is missing or incomplete: the installation is damaged."""


@functools.cache
def check_fonts() -> str:
    """The font receipts are printed in, checked once: every Vietnamese letter is there."""
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    for weight in Weight:
        try:
            face = TTFont(f"probe-{weight.name}", io.BytesIO(font(weight))).face
        except (OSError, TTFError, ValueError) as exc:
            raise FontNotFound(
                f"the kiosk's font file assets/fonts/{weight.value} cannot be read ({exc}); "
                "reinstall the kiosk / cài đặt lại ki-ốt"
            ) from None
        missing = "".join(c for c in PROBE if ord(c) not in face.charToGlyph)
        if missing:
            raise FontNotFound(f"assets/fonts/{weight.value} has no glyph for {missing!r}; "
                               "reinstall the kiosk / cài đặt lại ki-ốt")
    return f"{FONT_FAMILY} ({', '.join(w.value for w in Weight)})"


@functools.cache
def register_reportlab() -> tuple[str, str]:
    """Register the fonts with reportlab once; returns the (regular, bold) font names."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    check_fonts()
    pdfmetrics.registerFont(TTFont(REGULAR, io.BytesIO(font(Weight.REGULAR))))
    pdfmetrics.registerFont(TTFont(BOLD, io.BytesIO(font(Weight.BOLD))))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)
    return REGULAR, BOLD
