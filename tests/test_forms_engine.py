"""Whole answer sets, reserved keys and answers in plain words."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forms import engine, loader
from forms.model import Question, QuestionType

CATALOGUE = loader.load_catalogue()
TODAY = date(2026, 11, 22)


def example(slug: str, **changes: Any) -> dict[str, Any]:
    answers = dict(CATALOGUE.get(slug).example)
    for key, value in changes.items():
        if value is None:
            answers.pop(key, None)
        else:
            answers[key] = value
    return answers


def fields(result: engine.Validation) -> set[str]:
    return {e.field for e in result.errors}


def test_clean_values_are_canonical() -> None:
    procedure = CATALOGUE.get("temporary_residence")
    answers = example(
        "temporary_residence",
        full_name="  lê   văn bình ",
        birth_date="20/3/1962",
        cccd="038 062 004 512",
        phone="+84 987 654 321",
        months="12",
        permanent_address={"province_code": "38", "ward_code": "15766", "street": " Thôn Đông "},
    )
    clean = engine.validate_answers(procedure, answers, today=TODAY).clean
    assert clean["full_name"] == "Lê Văn Bình"
    assert clean["birth_date"] == "1962-03-20"
    assert clean["cccd"] == "038062004512"
    assert clean["phone"] == "0987654321"
    assert clean["months"] == 12
    assert clean["permanent_address"] == {
        "province_code": "38",
        "ward_code": "15766",
        "street": "Thôn Đông",
    }


def test_canonical_answers_revalidate_to_themselves() -> None:
    for procedure in CATALOGUE.procedures:
        first = engine.validate_answers(procedure, procedure.example, today=TODAY)
        again = engine.validate_answers(procedure, first.clean, today=TODAY)
        assert again.ok and again.clean == first.clean, procedure.slug


def test_every_error_is_named_by_field_in_both_languages() -> None:
    procedure = CATALOGUE.get("judicial_record")
    answers = example(
        "judicial_record", full_name="Nam 2", phone="123", copies="0", certificate_kind="form3"
    )
    result = engine.validate_answers(procedure, answers, today=TODAY)
    assert not result.ok
    assert fields(result) == {"full_name", "phone", "copies", "certificate_kind"}
    for error in result.errors:
        assert error.message("vi") and error.message("en")
        assert error.message("vi") != error.message("en")


def test_missing_required_answers_and_unknown_keys() -> None:
    procedure = CATALOGUE.get("certified_copy")
    result = engine.validate_answers(procedure, example("certified_copy", pages=None, colour="red"))
    assert fields(result) == {"pages", "colour"}


def test_answers_to_questions_that_do_not_apply_are_dropped() -> None:
    procedure = CATALOGUE.get("certified_copy")
    answers = example("certified_copy", document_other="Sổ hộ khẩu")  # kind is "diploma"
    result = engine.validate_answers(procedure, answers)
    assert result.ok
    assert "document_other" not in result.clean


def test_conditional_required_question_is_required_when_it_applies() -> None:
    procedure = CATALOGUE.get("certified_copy")
    result = engine.validate_answers(procedure, example("certified_copy", document_kind="other"))
    assert fields(result) == {"document_other"}


def test_wrong_types_get_a_message_not_an_exception() -> None:
    procedure = CATALOGUE.get("birth_registration")
    answers = example(
        "birth_registration",
        requester_name=42,
        child_birth_date=["2025"],
        extra_copies="many",
        father_known="perhaps",
        residence="Hà Nội",
        papers="all",
    )
    result = engine.validate_answers(procedure, answers, today=TODAY)
    assert fields(result) == {
        "requester_name",
        "child_birth_date",
        "extra_copies",
        "father_known",
        "residence",
        "papers",
    }
    assert fields(engine.validate_answers(procedure, ["not", "a", "mapping"])) == {"answers"}  # type: ignore[arg-type]


def test_required_papers_must_be_declared_and_the_message_lists_them() -> None:
    procedure = CATALOGUE.get("death_registration")
    result = engine.validate_answers(procedure, example("death_registration", papers=["requester_id"]))
    assert fields(result) == {"papers"}
    message = result.errors[0].message
    assert "Giấy báo tử" in message("vi") and "Death notice" in message("en")
    unknown = engine.validate_answers(procedure, example("death_registration", papers=["passport"]))
    assert fields(unknown) == {"papers"}


def test_papers_are_stored_in_the_procedure_order_without_repeats() -> None:
    procedure = CATALOGUE.get("birth_registration")
    question = procedure.question("papers")
    value, error = engine.validate_answer(
        question, ["requester_id", "birth_certificate", "requester_id"], {}
    )
    assert error is None and value == ["birth_certificate", "requester_id"]


# --- reserved keys -----------------------------------------------------------------


def test_delivery_must_be_one_the_procedure_offers() -> None:
    procedure = CATALOGUE.get("certified_copy")  # counter only
    assert "delivery" in fields(engine.validate_answers(procedure, example("certified_copy", delivery="post")))
    # a single way of delivery is taken when none is given
    result = engine.validate_answers(procedure, example("certified_copy", delivery=None))
    assert result.ok and result.clean["delivery"] == "counter"
    several = CATALOGUE.get("judicial_record")
    assert "delivery" in fields(engine.validate_answers(several, example("judicial_record", delivery=None)))


def test_post_needs_an_address_and_other_deliveries_drop_it() -> None:
    procedure = CATALOGUE.get("marital_status")
    no_address = engine.validate_answers(procedure, example("marital_status", delivery_address=None))
    assert fields(no_address) == {"delivery_address"}
    counter = engine.validate_answers(procedure, example("marital_status", delivery="counter"))
    assert counter.ok and "delivery_address" not in counter.clean


def test_declaration_must_be_true() -> None:
    procedure = CATALOGUE.get("marital_status")
    for value in (False, None, "maybe"):
        result = engine.validate_answers(procedure, example("marital_status", declaration=value))
        assert fields(result) == {"declaration"}


# --- addresses -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "ok"),
    [
        ({"province_code": "1", "ward_code": "70", "street": "Số 1"}, True),  # codes padded
        ({"province_code": "01", "ward_code": "15766", "street": "Số 1"}, False),  # ward in Thanh Hóa
        ({"province_code": "99", "ward_code": "00070", "street": "Số 1"}, False),
        ({"province_code": "01", "ward_code": "00070", "street": "  "}, False),
        ({"province_code": "01"}, False),
    ],
)
def test_address_answers(raw: dict[str, str], ok: bool) -> None:
    checked = engine.check_address(raw)
    assert checked.ok is ok
    if ok:
        assert checked.value == {"province_code": "01", "ward_code": "00070", "street": "Số 1"}


# --- plain words ------------------------------------------------------------------


def test_display_values_in_both_languages() -> None:
    procedure = CATALOGUE.get("birth_registration")
    clean = engine.validate_answers(procedure, procedure.example).clean

    def shown(question_id: str, lang: str = "vi") -> str:
        return engine.display_value(procedure.question(question_id), clean.get(question_id), lang)

    assert shown("child_birth_date") == "05/09/2025"
    assert shown("child_gender") == "Bé trai" and shown("child_gender", "en") == "Boy"
    assert shown("father_known") == "Có" and shown("father_known", "en") == "Yes"
    assert shown("requester_phone") == "0912 345 678"
    assert shown("residence") == "Số 12 phố Hàng Bạc, Phường Hoàn Kiếm, Thành phố Hà Nội"
    assert shown("father_cccd") == "Không cung cấp"
    assert shown("father_cccd", "en") == "Not provided"
    assert shown("extra_copies") == "1"
    assert "Giấy chứng sinh" in shown("papers")
    assert engine.display_delivery("post", "vi") == "Gửi qua bưu điện về địa chỉ"
    assert engine.display_delivery("nonsense", "en") == "Not provided"


def test_yes_no_false_is_shown_not_treated_as_empty() -> None:
    question = CATALOGUE.get("judicial_record").question("has_other_name")
    assert engine.display_value(question, False, "vi") == "Không"


QUESTIONS: list[Question] = [q for p in CATALOGUE.procedures for q in p.questions]
RAW = st.one_of(
    st.text(max_size=30),
    st.none(),
    st.booleans(),
    st.integers(),
    st.lists(st.text(max_size=10), max_size=3),
    st.dictionaries(st.sampled_from(["province_code", "ward_code", "street"]), st.text(max_size=8)),
)


@settings(max_examples=300)
@given(st.sampled_from(QUESTIONS), RAW)
def test_no_raw_answer_crashes_validate_answer(question: Question, raw: Any) -> None:
    value, error = engine.validate_answer(question, raw, {}, today=TODAY)
    if error is None and value is not None:
        again, error2 = engine.validate_answer(question, value, {}, today=TODAY)
        assert error2 is None and again == value
        assert isinstance(engine.display_value(question, value, "vi"), str)
    if question.type is not QuestionType.PAPERS and error is None and value is None:
        assert not question.required


def test_an_unanswered_choice_asks_to_choose_not_to_fill_in() -> None:
    from forms import validators

    for procedure in CATALOGUE.procedures:
        for question in procedure.questions:
            if not question.required or question.type is QuestionType.PAPERS:
                continue
            _, error = engine.validate_answer(question, None)
            choosing = question.type in (QuestionType.CHOICE, QuestionType.YES_NO)
            assert error is (validators.CHOOSE_ONE if choosing else validators.REQUIRED), question.id


def test_extra_copies_are_charged() -> None:
    procedure = CATALOGUE.get("birth_registration")
    answers = dict(procedure.example)
    answers["extra_copies"] = 2
    assert engine.fee_of(procedure, answers) == procedure.fee_vnd + 2 * 8000
    answers["extra_copies"] = 0
    assert engine.fee_of(procedure, answers) == procedure.fee_vnd
    assert engine.vnd(16000) == "16.000"
