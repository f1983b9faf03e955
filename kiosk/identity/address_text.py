"""An address written out as Vietnamese documents write it → the form's address answer.

The CCCD card's QR code (and other papers) give the permanent address as one
line: "Số 12, ngõ 34 phố Đội Cấn, Phường Ba Đình, Thành phố Hà Nội", or, on
papers from before the July 2025 reform, with a district: "Thôn Đông, Xã Đông
Anh, Huyện Đông Anh, Thành phố Hà Nội". :func:`address_answer` turns such a
line into ``{"province_code", "ward_code", "street"}`` (see
:func:`forms.engine.check_address`) when it can be placed with confidence, and
None otherwise; the resident then picks the commune on the address question.

How a line is read:

* it is split on commas, semicolons and " - " (a dash with spaces); a trailing
  "Việt Nam" is dropped;
* the last part names one of the 34 provinces, with or without "Tỉnh",
  "Thành phố", "TP." or "TP", in any case, with or without diacritics;
* walking back, the first part that is a commune of that province by its
  current name (with or without "Xã" / "Phường" / "Đặc khu") is the commune;
  pieces that " - " split out of one name ("Phường Văn Miếu - Quốc Tử Giám")
  are joined again; parts naming a district ("Huyện", "Quận", "Thị xã",
  "Thành phố") are skipped, since districts no longer exist; any other part
  in between means the line cannot be placed;
* a commune named without its "Xã" / "Phường" counts only after a part that is
  evidently a street, village or house ("Số 12", "Tổ 5", "Thôn Đông"): in an
  old "Tổ 1, Phúc Xá, Ba Đình, Hà Nội" the bare "Ba Đình" is the former
  district, not today's Phường Ba Đình, so that line gives None;
* the parts before the commune, joined with ", ", are the street; without one
  the answer is incomplete and the result is None.

Names match whatever the tone-mark placement ("Hoà" / "Hòa") and Unicode form.
A line written with diacritics must match them ("Xã Tân Thạnh" is not "Xã Tân
Thành"); a line written wholly without ("So 12, Phuong Ba Dinh, Ha Noi"), or a
part of a line without any, matches when exactly one commune of the province
folds to it. A pre-2025 commune that was merged away does not match a current name and
gives None: nothing is guessed. Pure and Qt-free; any thread. The index is
built on first use and kept. Nothing here logs.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from forms import address, engine

# Combining tone marks (huyền, sắc, hỏi, ngã, nặng); the other marks (ă â ê ô ơ ư) are letters.
_TONES = {"\u0300": "1", "\u0301": "2", "\u0309": "3", "\u0303": "4", "\u0323": "5"}

_SEPARATORS = re.compile(r"\s*[,;\n\r]\s*|\s+[-\u2013\u2014]\s+")
_DASH = " - "
_DASHES = ("-", "\u2013", "\u2014")
_COMMA = ", "

# Abbreviations papers use before a name: "P. Ba Đình", "TP. Hà Nội", "TP Huế".
_ABBREVIATIONS = {
    "p": "Phường", "x": "Xã", "tt": "Thị trấn", "q": "Quận", "h": "Huyện",
    "tx": "Thị xã", "tp": "Thành phố", "t.p": "Thành phố", "t.x": "Thị xã",
}  # fmt: skip
_ABBREVIATED = re.compile(r"(p|x|q|h|tt|tx|tp|t\.p|t\.x)\.\s*|(tp|tx)\s+", re.IGNORECASE)

_COUNTRY = {"viet nam", "vietnam", "vn"}
_PROVINCE_PREFIXES = ("Tỉnh", "Thành phố")
_DISTRICT_PREFIXES = ("Huyện", "Quận", "Thị xã", "Thành phố")
# First words of a part below commune level (village, hamlet, lane, street, block...).
_STREET_WORDS = (
    "Số", "Nhà", "Căn", "Phòng", "Tầng", "Tòa", "Lô", "Chung cư", "Ngõ", "Ngách",
    "Hẻm", "Kiệt", "Đường", "Phố", "Km", "Tổ", "Khu", "Khóm",
    "Ấp", "Thôn", "Xóm", "Bản", "Buôn", "Bon", "Plei", "Sóc", "Phum", "Cụm",
)  # fmt: skip
# Other names papers give a current province by (its short name).
_PROVINCE_ALIASES = {
    "HCM": "Hồ Chí Minh",
    "TPHCM": "Hồ Chí Minh",
    "Thừa Thiên Huế": "Huế",
}
_LONGEST_NAME = 3  # pieces a " - " split can cut one commune name into ("A - B - C")
_PART_LIMIT = 200  # characters: longer parts are not names


Words = tuple[str, ...]


def _marked_words(value: str) -> Words:
    """Lower-case words with their diacritics, each word's tone mark moved to its end.

    "Hoà" and "Hòa" (old and new tone placement) give the same word; "Thành" and
    "Thạnh" do not. Punctuation and dashes separate words, like spaces.
    """
    words: list[str] = []
    letters: list[str] = []
    tone = "0"

    def finish() -> None:
        nonlocal tone
        if letters:
            words.append(unicodedata.normalize("NFC", "".join(letters)) + tone)
        letters.clear()
        tone = "0"

    for char in unicodedata.normalize("NFD", value.lower()):
        if char in _TONES:
            tone = _TONES[char]
        elif unicodedata.combining(char):
            if letters:
                letters.append(char)
        elif char.isalnum():
            letters.append(char)
        else:
            finish()
    finish()
    return tuple(words)


def _plain_words(value: str) -> Words:
    return tuple(address.fold(value).split())


def _expand(part: str) -> str:
    """An abbreviation at the start spelled out: "TP. Hà Nội" → "Thành phố Hà Nội"."""
    found = _ABBREVIATED.match(part)
    if found is None:
        return part
    short = (found.group(1) or found.group(2)).lower()
    return f"{_ABBREVIATIONS[short]} {part[found.end():]}"


@dataclass(frozen=True)
class _Names:
    """One way of writing names (with diacritics, or plain): what each name is."""

    provinces: Mapping[Words, address.Province]
    # province code → words → (ward code, whether the words include "Xã" / "Phường" / ...)
    wards: Mapping[str, Mapping[Words, frozenset[tuple[str, bool]]]]
    province_prefixes: tuple[Words, ...]
    district_prefixes: tuple[Words, ...]
    street_words: frozenset[str]


@dataclass(frozen=True)
class _Index:
    marked: _Names
    plain: _Names


_lock = threading.Lock()
_index: _Index | None = None


def _build(*, plain: bool) -> _Names:
    spell = _plain_words if plain else _marked_words
    provinces: dict[Words, address.Province] = {}
    wards: dict[str, dict[Words, frozenset[tuple[str, bool]]]] = {}
    for province in address.provinces():
        provinces[spell(_strip_words(province.name, _PROVINCE_PREFIXES))] = province
        names: defaultdict[Words, set[tuple[str, bool]]] = defaultdict(set)
        for ward in address.wards(province.code):
            names[spell(ward.name)].add((ward.code, True))
            short = ward.name.split(" ", 2 if ward.name.startswith("Đặc khu ") else 1)[-1]
            names[spell(short)].add((ward.code, False))
        wards[province.code] = {key: frozenset(codes) for key, codes in names.items()}
    by_short = dict(provinces)
    for alias, short in _PROVINCE_ALIASES.items():
        provinces.setdefault(spell(alias), by_short[spell(short)])
    return _Names(
        provinces,
        wards,
        tuple(spell(prefix) for prefix in _PROVINCE_PREFIXES),
        tuple(spell(prefix) for prefix in _DISTRICT_PREFIXES),
        frozenset(word for street in _STREET_WORDS for word in spell(street)[:1]),
    )


def _strip_words(name: str, prefixes: tuple[str, ...]) -> str:
    for prefix in prefixes:
        if name.startswith(prefix + " "):
            return name[len(prefix) + 1:]
    return name


def _get() -> _Index:
    global _index
    if _index is None:
        with _lock:
            if _index is None:
                _index = _Index(_build(plain=False), _build(plain=True))
    return _index


def _readings(part: str, plain_line: bool) -> list[tuple[_Names, Words]]:
    """How to read ``part``, in order: the names to match it against, and its words.

    A line written wholly without diacritics may match any name that folds to it.
    In a line with diacritics a part is read as written ("Thanh An" is not "Thạnh
    An"); a part there with none at all may still fold to a name ("Phuong Ba Dinh").
    """
    index = _get()
    expanded = _expand(part)
    plain = (index.plain, _plain_words(expanded))
    if plain_line:
        return [plain]
    marked = (index.marked, _marked_words(expanded))
    return [marked, plain] if part.isascii() else [marked]


def _province(part: str, plain_line: bool) -> address.Province | None:
    for names, words in _readings(part, plain_line):
        for prefix in ((), *names.province_prefixes):
            if words[: len(prefix)] == prefix and words[len(prefix):] in names.provinces:
                return names.provinces[words[len(prefix):]]
    return None


def _ward(part: str, province_code: str, plain_line: bool) -> tuple[str, bool] | None:
    """The one commune of the province ``part`` names (None if none or several), and
    whether the part gave its "Xã" / "Phường" / "Đặc khu"."""
    if len(part) > _PART_LIMIT:
        return None
    for names, words in _readings(part, plain_line):
        found = names.wards.get(province_code, {}).get(words)
        if found:
            return next(iter(found)) if len({code for code, _ in found}) == 1 else None
    return None


def _is_street(part: str, plain_line: bool) -> bool:
    """Whether ``part`` is evidently below commune level: it has a number ("Số 12",
    "Tổ 5") or starts with a word such as "Thôn", "Ngõ", "Đường"."""
    if any(char.isdigit() for char in part):
        return True
    return any(
        words[:1] and words[0] in names.street_words
        for names, words in _readings(part, plain_line)
    )


def _is_district(part: str, plain_line: bool) -> bool:
    return any(
        len(words) > len(prefix) and words[: len(prefix)] == prefix
        for names, words in _readings(part, plain_line)
        for prefix in names.district_prefixes
    )


def _split(text: str) -> tuple[list[str], list[str]]:
    """The non-empty parts, and the separator before each ("" before the first).

    The separator is " - " only when a lone dash stood between two parts: those may
    be the pieces of one name.
    """
    pieces = _SEPARATORS.split(text)
    separators = _SEPARATORS.findall(text)
    parts: list[str] = []
    before: list[str] = []
    pending: str | None = None
    for i, piece in enumerate(pieces):
        if i:
            separator = _DASH if separators[i - 1].strip() in _DASHES else _COMMA
            pending = separator if pending is None else _COMMA
        cleaned = " ".join(piece.split()).strip(" .")
        if cleaned:
            before.append((pending or "") if parts else "")
            parts.append(cleaned)
            pending = None
    return parts, before


def address_answer(text: str) -> dict[str, str] | None:
    """The form's address answer for an address written out, or None when it cannot
    be placed with confidence (see the module's docstring for what places)."""
    if not isinstance(text, str):
        return None
    line = unicodedata.normalize("NFC", text)
    plain_line = line.isascii()
    parts, before = _split(line)
    if parts and address.fold(parts[-1]) in _COUNTRY:
        parts, before = parts[:-1], before[:-1]
    if len(parts) < 3 or len(parts[-1]) > _PART_LIMIT:  # a street, a commune, a province
        return None
    province = _province(parts[-1], plain_line)
    if province is None:
        return None
    for end in range(len(parts) - 2, -1, -1):
        placed = _ward_ending_at(parts, before, end, province.code, plain_line)
        if placed is not None:
            start, (ward_code, prefixed) = placed
            if not prefixed and not (start and _is_street(parts[start - 1], plain_line)):
                return None  # a bare name after another name: maybe an old district's
            return _checked(province.code, ward_code, _COMMA.join(parts[:start]))
        if not _is_district(parts[end], plain_line):
            return None
    return None


def _ward_ending_at(
    parts: list[str], before: list[str], end: int, province_code: str, plain_line: bool
) -> tuple[int, tuple[str, bool]] | None:
    """Where the commune whose name ends with ``parts[end]`` starts, and what :func:`_ward`
    says of it."""
    for length in range(_LONGEST_NAME, 0, -1):
        start = end - length + 1
        if start < 0 or any(before[i] != _DASH for i in range(start + 1, end + 1)):
            continue
        found = _ward(_DASH.join(parts[start : end + 1]), province_code, plain_line)
        if found is not None:
            return start, found
    return None


def _checked(province_code: str, ward_code: str, street: str) -> dict[str, str] | None:
    if not street:
        return None
    answer = {"province_code": province_code, "ward_code": ward_code, "street": street}
    checked = engine.check_address(answer)
    return checked.value if checked.ok else None
