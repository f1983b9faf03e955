"""The procedure catalogue as the portal publishes it, and answer validation.

The sandbox checks submissions with the very engine the kiosk uses
(:func:`forms.engine.validate_answers`), so a 422 from the sandbox means the
same thing as a field error on the kiosk. Messages go out in Vietnamese
(``message``) and English (``message_en``). Pure functions over immutable
procedure definitions: safe from any request thread.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from forms.model import Procedure, Question
from kiosk.core.errors import BadInput
from kiosk.core.text import Text

UNKNOWN_PROCEDURE = Text(
    "Không có thủ tục mã “{code}” trên cổng dịch vụ công.",
    "There is no procedure with code “{code}” on the portal.",
)
NOT_AN_OBJECT = Text("Câu trả lời phải là một đối tượng JSON.", "Answers must be a JSON object.")
UNREADABLE = Text(
    "Không đọc được các câu trả lời của hồ sơ.", "The application's answers cannot be read."
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FieldProblem:
    field: str
    message: Text

    def as_json(self, **values: Any) -> dict[str, str]:
        return {
            "field": self.field,
            "message": self.message("vi", **values),
            "message_en": self.message("en", **values),
        }


def procedure_json(procedure: Procedure) -> dict[str, Any]:
    """What the portal publishes about one procedure (no example answers)."""
    return {
        "code": procedure.code,
        "slug": procedure.slug,
        "name_vi": procedure.name.vi,
        "name_en": procedure.name.en,
        "summary_vi": procedure.summary.vi,
        "summary_en": procedure.summary.en,
        "category": procedure.category,
        "level": procedure.level.value,
        "fee_vnd": procedure.fee_vnd,
        "fee_note_vi": procedure.fee_note.vi,
        "fee_note_en": procedure.fee_note.en,
        "processing_days": procedure.processing_days,
        "papers": [
            {"id": p.id, "label_vi": p.label.vi, "label_en": p.label.en, "required": p.required}
            for p in procedure.papers
        ],
        "deliveries": [d.value for d in procedure.deliveries],
        "identity": procedure.identity.value,
        "login_required": procedure.login_required,
        "questions": [_question_json(q) for q in procedure.questions],
    }


def _question_json(question: Question) -> dict[str, Any]:
    when = question.when
    return {
        "id": question.id,
        "type": question.type.value,
        "title_vi": question.title.vi,
        "title_en": question.title.en,
        "required": question.required,
        "choices": [
            {"value": c.value, "label_vi": c.label.vi, "label_en": c.label.en}
            for c in question.choices
        ],
        "when": None if when is None else {"question": when.question, "values": list(when.values)},
    }


class ProcedureBook:
    """The catalogue the sandbox serves, loaded once from ``forms.loader``."""

    def __init__(self, procedures: tuple[Procedure, ...]) -> None:
        self.procedures = procedures
        self._by_key = {p.code: p for p in procedures} | {p.slug: p for p in procedures}

    @classmethod
    def load(cls) -> ProcedureBook:
        from forms.loader import load_catalogue  # the forms package's own loader

        return cls(tuple(load_catalogue().procedures))

    def catalogue_json(self) -> dict[str, Any]:
        return {"procedures": [procedure_json(p) for p in self.procedures], "simulator": True}

    def find(self, code: str) -> Procedure | None:
        return self._by_key.get(code)

    def check(self, code: str, answers: Any) -> list[dict[str, str]]:
        """Problems with a submission, as the 422 body's ``errors`` list (empty: valid)."""
        procedure = self.find(code)
        if procedure is None:
            return [FieldProblem("procedure", UNKNOWN_PROCEDURE).as_json(code=code)]
        if not isinstance(answers, Mapping):
            return [FieldProblem("answers", NOT_AN_OBJECT).as_json()]
        from forms.engine import validate_answers

        try:
            validation = validate_answers(procedure, answers)
        except (BadInput, TypeError, ValueError) as exc:  # a shape the engine refuses outright
            log.warning("validation of a %s submission failed: %s", code, type(exc).__name__)
            return [FieldProblem("answers", UNREADABLE).as_json()]
        return [FieldProblem(e.field, e.message).as_json() for e in validation.errors]
