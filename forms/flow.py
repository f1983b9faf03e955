"""The resident's journey through one procedure, one question per page, Qt-free.

:class:`FlowRunner` knows which question is on screen, which questions apply
(conditional questions appear only when an earlier answer matches), the
progress ("Bước 3/9"), going back, and the check-answers step where "Sửa"
(Change) opens a question and returns straight to the review. The GUI shell
drives it from the GUI thread; tests walk every procedure with no window.

The back-stack holds the pages visited (question ids, ``None`` for the review).
Answers to questions that stop applying are kept while the journey lasts (so
flipping an answer back restores them) but are never part of :attr:`answers`.
The runner holds the whole journey's state, the review page's choices too (how
the result comes back, the postal address, the declaration): the GUI keeps no
copy of its own. How the result comes back is asked as questions of their own
after the procedure's (:func:`closing_questions`: one question per page, as
everywhere): the way, and the postal address when it goes by post (filled from
the login's address, editable). The declaration stays on the check page, right
above "Gửi hồ sơ".
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from forms import engine
from forms.model import (
    RESERVED_KEYS,
    Answers,
    Choice,
    Condition,
    Delivery,
    Prefill,
    Procedure,
    Question,
    QuestionType,
)
from kiosk.core.text import Text

DELIVERY_QUESTION = Text("Bác muốn nhận kết quả thế nào?", "How would you like to get the result?")
DELIVERY_HINT = Text("Bác chọn một cách.", "Choose one way.")
ADDRESS_QUESTION = Text("Bưu điện gửi kết quả về địa chỉ nào?",
                        "Which address should the post bring the result to?")
ADDRESS_HINT = Text("Chọn tỉnh, rồi xã hoặc phường, rồi ghi số nhà, thôn, xóm.",
                    "Choose the province, then the commune or ward, then the house and street.")


def closing_questions(procedure: Procedure) -> tuple[Question, ...]:
    """The questions after the procedure's: how the result comes back (when there is a
    choice), and the address when it goes by post."""
    ways = procedure.deliveries
    asked: list[Question] = []
    if len(ways) > 1:
        asked.append(Question(
            id="delivery", type=QuestionType.CHOICE, title=DELIVERY_QUESTION, hint=DELIVERY_HINT,
            choices=tuple(Choice(w.value, engine.DELIVERY_LABELS[w]) for w in ways)))
    if Delivery.POST in ways:
        asked.append(Question(
            id="delivery_address", type=QuestionType.ADDRESS, title=ADDRESS_QUESTION,
            hint=ADDRESS_HINT, prefill=Prefill.ADDRESS, prefill_editable=True,
            when=Condition("delivery", (Delivery.POST.value,)) if len(ways) > 1 else None))
    return tuple(asked)


class _Unchanged:
    """``set_review``'s default: leave that choice as it is."""


UNCHANGED: Any = _Unchanged()


class FlowRunner:
    """A back-stack journey over a procedure's questions, ending at the review."""

    def __init__(
        self,
        procedure: Procedure,
        answers: Answers | None = None,
        *,
        prefill: Mapping[Prefill, Any] | None = None,
        lock_prefill: bool = True,
        today: date | None = None,
    ) -> None:
        self.procedure = procedure
        self._today = today
        self._answers: Answers = {}
        self._stack: list[str | None] = []
        self._editing = False
        self._current: str | None = None
        self._all = (*procedure.questions, *closing_questions(procedure))
        self._prefill = dict(prefill or {})
        self._lock_prefill = lock_prefill  # False: a card's data, not the national database's
        self._from_login: dict[str, Any] = {}  # question id → the value the login gave
        self._from_card: dict[str, Any] = {}  # ... the card scanned mid-journey gave (editable)
        self._drafts: dict[str, Any] = {}  # what was typed on a page left with "Quay lại"
        self._start(answers)

    def _start(self, answers: Answers | None) -> None:
        self._answers = {}
        self._drafts = {}
        self._from_login = {}
        self._from_card = {}
        self._stack = []
        self._editing = False
        self._apply_prefill()
        for key, value in (answers or {}).items():
            self._answers[key] = value
        first = self._applicable()
        self._current = first[0].id if first else None

    def _apply_prefill(self) -> None:
        for question in self._all:
            if question.prefill is None or question.prefill not in self._prefill:
                continue
            value, error = engine.validate_answer(
                question, self._prefill[question.prefill], self._answers, today=self._today
            )
            if error is None and value is not None:
                self._answers[question.id] = value
                self._from_login[question.id] = value

    # --- where we are ---------------------------------------------------------

    def _applicable(self) -> list[Question]:
        """The questions that apply, deciding each on the answers before it."""
        seen: Answers = {}
        result: list[Question] = []
        for question in self._all:
            if question.applies(seen):
                result.append(question)
                if question.id in self._answers:
                    seen[question.id] = self._answers[question.id]
        return result

    @property
    def current(self) -> Question | None:
        """The question on screen; ``None`` at the review (check answers) step."""
        return None if self._current is None else self.question(self._current)

    def question(self, question_id: str) -> Question:
        """A question of the journey by id (the procedure's, or a closing one)."""
        for question in self._all:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    @property
    def at_review(self) -> bool:
        return self._current is None

    @property
    def editing(self) -> bool:
        """True while a question was opened with "Sửa" from the review."""
        return self._editing

    @property
    def questions(self) -> list[Question]:
        """The questions that currently apply, in order (the review lists these)."""
        return self._applicable()

    @property
    def total(self) -> int:
        return len(self._applicable())

    @property
    def step(self) -> int:
        """1-based position of the current question; ``total`` at the review."""
        applicable = [q.id for q in self._applicable()]
        if self._current is None or self._current not in applicable:
            return len(applicable)
        return applicable.index(self._current) + 1

    def value(self, question_id: str) -> Any:
        """The stored answer for a question (to put back into its widget), or None."""
        return self._answers.get(question_id)

    def hold(self, question_id: str, raw: Any) -> None:
        """Keep what was typed on a page left without "Tiếp tục" (going back), as typed,
        to show again when the resident returns; it is not an answer until Continue."""
        if raw is None:
            self._drafts.pop(question_id, None)
        else:
            self._drafts[question_id] = raw

    def draft(self, question_id: str) -> Any:
        """What :meth:`hold` kept for the question, else None."""
        return self._drafts.get(question_id)

    def prefilled(self, question_id: str) -> bool:
        """The answer on file came from the resident's login (and is still that value)."""
        given = self._from_login if question_id in self._from_login else self._from_card
        return question_id in given and self._answers.get(question_id) == given[question_id]

    def fill(self, prefill: Mapping[Prefill, Any]) -> None:
        """Answers scanned mid-journey (the CCCD card's QR code on an ID-number question):
        the question on screen and every later one that asks for them and has no answer."""
        for question in self._all:
            claim = question.prefill
            if claim is None or claim not in prefill or self.prefilled(question.id):
                continue
            if question.id in self._answers and question.id != self._current:
                continue
            value, error = engine.validate_answer(question, prefill[claim], self._answers,
                                                  today=self._today)
            if error is None and value is not None:
                self._answers[question.id] = value
                self._from_card[question.id] = value

    def locked(self, question: Question) -> bool:
        """The answer came from the login and the procedure does not let it be changed."""
        return (self._lock_prefill and not question.prefill_editable
                and question.id in self._from_login
                and self._answers.get(question.id) == self._from_login[question.id])

    @property
    def answers(self) -> Answers:
        """Canonical answers of the questions that apply, plus the review's choices."""
        applicable = {q.id for q in self._applicable()}
        kept = {k: v for k, v in self._answers.items() if k in applicable}
        kept.update({k: self._answers[k] for k in RESERVED_KEYS if k in self._answers})
        if self.delivery is not None:
            kept["delivery"] = self.delivery
        if self.delivery != Delivery.POST:
            kept.pop("delivery_address", None)  # kept while the journey lasts, sent only by post
        return kept

    # --- the review page's choices ----------------------------------------------

    @property
    def delivery(self) -> str | None:
        """How the result comes back; the only way there is when the procedure offers one."""
        chosen = self._answers.get("delivery")
        if chosen is None and len(self.procedure.deliveries) == 1:
            return str(self.procedure.deliveries[0])
        return None if chosen is None else str(chosen)

    @property
    def delivery_address(self) -> Any:
        """The address for the result by post, as last given (kept if the choice changes)."""
        return self._answers.get("delivery_address")

    @property
    def declaration(self) -> bool:
        return self._answers.get("declaration") is True

    # --- moving ---------------------------------------------------------------

    def submit_current(self, raw: Any) -> Text | None:
        """Validate and store the answer on screen, then move on.

        Returns the message (and stays) when the answer is not accepted.
        """
        question = self.current
        if question is None:
            return None
        if self.locked(question):
            raw = self._from_login[question.id]  # shown, not changed
        value, error = engine.validate_answer(question, raw, self.answers, today=self._today)
        if error is not None:
            return error
        if value is None:
            self._answers.pop(question.id, None)
        else:
            self._answers[question.id] = value
        self._drafts.pop(question.id, None)
        self._stack.append(question.id)
        self._current = self._next_after(question.id)
        if self._current is None:
            self._arrive_at_review()
        return None

    def _next_after(self, question_id: str) -> str | None:
        applicable = self._applicable()
        ids = [q.id for q in applicable]
        if self._editing:
            # Straight back to the review, unless the change made a question
            # apply that has no answer yet: ask that one first.
            missing = [q for q in applicable if q.id not in self._answers and q.required]
            return missing[0].id if missing else None
        position = ids.index(question_id) if question_id in ids else -1
        return ids[position + 1] if position + 1 < len(ids) else None

    def _arrive_at_review(self) -> None:
        self._editing = False
        self._stack = [q.id for q in self._applicable()]

    def back(self) -> bool:
        """Go to the previous page; False when already at the first question."""
        applicable = {q.id for q in self._applicable()}
        while self._stack:
            previous = self._stack.pop()
            if previous is None:
                self._current = None
                self._arrive_at_review()
                return True
            if previous in applicable and previous != self._current:
                self._current = previous
                return True
        return False

    def edit(self, question_id: str) -> None:
        """Open a question from the review; answering it returns to the review."""
        if question_id not in {q.id for q in self._applicable()}:
            raise KeyError(question_id)
        if self._current is None:
            self._stack.append(None)
        self._editing = True
        self._current = question_id

    def set_review(
        self, *, delivery: str | None = UNCHANGED, delivery_address: Any = UNCHANGED,
        declaration: bool = UNCHANGED,
    ) -> list[engine.FieldError]:
        """Record the review page's choices (those given; ``None`` clears one) and return
        every problem with the whole answer set."""
        for key, value in (
            ("delivery", delivery),
            ("delivery_address", delivery_address),
            ("declaration", declaration),
        ):
            if value is UNCHANGED:
                continue
            if value is None:
                self._answers.pop(key, None)
            else:
                self._answers[key] = value
        result = self.validation()
        if result.ok:
            self._answers.update({k: result.clean[k] for k in RESERVED_KEYS if k in result.clean})
        return result.errors

    def validation(self) -> engine.Validation:
        """The whole answer set checked as the portal will check it."""
        return engine.validate_answers(self.procedure, self.answers, today=self._today)

    def clear(self) -> None:
        """Wipe every answer (idle timeout, "Xong") and start again at question one."""
        self._prefill.clear()
        self._answers.clear()
        self._start(None)
