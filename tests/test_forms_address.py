"""Provinces and communes after July 2025, and accent-insensitive commune search."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from forms import address


def test_34_provinces_and_3321_communes() -> None:
    provinces = address.provinces()
    assert len(provinces) == 34
    assert sum(len(address.wards(p.code)) for p in provinces) == 3321
    assert all(len(p.code) == 2 for p in provinces)
    assert all(unicodedata.is_normalized("NFC", p.name) for p in provinces)


def test_lookup_by_code_accepts_unpadded_codes() -> None:
    hanoi = address.province("1")
    assert hanoi is not None and hanoi.name == "Thành phố Hà Nội"
    ward = address.ward("70")
    assert ward is not None and ward.name == "Phường Hoàn Kiếm" and ward.province_code == "01"
    assert address.province("99") is None and address.ward("nope") is None
    assert address.wards("99") == []


def test_fold_strips_accents_and_d_stroke() -> None:
    assert address.fold("Phường Đống Đa") == "phuong dong da"
    assert address.fold("  Xã  Ân-Nghĩa ") == "xa an nghia"


def test_search_is_accent_and_case_insensitive() -> None:
    typed_plain = [w.code for w in address.search_wards("01", "hoan kiem")]
    typed_marks = [w.code for w in address.search_wards("01", "Hoàn Kiếm")]
    assert typed_plain == typed_marks
    assert address.ward(typed_plain[0]).name == "Phường Hoàn Kiếm"  # type: ignore[union-attr]


def test_search_puts_name_prefixes_first_then_word_starts_then_substrings() -> None:
    results = address.search_wards("01", "dong")
    folded = [w.short_folded for w in results]
    starts = [f for f in folded if f.startswith("dong")]
    assert starts and folded[: len(starts)] == starts
    rest = folded[len(starts):]
    word_starts = [f for f in rest if " dong" in " " + f]
    assert rest[: len(word_starts)] == word_starts
    assert all("dong" in w.folded for w in results)


def test_search_stays_inside_the_province_unless_none() -> None:
    assert all(w.province_code == "38" for w in address.search_wards("38", "an"))
    everywhere = address.search_wards(None, "an")
    assert len({w.province_code for w in everywhere}) > 20


def test_empty_query_lists_the_whole_province() -> None:
    assert len(address.search_wards("01", "  ")) == len(address.wards("01"))


def test_describe_reads_street_commune_province() -> None:
    answer = {"province_code": "01", "ward_code": "00070", "street": "Số 12 phố Hàng Bạc"}
    assert address.describe(answer) == "Số 12 phố Hàng Bạc, Phường Hoàn Kiếm, Thành phố Hà Nội"
    assert address.describe(None, "en") == "Not provided"


@given(st.text(max_size=12))
def test_search_never_crashes(query: str) -> None:
    for ward in address.search_wards("01", query):
        assert ward.province_code == "01"


def test_lists_are_in_vietnamese_alphabetical_order() -> None:
    names = [p.name for p in address.provinces()]
    # a < ă < â and đ after d: Cà Mau, Cao Bằng, then Cần Thơ; Hà Nội before Hải Phòng
    assert names.index("Cà Mau") < names.index("Cao Bằng") < names.index("Thành phố Cần Thơ")
    assert names.index("Thành phố Hà Nội") < names.index("Thành phố Hải Phòng")
    assert names.index("Đồng Tháp") < names.index("Gia Lai")
    hanoi = [w.name for w in address.wards("01")]
    assert hanoi.index("Phường Ba Đình") < hanoi.index("Phường Bạch Mai")
    assert address.sort_key("Dũng") < address.sort_key("Đa")


def test_names_have_single_spaces() -> None:
    for province in address.provinces():
        for ward in address.wards(province.code):
            assert "  " not in ward.name and ward.name == ward.name.strip()
