"""Every procedure's icon name has a drawing, and drawings differ from one another."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from forms.loader import load_catalogue
from ui.icons import DRAWINGS, procedure_icon
from ui.screens.choose import CATEGORY_NAMES


def test_every_catalogue_icon_and_category_is_known(qapp: QApplication) -> None:
    catalogue = load_catalogue()
    assert {p.icon for p in catalogue.procedures if p.icon} <= set(DRAWINGS)
    assert {p.category for p in catalogue.procedures} <= set(CATEGORY_NAMES)


def test_icons_are_drawn_and_distinct(qapp: QApplication) -> None:
    images = {name: procedure_icon(name, size=64).toImage() for name in ("baby", "house", "heart")}
    assert all(not image.isNull() and image.width() == 64 for image in images.values())
    assert images["baby"] != images["house"] != images["heart"]
