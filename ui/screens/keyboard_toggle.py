"""A "Bàn phím" button that opens the on-screen keyboard in the page's fixed area (GUI thread).

For the shell's own text boxes (procedure search, the volunteers' reference);
the question pages get theirs from the question widgets. The keyboard itself is
``ui.questions.keyboard.LetterKeyboard`` (owner: question widgets), made the
first time it is asked for, in the current language, and shown in the page's
fixed input area (:meth:`ui.screens.base.Screen.place_keys`), so every key is
in view above the action bar whatever the content above it does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QLineEdit, QWidget

from kiosk.core.text import Text
from ui.screens.base import make_button
from ui.theme import Role

if TYPE_CHECKING:
    from ui.screens.base import Screen

SHOW = Text("Hiện bàn phím", "Show keyboard")
HIDE = Text("Ẩn bàn phím", "Hide keyboard")


class KeyboardToggle:
    """The keyboard of one box; :attr:`button` goes wherever the page wants it."""

    def __init__(self, screen: Screen, edit: QLineEdit, name: str, *,
                 make: Callable[[str], Any] | None = None) -> None:
        """``make(lang)``: the keys (default: the letter keyboard with its marks); they
        type into ``edit`` (their ``target``)."""
        self.screen = screen
        self.edit = edit
        self.make = make
        self.lang = "vi"
        self.keyboard: QWidget | None = None
        self.button = make_button(Role.SECONDARY, name)
        self.button.setCheckable(True)
        self.button.toggled.connect(self.show_keyboard)
        self.retranslate("vi")

    def show_keyboard(self, shown: bool) -> None:
        if shown and self.keyboard is None:
            from ui.questions.keyboard import LetterKeyboard

            keyboard = self.make(self.lang) if self.make is not None else LetterKeyboard(self.lang)
            keyboard.target = self.edit
            self.keyboard = keyboard
        if self.keyboard is not None:
            placed = self.screen.keys is self.keyboard
            if shown and not placed:
                self.screen.place_keys(self.keyboard)
            elif not shown and placed:
                self.screen.place_keys(None)
            self.keyboard.setVisible(shown)
        self._label()
        if shown:
            self.edit.setFocus()

    def retranslate(self, lang: str) -> None:
        if lang != self.lang and self.keyboard is not None:
            if self.screen.keys is self.keyboard:
                self.screen.place_keys(None)
            self.keyboard.hide()
            self.keyboard.setParent(None)
            self.keyboard.deleteLater()
            self.keyboard = None
            self.lang = lang
            self.show_keyboard(self.button.isChecked())
        self.lang = lang
        self._label()

    def _label(self) -> None:
        text = (HIDE if self.button.isChecked() else SHOW)(self.lang)
        self.button.setText(f"⌨  {text}")
        self.button.setAccessibleName(text)

    def wipe(self) -> None:
        self.button.setChecked(False)
