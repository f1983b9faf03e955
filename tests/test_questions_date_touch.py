"""Dates that cannot go wrong, driven with touch events on the real widget (not keyClicks).

A tap on a field puts the cursor at its end and never selects; moving on to the
next field selects nothing, so a digit adds and never replaces; "⌫ Xóa" deletes
one digit, "Xóa hết" empties the field.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from forms.model import Question, QuestionType
from kiosk.core.text import Text
from ui.driver import settle
from ui.questions import DateQuestion, widget_for

QUESTION = Question("birth", QuestionType.DATE, Text("Ngày sinh", "Date of birth"))


@pytest.fixture
def date(qtbot: Any) -> DateQuestion:
    widget = widget_for(QUESTION, "vi")
    assert isinstance(widget, DateQuestion)
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture(scope="module")
def finger() -> QPointingDevice:
    return QTest.createTouchDevice()


def tap(finger: QPointingDevice, widget: QWidget, where: QPoint | None = None) -> None:
    """A finger down and up on ``widget`` (Qt turns it into the events a widget gets)."""
    window = widget.window().windowHandle()
    point = widget.mapTo(widget.window(), where if where is not None else widget.rect().center())
    QTest.touchEvent(window, finger).press(0, point, window).commit()
    QTest.touchEvent(window, finger).release(0, point, window).commit()
    settle(5)


def type_on_pad(finger: QPointingDevice, date: DateQuestion, keys: str) -> None:
    for key in keys:
        tap(finger, date.keypad.keys[key])


def test_a_tap_on_a_field_puts_the_cursor_at_its_end_and_selects_nothing(
        date: DateQuestion, finger: QPointingDevice) -> None:
    date.set_value("1995-12-31")
    tap(finger, date.day, QPoint(4, date.day.height() // 2))  # on the first digit
    assert QApplication.focusWidget() is date.day and date.keypad.target is date.day
    assert date.day.cursorPosition() == 2 and not date.day.hasSelectedText()
    tap(finger, date.year)
    tap(finger, date.year)  # a double tap selects nothing either
    assert date.year.cursorPosition() == 4 and not date.year.hasSelectedText()


def test_moving_on_selects_nothing_so_digits_add_and_never_replace(
        date: DateQuestion, finger: QPointingDevice) -> None:
    tap(finger, date.day)
    type_on_pad(finger, date, "15")
    assert date.keypad.target is date.month and not date.month.hasSelectedText()
    type_on_pad(finger, date, "03")
    assert date.keypad.target is date.year
    type_on_pad(finger, date, "1995")
    assert date.value() == "15/03/1995"


def test_correcting_a_year_deletes_one_digit_at_a_time(
        date: DateQuestion, finger: QPointingDevice) -> None:
    date.set_value("1995-12-31")
    tap(finger, date.year)
    type_on_pad(finger, date, "9")  # the year is full: nothing is replaced
    assert date.year.text() == "1995"
    tap(finger, date.keypad.keys["backspace"])
    tap(finger, date.keypad.keys["backspace"])
    assert date.year.text() == "19"
    type_on_pad(finger, date, "90")
    assert date.value() == "31/12/1990"


def test_clear_empties_only_the_field_and_delete_in_an_empty_field_goes_back(
        date: DateQuestion, finger: QPointingDevice) -> None:
    date.set_value("1995-12-31")
    tap(finger, date.month)
    tap(finger, date.keypad.keys["clear"])
    assert (date.day.text(), date.month.text(), date.year.text()) == ("31", "", "1995")
    assert date.keypad.target is date.month
    tap(finger, date.keypad.keys["backspace"])  # an empty month: the day's last digit goes
    assert date.day.text() == "3" and date.keypad.target is date.day
    assert date.day.cursorPosition() == 1 and not date.day.hasSelectedText()
