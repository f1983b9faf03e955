"""Field validators: real cases, and properties over any string (hypothesis)."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forms import validators as v

# --- CCCD ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    ["001195012345", "001 195 012 345", "001.195.012.345", "001-195-012345", " 001195012345 "],
)
def test_cccd_tolerates_spaces_dots_dashes(raw: str) -> None:
    assert v.cccd(raw).value == "001195012345"


@pytest.mark.parametrize("raw", ["", "00119501234", "0011950123456", "00119501234a", "００１"])
def test_cccd_needs_twelve_ascii_digits(raw: str) -> None:
    checked = v.cccd(raw)
    assert checked.value is None
    assert checked.error is v.CCCD_DIGITS
    assert "12 chữ số" in checked.error("vi")


def test_cccd_first_three_digits_are_one_of_the_63_old_provinces() -> None:
    assert len(v.OLD_PROVINCE_CODES) == 63
    assert v.cccd("003195012345").error is not None  # 003 was never a province code
    assert v.cccd("096195012345").ok  # Cà Mau (old code) is fine
    assert "003" in v.cccd("003195012345").error("en")  # type: ignore[misc]


@pytest.mark.parametrize(
    ("number", "born", "gender", "ok"),
    [
        ("001058012345", date(1958, 5, 1), "male", True),  # 0: 1900s, male
        ("001158012345", date(1958, 5, 1), "female", True),  # 1: 1900s, female
        ("001205012345", date(2005, 1, 1), "male", True),  # 2: 2000s, male
        ("001305012345", date(2005, 1, 1), "female", True),  # 3: 2000s, female
        ("001058012345", date(1958, 5, 1), "female", False),  # gender mismatch
        ("001258012345", date(1958, 5, 1), "male", False),  # century mismatch
        ("001059012345", date(1958, 5, 1), "male", False),  # year digits mismatch
        ("001058012345", None, "female", False),  # gender alone is still checked
        ("001058012345", date(1958, 5, 1), None, True),  # birth alone, matching
        ("001058012345", None, None, True),  # nothing known: shape only
    ],
)
def test_cccd_century_gender_and_year_digits(
    number: str, born: date | None, gender: str | None, ok: bool
) -> None:
    assert v.cccd(number, birth_date=born, gender=gender).ok is ok


def test_cccd_mismatch_message_names_the_birth_year() -> None:
    error = v.cccd("001258012345", birth_date=date(1958, 5, 1)).error
    assert error is not None
    assert "1958" in error("vi") and "1958" in error("en")


# --- phone ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("0912345678", "0912345678"),
        ("0912 345 678", "0912345678"),
        ("0912.345.678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("84912345678", "0912345678"),
        ("(+84) 38-765-4321", "0387654321"),
        ("0586123456", "0586123456"),
        ("0703456789", "0703456789"),
        ("0812345678", "0812345678"),
    ],
)
def test_phone_accepts_and_normalises(raw: str, canonical: str) -> None:
    assert v.phone(raw).value == canonical


@pytest.mark.parametrize("raw", ["091234567", "09123456789", "abc", "0912-345-67x", "+1 212 555 0100"])
def test_phone_rejects_wrong_length_or_letters(raw: str) -> None:
    assert v.phone(raw).error is v.PHONE_DIGITS


@pytest.mark.parametrize("raw", ["0212345678", "0412345678", "0612345678", "0112345678"])
def test_phone_rejects_landline_and_old_prefixes(raw: str) -> None:
    error = v.phone(raw).error
    assert error is not None and raw[:2] in error("vi")


# --- dates ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw", ["05/09/1958", "5/9/1958", "05-09-1958", "05.09.1958", "1958-09-05", " 05 / 09 / 1958 "]
)
def test_date_formats(raw: str) -> None:
    assert v.iso_date(raw).value == "1958-09-05"


def test_date_rejects_impossible_days_with_the_date_in_the_message() -> None:
    error = v.iso_date("31/02/2000").error
    assert error is not None and "31/02/2000" in error("vi")
    assert v.iso_date("29/02/2023").error is not None
    assert v.iso_date("29/02/2024").value == "2024-02-29"


@pytest.mark.parametrize("raw", ["1958", "hôm qua", "05/13", "2000/01/01", "05/09/19588"])
def test_date_explains_the_expected_form(raw: str) -> None:
    assert v.iso_date(raw).error is v.DATE_FORMAT


@pytest.mark.parametrize("raw", ["12//", "//1958", "05//1958", "/ /"])
def test_date_with_an_empty_box_asks_for_all_three_parts(raw: str) -> None:
    assert v.iso_date(raw).error is v.DATE_INCOMPLETE


def test_date_with_a_two_digit_year_asks_for_four_digits() -> None:
    assert v.iso_date("05/09/58").error is v.DATE_YEAR_DIGITS


def test_past_only_refuses_the_future_but_accepts_today() -> None:
    today = date(2026, 1, 10)
    assert v.iso_date("11/01/2026", past_only=True, today=today).error is v.DATE_FUTURE
    assert v.iso_date("10/01/2026", past_only=True, today=today).value == "2026-01-10"
    assert v.iso_date("11/01/2026", today=today).value == "2026-01-11"


def test_dates_before_1900_are_refused() -> None:
    assert v.iso_date("01/01/1899").error is v.DATE_TOO_OLD


# --- names ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("nguyễn thị lan", "Nguyễn Thị Lan"),
        ("  NGUYỄN   THỊ   LAN ", "Nguyễn Thị Lan"),
        ("đỗ quang minh", "Đỗ Quang Minh"),
        ("H'hen niê", "H'hen Niê"),
        # decomposed input (as some keyboards send it) comes out NFC
        (unicodedata.normalize("NFD", "Trần Văn Hùng"), "Trần Văn Hùng"),
    ],
)
def test_name_canonical_form(raw: str, canonical: str) -> None:
    value = v.person_name(raw).value
    assert value == canonical
    assert unicodedata.is_normalized("NFC", value)


def test_name_rejects_digits_and_symbols_with_distinct_messages() -> None:
    assert v.person_name("Nguyễn Văn 2").error is v.NAME_DIGITS
    assert v.person_name("Nguyễn @ Lan").error is v.NAME_LETTERS
    assert v.person_name("李小龍").error is v.NAME_LETTERS
    assert v.person_name("   ").error is v.REQUIRED


def test_name_length_limit() -> None:
    assert v.person_name("An " * 40).error is not None


# --- numbers and text ------------------------------------------------------------


def test_number_range_and_forms() -> None:
    assert v.number("3", minimum=1, maximum=5).value == 3
    assert v.number(" 1 2 ").value == 12
    assert v.number(4).value == 4
    assert v.number(True).error is v.WRONG_TYPE
    assert v.number("2.5").error is v.NUMBER_FORMAT
    assert v.number("²").error is v.NUMBER_FORMAT
    error = v.number("9", minimum=1, maximum=5).error
    assert error is not None and "1" in error("vi") and "5" in error("vi")


def test_text_trims_normalises_and_limits() -> None:
    assert v.text("  Trạm Y tế xã  ").value == "Trạm Y tế xã"
    assert v.text("x" * 11, max_length=10).error is not None
    assert v.text("a\x00b").error is v.TEXT_CONTROL


def test_filled_messages_name_the_wrong_part_in_both_languages() -> None:
    error = v.phone("0212345678").error
    assert error is not None
    assert "02" in error("vi") and "02" in error("en")
    assert "{" not in error("vi") + error("en")


# --- properties ----------------------------------------------------------------

ANY_TEXT = st.text(max_size=40)
DIGITISH = st.text(alphabet="0123456789 .-+()", max_size=20)
VIETNAMESE = st.text(
    alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợ"
    "úùủũụứừửữựýỳỷỹỵAĂÂĐÊÔƠƯ 'x\u0301\u0323",
    max_size=40,
)


@settings(max_examples=300)
@given(st.one_of(ANY_TEXT, DIGITISH, VIETNAMESE, st.none(), st.integers(), st.booleans()))
def test_no_input_crashes_any_validator(raw: object) -> None:
    results = [
        v.cccd(raw, birth_date=date(1990, 1, 1), gender="female"),
        v.cccd(raw),
        v.phone(raw),
        v.iso_date(raw, past_only=True),
        v.person_name(raw),
        v.number(raw, minimum=0, maximum=10),
        v.text(raw, max_length=20),
    ]
    for checked in results:
        assert (checked.value is None) != (checked.error is None)


@given(st.one_of(ANY_TEXT, DIGITISH))
def test_canonical_cccd_and_phone_revalidate_to_themselves(raw: str) -> None:
    for check in (v.cccd, v.phone):
        first = check(raw).value
        if first is not None:
            assert check(first).value == first


@given(st.one_of(ANY_TEXT, VIETNAMESE))
def test_names_come_out_nfc_and_stable(raw: str) -> None:
    value = v.person_name(raw).value
    if value is not None:
        assert unicodedata.is_normalized("NFC", value)
        assert v.person_name(value).value == value


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_every_real_date_round_trips_through_its_typed_form(day: date) -> None:
    typed = day.strftime("%d/%m/%Y")
    assert v.iso_date(typed).value == day.isoformat()
    assert v.iso_date(day.isoformat()).value == day.isoformat()


@given(ANY_TEXT)
def test_canonical_text_revalidates_to_itself(raw: str) -> None:
    value = v.text(raw, max_length=40).value
    if value is not None:
        assert v.text(value, max_length=40).value == value
