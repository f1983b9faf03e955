"""The Qt-free journey, path by path for every procedure: branches both ways,
going back, editing from the review, prefill and wiping."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import pytest

from forms import engine, loader
from forms.flow import FlowRunner, closing_questions
from forms.model import Prefill, Procedure, Question, QuestionType

CATALOGUE = loader.load_catalogue()
TODAY = date(2026, 11, 22)


def sample(question: Question, procedure: Procedure) -> Any:
    """A valid answer for a question with no example answer."""
    if question.id in procedure.example:
        return procedure.example[question.id]
    if not question.required:
        return None  # an optional question the resident skips
    kind = question.type
    samples: Mapping[QuestionType, Any] = {
        QuestionType.TEXT: "Ghi chú thử",
        QuestionType.NAME: "Nguyễn Văn An",
        QuestionType.CCCD: "001058012345",
        QuestionType.PHONE: "0912345678",
        QuestionType.DATE: "01/01/1958",
        QuestionType.NUMBER: str(question.minimum if question.minimum is not None else 1),
        QuestionType.YES_NO: True,
        QuestionType.ADDRESS: {"province_code": "01", "ward_code": "00070", "street": "Số 1"},
    }
    if kind is QuestionType.CHOICE:
        return question.choices[0].value
    if kind is QuestionType.PAPERS:
        return [p.id for p in question.papers if p.required]
    return samples[kind]


def walk(runner: FlowRunner, answers: Mapping[str, Any]) -> list[str]:
    """Answer every page from ``answers`` (or a sample); return the ids visited."""
    visited: list[str] = []
    while not runner.at_review:
        question = runner.current
        assert question is not None
        assert 1 <= runner.step <= runner.total
        visited.append(question.id)
        raw = answers[question.id] if question.id in answers else sample(question, runner.procedure)
        assert runner.submit_current(raw) is None, question.id
        most = len(runner.procedure.questions) + len(closing_questions(runner.procedure))
        assert len(visited) <= most, "the journey loops"
    return visited


def branches() -> list[tuple[str, str, Any]]:
    """(procedure slug, trigger question id, trigger answer) for every answer of every trigger."""
    cases: list[tuple[str, str, Any]] = []
    for procedure in CATALOGUE.procedures:
        triggers = {q.when.question for q in procedure.questions if q.when}
        for trigger_id in sorted(triggers):
            trigger = procedure.question(trigger_id)
            values: list[Any] = (
                [c.value for c in trigger.choices]
                if trigger.type is QuestionType.CHOICE
                else [True, False]
            )
            cases.extend((procedure.slug, trigger_id, value) for value in values)
    return cases


@pytest.mark.parametrize("slug", [p.slug for p in CATALOGUE.procedures])
def test_example_journey_reaches_the_review_with_the_same_clean_answers(slug: str) -> None:
    procedure = CATALOGUE.get(slug)
    runner = FlowRunner(procedure, today=TODAY)
    walk(runner, procedure.example)
    assert runner.at_review and runner.current is None
    assert runner.step == runner.total
    errors = runner.set_review(
        delivery=procedure.example.get("delivery"),
        delivery_address=procedure.example.get("delivery_address"),
        declaration=True,
    )
    assert errors == []
    expected = engine.validate_answers(procedure, procedure.example, today=TODAY)
    assert expected.ok
    assert runner.answers == expected.clean
    assert runner.validation().ok


def test_every_procedure_has_conditional_questions() -> None:
    for procedure in CATALOGUE.procedures:
        assert any(q.when for q in procedure.questions), procedure.slug


@pytest.mark.parametrize(("slug", "trigger_id", "value"), branches())
def test_conditional_questions_appear_only_when_they_apply(
    slug: str, trigger_id: str, value: Any
) -> None:
    procedure = CATALOGUE.get(slug)
    answers = dict(procedure.example)
    answers[trigger_id] = value
    runner = FlowRunner(procedure, today=TODAY)
    visited = walk(runner, answers)
    dependants = [q for q in procedure.questions if q.when and q.when.question == trigger_id]
    assert dependants
    for question in dependants:
        shown = value in question.when.values  # type: ignore[union-attr]
        assert (question.id in visited) is shown, question.id
        if not shown:
            assert question.id not in runner.answers, question.id
        elif question.required:
            assert question.id in runner.answers, question.id
    assert runner.total == len(visited)


@pytest.mark.parametrize("slug", [p.slug for p in CATALOGUE.procedures])
def test_going_back_retraces_the_path_and_keeps_answers(slug: str) -> None:
    procedure = CATALOGUE.get(slug)
    runner = FlowRunner(procedure, today=TODAY)
    visited = walk(runner, procedure.example)
    retraced: list[str] = []
    while runner.back():
        assert runner.current is not None
        retraced.append(runner.current.id)
    assert retraced == list(reversed(visited))
    assert runner.step == 1
    assert runner.back() is False
    # answers survive going back: walking forward again needs no new input
    kept = {q.id: runner.value(q.id) for q in procedure.questions if runner.value(q.id) is not None}
    assert walk(runner, kept) == visited


def test_back_from_the_first_question_stays_put() -> None:
    runner = FlowRunner(CATALOGUE.get("certified_copy"))
    first = runner.current
    assert runner.back() is False
    assert runner.current == first


def test_an_invalid_answer_does_not_advance_and_returns_the_message() -> None:
    procedure = CATALOGUE.get("temporary_residence")
    runner = FlowRunner(procedure, today=TODAY)
    assert runner.current is not None and runner.current.id == "full_name"
    error = runner.submit_current("Lê Văn 3")
    assert error is not None and "chữ số" in error("vi")
    assert runner.current.id == "full_name" and runner.step == 1
    assert runner.value("full_name") is None


def test_cccd_is_checked_against_earlier_birth_date_and_gender() -> None:
    procedure = CATALOGUE.get("judicial_record")
    runner = FlowRunner(procedure, today=TODAY)
    for raw in ("Trịnh Văn Nam", "08/11/2003", "male"):
        assert runner.submit_current(raw) is None
    assert runner.current is not None and runner.current.id == "cccd"
    assert runner.submit_current("022103004567") is not None  # 1 = born 1900s, female
    assert runner.submit_current("022203004567") is None


def test_edit_from_review_returns_straight_to_the_review() -> None:
    procedure = CATALOGUE.get("temporary_residence")
    runner = FlowRunner(procedure, today=TODAY)
    walk(runner, procedure.example)
    runner.edit("phone")
    assert runner.current is not None and runner.current.id == "phone" and runner.editing
    assert runner.submit_current("0911 222 333") is None
    assert runner.at_review and not runner.editing
    assert runner.answers["phone"] == "0911222333"


def test_edit_that_opens_a_branch_asks_the_new_questions_then_returns() -> None:
    procedure = CATALOGUE.get("temporary_residence")
    runner = FlowRunner(procedure, today=TODAY)
    walk(runner, procedure.example)
    assert "reason_other" not in runner.answers
    runner.edit("reason")
    assert runner.submit_current("other") is None
    assert runner.current is not None and runner.current.id == "reason_other"
    assert runner.submit_current("Chăm người ốm") is None
    assert runner.at_review
    assert runner.answers["reason_other"] == "Chăm người ốm"


def test_edit_that_closes_a_branch_drops_its_answers_from_the_result() -> None:
    procedure = CATALOGUE.get("temporary_residence")
    runner = FlowRunner(procedure, today=TODAY)
    walk(runner, procedure.example)
    total = runner.total
    assert "host_name" in runner.answers
    runner.edit("housing")
    assert runner.submit_current("owned") is None
    assert runner.at_review
    assert "host_name" not in runner.answers and "host_phone" not in runner.answers
    assert runner.total == total - 2
    # flipping back restores them without asking again
    runner.edit("housing")
    assert runner.submit_current("rented") is None
    assert runner.at_review and runner.answers["host_name"] == "Phạm Thị Hoa"


def test_back_from_an_edit_page_returns_to_the_review() -> None:
    procedure = CATALOGUE.get("certified_copy")
    runner = FlowRunner(procedure, today=TODAY)
    walk(runner, procedure.example)
    runner.edit("pages")
    assert runner.back() is True
    assert runner.at_review
    assert runner.back() is True  # from the review: the last question
    assert runner.current is not None and runner.current.id == procedure.questions[-1].id


def test_edit_refuses_a_question_that_does_not_apply() -> None:
    procedure = CATALOGUE.get("certified_copy")
    runner = FlowRunner(procedure, today=TODAY)
    walk(runner, procedure.example)
    with pytest.raises(KeyError):
        runner.edit("document_other")


def test_prefill_fills_questions_that_still_show() -> None:
    procedure = CATALOGUE.get("judicial_record")
    claims = {
        Prefill.FULL_NAME: "trịnh văn nam",
        Prefill.BIRTH_DATE: "2003-11-08",
        Prefill.GENDER: "male",
        Prefill.CCCD: "022203004567",
        Prefill.PHONE: "not a phone",  # invalid claims are ignored, not stored
    }
    runner = FlowRunner(procedure, prefill=claims, today=TODAY)
    assert runner.current is not None and runner.current.id == "full_name"
    assert runner.value("full_name") == "Trịnh Văn Nam"
    assert runner.value("cccd") == "022203004567"
    assert runner.value("phone") is None
    assert runner.submit_current(runner.value("full_name")) is None
    assert runner.current.id == "birth_date"  # still shown, already filled


def test_review_requires_delivery_address_for_post_and_the_declaration() -> None:
    procedure = CATALOGUE.get("judicial_record")
    runner = FlowRunner(procedure, today=TODAY)
    walk(runner, procedure.example)
    errors = runner.set_review(delivery="post", declaration=False)
    assert {e.field for e in errors} == {"delivery_address", "declaration"}
    address = {"province_code": "22", "ward_code": "06673", "street": "Tổ 5"}
    assert runner.set_review(delivery="post", delivery_address=address, declaration=True) == []
    assert runner.answers["delivery_address"]["ward_code"] == "06673"


def test_the_review_choices_are_made_one_at_a_time_and_kept_by_the_runner() -> None:
    procedure = CATALOGUE.get("judicial_record")
    runner = FlowRunner(procedure, today=TODAY)
    walk(runner, procedure.example)
    address = {"province_code": "22", "ward_code": "06673", "street": "Tổ 5"}
    runner.set_review(delivery="post")
    runner.set_review(delivery_address=address)
    errors = runner.set_review(declaration=True)
    assert errors == [] and runner.delivery == "post" and runner.declaration
    assert runner.answers["delivery_address"] == address
    # Back to the counter: the address is kept for the journey but not sent.
    assert runner.set_review(delivery="counter") == []
    assert "delivery_address" not in runner.answers and runner.delivery_address == address
    runner.set_review(delivery="post")
    assert runner.answers["delivery_address"] == address


def test_a_procedure_with_one_way_to_get_the_result_has_it_chosen() -> None:
    procedure = next(p for p in CATALOGUE.procedures if len(p.deliveries) == 1)
    runner = FlowRunner(procedure, today=TODAY)
    assert runner.delivery == procedure.deliveries[0].value
    assert runner.answers["delivery"] == procedure.deliveries[0].value


def test_clear_wipes_every_answer_and_restarts() -> None:
    procedure = CATALOGUE.get("birth_registration")
    runner = FlowRunner(procedure, prefill={Prefill.FULL_NAME: "Nguyễn Thị Lan"}, today=TODAY)
    walk(runner, procedure.example)
    runner.set_review(delivery="counter", declaration=True)
    runner.clear()
    assert runner.answers == {}
    assert runner.value("requester_name") is None  # prefill is dropped too
    assert runner.current == procedure.questions[0]
    assert runner.step == 1
    assert runner.back() is False


def test_login_answers_are_marked_and_locked_where_the_procedure_says() -> None:
    from dataclasses import replace

    procedure = CATALOGUE.get("birth_registration")
    locked = replace(procedure, questions=tuple(
        replace(q, prefill_editable=True) if q.prefill is Prefill.FULL_NAME else q
        for q in procedure.questions))
    claims = {Prefill.FULL_NAME: "Nguyễn Thị Lan", Prefill.CCCD: "001190012345"}
    runner = FlowRunner(locked, prefill=claims, today=TODAY)
    name_q = next(q for q in locked.questions if q.prefill is Prefill.FULL_NAME)
    cccd_q = next(q for q in locked.questions if q.prefill is Prefill.CCCD)
    assert runner.prefilled(name_q.id) and not runner.locked(name_q)
    assert runner.prefilled(cccd_q.id) and runner.locked(cccd_q)
    while runner.current is not None and runner.current.id != cccd_q.id:
        value = runner.value(runner.current.id)
        assert runner.submit_current(value if value is not None else
                                     locked.example.get(runner.current.id)) is None
    assert runner.submit_current("012345678901") is None  # a locked answer is not changed
    assert runner.value(cccd_q.id) == "001190012345" and runner.prefilled(cccd_q.id)
    runner.edit(name_q.id)
    assert runner.submit_current("Nguyễn Thị Lan Anh") is None  # an editable one is
    assert not runner.prefilled(name_q.id)


def test_how_the_result_comes_back_is_asked_on_pages_of_its_own() -> None:
    """One question per page: the way, then the postal address when it goes by post (from
    the login's address, editable); the check page keeps only the declaration."""
    procedure = CATALOGUE.get("judicial_record")
    address = {"province_code": "22", "ward_code": "06673", "street": "Tổ 5"}
    runner = FlowRunner(procedure, prefill={Prefill.ADDRESS: address}, today=TODAY)
    answers = {k: v for k, v in procedure.example.items() if k not in ("delivery",)}
    answers["delivery"] = "post"
    visited = walk(runner, {k: v for k, v in answers.items() if k != "delivery_address"}
                   | {"delivery_address": runner.value("delivery_address")})
    assert visited[-2:] == ["delivery", "delivery_address"]
    assert runner.prefilled("delivery_address") and not runner.locked(
        runner.question("delivery_address"))
    delivery = runner.question("delivery")
    assert [c.value for c in delivery.choices] == [d.value for d in procedure.deliveries]
    assert runner.answers["delivery"] == "post" and runner.answers["delivery_address"] == address
    assert [e.field for e in runner.validation().errors] == ["declaration"]
    runner.edit("delivery")  # "Sửa" on the check page
    assert runner.submit_current("counter") is None
    assert runner.at_review and "delivery_address" not in runner.answers


def test_a_procedure_with_one_way_asks_no_delivery_question() -> None:
    procedure = next(p for p in CATALOGUE.procedures if len(p.deliveries) == 1)
    assert "delivery" not in {q.id for q in FlowRunner(procedure).questions}
