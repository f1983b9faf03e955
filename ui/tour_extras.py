"""The tour's extra pictures: states a straight journey never shows (GUI thread).

Volunteer panel, a validation error with the input kept, English, large text,
the idle warning, the status lookup of the last application sent, and the
volunteers' PIN page and screen (with one fictional receipt waiting to be
reprinted, discarded again by the tour).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtTest import QTest

from ui.driver import settle, wait_until


def take_extras(tour: Any, procedure: Any) -> None:
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


def _validation_error(tour: Any, procedure: Any) -> None:
    d = tour.drive
    d.start_procedure(procedure.slug)
    page = tour.window.screens["question"]
    field = _first_typed_question(tour)
    if field is None:
        return
    widget = page.widget
    edit = widget.focusWidget() or widget
    QTest.keyClicks(edit, "12/13/20")
    settle()
    d.tap("continue")
    tour.shot("question", procedure.slug, field, "error")


def _first_typed_question(tour: Any) -> str | None:
    """Walk forward with the example answers to the first date, CCCD or phone question."""
    d = tour.drive
    example = tour.window.session.procedure.example
    for _ in range(40):
        question = tour.window.session.flow.current
        if question is None:
            return None
        if str(question.type) in ("date", "cccd", "phone"):
            return str(question.id)
        if d.answer(example.get(question.id)) is not None:
            return None
    return None


def _idle_warning(tour: Any) -> None:
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


def _status(tour: Any) -> None:
    window, d = tour.window, tour.drive
    if not tour.last_code:
        return
    d.tap("check-application")
    page = window.screens["status"]
    QTest.keyClicks(page.code, tour.last_code)
    d.tap("look-up")
    wait_until(lambda: page.result.isVisible() or bool(page.message.text())
               and page.button.isEnabled(), 30, "the status lookup")
    tour.shot("status")


def _volunteers(tour: Any) -> None:
    """PIN page (empty, then a wrong PIN), the volunteers' screen with one kept receipt."""
    window, d = tour.window, tour.drive
    service = window.ctx.printing
    kept = None
    if service is not None:  # a fictional receipt that "did not print", for the picture
        from printing.backends.base import PrinterStatus
        from printing.sample import sample_receipt

        kept = service.reprints.add(sample_receipt(), PrinterStatus.OUT_OF_PAPER)
    d.tap("ask-volunteer")
    d.tap("for-volunteers")
    page = window.screens["volunteer_pin"]
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
    screen = window.screens["volunteer"]
    wait_until(lambda: not screen.loading and not screen.busy, 30, "the reprint list")
    tour.shot("volunteer")
    if kept is not None:
        d.tap(f"discard-{kept.id}")
        d.tap(f"discard-{kept.id}")
        wait_until(lambda: not screen.busy and not screen.loading, 30, "the discard")
        tour.shot("volunteer", detail="discarded")
    d.tap("volunteer-done")
