"""Choice and yes/no questions: big toggle buttons, one tap selects (GUI thread).

A vertical list of large buttons for ``choice`` (value = the chosen
:class:`~forms.model.Choice` value) and two side-by-side buttons "Có" / "Không"
for ``yes_no`` (value = ``True`` / ``False``). Each button shows a radio mark
(○ / ●) so the choice reads clearly even in black and white.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QVBoxLayout, QWidget

from forms.engine import NO, YES
from forms.model import Question
from ui.questions.base import QuestionWidget
from ui.questions.toggle import BigToggle


class ButtonsQuestion(QuestionWidget):
    """Exclusive big toggle buttons; subclasses map buttons to answer values."""

    def __init__(
        self,
        question: Question,
        lang: str,
        options: Sequence[tuple[Any, str]],
        parent: QWidget | None = None,
        *,
        horizontal: bool = False,
    ) -> None:
        super().__init__(question, lang, parent)
        self._values = [value for value, _label in options]
        self._labels = [label for _value, label in options]
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: list[BigToggle] = []
        box: QHBoxLayout | QVBoxLayout = QHBoxLayout() if horizontal else QVBoxLayout()
        box.setSpacing(14)
        for index, label in enumerate(self._labels):
            button = BigToggle(label, self)
            button.setObjectName(f"choice-{index}")
            button.set_width(260 if horizontal else 560)
            button.setAccessibleDescription(self.title())
            self.group.addButton(button, index)
            box.addWidget(button)
            self.buttons.append(button)
        if horizontal:
            box.addStretch(1)
        self.group.idClicked.connect(lambda _id: self._emit_changed())
        self._layout.addLayout(box)
        self._layout.addStretch(1)

    # -- the contract ----------------------------------------------------------
    def value(self) -> Any:
        index = self.group.checkedId()
        return None if index < 0 else self._values[index]

    def set_value(self, value: Any) -> None:
        self._select(self._values.index(value) if value in self._values else -1)
        self._emit_changed()

    def _select(self, index: int) -> None:
        if index < 0:
            self.group.setExclusive(False)
            for button in self.buttons:
                button.setChecked(False)
            self.group.setExclusive(True)
        else:
            self.buttons[index].setChecked(True)

    def clear(self) -> None:
        self._select(-1)
        self.set_error(None)

    def focus_input(self) -> None:
        """Focus the chosen button; with none chosen, the group itself (a focused first
        button would look half-chosen; Tab then walks the buttons)."""
        checked = self.group.checkedButton()
        (checked or self).setFocus(Qt.FocusReason.OtherFocusReason)

    def inputs(self) -> list[QWidget]:
        return list(self.buttons)


class ChoiceQuestion(ButtonsQuestion):
    """One of the question's choices; ``value()`` is the choice's value string."""

    def __init__(self, question: Question, lang: str, parent: QWidget | None = None) -> None:
        options = [(choice.value, choice.label(lang)) for choice in question.choices]
        super().__init__(question, lang, options, parent)


class YesNoQuestion(ButtonsQuestion):
    """"Có" / "Không"; ``value()`` is True, False or None."""

    def __init__(self, question: Question, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(question, lang, [(True, YES(lang)), (False, NO(lang))], parent,
                         horizontal=True)

    def set_value(self, value: Any) -> None:
        if isinstance(value, str):
            value = {"true": True, "yes": True, "có": True, "false": False, "no": False,
                     "không": False}.get(value.strip().lower())
        super().set_value(value if isinstance(value, bool) else None)
