"""Check an application: type (or scan: keys + Enter) the code, read the history."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from sandbox_helpers import advance

from ui.driver import Driver


def submit_one(qtbot, window) -> str:  # type: ignore[no-untyped-def]
    driver = Driver(window)
    driver.start_procedure("certified_copy")
    example = window.ctx.catalogue.get("certified_copy").example
    driver.answer_all(example)
    driver.complete_review(example)
    qtbot.mouseClick(driver.button("send"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: driver.screen == "confirmation", timeout=20_000)
    code: str = window.findChild(QLabel, "application-code").text()
    qtbot.mouseClick(driver.button("done"), Qt.MouseButton.LeftButton)
    return code


def test_scanned_code_shows_the_history_in_plain_words(
    qtbot, kiosk_window, sandbox_process  # type: ignore[no-untyped-def]
) -> None:
    window = kiosk_window()
    code = submit_one(qtbot, window)
    advance(sandbox_process.url, code, "processing")
    driver = Driver(window)
    qtbot.mouseClick(driver.button("check-application"), Qt.MouseButton.LeftButton)
    page = window.screens["status"]
    qtbot.keyClicks(page.code, code.lower())  # a scanner types, then presses Enter
    qtbot.keyClick(page.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.result.isVisible(), timeout=10_000)
    assert code in page.result.text() and "Đang giải quyết" in page.result.text()
    history = page.history.text().splitlines()
    assert len(history) == 2
    assert "Đã tiếp nhận" in history[0] and "Đang giải quyết" in history[1]


def test_unknown_code_says_so_and_keeps_what_was_typed(
    qtbot, kiosk_window  # type: ignore[no-untyped-def]
) -> None:
    window = kiosk_window()
    driver = Driver(window)
    qtbot.mouseClick(driver.button("check-application"), Qt.MouseButton.LeftButton)
    page = window.screens["status"]
    qtbot.keyClicks(page.code, "H99.01-000000-9999")
    qtbot.mouseClick(driver.button("look-up"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.button.isEnabled() and page.message.isVisible(), timeout=10_000)
    assert "H99.01-000000-9999" in page.message.text()
    assert "Không tìm thấy" in page.message.text()
    assert page.code.text() == "H99.01-000000-9999"
    assert not page.result.isVisible()


def test_a_code_tapped_on_the_code_pad_without_separators_is_found(
    qtbot, kiosk_window  # type: ignore[no-untyped-def]
) -> None:
    window = kiosk_window()
    code = submit_one(qtbot, window)
    driver = Driver(window)
    qtbot.mouseClick(driver.button("check-application"), Qt.MouseButton.LeftButton)
    page = window.screens["status"]
    pad = page.pad
    assert pad is not None and page.keys is pad and pad.isVisible()  # in the fixed area
    for key in code.replace(".", "").replace("-", ""):  # typed the short way, on big keys
        qtbot.mouseClick(pad.keys[key], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(driver.button("look-up"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.result.isVisible(), timeout=10_000)
    assert code in page.result.text()
    assert not pad.isVisible()  # the answer stands right under the box, in view
    box = page.code.mapTo(window, page.code.rect().bottomLeft())
    answer = page.result.mapTo(window, page.result.rect().bottomLeft())
    assert 0 < answer.y() - box.y() < 400 and answer.y() < window.height()
    qtbot.mouseClick(page.code, Qt.MouseButton.LeftButton)  # a tap on the box: the pad again
    assert pad.isVisible()
    qtbot.mouseClick(pad.keys["clear"], Qt.MouseButton.LeftButton)
    assert page.code.text() == ""
