"""Question widgets: one small widget per kind of question page (GUI thread only).

    widget = widget_for(question, "vi", procedure=procedure)
    widget.changed.connect(...)
    raw = widget.value()          # for forms.engine.validate_answer
    widget.set_error(message)     # after a failed Continue; the input is kept

Every widget is a :class:`QuestionWidget` with ``changed``, ``value()``,
``set_value(v)``, ``set_error(message)``, ``focus_input()`` and ``clear()``.
The page around it (heading, hint, progress, Back/Continue) is the ui shell's.

``papers`` questions list the papers the loader copied onto the question
(``question.papers``); ``papers=`` or ``procedure=`` override that when given. ``keyboard=True`` puts the on-screen
letter keyboard under text and name fields, and a button that opens it under
the address filters.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QWidget

from forms.model import Paper, Procedure, Question, QuestionType
from ui.questions.address import AddressQuestion
from ui.questions.base import QuestionWidget
from ui.questions.choice import ChoiceQuestion, YesNoQuestion
from ui.questions.date import DateQuestion
from ui.questions.digits import DigitsQuestion, cccd_widget, number_widget, phone_widget
from ui.questions.papers import PapersQuestion
from ui.questions.text import TextQuestion

__all__ = [
    "AddressQuestion",
    "ChoiceQuestion",
    "DateQuestion",
    "DigitsQuestion",
    "PapersQuestion",
    "QuestionWidget",
    "TextQuestion",
    "YesNoQuestion",
    "widget_for",
]


def widget_for(
    question: Question,
    lang: str,
    parent: QWidget | None = None,
    *,
    procedure: Procedure | None = None,
    papers: Sequence[Paper] | None = None,
    keyboard: bool = False,
) -> QuestionWidget:
    """The widget for ``question`` in ``lang`` ("vi" or "en")."""
    kind = question.type
    if kind in (QuestionType.TEXT, QuestionType.NAME):
        return TextQuestion(question, lang, parent, keyboard=keyboard)
    if kind is QuestionType.CCCD:
        return cccd_widget(question, lang, parent)
    if kind is QuestionType.PHONE:
        return phone_widget(question, lang, parent)
    if kind is QuestionType.NUMBER:
        return number_widget(question, lang, parent)
    if kind is QuestionType.DATE:
        return DateQuestion(question, lang, parent)
    if kind is QuestionType.CHOICE:
        return ChoiceQuestion(question, lang, parent)
    if kind is QuestionType.YES_NO:
        return YesNoQuestion(question, lang, parent)
    if kind is QuestionType.ADDRESS:
        return AddressQuestion(question, lang, parent, keyboard=keyboard)
    if kind is QuestionType.PAPERS:
        chosen = papers if papers is not None else question.papers
        if not chosen and procedure is not None:
            chosen = procedure.papers
        return PapersQuestion(question, lang, chosen, parent)
    raise ValueError(f"no widget for question type {kind!r} (question {question.id})")
