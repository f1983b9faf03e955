"""The tour's extra pictures: states a straight journey never shows (GUI thread).

Volunteer panel, a validation error with the input kept, English, large text,
the idle warning, the status lookup of the last application sent, and the
volunteers' PIN page and screen (with one fictional receipt waiting to be
reprinted, discarded again by the tour).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton

from ui.driver import settle, wait_until
from ui.screens.login_phone import LoginPhoneScreen
from ui.screens.login_qr import LoginQrScreen
from ui.screens.question import QuestionScreen
from ui.screens.status import StatusScreen
from ui.screens.volunteer import VolunteerScreen
from ui.screens.volunteer_pin import VolunteerPinScreen

if TYPE_CHECKING:
    from forms.model import Procedure
    from ui.commands.tour import Tour


def take_extras(tour: Tour, procedure: Procedure) -> None:
    window, d = tour.window, tour.drive
    d.tap("ask-volunteer")
    tour.shot("welcome", detail="volunteer")
    d.tap("volunteer-ok")
    _validation_error(tour, procedure)
    window.wipe_session()
    window.set_language(tour.lang)
    window.set_large_text(True)
    tour.shot("welcome", detail="large-text")
    d.tap("start")
    d.tap("continue-without-login")
    tour.shot("choose", detail="large-text")
    window.wipe_session()
    window.set_language("en" if tour.lang == "vi" else "vi")
    tour.shot("welcome", detail="other-language")
    window.wipe_session()
    window.set_language(tour.lang)
    _idle_warning(tour)
    window.set_language(tour.lang)
    _status(tour)
    window.wipe_session()
    _volunteers(tour)
    window.wipe_session()
    window.set_language(tour.lang)
    _logins(tour)
    window.wipe_session()


def _validation_error(tour: Tour, procedure: Procedure) -> None:
    d = tour.drive
    d.start_procedure(procedure.slug)
    page = d.page(QuestionScreen)
    field = _first_typed_question(tour)
    widget = page.widget
    if field is None or widget is None:
        return
    edit = widget.focusWidget() or widget
    QTest.keyClicks(edit, "12/13/20")
    settle()
    d.tap("continue")
    tour.shot("question", procedure.slug, field, "error")


def _first_typed_question(tour: Tour) -> str | None:
    """Walk forward with the example answers to the first date, CCCD or phone question."""
    d, session = tour.drive, tour.window.session
    assert session is not None
    example = session.procedure.example
    for _ in range(40):
        question = session.flow.current
        if question is None:
            return None
        if str(question.type) in ("date", "cccd", "phone"):
            return str(question.id)
        if d.answer(example.get(question.id)) is not None:
            return None
    return None


def _idle_warning(tour: Tour) -> None:
    window, d = tour.window, tour.drive
    d.tap("start")
    window.idle.idle_ms = 50
    window.idle.arm()
    wait_until(lambda: window.overlay.isVisible(), 10, "the idle warning")
    tour.shot("idle-warning")
    d.tap("still-here")
    window.idle.idle_ms = 3_600_000
    window.idle.arm()
    window.wipe_session()


def _status(tour: Tour) -> None:
    d = tour.drive
    if not tour.last_code:
        return
    d.tap("check-application")
    page = d.page(StatusScreen)
    QTest.keyClicks(page.code, tour.last_code)
    d.tap("look-up")
    wait_until(lambda: page.result.isVisible() or bool(page.message.text())
               and page.button.isEnabled(), 30, "the status lookup")
    tour.shot("status")


def _volunteers(tour: Tour) -> None:
    """PIN page (empty, then a wrong PIN), the volunteers' screen with one kept receipt."""
    window, d = tour.window, tour.drive
    from printing.backends.base import PrinterStatus
    from printing.sample import sample_receipt

    # A fictional receipt that "did not print", for the picture.
    kept = window.context.printing.reprints.add(sample_receipt(), PrinterStatus.OUT_OF_PAPER)
    d.tap("ask-volunteer")
    d.tap("for-volunteers")
    page = d.page(VolunteerPinScreen)
    tour.shot("volunteer_pin")
    if page.gate is None:  # a real kiosk with no PIN: the page says the panel is closed
        return
    wrong = "1" if page.gate.pin[0] != "1" else "2"
    for digit in (wrong * len(page.gate.pin), page.gate.pin):
        for key in digit:
            d.tap(page.keypad.keys[key])
        d.tap("pin-open")
        if d.screen == "volunteer_pin":
            tour.shot("volunteer_pin", detail="wrong")
    screen = d.page(VolunteerScreen)
    wait_until(lambda: not screen.loading and not screen.busy, 30, "the reprint list")
    tour.shot("volunteer")
    d.tap(f"discard-{kept.id}")
    d.tap(f"discard-{kept.id}")
    wait_until(lambda: not screen.busy and not screen.loading, 30, "the discard")
    tour.shot("volunteer", detail="discarded")
    d.tap("volunteer-done")


def _logins(tour: Tour) -> None:
    """The login pages: the QR code approved on the practice phone by a level-1 resident
    (then the level-2 refusal), the help page, the ID-number login, the greeting."""
    window, d = tour.window, tour.drive
    d.tap("start")
    wait_until(lambda: not d.button("login-vneid").property("unavailable"), 30, "the identity provider")
    tour.shot("identify", detail="login")
    d.tap("login-vneid")
    qr = d.page(LoginQrScreen)
    wait_until(lambda: bool(qr.code.text()), 30, "a login code")
    wait_until(lambda: bool(window.findChildren(QPushButton, "practice-approve-1")), 30,
               "the practice phone")
    tour.shot("login_qr")
    d.tap("login-help")
    tour.shot("login_help")
    d.tap("back")
    d.tap("login-vneid")
    wait_until(lambda: bool(qr.code.text()), 30, "a login code")
    d.tap("practice-approve-1")  # the level-1 resident
    wait_until(lambda: d.screen == "greeting", 30, "the greeting")
    tour.shot("greeting")
    d.tap("continue")
    d.tap("tile-birth_registration")
    tour.shot("before", detail="level-1")
    window.wipe_session()
    d.tap("start")
    wait_until(lambda: not d.button("login-phone").property("unavailable"), 30, "the identity provider")
    d.tap("login-phone")
    phone = d.page(LoginPhoneScreen)
    tour.shot("login_phone")
    phone.number.set_value("001190012345")
    d.tap("login-send")
    wait_until(lambda: phone.binding.isVisible(), 30, "the request to the phone")
    tour.shot("login_phone", detail="waiting")
    d.tap("practice-approve-0")
    wait_until(lambda: d.screen == "greeting", 30, "the greeting")
    d.tap("continue")
    d.tap("tile-birth_registration")
    d.tap("start-application")
    d.answer("mother")
    tour.shot("question", detail="from-vneid")
