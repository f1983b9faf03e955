"""Draw a receipt :class:`~printing.layout.Document` as a 1-bit picture for thermal printers.

ESC/POS printers cannot combine Vietnamese accents from a code page (1258), so
the receipt is drawn here with Pillow in the same TrueType font as the PDF, at
the printer head's width in dots (576 for 80 mm, 384 for 58 mm, about
203 dpi), and printed as a raster image. Text wraps word by word; a word too
long for a line is broken by letters. Qt-free; runs on the print worker.
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass

import qrcode
from PIL import Image, ImageDraw, ImageFont

from assets import Weight, font
from printing import fonts
from printing.layout import Block, Bullets, Document, Field, Header, Line, Qr, Rule, Style

DOTS = {"80mm": 576, "58mm": 384}
Font = ImageFont.FreeTypeFont


@dataclass(frozen=True)
class _Fonts:
    body: Font
    bold: Font
    big: Font
    small: Font


@functools.cache
def _fonts(dots: int) -> _Fonts:
    fonts.check_fonts()
    size = 22 if dots >= 500 else 18

    def load(weight: Weight, pixels: int) -> Font:
        return ImageFont.truetype(io.BytesIO(font(weight)), pixels)

    return _Fonts(
        body=load(Weight.REGULAR, size),
        bold=load(Weight.BOLD, size),
        big=load(Weight.BOLD, int(size * 1.3)),
        small=load(Weight.REGULAR, int(size * 0.85)),
    )


def wrap(text: str, font: Font, width: int) -> list[str]:
    """Split ``text`` into lines no wider than ``width`` pixels."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if font.getlength(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        while font.getlength(word) > width:  # one very long word: break by letters
            cut = max(1, max(i for i in range(1, len(word) + 1)
                             if font.getlength(word[:i]) <= width or i == 1))
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    return lines or [""]


class _Canvas:
    def __init__(self, dots: int) -> None:
        self.dots = dots
        self.margin = 8
        self.width = dots - 2 * self.margin
        self.fonts = _fonts(dots)
        self.image = Image.new("1", (dots, 6000), 1)
        self.draw = ImageDraw.Draw(self.image)
        self.y = self.margin

    def _grow(self, needed: int) -> None:
        if self.y + needed < self.image.height:
            return
        bigger = Image.new("1", (self.dots, self.image.height * 2 + needed), 1)
        bigger.paste(self.image, (0, 0))
        self.image, self.draw = bigger, ImageDraw.Draw(bigger)

    def text(self, text: str, font: Font, centre: bool = False, indent: int = 0) -> None:
        line_height = int(font.size * 1.3)
        for line in wrap(text, font, self.width - indent):
            self._grow(line_height)
            x = self.margin + indent
            if centre:
                x = self.margin + int((self.width - font.getlength(line)) / 2)
            self.draw.text((x, self.y), line, font=font, fill=0)
            self.y += line_height

    def rule(self) -> None:
        self._grow(12)
        self.draw.line((self.margin, self.y + 5, self.dots - self.margin, self.y + 5), fill=0, width=2)
        self.y += 12

    def qr(self, data: str) -> None:
        code = qrcode.QRCode(border=2, error_correction=qrcode.constants.ERROR_CORRECT_M)
        code.add_data(data)
        matrix = code.get_matrix()
        scale = max(1, min(self.width * 2 // 3, 300) // len(matrix))
        side = len(matrix) * scale
        self._grow(side + 8)
        x0 = self.margin + (self.width - side) // 2
        for r, row in enumerate(matrix):
            for c, dark in enumerate(row):
                if dark:
                    self.draw.rectangle((x0 + c * scale, self.y + r * scale,
                                         x0 + (c + 1) * scale - 1, self.y + (r + 1) * scale - 1),
                                        fill=0)
        self.y += side + 8

    def finish(self) -> Image.Image:
        return self.image.crop((0, 0, self.dots, self.y + self.margin * 3))


def render_image(document: Document, dots: int = 576) -> Image.Image:
    """The document as a 1-bit image ``dots`` wide, as long as it needs."""
    canvas = _Canvas(dots)
    if document.watermark:
        canvas.text(f"*** {document.watermark} ***", canvas.fonts.big, centre=True)
    for block in document.blocks:
        _draw(canvas, block)
    if document.watermark:
        canvas.text(f"*** {document.watermark} ***", canvas.fonts.big, centre=True)
    return canvas.finish()


def _draw(canvas: _Canvas, block: Block) -> None:
    f = canvas.fonts
    if isinstance(block, Line):
        font = {Style.TITLE: f.big, Style.CODE: f.big, Style.HEADING: f.bold,
                Style.NOTE: f.small}.get(block.style, f.body)
        centre = block.style in (Style.TITLE, Style.CODE, Style.CENTRE, Style.NOTE)
        canvas.text(block.text, font, centre=centre)
    elif isinstance(block, Field):
        canvas.text(f"{block.label}:", f.bold)
        canvas.text(block.value, f.body, indent=12)
    elif isinstance(block, Bullets):
        for item in block.items:
            canvas.text(f"– {item}", f.body, indent=12)
    elif isinstance(block, Header):
        for text in (*block.right, *block.left):
            canvas.text(text, f.bold, centre=True)
    elif isinstance(block, Qr):
        canvas.qr(block.data)
        canvas.text(block.caption, f.body, centre=True)
        canvas.text(block.data, f.small, centre=True)
    elif isinstance(block, Rule):
        canvas.rule()
