"""pytest-qt: the login pages on the real window, against a real sandbox process as provider.

The QR login (a code that decodes to the provider's address, a countdown, a
fresh code after a denial or expiry, Huỷ, the idle wipe), the ID-number login
(the binding code the phone shows too, the limit per number), the greeting
with "Không phải bác? Huỷ", answers from VNeID locked or editable as the
procedure says, the level-2 refusal, and the CCCD card's QR code on the
identify page.
"""

from __future__ import annotations

import io
import logging

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtCore import QBuffer, QEvent, QIODevice, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from sandbox_helpers import approve_login, expire_login, pending_logins

from ui.driver import DriveError, Driver
from ui.screens.login_qr import LoginQrScreen

LAN = "001190012345"  # the sandbox's level-2 citizen
DUC = "079201004567"  # a level-1 citizen
LEFT = Qt.MouseButton.LeftButton
WAIT_MS = 20_000  # the sandbox asks for a poll every 5 s


def to_qr(qtbot, window) -> LoginQrScreen:  # type: ignore[no-untyped-def]
    driver = Driver(window)
    driver.tap("start")
    qtbot.waitUntil(lambda: not driver.button("login-vneid").property("unavailable"), timeout=10_000)
    driver.tap("login-vneid")
    page = driver.page(LoginQrScreen)
    qtbot.waitUntil(lambda: bool(page.code.text()), timeout=10_000)
    return page


def user_code(page: LoginQrScreen) -> str:
    return page.code.text()


def decode(label: QLabel) -> str:
    """What a phone's camera reads off the QR code on the screen."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    label.pixmap().save(buffer, "PNG")
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(bytes(buffer.data()))))
    assert len(found) == 1
    return str(found[0].text)


def test_qr_login_greets_and_fills_the_form(qtbot, kiosk_window, ui_context, caplog) -> None:  # type: ignore[no-untyped-def]
    caplog.set_level(logging.DEBUG)
    window = kiosk_window()
    page = to_qr(qtbot, window)
    code = user_code(page)
    issuer = ui_context.config.identity.issuer
    address = decode(page.qr)
    assert address.startswith(f"{issuer}/oidc/device?user_code=")  # only the provider's address
    assert address.endswith(user_code(page).replace("-", ""))
    assert "còn hiệu lực" in page.countdown.text()
    approve_login(issuer, user_code=user_code(page), citizen=LAN)
    driver = Driver(window)
    qtbot.waitUntil(lambda: driver.screen == "greeting", timeout=WAIT_MS)
    assert window.findChild(QLabel, "greeting").text() == "Xin chào bác Lan"
    assert page.code.text() == "" and page.qr.pixmap().isNull()  # nothing of the code stays
    driver.tap("continue")
    driver.tap("tile-birth_registration")
    driver.tap("start-application")
    example = ui_context.catalogue.get("birth_registration").example
    seen: dict[str, str] = {}

    def look(qid: str) -> None:
        fixed = window.findChild(QLabel, "answer-from-login")
        source = window.findChild(QLabel, "answer-source")
        if fixed.isVisible():
            seen[qid] = "locked:" + fixed.text()
        elif source.isVisible():
            seen[qid] = "editable:" + source.text()

    driver.answer_all(example, each=look)
    assert seen["requester_name"] == "locked:Nguyễn Thị Lan"
    assert seen["requester_cccd"] == f"locked:{LAN}"
    assert seen["requester_phone"].startswith("editable:Điền sẵn từ VNeID")
    driver.complete_review(example)
    driver.send()
    record = window.session.record
    assert record.answers["requester_name"] == "Nguyễn Thị Lan"
    assert record.answers["requester_cccd"] == LAN
    logged = caplog.text  # the log holds neither the code nor who logged in
    assert code not in logged and code.replace("-", "") not in logged
    assert LAN not in logged and "Nguyễn" not in logged and "Bearer" not in logged


def test_a_declined_or_expired_code_offers_a_fresh_one(qtbot, kiosk_window, ui_context) -> None:  # type: ignore[no-untyped-def]
    window = kiosk_window()
    page = to_qr(qtbot, window)
    issuer = ui_context.config.identity.issuer
    first = user_code(page)
    approve_login(issuer, user_code=first, deny=True)
    again = window.findChild(QWidget, "login-new-code")
    qtbot.waitUntil(again.isVisible, timeout=WAIT_MS)
    assert "từ chối" in page.message.text()
    qtbot.mouseClick(again, LEFT)
    qtbot.waitUntil(lambda: bool(page.code.text()) and page.code.text() != first,
                    timeout=10_000)
    second = user_code(page)
    expire_login(issuer, user_code=second)
    qtbot.waitUntil(again.isVisible, timeout=WAIT_MS)
    assert "hết hạn" in page.message.text() and page.code.text() == ""
    assert not page.driver.active  # no poll is left running


def test_cancel_and_the_idle_wipe_end_the_qr_login(qtbot, kiosk_window) -> None:  # type: ignore[no-untyped-def]
    window = kiosk_window(idle_ms=3_600_000, warning_ms=300, tick_ms=50)
    page = to_qr(qtbot, window)
    Driver(window).tap("login-cancel")
    assert Driver(window).screen == "identify" and not page.driver.active
    Driver(window).tap("login-vneid")
    qtbot.waitUntil(lambda: bool(page.code.text()), timeout=10_000)
    code = page.code.text()
    window.idle.idle_ms = 100
    window.idle.arm()
    qtbot.waitUntil(lambda: Driver(window).screen == "welcome", timeout=5_000)
    assert not page.driver.active and page.code.text() == "" and page.qr.pixmap().isNull()
    shown = [w.text() for w in QApplication.allWidgets() if isinstance(w, QLabel)]
    assert code not in shown


def test_the_id_number_login_shows_the_phones_code(qtbot, kiosk_window, ui_context) -> None:  # type: ignore[no-untyped-def]
    window = kiosk_window()
    driver = Driver(window)
    driver.tap("start")
    qtbot.waitUntil(lambda: not driver.button("login-phone").property("unavailable"), timeout=10_000)
    driver.tap("login-phone")
    page = window.screens["login_phone"]
    for digit in "0011900":  # too short: said at the field, nothing sent
        qtbot.mouseClick(page.number.keypad.keys[digit], LEFT)
    driver.tap("login-send")
    assert page.number.error() and pending_logins(ui_context.config.identity.issuer) == []
    page.number.set_value(LAN)
    driver.tap("login-send")
    qtbot.waitUntil(page.binding.isVisible, timeout=10_000)
    issuer = ui_context.config.identity.issuer
    waiting = [p for p in pending_logins(issuer) if p["kind"] == "ciba"]
    assert [p["binding_message"] for p in waiting] == [page.binding.text()]
    approve_login(issuer, auth_req_id=waiting[0]["auth_req_id"])
    qtbot.waitUntil(lambda: driver.screen == "greeting", timeout=WAIT_MS)
    assert window.identity.id_number == LAN
    driver.tap("not-you")  # someone else approved? the login ends, nothing is kept
    assert driver.screen == "identify" and window.identity is None


def test_a_level_1_login_is_refused_a_level_2_procedure(qtbot, kiosk_window, ui_context) -> None:  # type: ignore[no-untyped-def]
    window = kiosk_window()
    page = to_qr(qtbot, window)
    approve_login(ui_context.config.identity.issuer, user_code=user_code(page), citizen=DUC)
    driver = Driver(window)
    qtbot.waitUntil(lambda: driver.screen == "greeting", timeout=WAIT_MS)
    driver.tap("continue")
    driver.tap("tile-birth_registration")
    note = window.findChild(QWidget, "login-note").findChild(QLabel)
    assert "mức 2" in note.text() and "mức 1" in note.text()
    for name in ("start-application", "log-in"):  # neither going on nor logging in again
        with pytest.raises(DriveError):
            driver.button(name)


def _scan(widget: QWidget, text: str) -> None:
    for char in text:
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, 0,
                                                 Qt.KeyboardModifier.NoModifier, char))
    QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return,
                                             Qt.KeyboardModifier.NoModifier))


CARD = ("001190012345||Nguyễn Thị Lan|15031990|Nữ|"
        "Số 12, ngõ 34 phố Đội Cấn, Phường Ba Đình, Thành phố Hà Nội|01022021")


def test_the_cards_qr_code_fills_a_procedure_without_login(qtbot, kiosk_window) -> None:  # type: ignore[no-untyped-def]
    window = kiosk_window()
    driver = Driver(window)
    driver.tap("start")
    identify = window.current()
    _scan(identify, CARD[:40] + "|")  # a scan cut short: nothing filled, said so
    message = window.findChild(QLabel, "card-message")
    assert message.isVisible() and window.identity is None
    assert "Nguyễn" not in message.text()
    _scan(identify, CARD)
    assert driver.screen == "greeting"
    assert "thẻ căn cước" in window.findChild(QLabel, "greeting-who").text()
    driver.tap("continue")
    driver.tap("tile-certified_copy")
    session = window.session
    names = [q.id for q in session.procedure.questions if q.prefill is not None]
    assert any(session.flow.prefilled(qid) for qid in names)
    assert not any(session.flow.locked(q) for q in session.procedure.questions)  # a card: editable


def test_the_cards_qr_code_scanned_into_the_id_number_question(qtbot, kiosk_window) -> None:  # type: ignore[no-untyped-def]
    window = kiosk_window()  # training mode: a level-2 procedure goes on without login
    driver = Driver(window)
    driver.start_procedure("birth_registration")
    session = window.session
    example = session.procedure.example
    while session.flow.current.id != "requester_cccd":
        assert driver.answer(example.get(session.flow.current.id)) is None
    page = window.current()
    _scan(page.widget.edit, CARD[:30] + "|x|")  # cut short: said, nothing filled
    assert page.widget.error() and page.widget.value() is None
    _scan(page.widget.edit, CARD)
    assert page.widget.value() == LAN  # the number, from the card
    source = window.findChild(QLabel, "answer-source")
    assert source.isVisible() and "thẻ căn cước" in source.text()
    # A later question filled from the card too (where the child will live: the requester's).
    assert session.flow.prefilled("residence")
    assert session.flow.value("residence")["street"] == "Số 12, ngõ 34 phố Đội Cấn"
    assert driver.answer(None) is None  # the filled number is accepted as it is
