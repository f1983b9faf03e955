"""The theme: contrast >= 7:1, text and target sizes, a font that covers Vietnamese."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QPushButton

from ui import theme


@pytest.mark.parametrize("palette", [theme.PALETTE, theme.HIGH_CONTRAST],
                         ids=["normal", "high-contrast"])
def test_every_colour_pair_reaches_7_to_1_and_every_control_edge_3_to_1(
        palette: theme.Palette) -> None:
    low = [
        (name, round(theme.contrast_ratio(fg, bg), 2))
        for name, fg, bg in theme.contrast_pairs(palette)
        if theme.contrast_ratio(fg, bg) < 7.0
    ]
    assert not low
    faint = [
        (name, round(theme.contrast_ratio(fg, bg), 2))
        for name, fg, bg in theme.edge_pairs(palette)
        if theme.contrast_ratio(fg, bg) < 3.0
    ]
    assert not faint


def test_the_high_contrast_theme_is_light_on_dark(qapp: QApplication) -> None:
    hc = theme.HIGH_CONTRAST
    assert theme.luminance(hc.background) < 0.05 < 0.9 < theme.luminance(hc.text)
    theme.apply_theme(qapp, high_contrast=True)
    try:
        assert theme.active_palette() is hc and hc.background in qapp.styleSheet()
        assert theme.PALETTE.primary not in qapp.styleSheet()  # no green left
    finally:
        theme.apply_theme(qapp)
    assert theme.active_palette() is theme.PALETTE


def test_contrast_ratio_matches_wcag_reference_values() -> None:
    assert round(theme.contrast_ratio("#000000", "#ffffff"), 1) == 21.0
    assert round(theme.contrast_ratio("#777777", "#ffffff"), 2) == 4.48
    assert theme.contrast_ratio("#123456", "#123456") == 1.0


def test_sizes_meet_the_minimums_and_large_text_is_larger() -> None:
    normal, large = theme.sizes(False), theme.sizes(True)
    assert normal.body >= 24 and normal.target >= 64
    assert large.body >= 30 and large.target >= normal.target
    for field in ("body", "heading", "title", "code"):
        assert getattr(large, field) > getattr(normal, field)
    assert normal.heading > normal.body and normal.title > normal.heading


def test_the_kiosks_own_font_covers_vietnamese(qapp: QApplication) -> None:
    family = theme.font_family()
    assert family == "Noto Sans"
    assert theme.missing_vietnamese(family) == ""


def test_the_style_sheet_template_is_filled_in_completely(qapp: QApplication) -> None:
    for large in (False, True):
        sheet = theme.stylesheet(large)
        assert "$" not in sheet
        assert f"font-size: {theme.sizes(large).body}px" in sheet
        assert theme.PALETTE.primary in sheet


def test_applied_theme_gives_buttons_64px_targets_and_24px_text(qtbot) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme.apply_theme(app, large_text=False)
    button = QPushButton("Tiếp tục")
    theme.set_role(button, theme.Role.PRIMARY)
    qtbot.addWidget(button)
    button.show()
    assert button.sizeHint().height() >= 64 and button.sizeHint().width() >= 64
    assert app.font().pixelSize() == 24
    theme.apply_theme(app, large_text=True)
    assert app.font().pixelSize() == 30
    assert 'role="primary"' in app.styleSheet()
    theme.apply_theme(app, large_text=False)
