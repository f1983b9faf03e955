"""Free-text and person-name questions: one large line edit (GUI thread).

Names are tidied when the resident leaves the field (``nguyễn văn  an`` →
``Nguyễn Văn An``); the engine canonicalises again on Continue. The text is
never changed while typing, so Vietnamese input methods (Telex, VNI) that
rewrite the last word keep working. An on-screen letter keyboard can sit
under the field (``keyboard=True``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from forms.model import Question, QuestionType
from kiosk.core.text import nfc
from ui.questions.base import KeysPlace, QuestionWidget, big_line_edit, wipe
from ui.questions.keyboard import LetterKeyboard
from ui.questions.telex import Telex


def tidy_name(text: str) -> str:
    """Collapse spaces and capitalise each word, Vietnamese letters included."""
    words = nfc(text).split()
    return " ".join(word[:1].upper() + word[1:].lower() for word in words)


class TextQuestion(QuestionWidget):
    """A line edit for ``text`` and ``name`` questions; ``value()`` is the text."""

    keys_place = KeysPlace.WITH_FIELD

    def __init__(
        self,
        question: Question,
        lang: str,
        parent: QWidget | None = None,
        *,
        keyboard: bool = False,
    ) -> None:
        super().__init__(question, lang, parent)
        self.is_name = question.type is QuestionType.NAME
        self.edit = big_line_edit(self.title(), self)
        self.edit.setObjectName("text-field")
        self.edit.setMaxLength(question.max_length)
        Telex(self.edit)  # a physical keyboard types Vietnamese with no input method
        self.edit.setMinimumWidth(560)
        self.edit.textEdited.connect(lambda _text: self._emit_changed())
        if self.is_name:
            self.edit.editingFinished.connect(self._tidy)
        self._layout.addWidget(self.edit)
        self.keyboard: LetterKeyboard | None = None
        if keyboard:
            board = LetterKeyboard(lang, self, digits=not self.is_name)
            board.target = self.edit
            self._layout.addWidget(board)
            self.keyboard = board

    def keys(self) -> QWidget | None:
        return self.keyboard

    def _tidy(self) -> None:
        tidy = tidy_name(self.edit.text())
        if tidy != self.edit.text():
            self.edit.setText(tidy)
            self._emit_changed()

    # -- the contract ----------------------------------------------------------
    def value(self) -> str | None:
        text = nfc(self.edit.text())
        return text if text.strip() else None

    def set_value(self, value: Any) -> None:
        text = "" if value is None else nfc(str(value))
        self.edit.setText(tidy_name(text) if self.is_name else text)
        self.edit.setCursorPosition(len(self.edit.text()))
        self._emit_changed()

    def clear(self) -> None:
        wipe(self.edit)
        self.set_error(None)

    def focus_input(self) -> None:
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def inputs(self) -> list[QWidget]:
        return [self.edit]
