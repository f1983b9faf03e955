"""Choose the procedure: popular tiles first, and a search typed on the on-screen keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from ui.driver import Driver


def visible_tiles(window) -> list[str]:  # type: ignore[no-untyped-def]
    page = window.screens["choose"]
    return [t.procedure.slug for t in page.tiles() if t.isVisibleTo(window)]


def test_popular_tiles_come_first_in_rank_order(qtbot, kiosk_window) -> None:  # type: ignore[no-untyped-def]
    window = kiosk_window()
    driver = Driver(window)
    qtbot.mouseClick(driver.button("start"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(driver.button("continue-without-login"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(visible_tiles(window)))
    popular = sorted((p for p in window.ctx.catalogue.procedures if p.popular),
                     key=lambda p: p.popular)[:6]
    assert visible_tiles(window)[: len(popular)] == [p.slug for p in popular]


def test_search_on_the_on_screen_keyboard_without_accents(qtbot, kiosk_window) -> None:  # type: ignore[no-untyped-def]
    window = kiosk_window()
    driver = Driver(window)
    qtbot.mouseClick(driver.button("start"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(driver.button("continue-without-login"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(driver.button("search-keyboard"), Qt.MouseButton.LeftButton)
    keyboard = window.screens["choose"].keyboard.keyboard
    assert keyboard is not None and window.screens["choose"].keys is keyboard  # in the fixed area
    keys = {b.text(): b for b in keyboard.findChildren(QPushButton)}
    for letter in "tu phap":
        qtbot.mouseClick(keys["Dấu cách" if letter == " " else letter], Qt.MouseButton.LeftButton)
    assert window.screens["choose"].search.text() == "tu phap"
    qtbot.waitUntil(lambda: visible_tiles(window) == ["judicial_record"])
    assert "1" in window.screens["choose"].found.text()
    window.wipe_session()
    assert window.screens["choose"].search.text() == ""
