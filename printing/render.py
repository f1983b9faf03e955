"""Draw a receipt :class:`~printing.layout.Document` as PDF with reportlab.

Papers: ``a4`` and ``a5`` sheets, and ``80mm`` / ``58mm`` rolls whose height
grows with the content (measured before the page is made, so nothing is cut
and no second page appears). Every text is a wrapping ``Paragraph`` in an
embedded TrueType font with Vietnamese letters; demo and training receipts
carry a diagonal watermark. Qt-free; runs on whichever thread calls it (the
print service runs it off the GUI thread).
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import escape

import qrcode
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    HRFlowable,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from kiosk.core.errors import BadInput
from printing import fonts
from printing.layout import (
    COPY_LABELS,
    Block,
    Bullets,
    Document,
    Field,
    Header,
    Line,
    Qr,
    Rule,
    Style,
    receipt_document,
)
from printing.receipt import Receipt
from printing.settings import PAPERS


@dataclass(frozen=True)
class PaperSpec:
    width: float  # points
    height: float | None  # None: a roll, as long as the content
    margin: float
    body: float  # font size, points
    qr: float  # QR side, points

    @property
    def roll(self) -> bool:
        return self.height is None


SPECS = {
    "a4": PaperSpec(A4[0], A4[1], 18 * mm, 11.5, 38 * mm),
    "a5": PaperSpec(A5[0], A5[1], 10 * mm, 9.0, 30 * mm),
    # Thermal heads print 72 mm of an 80 mm roll and 48 mm of a 58 mm one.
    "80mm": PaperSpec(80 * mm, None, 4 * mm, 9.0, 40 * mm),
    "58mm": PaperSpec(58 * mm, None, 5 * mm, 7.5, 34 * mm),
}


def paper_spec(paper: str) -> PaperSpec:
    try:
        return SPECS[paper]
    except KeyError:
        raise BadInput(f"unknown paper {paper!r} (known: {', '.join(PAPERS)})") from None


def render_pdf(receipt: Receipt, paper: str, *, two_copies: bool = False) -> bytes:
    """The receipt as PDF bytes; ``two_copies`` (A4 only) adds the resident's copy."""
    if two_copies and paper == "a4":
        docs = [receipt_document(receipt, label) for label in COPY_LABELS]
    else:
        docs = [receipt_document(receipt)]
    return render_documents(docs, paper)


def render_documents(documents: list[Document], paper: str) -> bytes:
    """Several documents, one page each (a roll: one after the other)."""
    spec = paper_spec(paper)
    width = spec.width - 2 * spec.margin
    # Flowables are single-use: measure one story, build another.
    height = spec.height or _roll_height(_story(documents, spec, width), width, spec.margin)
    story = _story(documents, spec, width)
    out = io.BytesIO()
    doc = BaseDocTemplate(
        out, pagesize=(spec.width, height), title=documents[0].title,
        author="Kiosk nhà văn hóa", leftMargin=spec.margin, rightMargin=spec.margin,
        topMargin=spec.margin, bottomMargin=spec.margin, invariant=True,
    )
    frame = Frame(spec.margin, spec.margin, width, height - 2 * spec.margin,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates(PageTemplate(frames=[frame], onPage=_watermarker(documents[0].watermark)))
    doc.build(story)
    return out.getvalue()


def _story(documents: list[Document], spec: PaperSpec, width: float) -> list[Flowable]:
    styles = _styles(spec)
    story: list[Flowable] = []
    for index, document in enumerate(documents):
        if index:
            story.append(PageBreak() if not spec.roll else HRFlowable(width="100%", dash=(2, 2)))
        story += [_flowable(block, styles, width, spec) for block in document.blocks]
    return story


def _roll_height(story: list[Flowable], width: float, margin: float) -> float:
    total = 0.0
    canvas = Canvas(io.BytesIO())
    flat: list[Flowable] = []
    for flowable in story:  # KeepTogether reports a huge height to force a split
        flat += flowable._content if isinstance(flowable, KeepTogether) else [flowable]
    for flowable in flat:
        _, h = flowable.wrapOn(canvas, width, 10_000)
        total += float(h + flowable.getSpaceBefore() + flowable.getSpaceAfter())
    return total + 2 * margin + 6 * float(mm)  # slack for rounding, never a second page


def _styles(spec: PaperSpec) -> dict[Style, ParagraphStyle]:
    regular, bold = fonts.register_reportlab()
    size = spec.body
    base = ParagraphStyle("body", fontName=regular, fontSize=size, leading=size * 1.3,
                          alignment=TA_LEFT, spaceAfter=size * 0.25)
    return {
        Style.BODY: base,
        Style.HEADING: ParagraphStyle("heading", base, fontName=bold),
        Style.NOTE: ParagraphStyle("note", base, fontSize=size * 0.85, leading=size * 1.15,
                                   alignment=TA_CENTER if spec.roll else 2),
        Style.CENTRE: ParagraphStyle("centre", base, alignment=TA_CENTER),
        Style.TITLE: ParagraphStyle("title", base, fontName=bold, fontSize=size * 1.3,
                                    leading=size * 1.65, alignment=TA_CENTER,
                                    spaceBefore=size * 0.6, spaceAfter=size * 0.3),
        Style.CODE: ParagraphStyle("code", base, fontName=bold, fontSize=size * 1.2,
                                   leading=size * 1.5, alignment=TA_CENTER),
    }


def _flowable(block: Block, styles: dict[Style, ParagraphStyle], width: float,
              spec: PaperSpec) -> Flowable:
    if isinstance(block, Line):
        return Paragraph(escape(block.text), styles[block.style])
    if isinstance(block, Field):
        return Paragraph(f"<b>{escape(block.label)}:</b> {escape(block.value)}", styles[Style.BODY])
    if isinstance(block, Bullets):
        bullet = ParagraphStyle("bullet", styles[Style.BODY], leftIndent=spec.body * 1.2,
                                bulletIndent=spec.body * 0.3)
        return KeepTogether([Paragraph(escape(item), bullet, bulletText="–")
                             for item in block.items])
    if isinstance(block, Header):
        return _header(block, styles, width, spec)
    if isinstance(block, Qr):
        return _qr(block, styles, spec)
    if isinstance(block, Rule):
        return HRFlowable(width="100%", thickness=0.6, color=colors.grey,
                          spaceBefore=spec.body * 0.4, spaceAfter=spec.body * 0.4)
    raise TypeError(f"unknown block {block!r}")


def _header(block: Header, styles: dict[Style, ParagraphStyle], width: float,
            spec: PaperSpec) -> Flowable:
    bold = ParagraphStyle("hdr", styles[Style.CENTRE], fontName=styles[Style.HEADING].fontName,
                          fontSize=spec.body * 0.9, leading=spec.body * 1.15, spaceAfter=0)
    left = [Paragraph(escape(t), bold) for t in block.left]
    right = [Paragraph(escape(t), bold) for t in block.right]
    if spec.roll:
        return KeepTogether(right + [Spacer(1, spec.body * 0.4)] + left)
    table = Table([[left, right]], colWidths=[width * 0.45, width * 0.55])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 2),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 2)]))
    return table


class QrFlowable(Flowable):  # type: ignore[misc]
    """A QR code drawn as filled runs of modules (vector, sharp at any printer resolution)."""

    def __init__(self, data: str, side: float) -> None:
        super().__init__()
        self.matrix = qr_matrix(data)
        self.side = side
        self.hAlign = "CENTER"

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.side, self.side

    def draw(self) -> None:
        n = len(self.matrix)
        module = self.side / n
        path = self.canv.beginPath()
        for r, row in enumerate(self.matrix):
            y = self.side - (r + 1) * module
            c = 0
            while c < n:
                if not row[c]:
                    c += 1
                    continue
                start = c
                while c < n and row[c]:
                    c += 1
                path.rect(start * module, y, (c - start) * module, module)
        self.canv.setFillColor(colors.black)
        self.canv.drawPath(path, stroke=0, fill=1)


@functools.lru_cache(maxsize=64)
def qr_matrix(data: str) -> tuple[tuple[bool, ...], ...]:
    """The QR modules for ``data`` (error correction M, a 4-module quiet zone); cached:
    choosing the best mask is half the cost of a receipt, and rolls are laid out twice."""
    code = qrcode.QRCode(border=4, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(data)
    code.make(fit=True)
    return tuple(tuple(row) for row in code.get_matrix())


def _qr(block: Qr, styles: dict[Style, ParagraphStyle], spec: PaperSpec) -> Flowable:
    caption = Paragraph(escape(block.caption), styles[Style.CENTRE])
    url = Paragraph(escape(block.data), ParagraphStyle("url", styles[Style.NOTE],
                                                       alignment=TA_CENTER))
    return KeepTogether([Spacer(1, spec.body * 0.5), QrFlowable(block.data, spec.qr), caption, url])


def _watermarker(text: str | None) -> Callable[[Canvas, BaseDocTemplate], None]:
    def draw(canvas: Canvas, doc: BaseDocTemplate) -> None:
        if not text:
            return
        width, height = doc.pagesize
        size = min(width, height) / max(len(text), 4) * 1.1
        canvas.saveState()
        # Solid light grey, drawn under the text: transparency makes spoolers rasterise pages.
        canvas.setFillColor(colors.Color(0.86, 0.86, 0.86))
        canvas.setFont(fonts.BOLD, size)
        step = max(width * 1.2, 120 * mm if height > width * 2 else height)
        y = height / 2 if height <= width * 2 else width * 0.6
        while y < height:
            canvas.saveState()
            canvas.translate(width / 2, y)
            canvas.rotate(35)
            canvas.drawCentredString(0, -size / 3, text)
            canvas.restoreState()
            y += step if height > width * 2 else height
        canvas.restoreState()
    return draw
