"""Every procedure's icon name has a drawing in assets/icons, and drawings differ."""

from __future__ import annotations

import re

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

import assets
from forms.loader import load_catalogue
from ui.icons import ICONS, SPEAKER, procedure_icon, tinted_icon
from ui.screens.choose import CATEGORY_NAMES
from ui.theme import HIGH_CONTRAST, PALETTE


def test_every_catalogue_icon_and_category_is_known(qapp: QApplication) -> None:
    catalogue = load_catalogue()
    assert {p.icon for p in catalogue.procedures if p.icon} <= set(ICONS)
    assert {p.category for p in catalogue.procedures} <= set(CATEGORY_NAMES)


def test_every_name_points_at_a_shipped_drawing_and_every_drawing_is_used() -> None:
    assert set(ICONS.values()) | {SPEAKER} == set(assets.icon_names())


def test_drawings_use_the_themes_primary_colour() -> None:
    for name in set(assets.icon_names()) - {SPEAKER}:
        strokes = set(re.findall(r'stroke="(#[0-9a-f]{6})"', assets.icon(name).decode()))
        assert strokes == {PALETTE.primary}, name


def test_icons_are_drawn_and_distinct(qapp: QApplication) -> None:
    images = {name: procedure_icon(name, size=64).toImage() for name in ("baby", "house", "heart")}
    assert all(not image.isNull() and image.width() == 64 for image in images.values())
    assert images["baby"] != images["house"] != images["heart"]
    centre = QColor(images["house"].pixel(32, 2))  # inside the light disc, no stroke
    assert centre.name() == "#dfe8e3"


def test_the_speaker_takes_the_colour_it_is_given(qapp: QApplication) -> None:
    for colour in (PALETTE.link, HIGH_CONTRAST.link):
        image = tinted_icon(SPEAKER, colour, 48).pixmap(48, 48).toImage()
        inked = {QColor(image.pixel(x, y)).name() for x in range(48) for y in range(48)
                 if QColor(image.pixelColor(x, y)).alpha() == 255}
        assert inked == {colour}, inked
