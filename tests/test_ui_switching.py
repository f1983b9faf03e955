"""Language and text size switch on every page, and nothing the resident typed is lost.

For every page of every procedure: the answer is put in, the language and the
text size are switched with the top bar's buttons (as a resident taps them),
and the page still holds exactly what was typed; at the end the answers are
those of a straight journey. Going back and forth keeps a half-typed answer.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from forms import engine
from forms.loader import load_catalogue
from ui.driver import Driver, wait_until
from ui.questions import DateQuestion
from ui.screens.question import QuestionScreen

SLUGS = [p.slug for p in load_catalogue().procedures]


def switch_all(qtbot: Any, driver: Driver) -> None:
    """Both switches there and back, by taps on the top bar."""
    for name in ("switch-language", "switch-text-size", "switch-language", "switch-text-size"):
        qtbot.mouseClick(driver.button(name), Qt.MouseButton.LeftButton)


@pytest.mark.parametrize("slug", SLUGS)
def test_switching_on_every_page_keeps_every_answer(qtbot: Any, kiosk_window: Any,
                                                     slug: str) -> None:
    window = kiosk_window()
    driver = Driver(window)
    procedure = window.ctx.catalogue.get(slug)
    example = dict(procedure.example)
    driver.start_procedure(slug)
    page = driver.page(QuestionScreen)
    pages = 0
    while driver.screen == "question":
        qid = driver.current_question()
        assert qid is not None
        widget = page.widget
        if widget is not None:
            wait_until(widget.is_ready, what="the question's data")
            if example.get(qid) is not None:
                widget.set_value(example[qid])
            before = widget.value()
            qtbot.mouseClick(driver.button("switch-language"), Qt.MouseButton.LeftButton)
            assert window.lang == "en" and page.widget is not None
            wait_until(page.widget.is_ready, what="the question's data")
            assert page.widget.value() == before, qid  # in English, as typed
            qtbot.mouseClick(driver.button("switch-text-size"), Qt.MouseButton.LeftButton)
            assert window.large_text
            wait_until(page.widget.is_ready, what="the question's data")
            assert page.widget.value() == before, qid
            qtbot.mouseClick(driver.button("switch-language"), Qt.MouseButton.LeftButton)
            qtbot.mouseClick(driver.button("switch-text-size"), Qt.MouseButton.LeftButton)
            wait_until(page.widget.is_ready, what="the question's data")
            assert page.widget.value() == before, qid
        else:  # an answer shown from the login: the switches still work
            switch_all(qtbot, driver)
        qtbot.mouseClick(driver.button("continue"), Qt.MouseButton.LeftButton)
        assert driver.current_question() != qid or driver.screen != "question", qid
        pages += 1
    driver.expect("review")
    session = window.session
    assert session is not None
    answers = dict(session.flow.answers)
    switch_all(qtbot, driver)
    assert session.flow.answers == answers and window.lang == "vi"
    expected = engine.validate_answers(procedure, {**example, "declaration": True})
    assert {k: v for k, v in answers.items() if k != "declaration"} == {
        k: v for k, v in expected.clean.items() if k != "declaration"}
    assert pages == session.flow.total
    window.wipe_session()


def test_a_half_typed_date_survives_going_back_and_forth(qtbot: Any, kiosk_window: Any) -> None:
    window = kiosk_window()
    driver = Driver(window)
    example = window.ctx.catalogue.get("birth_registration").example
    driver.start_procedure("birth_registration")
    while driver.current_question() != "child_birth_date":
        qid = driver.current_question()
        assert qid is not None and driver.answer(example.get(qid)) is None
    page = driver.page(QuestionScreen)
    date = page.widget
    assert isinstance(date, DateQuestion)
    for key in "0503":  # day and month typed, the year not yet
        qtbot.mouseClick(date.keypad.keys[key], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(driver.button("back"), Qt.MouseButton.LeftButton)
    assert driver.current_question() != "child_birth_date"
    qtbot.mouseClick(driver.button("continue"), Qt.MouseButton.LeftButton)
    again = page.widget
    assert isinstance(again, DateQuestion) and driver.current_question() == "child_birth_date"
    assert (again.day.text(), again.month.text(), again.year.text()) == ("05", "03", "")
    qtbot.mouseClick(driver.button("switch-language"), Qt.MouseButton.LeftButton)
    kept = page.widget
    assert isinstance(kept, DateQuestion)
    assert (kept.day.text(), kept.month.text(), kept.year.text()) == ("05", "03", "")
    window.wipe_session()
