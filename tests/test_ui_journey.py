"""The resident's journey in the real window, against a real ``kiosk sandbox`` process.

Taps go to the real buttons (``qtbot.mouseClick``), typing to the real inputs
(``qtbot.keyClicks``); example answers go in through each question widget's
``set_value``, as ``kiosk tour`` does.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QWidget
from sandbox_helpers import applications

from ui.driver import Driver

PROCEDURE = "birth_registration"


def tap(qtbot, driver: Driver, name: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(driver.button(name), Qt.MouseButton.LeftButton)


def to_review(qtbot, window) -> Driver:  # type: ignore[no-untyped-def]
    driver = Driver(window)
    driver.start_procedure(PROCEDURE)
    example = window.ctx.catalogue.get(PROCEDURE).example
    driver.answer_all(example)
    driver.complete_review(example)
    return driver


def test_whole_submission_reaches_the_sandbox_and_shows_its_code(
    qtbot, kiosk_window, sandbox_process  # type: ignore[no-untyped-def]
) -> None:
    window = kiosk_window()
    driver = to_review(qtbot, window)
    tap(qtbot, driver, "send")
    qtbot.waitUntil(lambda: driver.screen == "confirmation", timeout=20_000)
    code = window.findChild(QLabel, "application-code").text()
    stored = applications(sandbox_process.url)
    assert [a["code"] for a in stored] == [code]
    assert stored[0]["procedure"] == window.ctx.catalogue.get(PROCEDURE).code
    tap(qtbot, driver, "done")
    assert driver.screen == "welcome" and window.session is None


def test_change_from_the_check_page_returns_straight_to_it(
    qtbot, kiosk_window  # type: ignore[no-untyped-def]
) -> None:
    window = kiosk_window()
    driver = to_review(qtbot, window)
    answer = window.findChild(QLabel, "answer-child_name")
    assert answer.text() == "Trần Minh An"
    tap(qtbot, driver, "change-child_name")
    assert driver.screen == "question" and driver.current_question() == "child_name"
    edit = window.screens["question"].widget.findChild(QLineEdit)
    assert edit.text() == "Trần Minh An"  # the stored answer is put back
    edit.selectAll()
    qtbot.keyClicks(edit, "Tran Minh Khang")  # QTest types Latin-1 only
    tap(qtbot, driver, "continue")
    assert driver.screen == "review"
    assert window.findChild(QLabel, "answer-child_name").text() == "Tran Minh Khang"


def test_back_from_the_check_page_goes_to_the_last_question(
    qtbot, kiosk_window  # type: ignore[no-untyped-def]
) -> None:
    window = kiosk_window()
    driver = to_review(qtbot, window)
    tap(qtbot, driver, "back")
    assert driver.screen == "question"
    assert driver.current_question() == window.session.flow.questions[-1].id


def test_a_validation_error_keeps_the_input_and_the_focus(
    qtbot, kiosk_window  # type: ignore[no-untyped-def]
) -> None:
    window = kiosk_window()
    driver = Driver(window)
    driver.start_procedure(PROCEDURE)
    example = window.ctx.catalogue.get(PROCEDURE).example
    while driver.current_question() != "requester_cccd":
        assert driver.answer(example.get(driver.current_question())) is None
    page = window.screens["question"]
    edit = page.widget.findChild(QLineEdit)
    qtbot.keyClicks(edit, "12345")
    tap(qtbot, driver, "continue")
    assert driver.current_question() == "requester_cccd"
    message = page.widget.error()
    assert message and "12" in message
    shown = [label.text() for label in page.findChildren(QLabel) if label.isVisible()]
    assert any(message in text for text in shown)
    assert "".join(c for c in edit.text() if c.isdigit()) == "12345"
    assert edit.hasFocus() or page.widget.isAncestorOf(window.focusWidget())


def test_a_double_tap_on_send_sends_once(
    qtbot, kiosk_window, sandbox_process  # type: ignore[no-untyped-def]
) -> None:
    window = kiosk_window()
    driver = to_review(qtbot, window)
    send = driver.button("send")
    qtbot.mouseClick(send, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(send, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: driver.screen == "confirmation", timeout=20_000)
    assert len(applications(sandbox_process.url)) == 1


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_language_switch_rerenders_every_screen(
    qtbot, kiosk_window, lang: str  # type: ignore[no-untyped-def]
) -> None:
    window = kiosk_window()
    driver = Driver(window)
    tap(qtbot, driver, f"lang-{lang}")
    expected = {"en": ("Start", "Continue without logging in"),
                "vi": ("Bắt đầu", "Tiếp tục không đăng nhập")}[lang]
    assert driver.button("start").text() == expected[0]
    assert driver.button("start").accessibleName() == expected[0]
    tap(qtbot, driver, "start")
    assert driver.button("continue-without-login").text() == expected[1]


def test_print_on_the_pdf_folder_printer_saves_the_receipt_and_says_so(
    qtbot, kiosk_window, ui_context  # type: ignore[no-untyped-def]
) -> None:
    window = kiosk_window()
    driver = to_review(qtbot, window)
    driver.send()
    code = window.session.record.code
    tap(qtbot, driver, "print-receipt")
    qtbot.waitUntil(lambda: driver.button("print-receipt").isEnabled(), timeout=20_000)
    message = window.findChild(QLabel, "print-message")
    # The folder is the chosen printer: no promise of a volunteer, the plain truth.
    assert message.text() == ("Biên nhận đã được lưu thành tệp trên máy, không in ra giấy. "
                              "Bác cần bản giấy thì nhờ tình nguyện viên.")
    assert ui_context.printing.reprint_list() == []
    saved = list((ui_context.data.receipts / "printed").glob("*.pdf"))
    assert len(saved) == 1 and code in saved[0].name
    assert saved[0].read_bytes()[:5] == b"%PDF-"


def test_login_only_procedure_stops_before_the_questions_on_a_real_kiosk(
    qtbot, kiosk_window  # type: ignore[no-untyped-def]
) -> None:
    from kiosk.core.mode import Mode

    window = kiosk_window()
    window.mode = Mode.REAL  # as on a kiosk with a real configuration
    driver = Driver(window)
    tap(qtbot, driver, "start")
    tap(qtbot, driver, "continue-without-login")
    procedure = window.ctx.catalogue.get(PROCEDURE)
    assert procedure.login_required
    tap(qtbot, driver, f"tile-{procedure.slug}")
    assert driver.screen == "before"
    with pytest.raises(Exception, match="start-application"):
        driver.button("start-application")
    note = window.findChild(QFrame, "login-note").findChild(QLabel)
    assert "cần đăng nhập bằng VNeID" in note.text()
    tap(qtbot, driver, "log-in")  # the way on: log in, then back to this procedure
    assert driver.screen == "identify"


def test_print_through_the_print_service_shows_its_outcome(
    qtbot, kiosk_window, ui_context, tmp_path  # type: ignore[no-untyped-def]
) -> None:
    from printing.backends.pdf_folder import PdfFolderBackend

    folder = tmp_path / "printed"
    ui_context.printing.backend = PdfFolderBackend(folder)
    window = kiosk_window()
    driver = to_review(qtbot, window)
    driver.send()
    tap(qtbot, driver, "print-receipt")
    panel = window.findChild(QWidget, "print-panel")
    qtbot.waitUntil(lambda: panel.outcome is not None, timeout=20_000)
    assert panel.outcome.ok
    assert driver.button("print-receipt").isEnabled()
    assert [p.suffix for p in folder.iterdir()] == [".pdf"]
    tap(qtbot, driver, "done")
    assert window.findChild(QWidget, "print-panel") is None or not panel.isVisible()


def test_a_volunteer_can_be_called_from_any_page(qtbot, kiosk_window) -> None:  # type: ignore[no-untyped-def]
    window = kiosk_window()
    help_link = window.findChild(QWidget, "help")
    assert not help_link.isVisibleTo(window)  # the welcome page has its own big button
    driver = Driver(window)
    driver.start_procedure(PROCEDURE)
    assert help_link.isVisibleTo(window)
    tap(qtbot, driver, "help")
    panel = window.findChild(QFrame, "help-panel")
    assert panel.isVisible() and "Tình nguyện viên đang đến" in panel.findChild(QLabel).text()
    assert driver.screen == "question"  # the resident keeps their page
    window.wipe_session()
    assert not panel.isVisible()
