"""Every question of every real procedure: the widget's raw value validates back to the answer.

For each procedure in ``forms/procedures`` and each question its example
answers, the widget made by ``widget_for`` is given the canonical example
answer with ``set_value``; what ``value()`` then returns must pass
``forms.engine.validate_answer`` and come back as the same canonical answer.
"""

from __future__ import annotations

from typing import Any

import pytest

from forms.engine import validate_answer
from forms.loader import load_catalogue
from forms.model import Procedure, Question
from ui.questions import AddressQuestion, widget_for

CATALOGUE = load_catalogue()
CASES = [
    pytest.param(procedure, question, id=f"{procedure.slug}-{question.id}")
    for procedure in CATALOGUE.procedures
    for question in procedure.questions
    if question.id in procedure.example
]


def test_the_catalogue_gives_cases() -> None:
    assert len(CASES) >= 10
    kinds = {case.values[1].type for case in CASES}  # type: ignore[union-attr]
    assert len(kinds) >= 6


@pytest.mark.parametrize(("procedure", "question"), CASES)
def test_example_answer_round_trips_through_the_widget(
    qtbot: Any, procedure: Procedure, question: Question
) -> None:
    example = dict(procedure.example)
    expected, problem = validate_answer(question, example[question.id], example)
    assert problem is None, f"the example itself is invalid: {problem}"
    for lang in ("vi", "en"):
        widget = widget_for(question, lang, procedure=procedure)
        qtbot.addWidget(widget)
        if isinstance(widget, AddressQuestion):
            qtbot.waitUntil(widget.is_ready)
        widget.set_value(expected)
        value, error = validate_answer(question, widget.value(), example)
        assert error is None, f"{lang}: {error}"
        assert value == expected
        widget.clear()
        cleared, _ = validate_answer(question, widget.value(), example)
        assert cleared in (None, [])
