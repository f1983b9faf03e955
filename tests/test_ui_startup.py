"""The welcome screen paints before the context exists; a tap that needs it waits for it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from kiosk.core.mode import Mode
from ui.app import KioskWindow
from ui.driver import Driver


def test_window_without_context_waits_then_continues(qtbot, ui_context) -> None:  # type: ignore[no-untyped-def]
    window = KioskWindow(ui_context.config, Mode.TRAINING)
    qtbot.addWidget(window)
    window.show()
    driver = Driver(window)
    qtbot.mouseClick(driver.button("start"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(driver.button("continue-without-login"), Qt.MouseButton.LeftButton)
    assert driver.screen == "welcome"  # the catalogue is not there yet
    waiting = window.findChild(QLabel, "starting-up")
    assert waiting.isVisible() and "khởi động" in waiting.text()
    assert window.findChild(QLabel, "mode-mark").text() == "TẬP HUẤN"
    window.set_context(ui_context)
    assert driver.screen == "choose"
    assert not waiting.isVisible()
    tile = window.findChild(QPushButton, "tile-birth_registration")
    qtbot.waitUntil(tile.isVisible)
    window.shutdown()
