"""Procedure definitions: the shipped ones load; broken ones are named precisely."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from forms import engine, loader
from forms.model import IdentityLevel, QuestionType, ReceivingLevel
from kiosk.core.errors import BadInput

SHIPPED = loader.DEFAULT_FOLDER


def test_the_catalogue_holds_the_six_procedures_popular_first() -> None:
    catalogue = loader.load_catalogue()
    codes = {p.code for p in catalogue.procedures}
    assert {"1.001193", "1.000656", "1.004194", "1.004873", "2.000815", "2.000488"} <= codes
    ranks = [p.popular for p in catalogue.procedures if p.popular]
    assert ranks == sorted(ranks)
    assert catalogue.procedures[0].slug == "birth_registration"


def test_get_by_code_or_slug_and_unknown_lists_the_known_codes() -> None:
    catalogue = loader.load_catalogue()
    assert catalogue.get("1.001193") is catalogue.get("birth_registration")
    with pytest.raises(loader.UnknownProcedure) as caught:
        catalogue.get("9.999999")
    assert isinstance(caught.value, BadInput)
    assert "9.999999" in str(caught.value) and "1.001193" in str(caught.value)


def test_every_question_type_appears_across_the_procedures() -> None:
    used = {q.type for p in loader.load_catalogue().procedures for q in p.questions}
    assert used == set(QuestionType)


def test_every_example_validates_and_uses_only_fictional_shapes() -> None:
    for procedure in loader.load_catalogue().procedures:
        result = engine.validate_answers(procedure, procedure.example)
        assert result.ok, (procedure.slug, result.errors)
        assert result.clean["declaration"] is True


def test_definitions_hold_what_the_before_you_start_page_needs() -> None:
    for procedure in loader.load_catalogue().procedures:
        assert procedure.name.vi and procedure.name.en and procedure.summary.vi
        assert procedure.fee_note.vi and procedure.fee_note.en
        assert procedure.papers and procedure.deliveries
        assert procedure.source is not None and procedure.source.suffix == ".toml"
    catalogue = loader.load_catalogue()
    assert catalogue.get("judicial_record").level is ReceivingLevel.PROVINCE
    assert catalogue.get("certified_copy").identity is IdentityLevel.NONE
    assert catalogue.get("temporary_residence").processing_days == 3


# --- broken definitions ---------------------------------------------------------


def shipped_text(slug: str = "certified_copy") -> str:
    return (SHIPPED / f"{slug}.toml").read_text(encoding="utf-8")


def write(tmp_path: Path, text: str, name: str = "broken.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    procedure, problems = loader.check_file(path)
    assert procedure is None
    assert problems
    return [str(p) for p in problems]


@pytest.mark.parametrize(
    ("old", "new", "field", "words"),
    [
        ('type = "number"', 'type = "nummber"', "questions[4].type", 'unknown type "nummber"'),
        ('id = "pages"', 'id = "full_name"', "questions[4].id", "earlier question"),
        ('id = "pages"', 'id = "delivery"', "questions[4].id", "reserved"),
        ('level = "commune"', 'level = "district"', "level", 'unknown level "district"'),
        ('deliveries = ["counter"]', 'deliveries = ["fax"]', "deliveries[0]", 'unknown delivery "fax"'),
        ('deliveries = ["counter"]', "deliveries = []", "deliveries", "non-empty"),
        ('identity = "none"', 'identity = "level3"', "identity", "unknown identity level"),
        ("fee_vnd = 2000", 'fee_vnd = "2000"', "fee_vnd", "whole number"),
        ("fee_vnd = 2000", "fee_vnd = -1", "fee_vnd", "0 or more"),
        ('code = "2.000815"', 'code = "2000815"', "code", "national procedure code"),
        ('values = ["other"]', 'values = ["others"]', "questions[3].when.values[0]", '"others"'),
        (
            'when = { question = "document_kind"',
            'when = { question = "pages"',
            "questions[3].when.question",
            "not an earlier question",
        ),
        ('prefill = "phone"', 'prefill = "email"', "questions[1].prefill", "unknown prefill"),
        ('prefill = "phone"\nprefill_editable = true', "prefill_editable = true",
         "questions[1].prefill_editable", "only a question with prefill"),
        ("prefill_editable = true", 'prefill_editable = "yes"', "questions[1].prefill_editable",
         "true or false"),
        ("minimum = 1\nmaximum = 200", "minimum = 10\nmaximum = 2", "questions[4].maximum", "below"),
    ],
)
def test_a_broken_field_is_named_with_the_file(
    tmp_path: Path, old: str, new: str, field: str, words: str
) -> None:
    text = shipped_text()
    assert old in text
    path = write(tmp_path, text.replace(old, new, 1))
    problems = problems_of(path)
    expected_start = f"{path}: {field}: "
    assert any(p.startswith(expected_start) and words in p for p in problems), problems


def test_unknown_and_missing_keys(tmp_path: Path) -> None:
    text = shipped_text().replace('icon = "copy"', 'icon = "copy"\ncolour = "red"')
    text = text.replace('category = "chung_thuc"\n', "")
    problems = problems_of(write(tmp_path, text))
    assert any(": colour: unknown key" in p for p in problems)
    assert any(": category: missing (required)" in p for p in problems)


def test_unknown_key_inside_a_question(tmp_path: Path) -> None:
    text = shipped_text().replace('id = "pages"', 'id = "pages"\nmax = 3')
    assert any(": questions[4].max: unknown key" in p for p in problems_of(write(tmp_path, text)))


def test_choice_question_without_choices(tmp_path: Path) -> None:
    data = shipped_text()
    start = data.index("choices = [")
    end = data.index("]\n", data.index("Giấy tờ khác")) + 2
    problems = problems_of(write(tmp_path, data[:start] + data[end:]))
    assert any("questions[2].choices: a choice question needs" in p for p in problems)


def test_choices_on_a_question_that_is_not_a_choice(tmp_path: Path) -> None:
    text = shipped_text().replace(
        'id = "pages"', 'id = "pages"\nchoices = [{ value = "a", label = { vi = "A", en = "A" } }]'
    )
    assert any("questions[4].choices: only choice" in p for p in problems_of(write(tmp_path, text)))


def test_example_that_does_not_validate_names_the_answer(tmp_path: Path) -> None:
    text = shipped_text().replace('phone = "0865123456"', 'phone = "12345"')
    problems = problems_of(write(tmp_path, text))
    assert any(": example.phone: " in p and "10 digits" in p for p in problems), problems


def test_example_with_an_unknown_answer_and_no_declaration(tmp_path: Path) -> None:
    text = shipped_text().replace("declaration = true", "shoe_size = 42")
    problems = problems_of(write(tmp_path, text))
    assert any(": example.shoe_size: " in p for p in problems)
    assert any(": example.declaration: " in p for p in problems)


def test_missing_example(tmp_path: Path) -> None:
    text = shipped_text()
    text = text[: text.index("[example]")]
    assert any(": example: missing" in p for p in problems_of(write(tmp_path, text)))


def test_malformed_toml_and_non_utf8(tmp_path: Path) -> None:
    bad = write(tmp_path, 'code = "1.001193\n', "bad.toml")
    assert "not valid TOML" in problems_of(bad)[0]
    latin = tmp_path / "latin.toml"
    latin.write_bytes('name = "Đăng ký"'.encode("utf-16"))
    assert "not UTF-8" in problems_of(latin)[0]


def test_bilingual_must_be_a_table(tmp_path: Path) -> None:
    text = shipped_text().replace(
        'name = { vi = "Chứng thực bản sao từ bản chính", en = "Certified copy from an original" }',
        'name = "Chứng thực"',
    )
    assert any(": name: must be a table" in p for p in problems_of(write(tmp_path, text)))


def test_load_procedure_raises_definition_error_with_every_problem(tmp_path: Path) -> None:
    text = shipped_text().replace('level = "commune"', 'level = "x"').replace(
        'identity = "none"', 'identity = "y"'
    )
    with pytest.raises(loader.DefinitionError) as caught:
        loader.load_procedure(write(tmp_path, text))
    assert isinstance(caught.value, BadInput)
    assert len(caught.value.problems) == 2
    assert "level" in str(caught.value) and "identity" in str(caught.value)


def test_folder_with_a_duplicate_code(tmp_path: Path) -> None:
    write(tmp_path, shipped_text(), "a.toml")
    write(tmp_path, shipped_text(), "b.toml")
    procedures, problems = loader.check_folder(tmp_path)
    assert len(procedures) == 1
    assert len(problems) == 1 and "b.toml: code: " in str(problems[0])
    with pytest.raises(loader.DefinitionError):
        loader.load_catalogue(tmp_path)


def test_empty_folder_is_a_problem(tmp_path: Path) -> None:
    with pytest.raises(loader.DefinitionError, match="no procedure definitions"):
        loader.load_catalogue(tmp_path)


def test_shipped_files_are_plain_toml_with_a_header_comment() -> None:
    for path in loader.definition_files(SHIPPED):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# "), path.name
        tomllib.loads(text)


def test_a_fee_per_answer_must_name_a_number_question(tmp_path: Path) -> None:
    text = shipped_text().replace('processing_days = ', 'fee_per_answer = [{ question = "pages_x", vnd = 100 }]\nprocessing_days = ', 1)
    problems = problems_of(write(tmp_path, text))
    assert any("fee_per_answer[0].question" in p and "not a number question" in p for p in problems)
