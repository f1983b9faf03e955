"""The CCCD card's QR code as a USB scanner types it: both layouts, every refusal, properties.

Test numbers follow ``forms.validators.cccd``: three digits of a (pre-2025)
province code, a century-and-gender digit (0/1: 1900s male/female, 2/3: 2000s),
the birth year's last two digits, then six digits.
"""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forms import address, validators
from kiosk.identity.cccd_card import (
    CARD_INCONSISTENT,
    CARD_UNREADABLE,
    CardScan,
    CardUnreadable,
    looks_like_card,
    read_card,
)
from kiosk.identity.person import Source

TODAY = date(2025, 10, 1)
HANOI = next(p for p in address.provinces() if p.name == "Thành phố Hà Nội")
BA_DINH = next(w for w in address.wards(HANOI.code) if w.name == "Phường Ba Đình")
ADDRESS = "Số 12, ngõ 34 phố Đội Cấn, Phường Ba Đình, Thành phố Hà Nội"

LAN = {  # a woman born in 1990, registered in Hà Nội (001)
    "number": "001190012345",
    "old": "012345678",
    "name": "Nguyễn Thị Lan",
    "born": "05091990",
    "gender": "Nữ",
    "address": ADDRESS,
    "issued": "10052021",
}
FIELDS = list(LAN)


def _scan(old_field: bool = True, **changes: str) -> str:
    """A scan of Lan's card with some fields changed; without the old-number field."""
    fields = {**LAN, **changes}
    if not old_field:
        del fields["old"]
    return "|".join(fields.values())


def _refusal(text: str) -> CardUnreadable:
    with pytest.raises(CardUnreadable) as caught:
        read_card(text, today=TODAY)
    return caught.value


# --- reading -------------------------------------------------------------------


def test_seven_fields_with_the_old_number() -> None:
    card = read_card(_scan(), today=TODAY)
    assert card.id_number == "001190012345" and card.old_id == "012345678"
    assert card.full_name == "Nguyễn Thị Lan"
    assert card.birth_date == date(1990, 9, 5) and card.issued == date(2021, 5, 10)
    assert card.gender == "female" and card.address == ADDRESS


def test_six_fields_without_the_old_number() -> None:
    card = read_card(_scan(old_field=False), today=TODAY)
    assert card.old_id == "" and card.id_number == "001190012345"
    assert card.full_name == "Nguyễn Thị Lan" and card.address == ADDRESS


def test_an_empty_old_number() -> None:
    assert read_card(_scan(old=""), today=TODAY).old_id == ""


@pytest.mark.parametrize("ending", ["\r\n", "\n", "\r", "  \t"])
def test_a_trailing_enter_and_surrounding_whitespace(ending: str) -> None:
    assert read_card("  " + _scan() + ending, today=TODAY) == read_card(_scan(), today=TODAY)


def test_nfd_text_reads_as_nfc() -> None:
    card = read_card(unicodedata.normalize("NFD", _scan()), today=TODAY)
    assert card == read_card(_scan(), today=TODAY)
    assert unicodedata.is_normalized("NFC", card.full_name)
    assert unicodedata.is_normalized("NFC", card.address)


def test_the_name_is_canonical_and_the_address_trimmed() -> None:
    card = read_card(_scan(name="  nguyễn   THỊ lan ", address=f"  {ADDRESS}  "), today=TODAY)
    assert card.full_name == "Nguyễn Thị Lan" and card.address == ADDRESS


@pytest.mark.parametrize("spelling", ["Nữ", "nữ", "NỮ", unicodedata.normalize("NFD", "NỮ")])
def test_female_in_any_case_and_form(spelling: str) -> None:
    assert read_card(_scan(gender=spelling), today=TODAY).gender == "female"


@pytest.mark.parametrize("spelling", ["Nam", "nam", "NAM"])
def test_male_in_any_case(spelling: str) -> None:
    card = read_card(
        _scan(number="038058001234", name="Lê Văn Hùng", born="01011958", gender=spelling),
        today=TODAY,
    )
    assert card.gender == "male" and card.birth_date == date(1958, 1, 1)


def test_a_woman_born_in_the_2000s() -> None:
    card = read_card(_scan(number="079304123456", born="29022004", issued="01032021"),
                     today=TODAY)  # fmt: skip
    assert card.birth_date == date(2004, 2, 29)


def test_identity_fills_the_fields_and_places_the_address() -> None:
    person = read_card(_scan(), today=TODAY).identity()
    assert person.source is Source.CARD and person.level is None
    assert person.id_number == "001190012345" and person.full_name == "Nguyễn Thị Lan"
    assert person.birth_date == date(1990, 9, 5) and person.gender == "female"
    assert person.address == {
        "province_code": HANOI.code,
        "ward_code": BA_DINH.code,
        "street": "Số 12, ngõ 34 phố Đội Cấn",
    }
    assert person.first_name == "Lan"


def test_an_old_address_that_cannot_be_placed_leaves_the_address_empty() -> None:
    old = "Số 1, Phường Phúc Xá, Quận Ba Đình, Hà Nội"
    person = read_card(_scan(address=old), today=TODAY).identity()
    assert person.address is None and person.full_name == "Nguyễn Thị Lan"


def test_repr_hides_the_content() -> None:
    card = read_card(_scan(), today=TODAY)
    assert all(value not in repr(card) for value in ("001190012345", "Lan", "Ba Đình"))


# --- looks like a card ----------------------------------------------------------


@pytest.mark.parametrize("text", [_scan(), _scan(old_field=False), _scan() + "\r\n", "  " + _scan()])
def test_scans_look_like_cards(text: str) -> None:
    assert looks_like_card(text)


@pytest.mark.parametrize(
    "text",
    ["", "001190012345", "Nguyễn Thị Lan", "001190012345|a|b|c", "00119001234|a|b|c|d|e|f",
     "x001190012345|a|b|c|d|e|f", "0011900123456|a|b|c|d|e"],
)  # fmt: skip
def test_typing_does_not_look_like_a_card(text: str) -> None:
    assert not looks_like_card(text)


# --- refusals --------------------------------------------------------------------

REFUSALS = {
    "too few fields": ("fields", "|".join(list(LAN.values())[:5])),
    "too many fields": ("fields", _scan() + "|01012030"),
    "cut short": ("fields", _scan()[:40]),
    "a number of 11 digits": ("number", _scan(number="00119001234")),
    "a number with letters": ("number", _scan(number="00119001234X")),
    "a number of another script": ("number", _scan(number="٠٠١١٩٠٠١٢٣٤٥")),
    "no province 003": ("number", _scan(number="003190012345")),
    "the wrong century": ("consistency", _scan(number="001390012345")),
    "the wrong year": ("consistency", _scan(number="001191012345")),
    "the wrong gender": ("consistency", _scan(number="001090012345")),
    "an old number of 8 digits": ("old_id", _scan(old="01234567")),
    "an old number of 12 digits": ("old_id", _scan(old="012345678901")),
    "an empty name": ("name", _scan(name="  ")),
    "a name with digits": ("name", _scan(name="Nguyễn Thị 1an")),
    "a name with symbols": ("name", _scan(name="Nguyễn <Thị> Lan")),
    "a one-word name": ("name", _scan(name="Lan")),
    "31 February": ("birth_date", _scan(born="31021990")),
    "month 13": ("birth_date", _scan(born="01131990")),
    "a short birth date": ("birth_date", _scan(born="5091990")),
    "a slashed birth date": ("birth_date", _scan(born="05/09/1990")),
    "born before 1900": ("birth_date", _scan(number="001199012345", born="31121899")),
    "born after today": ("birth_date", _scan(number="001325012345", born="02102025")),
    "an impossible issue date": ("issued", _scan(issued="30022021")),
    "issued before birth": ("issued", _scan(issued="04091990")),
    "issued after today": ("issued", _scan(issued="02102025")),
    "no gender": ("gender", _scan(gender="")),
    "another gender word": ("gender", _scan(gender="Khác")),
    "gender in English": ("gender", _scan(gender="female")),
    "no address": ("address", _scan(address=" ")),
    "an address with a control character": ("address", _scan(address="Số 1\x07, Hà Nội")),
}


@pytest.mark.parametrize("case", list(REFUSALS))
def test_each_refusal_names_its_reason(case: str) -> None:
    reason, text = REFUSALS[case]
    assert _refusal(text).reason == reason


@pytest.mark.parametrize("case", list(REFUSALS))
def test_a_refusal_tells_the_resident_and_holds_none_of_the_scan(case: str) -> None:
    _, text = REFUSALS[case]
    error = _refusal(text)
    assert error.text in (CARD_UNREADABLE, CARD_INCONSISTENT)
    assert error.resident_message == error.text
    told = " ".join([str(error), repr(error), *map(str, error.args)])
    pieces = {piece for field in text.split("|") for piece in field.split()}
    pieces |= {field.strip() for field in text.split("|")}
    assert not any(len(piece) > 2 and piece in told for piece in pieces), told


def test_the_resident_is_told_what_to_do_in_vietnamese_first() -> None:
    assert CARD_UNREADABLE.vi.startswith("Chưa đọc được mã QR trên thẻ.")
    assert "máy quét" in CARD_UNREADABLE.vi and CARD_UNREADABLE.en
    for message in (CARD_UNREADABLE, CARD_INCONSISTENT):
        assert message.placeholders("vi") == message.placeholders("en") == set()


def test_today_decides_what_is_in_the_future() -> None:
    scan = _scan(issued="15092025")
    assert read_card(scan, today=date(2025, 9, 15)).issued == date(2025, 9, 15)
    with pytest.raises(CardUnreadable):
        read_card(scan, today=date(2025, 9, 14))


def test_not_a_string_is_unreadable() -> None:
    with pytest.raises(CardUnreadable):
        read_card(None, today=TODAY)  # type: ignore[arg-type]
    assert not looks_like_card(None)  # type: ignore[arg-type]


# --- properties ----------------------------------------------------------------


def _read_or_refuse(text: str) -> CardScan | None:
    """Only CardUnreadable may come out; whatever reads has a number the forms accept."""
    try:
        card = read_card(text, today=TODAY)
    except CardUnreadable:
        return None
    check = validators.cccd(card.id_number, birth_date=card.birth_date, gender=card.gender)
    assert check.ok and check.value == card.id_number
    return card


@settings(max_examples=400)
@given(st.text())
def test_any_text_reads_or_is_refused(text: str) -> None:
    _read_or_refuse(text)


@settings(max_examples=400)
@given(st.lists(st.text(max_size=20), max_size=9))
def test_any_fields_read_or_are_refused(fields: list[str]) -> None:
    _read_or_refuse("|".join(fields))


@settings(max_examples=400)
@given(st.sampled_from(FIELDS), st.text(max_size=30))
def test_one_field_of_a_real_card_replaced_reads_or_is_refused(field: str, value: str) -> None:
    _read_or_refuse(_scan(**{field: value}))


SYLLABLES = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Thị", "Văn",
    "Hữu", "Ngọc", "Minh", "Lan", "Hùng", "Phượng", "Đức", "Thủy", "Hương", "Quỳnh", "Tuấn",
    "Xuân", "Nghiêm", "Ánh", "Dũng", "Khuê", "Yến", "Hiếu",
]  # fmt: skip
WARDS = [w for p in address.provinces() for w in address.wards(p.code)]
STREETS = ["Số 12, ngõ 34 phố Đội Cấn", "Thôn Đông", "Tổ 5", "Ấp Bình Hòa", "Khu phố 3"]


@st.composite
def cards(draw: st.DrawFn) -> tuple[str, dict[str, object]]:
    """A valid scan and what reading it must give."""
    born = draw(st.dates(date(1900, 1, 1), TODAY))
    issued = draw(st.dates(born, TODAY))
    female = draw(st.booleans())
    province = draw(st.sampled_from(sorted(validators.OLD_PROVINCE_CODES)))
    marker = (born.year - 1900) // 100 * 2 + int(female)
    number = f"{province}{marker}{born.year % 100:02d}{draw(st.integers(0, 999_999)):06d}"
    old = draw(st.sampled_from(["", None, f"{draw(st.integers(0, 10**9 - 1)):09d}"]))
    name = " ".join(draw(st.lists(st.sampled_from(SYLLABLES), min_size=2, max_size=5)))
    ward = draw(st.sampled_from(WARDS))
    street = draw(st.sampled_from(STREETS))
    district = draw(st.sampled_from(["", ", Huyện Cũ", ", Quận Cũ"]))
    place = address.province(ward.province_code)
    assert place is not None
    where = f"{street}, {ward.name}{district}, {place.name}"
    spelled = draw(st.sampled_from([name, name.upper(), name.lower()]))
    gender = draw(st.sampled_from(["Nữ", "NỮ", "nữ"] if female else ["Nam", "NAM", "nam"]))
    fields = [number, *([] if old is None else [old]), spelled, f"{born:%d%m%Y}", gender, where,
              f"{issued:%d%m%Y}"]  # fmt: skip
    scan = "|".join(fields) + draw(st.sampled_from(["", "\r\n", "\n"]))
    scan = unicodedata.normalize(draw(st.sampled_from(["NFC", "NFD"])), scan)
    expected: dict[str, object] = {
        "id_number": number, "old_id": old or "", "full_name": name, "birth_date": born,
        "gender": "female" if female else "male", "address": where, "issued": issued,
        "placed": {"province_code": place.code, "ward_code": ward.code, "street": street},
    }  # fmt: skip
    return scan, expected


@settings(max_examples=300)
@given(cards())
def test_valid_cards_round_trip(card: tuple[str, dict[str, object]]) -> None:
    scan, expected = card
    assert looks_like_card(scan)
    read = read_card(scan, today=TODAY)
    for field in ("id_number", "old_id", "full_name", "birth_date", "gender", "address", "issued"):
        assert getattr(read, field) == expected[field], field
    person = read.identity()
    assert person.address == expected["placed"]
    assert (person.id_number, person.full_name, person.birth_date, person.gender) == (
        expected["id_number"], expected["full_name"], expected["birth_date"], expected["gender"]
    )  # fmt: skip
