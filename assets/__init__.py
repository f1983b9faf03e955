"""What ships with the kiosk besides code: fonts, the style sheet, icons (data only).

* ``fonts/``: Noto Sans regular and bold (SIL Open Font License, ``fonts/OFL.txt``),
  full Vietnamese coverage. Qt (screens), reportlab (PDF receipts) and Pillow
  (thermal-printer receipts) all load these same files, so a receipt looks like
  the screen on every PC, whatever fonts the PC has;
* ``style.qss``: the one Qt style sheet, a template that ``ui.theme`` fills in;
* ``icons/*.svg``: the procedure tiles' pictograms.

Files are read with :mod:`importlib.resources`, so they come out of the
installed wheel or the source tree alike. Imports nothing of ours; any thread.
"""

from __future__ import annotations

import functools
from enum import StrEnum
from importlib.resources import files

FONT_FAMILY = "Noto Sans"


class Weight(StrEnum):
    REGULAR = "NotoSans-Regular.ttf"
    BOLD = "NotoSans-Bold.ttf"


@functools.cache
def font(weight: Weight) -> bytes:
    """The TrueType file of the kiosk's font in ``weight`` (read once)."""
    return files(__name__).joinpath("fonts", weight.value).read_bytes()


def style_sheet() -> str:
    """The style sheet template (``$name`` placeholders, see ``ui.theme.stylesheet``)."""
    return files(__name__).joinpath("style.qss").read_text(encoding="utf-8")


def icon_names() -> list[str]:
    return sorted(entry.name.removesuffix(".svg") for entry in files(__name__).joinpath("icons")
                  .iterdir() if entry.name.endswith(".svg"))


@functools.cache
def icon(name: str) -> bytes:
    """The SVG of the pictogram ``name`` (one of :func:`icon_names`)."""
    return files(__name__).joinpath("icons", f"{name}.svg").read_bytes()
