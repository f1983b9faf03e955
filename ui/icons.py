"""Simple pictograms for the procedure tiles, drawn with QPainter (GUI thread only).

Thick strokes in the theme's text colour on a light disc: readable for weak
eyes, no asset files to ship. The procedure's ``icon`` names one of
:data:`DRAWINGS`; an unknown or empty name falls back on words in its slug,
then on a plain document.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPixmap

from ui.theme import PALETTE

Draw = Callable[[QPainter, float], None]


def _document(p: QPainter, s: float) -> None:
    p.drawRoundedRect(QRectF(0.30 * s, 0.22 * s, 0.40 * s, 0.56 * s), 0.04 * s, 0.04 * s)
    for y in (0.38, 0.50, 0.62):
        p.drawLine(QPointF(0.38 * s, y * s), QPointF(0.62 * s, y * s))


def _baby(p: QPainter, s: float) -> None:
    p.drawEllipse(QPointF(0.5 * s, 0.36 * s), 0.12 * s, 0.12 * s)
    p.drawRoundedRect(QRectF(0.32 * s, 0.52 * s, 0.36 * s, 0.24 * s), 0.1 * s, 0.1 * s)


def _house(p: QPainter, s: float) -> None:
    p.drawPolyline([QPointF(0.24 * s, 0.48 * s), QPointF(0.5 * s, 0.24 * s),
                    QPointF(0.76 * s, 0.48 * s)])
    p.drawRect(QRectF(0.32 * s, 0.46 * s, 0.36 * s, 0.30 * s))
    p.drawRect(QRectF(0.45 * s, 0.58 * s, 0.10 * s, 0.18 * s))


def _rings(p: QPainter, s: float) -> None:
    p.drawEllipse(QPointF(0.41 * s, 0.54 * s), 0.15 * s, 0.15 * s)
    p.drawEllipse(QPointF(0.59 * s, 0.54 * s), 0.15 * s, 0.15 * s)
    p.drawLine(QPointF(0.41 * s, 0.30 * s), QPointF(0.41 * s, 0.36 * s))


def _copies(p: QPainter, s: float) -> None:
    p.drawRect(QRectF(0.26 * s, 0.30 * s, 0.32 * s, 0.44 * s))
    p.drawRect(QRectF(0.42 * s, 0.22 * s, 0.32 * s, 0.44 * s))
    p.drawLine(QPointF(0.48 * s, 0.34 * s), QPointF(0.68 * s, 0.34 * s))
    p.drawLine(QPointF(0.48 * s, 0.44 * s), QPointF(0.68 * s, 0.44 * s))


def _scales(p: QPainter, s: float) -> None:
    p.drawLine(QPointF(0.5 * s, 0.24 * s), QPointF(0.5 * s, 0.74 * s))
    p.drawLine(QPointF(0.36 * s, 0.74 * s), QPointF(0.64 * s, 0.74 * s))
    p.drawLine(QPointF(0.26 * s, 0.32 * s), QPointF(0.74 * s, 0.32 * s))
    for x in (0.30, 0.70):
        p.drawArc(QRectF((x - 0.1) * s, 0.38 * s, 0.2 * s, 0.16 * s), 180 * 16, 180 * 16)
        p.drawLine(QPointF(x * s, 0.32 * s), QPointF((x - 0.1) * s, 0.46 * s))
        p.drawLine(QPointF(x * s, 0.32 * s), QPointF((x + 0.1) * s, 0.46 * s))


def _candle(p: QPainter, s: float) -> None:
    p.drawRect(QRectF(0.42 * s, 0.42 * s, 0.16 * s, 0.34 * s))
    p.drawEllipse(QPointF(0.5 * s, 0.32 * s), 0.05 * s, 0.08 * s)
    p.drawLine(QPointF(0.32 * s, 0.76 * s), QPointF(0.68 * s, 0.76 * s))


def _heart(p: QPainter, s: float) -> None:
    path = QPainterPath(QPointF(0.5 * s, 0.74 * s))
    path.cubicTo(QPointF(0.18 * s, 0.52 * s), QPointF(0.26 * s, 0.22 * s),
                 QPointF(0.5 * s, 0.38 * s))
    path.cubicTo(QPointF(0.74 * s, 0.22 * s), QPointF(0.82 * s, 0.52 * s),
                 QPointF(0.5 * s, 0.74 * s))
    p.drawPath(path)


def _person(p: QPainter, s: float) -> None:
    p.drawEllipse(QPointF(0.5 * s, 0.36 * s), 0.11 * s, 0.11 * s)
    p.drawArc(QRectF(0.28 * s, 0.52 * s, 0.44 * s, 0.44 * s), 0, 180 * 16)


DRAWINGS: dict[str, Draw] = {
    "document": _document,
    "baby": _baby,
    "birth": _baby,
    "house": _house,
    "home": _house,
    "heart": _heart,
    "residence": _house,
    "rings": _rings,
    "marital": _rings,
    "marriage": _rings,
    "copy": _copies,
    "copies": _copies,
    "certified": _copies,
    "scales": _scales,
    "judicial": _scales,
    "candle": _candle,
    "death": _candle,
    "person": _person,
}


def drawing_for(icon: str, slug: str = "") -> Draw:
    if icon in DRAWINGS:
        return DRAWINGS[icon]
    for word in slug.split("_"):
        if word in DRAWINGS:
            return DRAWINGS[word]
    return _document


def procedure_icon(icon: str, slug: str = "", size: int = 96) -> QPixmap:
    """A ``size``-pixel square pictogram for a procedure tile."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#dfe8e3"))
    painter.drawEllipse(QRectF(0, 0, size, size))
    pen = QPen(QColor(PALETTE.primary), max(3.0, size / 18))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    drawing_for(icon, slug)(painter, float(size))
    painter.end()
    return pixmap
