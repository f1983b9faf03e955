"""A large on-screen numeric pad (0-9 and backspace) that types into a line edit.

GUI thread only. The keys never take focus, so the line edit keeps its cursor
and the physical keyboard keeps working alongside the pad. The pad types into
its current :attr:`NumericKeypad.target`; a widget with several fields (the
date) retargets it as focus moves.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QSizePolicy, QWidget

from kiosk.core.text import Text
from ui.questions.base import big_font, set_role
from ui.words import DELETE_KEY, DIGIT_NAME

BACKSPACE_NAME = Text("Xóa một số", "Delete one digit")
KEY_PX = 76  # a little above the 64 px floor: fingers of older hands

# Phone-style layout: 1 2 3 / 4 5 6 / 7 8 9 / ⌫ 0
_LAYOUT = ("123", "456", "789")


class NumericKeypad(QWidget):
    """Digits and backspace. ``pressed`` carries the digit, or "" for backspace."""

    pressed = Signal(str)
    backspace_on_empty = Signal()  # the date moves back to the previous field

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("numeric-keypad")
        self.target: QLineEdit | None = None
        self.keys: dict[str, QPushButton] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(10)
        for row, digits in enumerate(_LAYOUT):
            for col, digit in enumerate(digits):
                grid.addWidget(self._key(digit, digit, DIGIT_NAME(lang, digit=digit)), row, col)
        grid.addWidget(self._key("⌫ " + DELETE_KEY(lang), "", BACKSPACE_NAME(lang)), 3, 0, 1, 2)
        grid.addWidget(self._key("0", "0", DIGIT_NAME(lang, digit="0")), 3, 2)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Maximum)

    def _key(self, label: str, value: str, name: str) -> QPushButton:
        button = QPushButton(label, self)
        set_role(button, "key")
        big_font(button, 32, bold=True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setMinimumSize(KEY_PX + 44, KEY_PX)
        button.setAccessibleName(name)
        button.setAutoRepeat(value == "")  # hold backspace to delete more
        button.clicked.connect(lambda: self._press(value))
        self.keys[value or "backspace"] = button
        return button

    def _press(self, value: str) -> None:
        edit = self.target
        if edit is not None and not value and not edit.text():
            self.backspace_on_empty.emit()
            return
        if edit is not None and edit.isEnabled() and not edit.isReadOnly():
            if value:
                edit.insert(value)
            else:
                edit.backspace()
            edit.textEdited.emit(edit.text())
        self.pressed.emit(value)
