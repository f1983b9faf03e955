"""A "Bàn phím" button that opens the on-screen keyboard under a box (GUI thread).

For the shell's own text boxes (procedure search, application code); the
question pages get theirs from the question widgets. The keyboard itself is
``ui.questions.keyboard.LetterKeyboard`` (owner: question widgets), made the
first time it is asked for, in the current language.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from kiosk.core.text import Text
from ui.screens.base import make_button
from ui.theme import Role

SHOW = Text("Hiện bàn phím", "Show keyboard")
HIDE = Text("Ẩn bàn phím", "Hide keyboard")


class KeyboardToggle(QWidget):
    """The keyboard's place on the page; :attr:`button` goes wherever the page wants it."""

    def __init__(self, edit: QLineEdit, name: str, *, digits: bool = False) -> None:
        super().__init__()
        self.edit = edit
        self.digits = digits
        self.lang = "vi"
        self.keyboard: QWidget | None = None
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.button = make_button(Role.SECONDARY, name)
        self.button.setCheckable(True)
        self.button.toggled.connect(self.show_keyboard)
        self.column = column
        self.retranslate("vi")

    def show_keyboard(self, shown: bool) -> None:
        if shown and self.keyboard is None:
            from ui.questions.keyboard import LetterKeyboard

            keyboard = LetterKeyboard(self.lang, self, digits=self.digits)
            keyboard.target = self.edit
            self.keyboard = keyboard
            self.column.addWidget(keyboard)
        if self.keyboard is not None:
            self.keyboard.setVisible(shown)
        self._label()
        if shown:
            self.edit.setFocus()

    def retranslate(self, lang: str) -> None:
        if lang != self.lang and self.keyboard is not None:
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
