"""An address written out → the form's address answer: what places, what gives None.

Real data throughout: communes are looked up through ``forms.address``, never
written in as codes, and every answer is also checked by ``check_address``.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forms import address
from forms.engine import check_address
from kiosk.identity.address_text import address_answer

PROVINCES = address.provinces()
WARDS = [w for p in PROVINCES for w in address.wards(p.code)]
STREETS = ["Số 12, ngõ 34 phố Đội Cấn", "Thôn Đông", "Tổ 5", "Ấp Bình Hòa", "Số 7 đường Lê Lợi"]


def _province(code: str) -> address.Province:
    found = address.province(code)
    assert found is not None
    return found


def _ward(province_code: str, name: str) -> address.Ward:
    """The commune of that province called exactly ``name`` (asserted to exist)."""
    found = [w for w in address.wards(province_code) if w.name == name]
    assert len(found) == 1, f"{name} not in {province_code}"
    return found[0]


def _short(ward: address.Ward) -> str:
    """The name without "Xã" / "Phường" / "Đặc khu"."""
    return ward.name.split(" ", 2 if ward.name.startswith("Đặc khu ") else 1)[-1]


def _plain(*parts: str) -> str:
    return ", ".join(address.fold(part) for part in parts)


HANOI = next(p for p in PROVINCES if p.name == "Thành phố Hà Nội")
BA_DINH = _ward(HANOI.code, "Phường Ba Đình")
DONG_ANH = _ward(HANOI.code, "Xã Đông Anh")
VAN_MIEU = _ward(HANOI.code, "Phường Văn Miếu - Quốc Tử Giám")


def _answer(ward: address.Ward, street: str) -> dict[str, str]:
    return {"province_code": ward.province_code, "ward_code": ward.code, "street": street}


# --- shapes that place ---------------------------------------------------------


def test_a_current_address_places_with_its_street() -> None:
    line = "Số 12, ngõ 34 phố Đội Cấn, Phường Ba Đình, Thành phố Hà Nội"
    assert address_answer(line) == _answer(BA_DINH, "Số 12, ngõ 34 phố Đội Cấn")


def test_an_old_district_between_commune_and_province_is_skipped() -> None:
    line = "Thôn Đông, Xã Đông Anh, Huyện Đông Anh, Thành phố Hà Nội"
    assert address_answer(line) == _answer(DONG_ANH, "Thôn Đông")
    line = "Tổ 1, Phường Ba Đình, Quận Ba Đình, TP. Hà Nội"
    assert address_answer(line) == _answer(BA_DINH, "Tổ 1")


@pytest.mark.parametrize(
    "province",
    ["Thành phố Hà Nội", "Hà Nội", "TP. Hà Nội", "TP Hà Nội", "Tp.Hà Nội", "thành phố HÀ NỘI",
     "Ha Noi", "HA NOI", "TP Ha Noi"],
)  # fmt: skip
def test_the_province_with_or_without_its_prefix_in_any_case(province: str) -> None:
    assert address_answer(f"Số 12, Phường Ba Đình, {province}") == _answer(BA_DINH, "Số 12")


def test_tinh_before_a_province_and_old_tone_placement() -> None:
    khanh_hoa = next(p for p in PROVINCES if p.name == "Khánh Hòa")
    ward = address.wards(khanh_hoa.code)[0]
    line = f"Thôn 1, {ward.name}, Tỉnh Khánh Hoà"  # "oà": the older placement
    assert address_answer(line) == _answer(ward, "Thôn 1")


def test_a_commune_name_in_the_other_tone_placement_still_matches() -> None:
    ward = next(w for w in WARDS if "òa" in w.name)
    older = ward.name.replace("òa", "oà")
    line = f"Số 1, {older}, {_province(ward.province_code).name}"
    assert address_answer(line) == _answer(ward, "Số 1")


def test_nfd_upper_case_and_a_trailing_country() -> None:
    line = unicodedata.normalize("NFD", "Số 12, PHƯỜNG BA ĐÌNH, Thành phố Hà Nội, Việt Nam.")
    assert address_answer(line) == _answer(BA_DINH, "Số 12")


def test_a_line_without_diacritics() -> None:
    assert address_answer("So 12, Phuong Ba Dinh, Ha Noi") == _answer(BA_DINH, "So 12")
    assert address_answer("Thon Dong, Xa Dong Anh, Huyen Dong Anh, TP Ha Noi") == _answer(
        DONG_ANH, "Thon Dong"
    )


def test_abbreviated_ward_prefix() -> None:
    assert address_answer("Số 3, P. Ba Đình, Q. Ba Đình, TP. Hà Nội") == _answer(BA_DINH, "Số 3")


def test_dashes_as_separators_and_inside_a_name() -> None:
    assert address_answer("Số 1 - Phường Ba Đình - Hà Nội") == _answer(BA_DINH, "Số 1")
    assert address_answer("Số 1 - Phường Văn Miếu - Quốc Tử Giám - Hà Nội") == _answer(
        VAN_MIEU, "Số 1"
    )
    assert address_answer("Số 1, Văn Miếu-Quốc Tử Giám, Hà Nội") == _answer(VAN_MIEU, "Số 1")


def test_a_bare_commune_name_after_a_street_places() -> None:
    assert address_answer("Số 5, Ba Đình, Hà Nội") == _answer(BA_DINH, "Số 5")
    assert address_answer("Thôn Đông, Đông Anh, Hà Nội") == _answer(DONG_ANH, "Thôn Đông")


def test_names_written_the_same_but_for_diacritics_stay_apart() -> None:
    dong_nai = next(p for p in PROVINCES if p.name == "Đồng Nai")
    thanh = _ward(dong_nai.code, "Xã Lộc Thành")
    thanh_nang = _ward(dong_nai.code, "Xã Lộc Thạnh")
    assert address_answer("Ấp 1, Xã Lộc Thành, Đồng Nai") == _answer(thanh, "Ấp 1")
    assert address_answer("Ấp 1, Xã Lộc Thạnh, Đồng Nai") == _answer(thanh_nang, "Ấp 1")
    assert address_answer("Ap 1, Xa Loc Thanh, Dong Nai") is None  # which one?


# --- shapes that give None -----------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "",
        "Hà Nội",
        "Phường Ba Đình, Thành phố Hà Nội",  # no street: incomplete
        "Số 12, Phường Ba Đình",  # no province
        "Số 12, Phường Ba Đình, Tỉnh Hà Giang",  # a province merged away in 2025
        "Số 12, Phường Ba Đình, Thành phố Huế",  # a commune of another province
        "Số 1, Phường Phúc Xá, Quận Ba Đình, Thành phố Hà Nội",  # a commune merged away
        "Số 1, Thị trấn Đông Anh, Huyện Đông Anh, Hà Nội",  # no thị trấn since 2025
        "Số 1, Phường Ba Đình, Khu Đô Thị Mới, Hà Nội",  # an unknown part after the commune
        "Tổ 1, Phúc Xá, Ba Đình, Hà Nội",  # the bare "Ba Đình" is the old district
        "Số 12, Phường Bến Nghé, Quận 1, TP.HCM",  # merged into Phường Sài Gòn
        "Số 12, Phường Ba Dinh, Hà Nội",  # diacritics half-written: not a name
    ],
)
def test_what_cannot_be_placed_with_confidence_gives_none(line: str) -> None:
    assert address_answer(line) is None


def test_a_street_too_long_for_the_form_gives_none() -> None:
    assert address_answer("Số 1 " + "a" * 300 + ", Phường Ba Đình, Hà Nội") is None


def test_not_a_string_gives_none() -> None:
    assert address_answer(None) is None  # type: ignore[arg-type]


# --- every commune -------------------------------------------------------------


def test_every_commune_places_by_its_name_short_name_and_behind_an_old_district() -> None:
    for ward in WARDS:
        province = _province(ward.province_code)
        expected = _answer(ward, "Số 1")
        assert address_answer(f"Số 1, {ward.name}, {province.name}") == expected, ward.name
        assert address_answer(f"Số 1, {_short(ward)}, {province.name}") == expected, ward.name
        old = f"Số 1, {ward.name}, Huyện Cũ, Thị xã Cũ, {province.name}"
        assert address_answer(old) == expected, ward.name


def test_every_commune_places_without_diacritics_unless_another_folds_the_same() -> None:
    for ward in WARDS:
        province = _province(ward.province_code)
        others = address.wards(province.code)
        for name, namesakes in (
            (ward.name, [w for w in others if w.folded == ward.folded]),
            (_short(ward), [w for w in others if w.short_folded == ward.short_folded]),
        ):
            found = address_answer(_plain("So 1", name, province.name))
            if len(namesakes) == 1:
                assert found == _answer(ward, "so 1"), ward.name
            else:
                assert found is None, ward.name


# --- properties ----------------------------------------------------------------


def _accepted(found: dict[str, str] | None) -> bool:
    return found is None or check_address(found).value == found


@settings(max_examples=400)
@given(st.text())
def test_any_text_gives_none_or_an_answer_the_form_accepts(line: str) -> None:
    assert _accepted(address_answer(line))


FRAGMENTS = st.one_of(
    st.sampled_from(STREETS),
    st.sampled_from(WARDS).map(lambda w: w.name),
    st.sampled_from(WARDS).map(_short),
    st.sampled_from(PROVINCES).map(lambda p: p.name),
    st.sampled_from(["Huyện Đông Anh", "Quận 1", "Thị xã Sơn Tây", "TP.", "Việt Nam", "-", ""]),
    st.text(max_size=12),
)


@settings(max_examples=400)
@given(st.lists(FRAGMENTS, max_size=6), st.sampled_from([", ", " - ", ",", ";"]))
def test_mixtures_of_real_names_give_none_or_an_answer_the_form_accepts(
    parts: list[str], separator: str
) -> None:
    assert _accepted(address_answer(separator.join(parts)))


@given(
    st.sampled_from(WARDS),
    st.sampled_from(STREETS),
    st.booleans(),
    st.sampled_from(["NFC", "NFD"]),
)
def test_real_addresses_round_trip(
    ward: address.Ward, street: str, district: bool, form: str
) -> None:
    province = _province(ward.province_code)
    middle = ", Huyện Cũ" if district else ""
    line = unicodedata.normalize(form, f"{street}, {ward.name}{middle}, {province.name}")
    assert address_answer(line) == _answer(ward, street)
