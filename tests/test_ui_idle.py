"""The idle wipe: after the warning's countdown, nothing the resident typed survives."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from ui.driver import Driver

MARKER_NAME = "Nguyễn Thị Quỳnhxyz"
MARKER_PHONE = "0987654321"
MARKERS = ("Quỳnhxyz", "quỳnhxyz", MARKER_PHONE, "0987 654 321")
SHORT = {"idle_ms": 200, "warning_ms": 400, "tick_ms": 50}


def every_text() -> list[str]:
    """The text of every widget alive in the application."""
    texts: list[str] = []
    for widget in QApplication.allWidgets():
        texts.append(widget.accessibleName())
        texts.append(widget.accessibleDescription())
        texts.append(widget.toolTip())
        texts.extend(_own_text(widget))
    return texts


def _own_text(widget: QWidget) -> list[str]:
    if isinstance(widget, QLabel | QAbstractButton):
        return [widget.text()]
    if isinstance(widget, QLineEdit):
        return [widget.text(), widget.displayText(), widget.placeholderText()]
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        return [widget.toPlainText()]
    return []


def fill_with_markers(window) -> Driver:  # type: ignore[no-untyped-def]
    driver = Driver(window)
    driver.start_procedure("birth_registration")
    example = dict(window.ctx.catalogue.get("birth_registration").example)
    example.update(requester_name=MARKER_NAME, mother_name=MARKER_NAME,
                   requester_phone=MARKER_PHONE)
    driver.answer_all(example)
    driver.complete_review(example)
    return driver


def test_idle_timeout_wipes_every_trace_of_the_session(qtbot, kiosk_window) -> None:  # type: ignore[no-untyped-def]
    window = kiosk_window(idle_ms=3_600_000, warning_ms=400, tick_ms=50)
    driver = fill_with_markers(window)
    assert any(m in t for t in every_text() for m in MARKERS)  # the markers are on screen
    QApplication.clipboard().setText(MARKER_NAME)
    window.idle.idle_ms = SHORT["idle_ms"]
    window.idle.arm()
    qtbot.waitUntil(window.overlay.isVisible, timeout=5_000)
    qtbot.waitUntil(lambda: driver.screen == "welcome", timeout=5_000)
    qtbot.wait(50)  # deferred deletions
    assert window.session is None
    leaks = [t for t in every_text() for m in MARKERS if m in t]
    assert leaks == []
    assert QApplication.clipboard().text() == ""
    assert not window.overlay.isVisible()


def test_one_tap_on_the_warning_extends_the_session(qtbot, kiosk_window) -> None:  # type: ignore[no-untyped-def]
    window = kiosk_window(**SHORT)
    driver = Driver(window)
    driver.start_procedure("birth_registration")
    window.idle.warning_ms = 60_000  # the countdown must not end during the test
    qtbot.waitUntil(window.overlay.isVisible, timeout=5_000)
    assert "giây" in window.findChild(QLabel, "idle-countdown").text()
    qtbot.mouseClick(window.overlay.stay, Qt.MouseButton.LeftButton)
    assert not window.overlay.isVisible()
    assert driver.screen == "question" and window.session is not None
    assert window.idle.idle_timer.isActive()


def test_welcome_screen_has_no_idle_timer(qtbot, kiosk_window) -> None:  # type: ignore[no-untyped-def]
    window = kiosk_window(**SHORT)
    qtbot.wait(400)
    assert not window.overlay.isVisible()
    assert not window.idle.idle_timer.isActive()
