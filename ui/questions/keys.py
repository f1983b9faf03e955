"""How big the on-screen keys are: worked out from the room a page gives them (pure).

Every key is at least 64 px each way (the kiosk's touch-target floor). The
large-text switch raises the key height with the text (80 px instead of 64,
labels 30 % bigger); on a tall screen keys grow further, up to a third above
that, so a 1920×1080 screen does not show a small pad in a corner. The width
follows the height (keys a little wider than tall) unless the row would not
fit across the room, then it shrinks, never under 64 px.

    size = key_size(room_w=1270, room_h=360, columns=12, rows=4, large_text=False)
    size.width, size.height, size.font_px, size.gap
"""

from __future__ import annotations

from dataclasses import dataclass

FLOOR_PX = 64  # the smallest touch target, each way
HEIGHT_PX = {False: 64, True: 80}  # a key's height before a tall screen adds to it
FONT_PX = {False: 28, True: 36}  # label size at that height (large: +30 %)
GROWTH = 1.3  # the most a roomy screen adds to a key
WIDTH_RATIO = 1.15  # keys a little wider than tall (the letter keyboard)
GAP_PX = 8
BORDER_PX = 2  # the theme's button edge (``assets/style.qss``): inside a key's size


@dataclass(frozen=True)
class KeySize:
    width: int  # one column's key; a key spanning n columns is n * width + (n - 1) * gap
    height: int
    font_px: int
    gap: int = GAP_PX

    def span(self, columns: int) -> int:
        """The width of a key that spans ``columns`` columns."""
        return columns * self.width + (columns - 1) * self.gap

    def across(self, columns: int) -> int:
        """The width of a row of ``columns`` keys (what the keys need of the room)."""
        return self.span(columns)

    def down(self, rows: int) -> int:
        return rows * self.height + (rows - 1) * self.gap


def key_size(*, room_w: int, room_h: int, columns: int, rows: int, large_text: bool,
             width_ratio: float = WIDTH_RATIO) -> KeySize:
    """The key size for a grid of ``columns`` × ``rows`` keys in ``room_w`` × ``room_h`` px."""
    base = HEIGHT_PX[large_text]
    if room_w <= 0 or room_h <= 0:  # the room is not known yet: the plain size
        room_w = room_h = 1 << 16
        fits_down = base
    else:
        fits_down = (room_h - (rows - 1) * GAP_PX) // max(rows, 1)
    height = max(base, min(round(base * GROWTH), fits_down))
    fits_across = (room_w - (columns - 1) * GAP_PX) // max(columns, 1)
    width = max(FLOOR_PX, min(round(height * width_ratio), fits_across))
    font = max(FONT_PX[large_text], round(FONT_PX[large_text] * height / base))
    font = min(font, FONT_PX[large_text] + 10)
    return KeySize(width=width, height=height, font_px=font)


def exact_size_rule(selector: str, *, width: int | None = None, height: int | None = None) -> str:
    """A style rule pinning ``selector`` to ``width`` × ``height`` px, edge included.

    The theme's ``min-width`` would otherwise win over ``setFixedSize``; a style
    sheet's sizes are of the contents, so the edge on both sides comes off.
    """
    inner = 2 * BORDER_PX
    parts = [f"border-width: {BORDER_PX}px; border-style: solid;"]  # the colour: the theme's
    if width is not None:
        parts.append(f"min-width: {width - inner}px; max-width: {width - inner}px;")
    if height is not None:
        parts.append(f"min-height: {height - inner}px; max-height: {height - inner}px;")
    return f"{selector} {{ {' '.join(parts)} }}"
