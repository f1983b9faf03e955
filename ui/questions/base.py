"""The contract every question widget keeps, and the parts they share (GUI thread only).

A question page (owned by the ui shell) shows the question as its heading, a
hint, progress and Back/Continue; in the middle it places one
:class:`QuestionWidget` made by :func:`ui.questions.widget_for`. The widget only
collects the raw answer: the shell validates it with
``forms.engine.validate_answer`` on Continue and calls :meth:`set_error` with
the message when it fails.

Styling goes through dynamic properties that ``ui.theme`` targets:
``role`` (``error``, ``choice``, ``key``, ``field``, ``row``...) and ``invalid``.
Sizes set here are floors (64 px targets, 26 px text) so a widget stays usable
even before a style sheet is applied.
"""

from __future__ import annotations

from enum import Enum
from typing import Any, ClassVar

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from forms.model import Question
from kiosk.core.text import Text
from ui.theme import repolish

TARGET_PX = 64  # smallest touch target
TEXT_PX = 26  # body text in inputs and buttons
ERROR_PREFIX = Text("Lỗi: ", "Error: ")


def big_font(widget: QWidget, px: int = TEXT_PX, bold: bool = False) -> None:
    """Give ``widget`` a large font (a floor; the theme's style sheet may raise it)."""
    font = QFont(widget.font())
    font.setPixelSize(px)
    font.setBold(bold)
    widget.setFont(font)


def set_role(widget: QWidget, role: str) -> None:
    widget.setProperty("role", role)


def big_line_edit(accessible_name: str, parent: QWidget | None = None) -> QLineEdit:
    """A large single-line input with the ``field`` role."""
    edit = QLineEdit(parent)
    set_role(edit, "field")
    big_font(edit, 30)
    edit.setMinimumHeight(TARGET_PX + 8)
    edit.setAccessibleName(accessible_name)
    return edit


def wipe(edit: QLineEdit) -> None:
    """Empty ``edit`` with no undo history left (``QLineEdit.clear()`` keeps it)."""
    edit.setText("")


class KeysPlace(Enum):
    """Where the page puts a widget's on-screen keys (always in view, never scrolled)."""

    BESIDE = "beside"  # a numeric pad beside the question and its fields
    WITH_FIELD = "with_field"  # a letter keyboard under the field, both in the fixed area
    BELOW = "below"  # keys in the fixed area; the widget (lists) scrolls above them


class QuestionWidget(QWidget):
    """One question's input. Subclasses implement value/set_value/clear/focus_input.

    ``changed`` fires on every edit the resident makes (and on ``set_value``).
    ``value()`` returns the RAW answer for ``forms.engine.validate_answer``,
    ``None`` when nothing was entered.
    """

    changed = Signal()
    keys_changed = Signal()  # keys() now returns another widget, or shows / hides it
    keys_place: ClassVar[KeysPlace] = KeysPlace.BELOW

    def __init__(self, question: Question, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.lang = lang
        self.setObjectName(f"question-{question.id}")
        self.setAccessibleName(self.title())
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(16)
        self._error = QLabel(self)
        self._error.setObjectName("question-error")
        set_role(self._error, "error")
        self._error.setWordWrap(True)
        self._error.setIndent(24)  # clear of the theme's red bar on the error role
        big_font(self._error, TEXT_PX, bold=True)
        self._error.hide()
        self._layout.addWidget(self._error)
        self._message: str | None = None

    # -- the contract ----------------------------------------------------------
    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def clear(self) -> None:
        raise NotImplementedError

    def focus_input(self) -> None:
        raise NotImplementedError

    def set_error(self, message: str | None) -> None:
        """Show ``message`` above the input (or hide it with None); the input is kept."""
        self._message = message
        if message:
            self._error.setText(ERROR_PREFIX(self.lang) + message)
            self._error.show()
        else:
            self._error.clear()
            self._error.hide()
        for widget in self.inputs():
            widget.setProperty("invalid", bool(message))
            widget.setAccessibleDescription(message or "")
            repolish(widget)

    def keys(self) -> QWidget | None:
        """The on-screen keys (pad, keyboard) the page places in its fixed input area
        (``keys_place`` says where), or None. The widget owns and destroys them."""
        return None

    def is_ready(self) -> bool:
        """False while the widget's data still loads on a worker (the address lists);
        ``set_value`` then waits for it, and a driver should too."""
        return True

    def error(self) -> str | None:
        """The message currently shown, if any."""
        return self._message

    def inputs(self) -> list[QWidget]:
        """The widgets marked invalid by :meth:`set_error` (the main inputs)."""
        return []

    def title(self) -> str:
        return self.question.title(self.lang)

    def _emit_changed(self) -> None:
        self.changed.emit()

    def discard_keys(self) -> None:
        """Destroy the keys with the widget (the page may have re-parented them)."""
        keys = self.keys()
        if keys is not None and keys.parent() is not self:
            keys.hide()
            keys.setParent(None)
            keys.deleteLater()
