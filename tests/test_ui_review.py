"""The check-answers page: every answer with "Sửa", the declaration above "Gửi hồ sơ", no double send."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFrame, QLabel
from sandbox_helpers import applications, set_faults

from ui.driver import Driver


def to_review(window) -> Driver:  # type: ignore[no-untyped-def]
    driver = Driver(window)
    driver.start_procedure("marital_status")
    driver.answer_all(window.ctx.catalogue.get("marital_status").example)
    return driver


def test_send_without_the_declaration_says_so_right_there_and_sends_nothing(
    qtbot, kiosk_window, sandbox_process  # type: ignore[no-untyped-def]
) -> None:
    window = kiosk_window()
    driver = to_review(window)
    review = window.screens["review"]
    qtbot.mouseClick(driver.button("send"), Qt.MouseButton.LeftButton)  # the first tap
    problems = window.findChild(QLabel, "review-problems")
    assert problems.isVisible() and "cam đoan" in problems.text()
    declaration = driver.button("declaration")
    for widget in (problems, declaration, driver.button("send")):  # all in view
        assert window.rect().contains(widget.mapTo(window, widget.rect().bottomRight()))
    assert review.dock_area.isAncestorOf(problems) and review.dock_area.isAncestorOf(declaration)
    assert driver.screen == "review" and applications(sandbox_process.url) == []
    qtbot.mouseClick(declaration, Qt.MouseButton.LeftButton)
    assert not problems.isVisible()  # put right: the message goes at once
    assert declaration.mark.text() == "☑"


def test_the_way_the_result_comes_back_is_a_question_of_its_own(
    qtbot, kiosk_window  # type: ignore[no-untyped-def]
) -> None:
    window = kiosk_window()
    driver = Driver(window)
    driver.start_procedure("marital_status")
    example = dict(window.ctx.catalogue.get("marital_status").example)
    while driver.current_question() != "delivery":
        qid = driver.current_question()
        assert qid is not None and driver.answer(example.get(qid)) is None
    assert driver.answer("post") is None
    assert driver.current_question() == "delivery_address"  # by post: where to
    assert driver.answer(example["delivery_address"]) is None
    driver.expect("review")
    answer = window.findChild(QLabel, "answer-delivery")
    assert answer is not None and "bưu điện" in answer.text()
    qtbot.mouseClick(driver.button("change-delivery"), Qt.MouseButton.LeftButton)
    assert driver.answer("counter") is None
    driver.expect("review")  # straight back; the address is no longer asked or sent
    assert window.findChild(QLabel, "answer-delivery_address") is None
    assert "delivery_address" not in window.session.flow.answers


def test_the_same_application_again_is_not_sent_unasked(
    qtbot, kiosk_window, sandbox_process  # type: ignore[no-untyped-def]
) -> None:
    window = kiosk_window()
    example = window.ctx.catalogue.get("marital_status").example
    driver = to_review(window)
    driver.complete_review(example)
    driver.send()
    first = window.session.record
    driver.tap("done")
    driver = to_review(window)  # the resident did not see the receipt and starts again
    driver.complete_review(example)
    qtbot.mouseClick(driver.button("send"), Qt.MouseButton.LeftButton)
    panel = window.findChild(QFrame, "duplicate-panel")
    qtbot.waitUntil(panel.isVisible, timeout=10_000)
    message = window.findChild(QLabel, "duplicate-message").text()
    assert message.startswith("Bác vừa gửi hồ sơ này lúc ") and message.endswith("?")
    assert first.created_at.astimezone().strftime("%H:%M") in message
    assert not driver.button("send").isEnabled() and len(applications(sandbox_process.url)) == 1
    qtbot.mouseClick(driver.button("duplicate-show"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: driver.screen == "confirmation", timeout=10_000)
    assert window.session.record.ref == first.ref  # the earlier one, not a new one
    driver.tap("done")
    driver = to_review(window)
    driver.complete_review(example)
    qtbot.mouseClick(driver.button("send"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(panel.isVisible, timeout=10_000)
    qtbot.mouseClick(driver.button("duplicate-again"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: driver.screen == "confirmation", timeout=20_000)
    assert window.session.record.ref != first.ref
    assert len(applications(sandbox_process.url)) == 2


def test_the_confirmation_page_follows_a_queued_application_when_it_goes_out(
    qtbot, kiosk_window, sandbox_process  # type: ignore[no-untyped-def]
) -> None:
    window = kiosk_window(send_timeout_s=2.0)
    set_faults(sandbox_process.url, down=True)
    driver = to_review(window)
    driver.complete_review(window.ctx.catalogue.get("marital_status").example)
    driver.send()
    outcome = window.findChild(QLabel, "outcome")
    assert outcome.text() == "Hồ sơ đã được lưu trên máy"
    assert "mất kết nối" in window.findChild(QLabel, "next-steps").text()
    set_faults(sandbox_process.url)
    window.ctx.worker.wake(make_due=True)
    qtbot.waitUntil(lambda: outcome.text() == "Đã gửi hồ sơ thành công", timeout=20_000)
    code = window.findChild(QLabel, "application-code").text()
    assert code == applications(sandbox_process.url)[0]["code"]
    assert "mất kết nối" not in window.findChild(QLabel, "next-steps").text()


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
