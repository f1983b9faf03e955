"""The typed shape of a procedure definition (thủ tục hành chính), Qt-free.

A procedure is data: one TOML file per procedure in ``forms/procedures/``,
loaded into these frozen dataclasses by :mod:`forms.loader`. Everything that
runs a journey (the flow runner, the GUI, ``kiosk submit``, the sandbox portal,
the receipt) reads these types, never raw dictionaries.

Answers travel as JSON-compatible values keyed by question id
(:data:`Answers`). Canonical forms after validation:

=============  ==============================================================
type           canonical answer
=============  ==============================================================
text           ``str`` (NFC, trimmed)
name           ``str`` (NFC, spaces collapsed, each word capitalised)
cccd           ``str`` of 12 digits
phone          ``str`` of 10 digits starting with 0
date           ``str`` ISO ``YYYY-MM-DD`` (typed as dd/mm/yyyy)
number         ``int``
choice         ``str``: the chosen :class:`Choice` value
yes_no         ``bool``
address        ``{"province_code", "ward_code", "street"}`` (post-2025 codes)
papers         ``list[str]``: ids of the :class:`Paper` the resident declares
=============  ==============================================================

Three answer keys are reserved and added by the engine to every procedure, on
the check-answers page rather than as question pages: ``delivery`` (a
:class:`Delivery` value), ``delivery_address`` (an address, needed when the
result goes by post) and ``declaration`` (``True``: the resident confirms).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from kiosk.core.text import Text

AnswerValue = str | int | bool | list[str] | dict[str, str] | None
Answers = dict[str, Any]

RESERVED_KEYS = ("delivery", "delivery_address", "declaration")


class QuestionType(StrEnum):
    TEXT = "text"
    NAME = "name"
    CCCD = "cccd"
    PHONE = "phone"
    DATE = "date"
    NUMBER = "number"
    CHOICE = "choice"
    YES_NO = "yes_no"
    ADDRESS = "address"
    PAPERS = "papers"


class ReceivingLevel(StrEnum):
    """Where the application is received (cấp tiếp nhận)."""

    COMMUNE = "commune"
    PROVINCE = "province"


class Delivery(StrEnum):
    """How the result comes back (hình thức nhận kết quả)."""

    COUNTER = "counter"  # tại Bộ phận một cửa
    POST = "post"  # qua dịch vụ bưu chính công ích
    ELECTRONIC = "electronic"  # bản điện tử


class IdentityLevel(StrEnum):
    """The login a procedure requires (mức định danh điện tử)."""

    NONE = "none"  # may continue without login
    LEVEL1 = "level1"
    LEVEL2 = "level2"


class Prefill(StrEnum):
    """Identity claims that can fill a question after login."""

    FULL_NAME = "full_name"
    CCCD = "cccd"
    BIRTH_DATE = "birth_date"
    GENDER = "gender"
    PHONE = "phone"
    ADDRESS = "address"


@dataclass(frozen=True)
class Choice:
    value: str
    label: Text


@dataclass(frozen=True)
class Paper:
    """A paper to bring or attach (thành phần hồ sơ)."""

    id: str
    label: Text
    required: bool = True

    def listed(self, lang: str) -> str:
        """The label as a list shows it: "(nếu có)" after an optional paper, unless the
        label already ends with its own condition ("(khi không có giấy chứng sinh)")."""
        label = self.label(lang)
        if self.required or label.rstrip().endswith(")"):
            return label
        return f"{label} {IF_YOU_HAVE_IT(lang)}"


IF_YOU_HAVE_IT = Text("(nếu có)", "(if you have it)")


@dataclass(frozen=True)
class FeeRule:
    """A fee for each unit a number question counts (extra certified copies: 8.000 đ each)."""

    question: str
    vnd: int


@dataclass(frozen=True)
class Condition:
    """Show a question only when an earlier answer matches one of ``values``."""

    question: str
    values: tuple[str | bool | int, ...]

    def holds(self, answers: Mapping[str, Any]) -> bool:
        return answers.get(self.question) in self.values


@dataclass(frozen=True)
class Question:
    id: str
    type: QuestionType
    title: Text
    hint: Text = Text("")
    required: bool = True
    choices: tuple[Choice, ...] = ()
    when: Condition | None = None
    prefill: Prefill | None = None
    # An answer that came from the login is shown, not changed (the national population
    # database is the source), unless the procedure allows it (a phone, an address).
    prefill_editable: bool = False
    minimum: int | None = None  # number
    maximum: int | None = None  # number
    max_length: int = 200  # text
    past_only: bool = False  # date: no date after today (births, deaths)
    # cccd: check the century/gender digit against these answers when present
    birth_date_from: str | None = None
    gender_from: str | None = None
    # papers: the procedure's papers, copied here by the loader so that one
    # question carries everything its page and its validator need
    papers: tuple[Paper, ...] = ()

    def applies(self, answers: Mapping[str, Any]) -> bool:
        return self.when is None or self.when.holds(answers)


@dataclass(frozen=True)
class Procedure:
    code: str  # national procedure code, e.g. "1.001193"
    slug: str  # the file's stem, e.g. "birth_registration"
    name: Text
    summary: Text  # one line for the procedure tile
    category: str
    level: ReceivingLevel
    fee_vnd: int
    fee_note: Text
    processing_days: int  # legal processing time in working days (0 = same day)
    papers: tuple[Paper, ...]
    deliveries: tuple[Delivery, ...]
    identity: IdentityLevel
    questions: tuple[Question, ...]
    example: Mapping[str, Any] = field(default_factory=dict)
    fee_per_answer: tuple[FeeRule, ...] = ()  # added to fee_vnd by the answers
    popular: int = 0  # rank among the big tiles (1 = first); 0 = not a big tile
    icon: str = ""
    source: Path | None = None

    @property
    def login_required(self) -> bool:
        return self.identity is not IdentityLevel.NONE

    def question(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)
