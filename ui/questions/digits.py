"""Number-only questions: CCCD (citizen ID), phone and plain numbers (GUI thread).

A large line edit above a :class:`~ui.questions.keypad.NumericKeypad`. The
field shows the digits in easy-to-read groups (CCCD ``001 2 34 567890``,
phone ``0912 345 678``) while :meth:`value` returns the digits alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget

from forms.model import Question
from ui.questions.base import KeysPlace, QuestionWidget, big_line_edit, wipe
from ui.questions.keypad import NumericKeypad

CCCD_GROUPS = (3, 1, 2, 6)  # province, century/gender, birth year, serial
PHONE_GROUPS = (4, 3, 3)


def group_digits(digits: str, groups: Sequence[int]) -> str:
    """``"001234567890"``, (3, 1, 2, 6) → ``"001 2 34 567890"``; extra digits go last."""
    parts: list[str] = []
    start = 0
    for size in groups:
        if start >= len(digits):
            break
        parts.append(digits[start : start + size])
        start += size
    if start < len(digits):
        parts.append(digits[start:])
    return " ".join(parts)


class DigitsQuestion(QuestionWidget):
    """Digits only, optionally shown in groups; ``value()`` is the digit string.

    With ``card_scans`` (the CCCD question), a USB scanner reading the QR code on the
    back of the card (``number|old number|name|...`` then Enter) is told apart from
    typing: the field keeps the scan as typed until Enter, then empties itself and
    emits :attr:`card_scanned` with it.
    """

    card_scanned = Signal(str)
    keys_place = KeysPlace.BESIDE

    def __init__(
        self,
        question: Question,
        lang: str,
        parent: QWidget | None = None,
        *,
        max_digits: int,
        groups: Sequence[int] = (),
        card_scans: bool = False,
    ) -> None:
        super().__init__(question, lang, parent)
        self._max_digits = max_digits
        self._groups = tuple(groups)
        self.edit = big_line_edit(self.title(), self)
        self.edit.setObjectName("digits-field")
        self._card_scans = card_scans
        # A card's QR code is long; typed digits are cut to max_digits in _reformat anyway.
        self.edit.setMaxLength(1000 if card_scans else max_digits + max(len(self._groups) - 1, 0) + 1)
        self.edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        width = self.edit.fontMetrics().horizontalAdvance("0" * (max_digits + len(self._groups)))
        self.edit.setFixedWidth(max(width + 60, 300))
        self.keypad = NumericKeypad(lang, self)
        self.keypad.target = self.edit
        self.edit.textEdited.connect(self._reformat)
        self.edit.returnPressed.connect(self._enter)
        self._layout.addWidget(self.edit)
        self._layout.addWidget(self.keypad)  # until the page places it beside the question
        self._layout.addStretch(1)

    def keys(self) -> QWidget | None:
        return self.keypad

    def digits(self) -> str:
        return "".join(ch for ch in self.edit.text() if ch.isdigit())[: self._max_digits]

    def _enter(self) -> None:
        text = self.edit.text()
        if self._card_scans and "|" in text:
            wipe(self.edit)  # nothing of the card stays in the field
            self._emit_changed()
            number, _, rest = text.partition("|")  # the number was grouped while it came in
            self.card_scanned.emit("".join(ch for ch in number if ch.isdigit()) + "|" + rest)

    def _reformat(self, text: str) -> None:
        if self._card_scans and "|" in text:
            return  # a scan under way: kept as typed until Enter
        before_cursor = sum(ch.isdigit() for ch in text[: self.edit.cursorPosition()])
        digits = "".join(ch for ch in text if ch.isdigit())[: self._max_digits]
        shown = group_digits(digits, self._groups) if self._groups else digits
        if shown != text:
            self.edit.setText(shown)
            self.edit.setCursorPosition(_position_after(shown, before_cursor))
        self._emit_changed()

    # -- the contract ----------------------------------------------------------
    def value(self) -> str | None:
        return self.digits() or None

    def set_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        digits = "".join(ch for ch in text if ch.isdigit())[: self._max_digits]
        self.edit.setText(group_digits(digits, self._groups) if self._groups else digits)
        self._emit_changed()

    def clear(self) -> None:
        wipe(self.edit)
        self.set_error(None)

    def focus_input(self) -> None:
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.edit.end(False)

    def inputs(self) -> list[QWidget]:
        return [self.edit]


def _position_after(shown: str, digit_count: int) -> int:
    """The cursor position just after the ``digit_count``-th digit of ``shown``."""
    if digit_count == 0:
        return 0
    seen = 0
    for index, ch in enumerate(shown):
        if ch.isdigit():
            seen += 1
            if seen == digit_count:
                return index + 1
    return len(shown)


def cccd_widget(question: Question, lang: str, parent: QWidget | None = None) -> DigitsQuestion:
    return DigitsQuestion(question, lang, parent, max_digits=12, groups=CCCD_GROUPS,
                          card_scans=True)


def phone_widget(question: Question, lang: str, parent: QWidget | None = None) -> DigitsQuestion:
    return DigitsQuestion(question, lang, parent, max_digits=10, groups=PHONE_GROUPS)


def number_widget(question: Question, lang: str, parent: QWidget | None = None) -> DigitsQuestion:
    largest = question.maximum if question.maximum is not None else 999_999_999
    return DigitsQuestion(question, lang, parent, max_digits=max(len(str(abs(largest))), 1))
