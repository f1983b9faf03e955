"""An on-screen letter keyboard with Vietnamese tone and letter-shape keys (GUI thread).

Big keys in the familiar QWERTY order (a row of digits on request), a row for â ă ê ô ơ ư đ and a row for
the five tones (sắc, huyền, hỏi, ngã, nặng). Tone and shape keys change the
word just typed (see :mod:`ui.questions.vietnamese`): type ``nguyen``, tap
``ê`` then ``ngã`` and the field reads ``nguyễn``. Keys never take focus, so
the line edit keeps its cursor and a physical keyboard still works. The
keyboard types into :attr:`LetterKeyboard.target`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.text import Text
from ui.questions.base import big_font, set_role
from ui.questions.vietnamese import SHAPES, Tone, apply_shape, apply_tone
from ui.words import DELETE_KEY, DIGIT_NAME

KEY_W = 72
KEY_H = 64  # the target floor: six rows must fit under a field on a 768 px screen
LETTER_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
SHAPE_KEYS = (*SHAPES, "đ")
TONES: tuple[tuple[Tone, str, Text], ...] = (
    (Tone.SAC, "á", Text("sắc", "rising")),
    (Tone.HUYEN, "à", Text("huyền", "falling")),
    (Tone.HOI, "ả", Text("hỏi", "dipping")),
    (Tone.NGA, "ã", Text("ngã", "broken")),
    (Tone.NANG, "ạ", Text("nặng", "heavy")),
)
SPACE = Text("Dấu cách", "Space")
SHIFT_NAME = Text("Chữ hoa", "Capital letter")
TONE_NAME = Text("Dấu {tone}", "{tone} tone")
LETTER_NAME = Text("Chữ {letter}", "Letter {letter}")
SPANS = (1, 2, 6)


def _keyboard_qss(large_text: bool = False) -> str:
    """Exact key widths by span (the theme's button min-width would win over setFixedSize)."""
    letters, tones = (34, 28) if large_text else (28, 24)
    rules = [f"QPushButton[role=\"key\"] {{ padding: 0px; font-size: {letters}px;"
             f" min-height: {KEY_H}px; max-height: {KEY_H}px; }}"]
    for span in SPANS:
        width = KEY_W * span + 8 * (span - 1)
        rules.append(f"QPushButton[span=\"{span}\"] {{ min-width: {width}px; max-width: {width}px; }}")
    rules.append(f'QPushButton[tone="true"] {{ font-size: {tones}px; }}')
    return "\n".join(rules)


_QSS = {large: _keyboard_qss(large) for large in (False, True)}


def _large_text() -> bool:
    """The theme's large-text switch (``ui.theme.apply_theme`` sets it on the app)."""
    app = QApplication.instance()
    return bool(app.property("large_text")) if app is not None else False


class LetterKeyboard(QWidget):
    """Letters, Vietnamese marks, space and backspace; ``pressed`` carries the key id."""

    pressed = Signal(str)

    def __init__(self, lang: str, parent: QWidget | None = None, *, digits: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("letter-keyboard")
        self.setStyleSheet(_QSS[_large_text()])  # before the keys exist: polished once
        self.lang = lang
        self.target: QLineEdit | None = None
        self.keys: dict[str, QPushButton] = {}
        self._shift = False
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(6)
        if digits:  # house numbers, notes
            rows.addLayout(self._row([(k, k, DIGIT_NAME(lang, digit=k), 1) for k in "1234567890"]))
        rows.addLayout(self._row([(k, k, LETTER_NAME(lang, letter=k), 1) for k in SHAPE_KEYS]))
        rows.addLayout(self._row([
            (f"tone:{t.name.lower()}", f"{sample}  {name(lang)}", TONE_NAME(lang, tone=name(lang)),
             2)
            for t, sample, name in TONES
        ]))
        for index, letters in enumerate(LETTER_ROWS):
            keys = [(k, k, LETTER_NAME(lang, letter=k), 1) for k in letters]
            if index == 2:
                keys = [("shift", "⇧", SHIFT_NAME(lang), 1), *keys,
                        ("backspace", "⌫ " + DELETE_KEY(lang), DELETE_KEY(lang), 2)]
            rows.addLayout(self._row(keys))
        rows.addLayout(self._row([("space", SPACE(lang), SPACE(lang), 6)]))
        self.keys["shift"].setCheckable(True)

    def _row(self, keys: list[tuple[str, str, str, int]]) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(8)
        grid = QGridLayout()
        grid.setSpacing(8)
        column = 0
        for key_id, label, name, span in keys:
            button = QPushButton(label, self)
            set_role(button, "key")
            big_font(button, 28, bold=True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setFixedSize(KEY_W * span + 8 * (span - 1), KEY_H)
            button.setProperty("span", str(span))
            button.setProperty("tone", key_id.startswith("tone:"))
            button.setAccessibleName(name)
            button.setAutoRepeat(key_id == "backspace")
            button.setObjectName(f"key-{key_id}")
            button.clicked.connect(lambda _checked=False, k=key_id: self.press(k))
            self.keys[key_id] = button
            grid.addWidget(button, 0, column, 1, span)
            column += span
        row.addLayout(grid)
        row.addStretch(1)
        return row

    # -- typing ----------------------------------------------------------------
    def press(self, key_id: str) -> None:
        """What a tap on the key ``key_id`` does (letters, "space", "tone:sac"...)."""
        edit = self.target
        if edit is not None and edit.isEnabled() and not edit.isReadOnly():
            self._apply(edit, key_id)
            edit.textEdited.emit(edit.text())
        self.pressed.emit(key_id)

    def _apply(self, edit: QLineEdit, key_id: str) -> None:
        if key_id == "shift":
            self._set_shift(not self._shift)
        elif key_id == "backspace":
            edit.backspace()
        elif key_id == "space":
            edit.insert(" ")
        elif key_id.startswith("tone:"):
            tone = Tone[key_id.removeprefix("tone:").upper()]
            self._change_word(edit, lambda word: apply_tone(word, tone))
        elif key_id in SHAPE_KEYS:
            letter = key_id.upper() if self._shift else key_id
            if not self._change_word(edit, lambda word: apply_shape(word, key_id)):
                edit.insert(letter)
            self._set_shift(False)
        else:
            edit.insert(key_id.upper() if self._shift else key_id)
            self._set_shift(False)

    @staticmethod
    def _change_word(edit: QLineEdit, change: Callable[[str], str | None]) -> bool:
        """Replace the word before the cursor by ``change(word)``; False if it declined."""
        text, cursor = edit.text(), edit.cursorPosition()
        start = text.rfind(" ", 0, cursor) + 1
        word = text[start:cursor]
        new = change(word) if word else None
        if new is None:
            return False
        edit.setSelection(start, cursor - start)
        edit.insert(new)
        return True

    def _set_shift(self, on: bool) -> None:
        self._shift = on
        self.keys["shift"].setChecked(on)
        for letters in (*LETTER_ROWS, "".join(SHAPE_KEYS)):
            for key in letters:
                self.keys[key].setText(key.upper() if on else key)
