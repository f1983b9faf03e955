"""A QR code drawn as a crisp, large picture for a phone to scan (GUI thread).

The matrix comes from ``qrcode`` (error correction M, a four-module quiet
zone); each module is painted as a whole number of pixels, black on white, so
a phone camera at arm's length reads it off a cheap touchscreen.
"""

from __future__ import annotations

import qrcode
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap


def qr_pixmap(text: str, size: int) -> QPixmap:
    """A square picture of at most ``size`` pixels encoding ``text``."""
    code = qrcode.QRCode(border=4, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(text)
    code.make(fit=True)
    matrix = code.get_matrix()
    modules = len(matrix)
    cell = max(1, size // modules)
    pixmap = QPixmap(cell * modules, cell * modules)
    pixmap.fill(QColor("#ffffff"))
    painter = QPainter(pixmap)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#000000"))
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                painter.drawRect(QRect(x * cell, y * cell, cell, cell))
    painter.end()
    return pixmap
