"""A large on-screen numeric pad (0-9, delete one, clear) that types into a line edit.

GUI thread only. The keys never take focus, so the line edit keeps its cursor
and the physical keyboard keeps working alongside the pad. The pad types into
its current :attr:`NumericKeypad.target`; a widget with several fields (the
date) retargets it as focus moves. "⌫ Xóa" deletes the digit before the
cursor, "Xóa hết" empties the field. The page that shows the pad calls
:meth:`NumericKeypad.fit` with the room it has; keys grow with large text and
on tall screens (``ui.questions.keys``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QWidget

from kiosk.core.text import Text
from ui.questions.base import set_role
from ui.questions.keys import KeySize, exact_size_rule, key_size
from ui.theme import large_text_on
from ui.words import CLEAR_KEY, CLEAR_NAME, DELETE_KEY, DIGIT_NAME

BACKSPACE_NAME = Text("Xóa một số", "Delete one digit")
ROWS = 4
COLUMNS = 3
WIDTH_RATIO = 1.7  # wide keys: room for "⌫ Xóa" and "Xóa hết" in large text

# Phone-style layout: 1 2 3 / 4 5 6 / 7 8 9 / ⌫ 0 Xóa hết
_LAYOUT = ("123", "456", "789")
CLEAR = "clear"


class NumericKeypad(QWidget):
    """Digits, delete and clear. ``pressed`` carries the digit, "" for delete, "clear"."""

    pressed = Signal(str)
    backspace_on_empty = Signal()  # the date moves back to the previous field
    rows = ROWS
    columns = COLUMNS

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("numeric-keypad")
        self.target: QLineEdit | None = None
        self.keys: dict[str, QPushButton] = {}
        self.sizing = self._size(0, 0)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(self.sizing.gap)
        for row, digits in enumerate(_LAYOUT):
            for col, digit in enumerate(digits):
                grid.addWidget(self._key(digit, digit, DIGIT_NAME(lang, digit=digit)), row, col)
        grid.addWidget(self._key("⌫ " + DELETE_KEY(lang), "", BACKSPACE_NAME(lang)), 3, 0)
        grid.addWidget(self._key("0", "0", DIGIT_NAME(lang, digit="0")), 3, 1)
        grid.addWidget(self._key(CLEAR_KEY(lang), CLEAR, CLEAR_NAME(lang)), 3, 2)
        self._apply_size()

    @staticmethod
    def _size(room_w: int, room_h: int) -> KeySize:
        return key_size(room_w=room_w, room_h=room_h, columns=COLUMNS, rows=ROWS,
                        large_text=large_text_on(), width_ratio=WIDTH_RATIO)

    def _key(self, label: str, value: str, name: str) -> QPushButton:
        button = QPushButton(label, self)
        set_role(button, "key")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setAccessibleName(name)
        button.setObjectName(f"key-{value or 'backspace'}")
        button.setAutoRepeat(value == "")  # hold delete to delete more
        button.clicked.connect(lambda: self._press(value))
        self.keys[value or "backspace"] = button
        return button

    def fit(self, room_w: int, room_h: int) -> None:
        """Size the keys for ``room_w`` × ``room_h`` px."""
        size = self._size(room_w, room_h)
        if size != self.sizing:
            self.sizing = size
            self._apply_size()

    def _apply_size(self) -> None:
        size = self.sizing
        # "⌫ Xóa", "Xóa hết": words, a little smaller, always inside the key
        words = max(24, min(size.font_px - 6, size.width // 5))
        self.setStyleSheet(
            f'QPushButton[role="key"] {{ padding: 0px; font-size: {size.font_px}px; }}\n'
            + exact_size_rule('QPushButton[role="key"]', width=size.width, height=size.height)
            + f"\nQPushButton#key-backspace, QPushButton#key-clear {{ font-size: {words}px; }}")
        for button in self.keys.values():
            button.setFixedSize(size.width, size.height)
        self.setFixedSize(size.across(COLUMNS), size.down(ROWS))

    def _press(self, value: str) -> None:
        edit = self.target
        if edit is not None and not value and not edit.text():
            self.backspace_on_empty.emit()
            return
        if edit is not None and edit.isEnabled() and not edit.isReadOnly():
            if value == CLEAR:
                edit.setText("")
            elif value:
                edit.insert(value)
            else:
                edit.backspace()
            edit.textEdited.emit(edit.text())
        self.pressed.emit(value)
