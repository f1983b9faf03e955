"""Date questions: three big fields, day / month / year, and a numeric pad (GUI thread).

Never a calendar popup (the GOV.UK date-input pattern). The pad types into the
field that has focus; a full day or month moves on to the next field. Nothing is
ever selected, so a digit always adds to a field and never replaces it: a tap on
a field puts the cursor at its end, moving on puts it at the end of the next
field. "⌫ Xóa" deletes one digit (in an empty field, the last one of the field
before), "Xóa hết" empties the field.
``value()`` is ``"dd/mm/yyyy"`` for ``forms.engine.validate_answer``;
``set_value`` takes the canonical ISO ``YYYY-MM-DD`` (or ``dd/mm/yyyy``).
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QEvent, QObject, QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QWidget

from forms.model import Question
from kiosk.core.text import Text
from ui.questions.base import KeysPlace, QuestionWidget, big_font, big_line_edit, wipe
from ui.questions.keypad import NumericKeypad

DAY = Text("Ngày", "Day")
MONTH = Text("Tháng", "Month")
YEAR = Text("Năm", "Year")
PART_NAME = Text("{part} – {question}", "{part} – {question}")

_TAPS = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
         QEvent.Type.MouseButtonDblClick)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DMY = re.compile(r"^(\d{0,2})/(\d{0,2})/(\d{0,4})$")  # parts may be empty (half typed)


def split_date(value: str) -> tuple[str, str, str]:
    """ISO or dd/mm/yyyy text (a part may be empty) → (day, month, year) as shown;
    ("", "", "") if unreadable."""
    text = value.strip()
    if match := _ISO.match(text):
        year, month, day = match.groups()
        return day.zfill(2), month.zfill(2), year
    if match := _DMY.match(text):
        day, month, year = match.groups()
        return day, month, year
    return "", "", ""


class DateQuestion(QuestionWidget):
    """Day, month and year fields sharing one numeric pad."""

    keys_place = KeysPlace.BESIDE

    def __init__(self, question: Question, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(question, lang, parent)
        title = self.title()
        self.day = self._field(PART_NAME(lang, part=DAY(lang), question=title), 2, "day")
        self.month = self._field(PART_NAME(lang, part=MONTH(lang), question=title), 2, "month")
        self.year = self._field(PART_NAME(lang, part=YEAR(lang), question=title), 4, "year")
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        for column, (label, edit) in enumerate(
            ((DAY, self.day), (MONTH, self.month), (YEAR, self.year))
        ):
            caption = QLabel(label(lang), self)
            big_font(caption, 26, bold=True)
            caption.setBuddy(edit)
            grid.addWidget(caption, 0, column)
            grid.addWidget(edit, 1, column)
        grid.setColumnStretch(3, 1)
        self._layout.addLayout(grid)
        self.keypad = NumericKeypad(lang, self)
        self.keypad.target = self.day
        self._layout.addWidget(self.keypad)  # until the page places it beside the question
        self._layout.addStretch(1)
        self.day.textEdited.connect(lambda text: self._advance(text, self.day, self.month))
        self.month.textEdited.connect(lambda text: self._advance(text, self.month, self.year))
        self.year.textEdited.connect(lambda _text: self._emit_changed())
        self.keypad.backspace_on_empty.connect(self._back_a_field)

    def _field(self, name: str, digits: int, object_name: str) -> QLineEdit:
        edit = big_line_edit(name, self)
        edit.setObjectName(f"date-{object_name}")
        edit.setMaxLength(digits)
        edit.setValidator(QRegularExpressionValidator(QRegularExpression(rf"\d{{0,{digits}}}"), edit))
        edit.setAlignment(Qt.AlignmentFlag.AlignCenter)
        edit.setFixedWidth(edit.fontMetrics().horizontalAdvance("0" * digits) + 80)
        edit.installEventFilter(self)
        return edit

    def keys(self) -> QWidget | None:
        return self.keypad

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if not isinstance(watched, QLineEdit):
            return super().eventFilter(watched, event)
        kind = event.type()
        if kind in _TAPS:  # a tap (or a drag, a double tap): the cursor to the end, no selection
            if kind == QEvent.Type.MouseButtonRelease or kind == QEvent.Type.MouseButtonDblClick:
                return True
            self._go_to(watched)
            return True
        if kind == QEvent.Type.MouseMove:
            return True  # no drag-selection
        if kind == QEvent.Type.FocusIn:
            self.keypad.target = watched
            watched.deselect()
            watched.end(False)
        return super().eventFilter(watched, event)

    def _go_to(self, edit: QLineEdit) -> None:
        edit.setFocus(Qt.FocusReason.OtherFocusReason)
        edit.deselect()
        edit.end(False)
        self.keypad.target = edit

    def _advance(self, text: str, edit: QLineEdit, following: QLineEdit) -> None:
        if len(text) == edit.maxLength() and edit.cursorPosition() == len(text):
            self._go_to(following)
        self._emit_changed()

    def _back_a_field(self) -> None:
        """Backspace in an empty month or year deletes from the field before it."""
        fields = [self.day, self.month, self.year]
        target = self.keypad.target
        index = fields.index(target) if target in fields else 0
        if index == 0:
            return
        previous = fields[index - 1]
        self._go_to(previous)
        previous.backspace()
        self._emit_changed()

    # -- the contract ----------------------------------------------------------
    def value(self) -> str | None:
        day, month, year = (e.text().strip() for e in (self.day, self.month, self.year))
        if not (day or month or year):
            return None
        return f"{_pad(day)}/{_pad(month)}/{year}"

    def set_value(self, value: Any) -> None:
        day, month, year = split_date("" if value is None else str(value))
        self.day.setText(day)
        self.month.setText(month)
        self.year.setText(year)
        self._emit_changed()

    def clear(self) -> None:
        for edit in (self.day, self.month, self.year):
            wipe(edit)
        self.keypad.target = self.day
        self.set_error(None)

    def focus_input(self) -> None:
        for edit in (self.day, self.month, self.year):
            if not edit.text():
                self._go_to(edit)
                return
        self._go_to(self.year)  # all filled in: the last digit is the likeliest to fix

    def inputs(self) -> list[QWidget]:
        return [self.day, self.month, self.year]


def _pad(part: str) -> str:
    """A one-digit day or month as two digits ("5" → "05")."""
    return part.zfill(2) if len(part) == 1 else part
