"""Built-in Telex for a physical keyboard, and the word-before-the-cursor edit both
keyboards share (GUI thread).

A cultural-house PC often has no Vietnamese input method installed: with
:class:`Telex` on a line edit, typing ``Nguyeenx`` on the physical keyboard
gives ``Nguyễn`` (the rules are :func:`ui.questions.vietnamese.telex`). Keys
that an input method (Unikey, IBus) already turned into Vietnamese letters
arrive as those letters and pass through untouched; so do keys with Ctrl or
Alt, and typing over a selection.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit

from ui.questions.vietnamese import add_letter, telex

_COMMANDS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
             | Qt.KeyboardModifier.MetaModifier)


def change_word(edit: QLineEdit, change: Callable[[str], str | None], *,
                empty: bool = False) -> bool:
    """Replace the word before the cursor by ``change(word)``; False if it declined
    (or, unless ``empty``, there is no word before the cursor)."""
    text, cursor = edit.text(), edit.cursorPosition()
    start = text.rfind(" ", 0, cursor) + 1
    word = text[start:cursor]
    new = change(word) if word or empty else None
    if new is None:
        return False
    edit.setSelection(start, cursor - start)
    edit.insert(new)
    return True


class Telex(QObject):
    """Telex typing on ``edit`` (a child of it: it goes when the field goes)."""

    def __init__(self, edit: QLineEdit) -> None:
        super().__init__(edit)
        self.edit = edit
        edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is not self.edit or event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        key = event.text()
        if (len(key) != 1 or not key.isascii() or not key.isalpha()
                or event.modifiers() & _COMMANDS):
            return False
        edit = self.edit
        if edit.hasSelectedText() or edit.isReadOnly() or not edit.isEnabled():
            return False
        if not (change_word(edit, lambda word: telex(word, key), empty=True)
                or change_word(edit, lambda word: add_letter(word, key))):
            return False  # the first letter of a word: Qt types it as usual
        edit.textEdited.emit(edit.text())
        return True
