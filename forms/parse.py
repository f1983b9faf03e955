"""Turn one parsed TOML definition into a :class:`~forms.model.Procedure`.

:class:`Reader` walks the data, builds the frozen model and collects every
problem as ``(field, message)`` (e.g. ``("questions[3].type", 'unknown type
"dat" (known: ...)')``); :mod:`forms.loader` adds the file name. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import StrEnum
from typing import Any, TypeVar

from forms.model import (
    RESERVED_KEYS,
    Choice,
    Condition,
    Delivery,
    FeeRule,
    IdentityLevel,
    Paper,
    Prefill,
    Procedure,
    Question,
    QuestionType,
    ReceivingLevel,
)
from kiosk.core.text import Text

E = TypeVar("E", bound=StrEnum)

CODE = re.compile(r"\d\.\d{6}")
IDENTIFIER = re.compile(r"[a-z][a-z0-9_]*")

PATTERN_NAMES = {
    CODE: "a national procedure code like 1.001193",
    IDENTIFIER: "an identifier (lower-case letters, digits and _, starting with a letter)",
}

TOP_REQUIRED = (
    "code", "name", "summary", "category", "level", "fee_vnd", "processing_days",
    "deliveries", "identity", "questions",
)  # fmt: skip
TOP_OPTIONAL = ("fee_note", "fee_per_answer", "papers", "example", "popular", "icon")
QUESTION_REQUIRED = ("id", "type", "title")
QUESTION_OPTIONAL = (
    "hint", "required", "choices", "when", "prefill", "prefill_editable", "minimum", "maximum",
    "max_length",
    "past_only", "birth_date_from", "gender_from",
)  # fmt: skip


class Reader:
    """Builds a procedure from TOML data, recording problems instead of raising."""

    def __init__(self) -> None:
        self.problems: list[tuple[str, str]] = []

    def problem(self, field: str, message: str) -> None:
        self.problems.append((field, message))

    # --- generic fields -------------------------------------------------------

    def keys(self, data: Mapping[str, Any], where: str, required: tuple[str, ...],
             optional: tuple[str, ...]) -> None:
        prefix = f"{where}." if where else ""
        for key in data:
            if key not in required and key not in optional:
                known = ", ".join(required + optional)
                self.problem(f"{prefix}{key}", f"unknown key (known: {known})")
        for key in required:
            if key not in data:
                self.problem(f"{prefix}{key}", "missing (required)")

    def string(self, data: Mapping[str, Any], key: str, where: str,
               pattern: re.Pattern[str] | None = None, default: str = "") -> str:
        field = f"{where}.{key}" if where else key
        value = data.get(key, default)
        if not isinstance(value, str):
            self.problem(field, f"must be text, not {_kind(value)}")
            return default
        if pattern is not None and key in data and not pattern.fullmatch(value):
            self.problem(field, f'"{value}" is not {PATTERN_NAMES.get(pattern, pattern.pattern)}')
        return value

    def integer(self, data: Mapping[str, Any], key: str, where: str,
                default: int | None = 0, minimum: int | None = 0) -> int | None:
        field = f"{where}.{key}" if where else key
        value = data.get(key, default)
        if value is None:
            return None
        if type(value) is not int:
            self.problem(field, f"must be a whole number, not {_kind(value)}")
            return default
        if minimum is not None and value < minimum:
            self.problem(field, f"must be {minimum} or more, not {value}")
        return value

    def boolean(self, data: Mapping[str, Any], key: str, where: str, default: bool) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            self.problem(f"{where}.{key}", f"must be true or false, not {_kind(value)}")
            return default
        return value

    def bilingual(self, data: Mapping[str, Any], key: str, where: str) -> Text:
        field = f"{where}.{key}" if where else key
        value = data.get(key, {"vi": "", "en": ""})
        if isinstance(value, str):
            self.problem(field, 'must be a table { vi = "...", en = "..." }, not text')
            return Text(value, value)
        if not isinstance(value, Mapping):
            self.problem(field, f'must be a table {{ vi = "...", en = "..." }}, not {_kind(value)}')
            return Text("")
        self.keys(value, field, ("vi", "en"), ())
        return Text(self.string(value, "vi", field), self.string(value, "en", field))

    def enum(self, kind: type[E], value: Any, field: str, what: str) -> E | None:
        try:
            return kind(value)
        except ValueError:
            known = ", ".join(m.value for m in kind)
            self.problem(field, f'unknown {what} "{value}" (known: {known})')
            return None

    def table_list(self, data: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
            self.problem(key, f"must be a list of tables ([[{key}]]), not {_kind(value)}")
            return []
        return value

    # --- the procedure --------------------------------------------------------

    def procedure(self, data: Mapping[str, Any], slug: str) -> Procedure | None:
        self.keys(data, "", TOP_REQUIRED, TOP_OPTIONAL)
        level = identity = None
        if "level" in data:
            level = self.enum(ReceivingLevel, data["level"], "level", "level")
        if "identity" in data:
            identity = self.enum(IdentityLevel, data["identity"], "identity", "identity level")
        papers = self.papers(data)
        questions = self.questions(data, papers)
        example = data.get("example", {})
        if not isinstance(example, Mapping):
            self.problem("example", f"must be a table [example], not {_kind(example)}")
            example = {}
        procedure = Procedure(
            code=self.string(data, "code", "", CODE),
            slug=slug,
            name=self.bilingual(data, "name", ""),
            summary=self.bilingual(data, "summary", ""),
            category=self.string(data, "category", "", IDENTIFIER),
            level=level or ReceivingLevel.COMMUNE,
            fee_vnd=self.integer(data, "fee_vnd", "") or 0,
            fee_note=self.bilingual(data, "fee_note", ""),
            processing_days=self.integer(data, "processing_days", "") or 0,
            papers=papers,
            deliveries=self.deliveries(data),
            identity=identity or IdentityLevel.NONE,
            questions=questions,
            example=dict(example),
            popular=self.integer(data, "popular", "") or 0,
            icon=self.string(data, "icon", "", IDENTIFIER),
            fee_per_answer=self.fee_rules(data, questions),
        )
        return None if self.problems else procedure

    def fee_rules(self, data: Mapping[str, Any], questions: tuple[Question, ...]
                  ) -> tuple[FeeRule, ...]:
        """``fee_per_answer = [{ question = "extra_copies", vnd = 8000 }]``: a number question."""
        items = data.get("fee_per_answer", [])
        if not isinstance(items, list):
            self.problem("fee_per_answer", f"must be a list of tables, not {_kind(items)}")
            return ()
        numbers = {q.id for q in questions if q.type is QuestionType.NUMBER}
        rules: list[FeeRule] = []
        for i, item in enumerate(items):
            where = f"fee_per_answer[{i}]"
            if not isinstance(item, Mapping):
                self.problem(where, f"must be a table, not {_kind(item)}")
                continue
            self.keys(item, where, ("question", "vnd"), ())
            qid = self.string(item, "question", where, IDENTIFIER)
            if qid not in numbers:
                self.problem(f"{where}.question", f'"{qid}" is not a number question of this '
                             "procedure")
            rules.append(FeeRule(qid, self.integer(item, "vnd", where) or 0))
        return tuple(rules)

    def deliveries(self, data: Mapping[str, Any]) -> tuple[Delivery, ...]:
        if "deliveries" not in data:
            return ()
        value = data["deliveries"]
        if not isinstance(value, list) or not value:
            self.problem("deliveries", "must be a non-empty list, e.g. [\"counter\", \"post\"]")
            return ()
        found: list[Delivery] = []
        for i, item in enumerate(value):
            delivery = self.enum(Delivery, item, f"deliveries[{i}]", "delivery")
            if delivery in found:
                self.problem(f"deliveries[{i}]", f'"{item}" is listed twice')
            elif delivery is not None:
                found.append(delivery)
        return tuple(found)

    def papers(self, data: Mapping[str, Any]) -> tuple[Paper, ...]:
        papers: list[Paper] = []
        for i, item in enumerate(self.table_list(data, "papers")):
            where = f"papers[{i}]"
            self.keys(item, where, ("id", "label"), ("required",))
            paper_id = self.string(item, "id", where, IDENTIFIER)
            if paper_id in {p.id for p in papers}:
                self.problem(f"{where}.id", f'"{paper_id}" is used twice')
            label = self.bilingual(item, "label", where)
            papers.append(Paper(paper_id, label, self.boolean(item, "required", where, True)))
        return tuple(papers)

    def questions(self, data: Mapping[str, Any], papers: tuple[Paper, ...]) -> tuple[Question, ...]:
        items = self.table_list(data, "questions")
        if "questions" in data and not items:
            self.problem("questions", "at least one question is needed")
        built: list[Question] = []
        for i, item in enumerate(items):
            question = self.question(item, f"questions[{i}]", built, papers)
            if question is not None:
                built.append(question)
        return tuple(built)

    def question(self, item: Mapping[str, Any], where: str, earlier: list[Question],
                 papers: tuple[Paper, ...]) -> Question | None:
        self.keys(item, where, QUESTION_REQUIRED, QUESTION_OPTIONAL)
        qid = self.string(item, "id", where, IDENTIFIER)
        if qid in {q.id for q in earlier}:
            self.problem(f"{where}.id", f'"{qid}" is used by an earlier question')
        if qid in RESERVED_KEYS:
            self.problem(f"{where}.id", f'"{qid}" is reserved ({", ".join(RESERVED_KEYS)})')
        kind = self.enum(QuestionType, item.get("type"), f"{where}.type", "type")
        if kind is None:
            return None
        choices = self.choices(item, where, kind)
        prefill = None
        if "prefill" in item:
            prefill = self.enum(Prefill, item["prefill"], f"{where}.prefill", "prefill claim")
        if "prefill_editable" in item and prefill is None:
            self.problem(f"{where}.prefill_editable", "only a question with prefill can set it")
        if kind is QuestionType.PAPERS and not papers:
            self.problem(f"{where}.type", "a papers question needs [[papers]] in the procedure")
        question = Question(
            id=qid,
            type=kind,
            title=self.bilingual(item, "title", where),
            hint=self.bilingual(item, "hint", where),
            required=self.boolean(item, "required", where, True),
            choices=choices,
            when=self.condition(item, where, earlier),
            prefill=prefill,
            prefill_editable=self.boolean(item, "prefill_editable", where, False),
            minimum=self.integer(item, "minimum", where, None, None),
            maximum=self.integer(item, "maximum", where, None, None),
            max_length=self.integer(item, "max_length", where, 200, 1) or 200,
            past_only=self.boolean(item, "past_only", where, False),
            birth_date_from=self.reference(item, "birth_date_from", where, earlier, QuestionType.DATE),
            gender_from=self.reference(item, "gender_from", where, earlier, QuestionType.CHOICE),
            papers=papers if kind is QuestionType.PAPERS else (),
        )
        if kind is QuestionType.NUMBER and None not in (question.minimum, question.maximum):
            assert question.minimum is not None and question.maximum is not None
            if question.minimum > question.maximum:
                self.problem(f"{where}.maximum", "must not be below minimum")
        return question

    def choices(self, item: Mapping[str, Any], where: str, kind: QuestionType) -> tuple[Choice, ...]:
        raw = item.get("choices")
        if kind is not QuestionType.CHOICE:
            if raw is not None:
                self.problem(f"{where}.choices", f'only choice questions have choices, not "{kind}"')
            return ()
        if not isinstance(raw, list) or len(raw) < 2:
            self.problem(f"{where}.choices", "a choice question needs a list of at least 2 choices")
            return ()
        built: list[Choice] = []
        for i, choice in enumerate(raw):
            field = f"{where}.choices[{i}]"
            if not isinstance(choice, Mapping):
                self.problem(field, f'must be a table {{ value = "...", label = {{...}} }}, not {_kind(choice)}')
                continue
            self.keys(choice, field, ("value", "label"), ())
            value = self.string(choice, "value", field, IDENTIFIER)
            if value in {c.value for c in built}:
                self.problem(f"{field}.value", f'"{value}" is used twice')
            built.append(Choice(value, self.bilingual(choice, "label", field)))
        return tuple(built)

    def condition(self, item: Mapping[str, Any], where: str, earlier: list[Question]) -> Condition | None:
        raw = item.get("when")
        if raw is None:
            return None
        field = f"{where}.when"
        if not isinstance(raw, Mapping):
            self.problem(field, 'must be a table { question = "...", values = [...] }')
            return None
        self.keys(raw, field, ("question", "values"), ())
        target_id = raw.get("question")
        target = next((q for q in earlier if q.id == target_id), None)
        if target is None:
            self.problem(f"{field}.question", f'"{target_id}" is not an earlier question')
            return None
        values = raw.get("values")
        if not isinstance(values, list) or not values:
            self.problem(f"{field}.values", "must be a non-empty list of answers")
            return None
        allowed: list[Any] = []
        if target.type is QuestionType.CHOICE:
            allowed = [c.value for c in target.choices]
        elif target.type is QuestionType.YES_NO:
            allowed = [True, False]
        else:
            self.problem(f"{field}.question", f'"{target_id}" must be a choice or yes_no question')
            return None
        for i, value in enumerate(values):
            if value not in allowed or type(value) is not type(allowed[0]):
                shown = ", ".join(str(a).lower() if isinstance(a, bool) else a for a in allowed)
                self.problem(f"{field}.values[{i}]", f'"{value}" is not an answer of "{target_id}" (answers: {shown})')
        return Condition(str(target_id), tuple(values))

    def reference(self, item: Mapping[str, Any], key: str, where: str,
                  earlier: list[Question], kind: QuestionType) -> str | None:
        if key not in item:
            return None
        target = item[key]
        if not any(q.id == target and q.type is kind for q in earlier):
            self.problem(f"{where}.{key}", f'"{target}" is not an earlier {kind} question')
            return None
        return str(target)


def _kind(value: Any) -> str:
    return {bool: "true/false", int: "a number", float: "a number", str: "text",
            list: "a list", dict: "a table"}.get(type(value), type(value).__name__)
