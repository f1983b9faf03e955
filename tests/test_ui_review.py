"""The check-answers page: delivery choice, the declaration, nothing sent until both are there."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from sandbox_helpers import applications

from ui.driver import Driver


def to_review(window) -> Driver:  # type: ignore[no-untyped-def]
    driver = Driver(window)
    driver.start_procedure("marital_status")
    driver.answer_all(window.ctx.catalogue.get("marital_status").example)
    return driver


def test_send_without_the_declaration_says_so_and_sends_nothing(
    qtbot, kiosk_window, sandbox_process  # type: ignore[no-untyped-def]
) -> None:
    window = kiosk_window()
    driver = to_review(window)
    qtbot.mouseClick(driver.button("send"), Qt.MouseButton.LeftButton)
    problems = window.findChild(QLabel, "review-problems")
    assert problems.isVisible() and problems.text()
    assert driver.screen == "review"
    assert applications(sandbox_process.url) == []


def test_post_delivery_asks_for_the_address_and_keeps_the_choice(
    qtbot, kiosk_window  # type: ignore[no-untyped-def]
) -> None:
    window = kiosk_window()
    driver = to_review(window)
    review = window.screens["review"]
    qtbot.mouseClick(driver.button("delivery-post"), Qt.MouseButton.LeftButton)
    assert review.address_widget is not None
    qtbot.waitUntil(lambda: review.address_widget.isVisibleTo(window))
    assert driver.button("delivery-post").text().startswith("✓")
    qtbot.mouseClick(driver.button("declaration"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(driver.button("send"), Qt.MouseButton.LeftButton)
    assert driver.screen == "review"  # no address yet
    assert review.address_widget.error()
    qtbot.mouseClick(driver.button("delivery-counter"), Qt.MouseButton.LeftButton)
    assert review.address_widget is None
    assert window.session.flow.delivery == "counter" and window.session.flow.declaration is True


def test_large_text_switch_rerenders_with_bigger_text_and_targets(
    qtbot, kiosk_window  # type: ignore[no-untyped-def]
) -> None:
    window = kiosk_window()
    driver = Driver(window)
    before = driver.button("start").height()
    qtbot.mouseClick(driver.button("large-text"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: driver.button("start").height() > before)
    assert QApplication.instance().font().pixelSize() >= 30
    assert driver.button("large-text").text() == "Chữ cỡ thường"
    assert driver.button("start").height() >= 80
    window.wipe_session()  # the next resident starts with standard text
    assert QApplication.instance().font().pixelSize() == 24


def test_a_failed_save_says_so_and_lets_the_resident_try_again(
    qtbot, kiosk_window, ui_context  # type: ignore[no-untyped-def]
) -> None:
    window = kiosk_window()
    driver = to_review(window)
    driver.complete_review(window.ctx.catalogue.get("marital_status").example)
    ui_context.outbox.close()  # the outbox cannot save any more (a broken disk)
    qtbot.mouseClick(driver.button("send"), Qt.MouseButton.LeftButton)
    review = window.screens["review"]
    qtbot.waitUntil(lambda: review.send.isEnabled(), timeout=10_000)
    assert driver.screen == "review"
    assert "Chưa gửi được hồ sơ" in window.findChild(QLabel, "review-problems").text()
    assert not review.busy_label.isVisible()
