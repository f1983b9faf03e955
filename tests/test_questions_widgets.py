"""Question widgets driven like a resident would: typing, and taps on the real keys."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QWidget

from forms.model import Choice, Paper, Question, QuestionType
from kiosk.core.text import Text
from ui.questions import (
    AddressQuestion,
    ChoiceQuestion,
    DateQuestion,
    DigitsQuestion,
    PapersQuestion,
    QuestionWidget,
    TextQuestion,
    YesNoQuestion,
    widget_for,
)
from ui.questions.digits import group_digits
from ui.questions.text import tidy_name

B = Text
PAPERS = (
    Paper("birth_cert", B("Giấy chứng sinh", "Birth certificate")),
    Paper("marriage", B("Giấy chứng nhận kết hôn", "Marriage certificate"), False),
)


def q(kind: QuestionType, **extra: Any) -> Question:
    return Question(f"q_{kind.value}", kind, B("Câu hỏi thử", "Test question"), **extra)


CHOICES = (Choice("female", B("Nữ", "Female")), Choice("male", B("Nam", "Male")))


def make(qtbot: Any, question: Question, lang: str = "vi") -> QuestionWidget:
    widget = widget_for(question, lang, papers=PAPERS)
    qtbot.addWidget(widget)
    widget.show()
    if isinstance(widget, AddressQuestion):
        qtbot.waitUntil(widget.is_ready)
    return widget


def texts(widget: QWidget) -> list[str]:
    """Every text a child widget holds (line edits, labels, buttons)."""
    found = []
    for child in widget.findChildren(QWidget):
        if isinstance(child, QLineEdit | QLabel | QAbstractButton):
            found.append(child.text())
    return found


def assert_no_trace(widget: QWidget, *markers: str) -> None:
    for text in texts(widget):
        for marker in markers:
            assert marker not in text
    for edit in widget.findChildren(QLineEdit):
        assert edit.text() == ""
        assert not edit.isUndoAvailable()  # QLineEdit.clear() would leave an undo step
    for button in widget.findChildren(QAbstractButton):
        assert not button.isChecked()


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` into ``widget`` as key events carrying the letters.

    ``qtbot.keyClicks`` only knows ASCII (QTest aborts on "ễ"); a keyboard with a
    Vietnamese layout sends key events whose text is the letter, as here.
    """
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            QApplication.sendEvent(widget, event)


def tap_keys(qtbot: Any, widget: Any, keys: str) -> None:
    for key in keys:
        qtbot.mouseClick(widget.keypad.keys[key], Qt.MouseButton.LeftButton)


# -- text and name -------------------------------------------------------------
def test_name_typed_is_the_value_and_tidied_on_leaving(qtbot: Any) -> None:
    widget = make(qtbot, q(QuestionType.NAME))
    assert isinstance(widget, TextQuestion)
    assert widget.value() is None
    with qtbot.waitSignal(widget.changed):
        type_text(widget.edit, "nguyễn  thị hoà")
    assert widget.value() == "nguyễn  thị hoà"
    widget.edit.editingFinished.emit()
    assert widget.value() == "Nguyễn Thị Hoà"


def test_text_error_keeps_input_and_clear_leaves_no_trace(qtbot: Any) -> None:
    widget = make(qtbot, q(QuestionType.TEXT))
    type_text(widget.edit, "MYLAN ghi chú")
    widget.set_error("Hãy viết ngắn hơn")
    assert widget.value() == "MYLAN ghi chú"
    assert any("Hãy viết ngắn hơn" in t for t in texts(widget))
    assert widget.edit.property("invalid") is True
    assert widget.edit.accessibleDescription() == "Hãy viết ngắn hơn"
    widget.set_error(None)
    assert widget.edit.property("invalid") is False
    widget.clear()
    assert widget.value() is None
    assert_no_trace(widget, "MYLAN")


def test_tidy_name_handles_vietnamese_capitals() -> None:
    assert tidy_name("  đỗ   ánh  ÔN ") == "Đỗ Ánh Ôn"


# -- digits --------------------------------------------------------------------
def test_cccd_keypad_taps_fill_grouped_field_value_is_digits(qtbot: Any) -> None:
    widget = make(qtbot, q(QuestionType.CCCD))
    assert isinstance(widget, DigitsQuestion)
    tap_keys(qtbot, widget, "0012345678909")  # one digit too many is dropped
    assert widget.edit.text() == "001 2 34 567890"
    assert widget.value() == "001234567890"
    tap_keys(qtbot, widget, ["backspace"])  # type: ignore[arg-type]
    assert widget.value() == "00123456789"


def test_cccd_physical_keyboard_and_round_trip(qtbot: Any) -> None:
    widget = make(qtbot, q(QuestionType.CCCD))
    qtbot.keyClicks(widget.edit, "079 1-88x000123")
    assert widget.value() == "079188000123"
    widget.set_value("001234567890")
    assert widget.edit.text() == "001 2 34 567890"
    assert widget.value() == "001234567890"


def test_phone_grouped_and_error_keeps_digits(qtbot: Any) -> None:
    widget = make(qtbot, q(QuestionType.PHONE))
    tap_keys(qtbot, widget, "0912345678")
    assert widget.edit.text() == "0912 345 678"
    widget.set_error("Số điện thoại có 10 chữ số")
    assert widget.value() == "0912345678"
    assert widget.error() == "Số điện thoại có 10 chữ số"
    widget.clear()
    assert_no_trace(widget, "0912", "345")


def test_number_limited_to_the_maximum_length(qtbot: Any) -> None:
    widget = make(qtbot, q(QuestionType.NUMBER, minimum=1, maximum=20))
    tap_keys(qtbot, widget, "123")
    assert widget.value() == "12"
    widget.set_value(3)
    assert widget.value() == "3"


def test_group_digits() -> None:
    assert group_digits("001234567890", (3, 1, 2, 6)) == "001 2 34 567890"
    assert group_digits("0012", (3, 1, 2, 6)) == "001 2"
    assert group_digits("", (4, 3, 3)) == ""


# -- date ----------------------------------------------------------------------
def test_date_keypad_moves_from_day_to_month_to_year(qtbot: Any) -> None:
    widget = make(qtbot, q(QuestionType.DATE))
    assert isinstance(widget, DateQuestion)
    tap_keys(qtbot, widget, "05032026")
    assert (widget.day.text(), widget.month.text(), widget.year.text()) == ("05", "03", "2026")
    assert widget.value() == "05/03/2026"


def test_date_set_value_iso_shows_day_month_year(qtbot: Any) -> None:
    widget = make(qtbot, q(QuestionType.DATE))
    widget.set_value("1950-07-09")
    assert (widget.day.text(), widget.month.text(), widget.year.text()) == ("09", "07", "1950")
    assert widget.value() == "09/07/1950"
    widget.set_error("Ngày không có thật")
    assert widget.value() == "09/07/1950"
    assert all(e.property("invalid") for e in (widget.day, widget.month, widget.year))
    widget.clear()
    assert widget.value() is None
    assert_no_trace(widget, "1950")


def test_date_typed_single_digit_day_is_padded(qtbot: Any) -> None:
    widget = make(qtbot, q(QuestionType.DATE))
    qtbot.keyClicks(widget.day, "5")
    qtbot.keyClicks(widget.month, "3")
    qtbot.keyClicks(widget.year, "1948")
    assert widget.value() == "05/03/1948"


# -- choice and yes/no ---------------------------------------------------------
def test_choice_one_tap_selects_and_clear_unselects(qtbot: Any) -> None:
    widget = make(qtbot, q(QuestionType.CHOICE, choices=CHOICES))
    assert isinstance(widget, ChoiceQuestion)
    assert widget.value() is None
    with qtbot.waitSignal(widget.changed):
        qtbot.mouseClick(widget.buttons[1], Qt.MouseButton.LeftButton)
    assert widget.value() == "male"
    qtbot.mouseClick(widget.buttons[0], Qt.MouseButton.LeftButton)
    assert widget.value() == "female"
    assert not widget.buttons[1].isChecked()
    widget.set_error("Hãy chọn một")
    assert widget.value() == "female"
    widget.clear()
    assert widget.value() is None
    assert_no_trace(widget)
    widget.set_value("male")
    assert widget.value() == "male"


def test_yes_no_values_are_booleans(qtbot: Any) -> None:
    widget = make(qtbot, q(QuestionType.YES_NO), lang="en")
    assert isinstance(widget, YesNoQuestion)
    assert [b.label.text() for b in widget.buttons] == ["Yes", "No"]
    qtbot.mouseClick(widget.buttons[1], Qt.MouseButton.LeftButton)
    assert widget.value() is False
    widget.set_value(True)
    assert widget.value() is True
    widget.clear()
    assert widget.value() is None


# -- papers --------------------------------------------------------------------
def test_papers_checklist(qtbot: Any) -> None:
    widget = make(qtbot, q(QuestionType.PAPERS))
    assert isinstance(widget, PapersQuestion)
    assert "(nếu có)" in widget.rows[1].label.text()
    qtbot.mouseClick(widget.rows[1], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(widget.rows[0], Qt.MouseButton.LeftButton)
    assert widget.value() == ["birth_cert", "marriage"]
    qtbot.mouseClick(widget.rows[1], Qt.MouseButton.LeftButton)
    assert widget.value() == ["birth_cert"]
    widget.set_value(["marriage"])
    assert widget.value() == ["marriage"]
    widget.clear()
    assert widget.value() is None
    assert_no_trace(widget)


# -- the factory ---------------------------------------------------------------
@pytest.mark.parametrize("kind", list(QuestionType))
def test_widget_for_every_type_in_both_languages(qtbot: Any, kind: QuestionType) -> None:
    for lang in ("vi", "en"):
        widget = make(qtbot, q(kind, choices=CHOICES), lang)
        assert widget.value() is None
        assert widget.lang == lang
        for child in widget.inputs():
            assert child.accessibleName()


def test_date_keypad_backspace_walks_back_through_the_fields(qtbot: Any) -> None:
    widget = make(qtbot, q(QuestionType.DATE))
    assert isinstance(widget, DateQuestion)
    tap_keys(qtbot, widget, "0503")
    assert widget.keypad.target is widget.year
    tap_keys(qtbot, widget, ["backspace"] * 2)  # type: ignore[arg-type]  # year empty: "3", "0"
    assert (widget.day.text(), widget.month.text(), widget.year.text()) == ("05", "", "")
    assert widget.keypad.target is widget.month
    tap_keys(qtbot, widget, ["backspace"])  # type: ignore[arg-type]
    assert widget.day.text() == "0"
    assert widget.keypad.target is widget.day
    tap_keys(qtbot, widget, "6")
    assert widget.day.text() == "06"


def test_choice_focus_goes_to_the_group_until_something_is_chosen(qtbot: Any) -> None:
    widget = make(qtbot, q(QuestionType.CHOICE, choices=CHOICES))
    assert isinstance(widget, ChoiceQuestion)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    widget.focus_input()
    assert QApplication.focusWidget() is widget
    widget.set_value("male")
    widget.focus_input()
    assert QApplication.focusWidget() is widget.buttons[1]
