"""The procedure tiles' pictograms: SVG files in ``assets/icons``, drawn with QtSvg (GUI thread).

Thick strokes in the theme's primary colour on a light disc: readable for weak
eyes. A procedure's ``icon`` names one of :data:`ICONS` (a drawing or one of
its other names); an unknown or empty name falls back on words in its slug,
then on a plain document.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

import assets

DOCUMENT = "document"
# Each name a procedure file may give, and the drawing (assets/icons/<drawing>.svg) it means.
ICONS: dict[str, str] = {
    "document": DOCUMENT,
    "baby": "baby",
    "birth": "baby",
    "house": "house",
    "home": "house",
    "heart": "heart",
    "residence": "house",
    "rings": "rings",
    "marital": "rings",
    "marriage": "rings",
    "copy": "copies",
    "copies": "copies",
    "certified": "copies",
    "scales": "scales",
    "judicial": "scales",
    "candle": "candle",
    "death": "candle",
    "person": "person",
}


def drawing_for(icon: str, slug: str = "") -> str:
    if icon in ICONS:
        return ICONS[icon]
    for word in slug.split("_"):
        if word in ICONS:
            return ICONS[word]
    return DOCUMENT


def procedure_icon(icon: str, slug: str = "", size: int = 96) -> QPixmap:
    """A ``size``-pixel square pictogram for a procedure tile."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    renderer = QSvgRenderer(QByteArray(assets.icon(drawing_for(icon, slug))))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return pixmap


SPEAKER = "speaker"
_INK = b"#0b0c0c"  # the stroke colour of the one-colour drawings (the speaker)


def tinted_icon(drawing: str, colour: str, size: int) -> QIcon:
    """A one-colour drawing in ``colour`` (the theme's link colour: it follows the theme)."""
    svg = assets.icon(drawing).replace(_INK, colour.encode("ascii"))
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(QByteArray(svg)).render(painter, QRectF(0, 0, size, size))
    painter.end()
    return QIcon(pixmap)
