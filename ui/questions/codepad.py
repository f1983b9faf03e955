"""A code pad: big keys for an application code or a receipt's reference (GUI thread).

Codes are capital letters, digits and their own separators
(``H99.01.01-261122-0007``, ``DEMO01-7K3P-9QCXH``), so the pad has exactly those:
digits on top as on a keyboard, the letters in QWERTY order, "." and "-",
"⌫ Xóa" and "Xóa hết". No tones, no shift: a code has none. Keys never take
focus, so a USB scanner (it types like a keyboard) still types into the box.
The page calls :meth:`CodePad.fit` with the room it has.

    1 2 3 4 5 6 7 8 9 0 .
    Q W E R T Y U I O P -
    A S D F G H J K L ⌫⌫
    Z X C V B N M Xóa hết
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QWidget

from kiosk.core.text import Text
from ui.questions.base import set_role
from ui.questions.keys import KeySize, exact_size_rule, key_size
from ui.theme import large_text_on
from ui.words import CLEAR_KEY, CLEAR_NAME, DELETE_KEY, DIGIT_NAME, LETTER_NAME

DOT_NAME = Text("Dấu chấm", "Dot")
DASH_NAME = Text("Dấu gạch ngang", "Dash")
DELETE_NAME = Text("Xóa một ký tự", "Delete one character")
COLUMNS = 11
ROWS = 4
_ROWS = ("1234567890.", "QWERTYUIOP-", "ASDFGHJKL", "ZXCVBNM")
_SPANS = {"backspace": 2, "clear": 4}


class CodePad(QWidget):
    """``pressed`` carries the character, "backspace" or "clear"."""

    pressed = Signal(str)
    rows = ROWS
    columns = COLUMNS

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("code-pad")
        self.target: QLineEdit | None = None
        self.keys: dict[str, QPushButton] = {}
        self.sizing = self._size(0, 0)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(self.sizing.gap)
        for row, characters in enumerate(_ROWS):
            for column, key in enumerate(characters):
                grid.addWidget(self._key(key, key, self._name(lang, key)), row, column)
        grid.addWidget(self._key("backspace", "⌫ " + DELETE_KEY(lang), DELETE_NAME(lang)),
                       2, 9, 1, _SPANS["backspace"])
        grid.addWidget(self._key("clear", CLEAR_KEY(lang), CLEAR_NAME(lang)),
                       3, 7, 1, _SPANS["clear"])
        self._apply_size()

    @staticmethod
    def _name(lang: str, key: str) -> str:
        if key == ".":
            return DOT_NAME(lang)
        if key == "-":
            return DASH_NAME(lang)
        return DIGIT_NAME(lang, digit=key) if key.isdigit() else LETTER_NAME(lang, letter=key)

    @staticmethod
    def _size(room_w: int, room_h: int) -> KeySize:
        return key_size(room_w=room_w, room_h=room_h, columns=COLUMNS, rows=ROWS,
                        large_text=large_text_on())

    def _key(self, key_id: str, label: str, name: str) -> QPushButton:
        button = QPushButton(label, self)
        button.setProperty("span", str(_SPANS.get(key_id, 1)))
        set_role(button, "key")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setAccessibleName(name)
        button.setObjectName(f"code-key-{key_id}")
        button.setAutoRepeat(key_id == "backspace")
        button.clicked.connect(lambda: self.press(key_id))
        self.keys[key_id] = button
        return button

    def fit(self, room_w: int, room_h: int) -> None:
        size = self._size(room_w, room_h)
        if size != self.sizing:
            self.sizing = size
            self._apply_size()

    def _apply_size(self) -> None:
        size = self.sizing
        words = max(24, min(size.font_px - 6, size.width // 3))
        rules = [f'QPushButton[role="key"] {{ padding: 0px; font-size: {size.font_px}px; }}',
                 exact_size_rule('QPushButton[role="key"]', height=size.height),
                 f"QPushButton#code-key-backspace, QPushButton#code-key-clear"
                 f" {{ font-size: {words}px; }}"]
        rules += [exact_size_rule(f'QPushButton[span="{n}"]', width=size.span(n))
                  for n in (1, 2, 4)]
        self.setStyleSheet("\n".join(rules))
        for key_id, button in self.keys.items():
            button.setFixedSize(size.span(_SPANS.get(key_id, 1)), size.height)
        self.setFixedSize(size.across(COLUMNS), size.down(ROWS))

    def press(self, key_id: str) -> None:
        edit = self.target
        if edit is not None and edit.isEnabled() and not edit.isReadOnly():
            if key_id == "clear":
                edit.setText("")
            elif key_id == "backspace":
                edit.backspace()
            else:
                edit.insert(key_id)
            edit.textEdited.emit(edit.text())
        self.pressed.emit(key_id)
