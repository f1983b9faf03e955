"""Provinces and communes after the July 2025 reform (34 provinces, 3,321 communes).

Read once, on first use, from the ``vietnam-provinces`` package's data file and
kept in memory with accent-folded names, so :func:`search_wards` answers within
a keystroke. Codes are the official ones as strings: province ``"01"``, commune
(xã / phường / đặc khu) ``"00070"``. Pure and Qt-free; the first call does the
loading (about a megabyte of JSON), so the GUI warms it up off the GUI thread
with :func:`preload`.
"""

from __future__ import annotations

import json
import re
import threading
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import vietnam_provinces

from kiosk.core.text import Text


@dataclass(frozen=True)
class Ward:
    """A commune-level unit (xã, phường or đặc khu)."""

    code: str
    name: str  # "Phường Hoàn Kiếm"
    province_code: str
    folded: str  # "phuong hoan kiem"
    short_folded: str  # "hoan kiem"
    spaced: str = ""  # " phuong hoan kiem": a word starts after each space


@dataclass(frozen=True)
class Province:
    code: str
    name: str  # "Thành phố Hà Nội"
    folded: str


@dataclass(frozen=True)
class _Data:
    provinces: tuple[Province, ...]
    by_province: Mapping[str, tuple[Ward, ...]]
    wards: Mapping[str, Ward]
    province_index: Mapping[str, Province]


_lock = threading.Lock()
_data: _Data | None = None

_PREFIXES = ("xã ", "phường ", "đặc khu ", "thị trấn ")


def fold(value: str) -> str:
    """Lower case without diacritics (đ → d), spaces collapsed: for matching."""
    decomposed = unicodedata.normalize("NFD", value.lower().replace("đ", "d"))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", stripped).split())


# Vietnamese alphabetical order: ă, â, đ, ê, ô, ơ, ư are letters of their own;
# tone marks only break ties (ngang, huyền, hỏi, ngã, sắc, nặng).
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_MARKS = {"\u0306": "ă", "\u0302": "â"}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def _letter(base: str, marks: str) -> str:
    if base == "a" and marks:
        return next((_LETTER_MARKS[m] for m in marks if m in _LETTER_MARKS), "a")
    if "\u0302" in marks and base in "eo":
        return {"e": "ê", "o": "ô"}[base]
    if "\u031b" in marks and base in "ou":
        return {"o": "ơ", "u": "ư"}[base]
    return base


def _rank(letter: str) -> int:
    """Word breaks first, then digits, then letters in Vietnamese order."""
    if letter.isspace() or letter in "-'.,":
        return 0
    if letter.isascii() and letter.isdigit():
        return 1 + int(letter)
    position = _ALPHABET.find(letter)
    return 20 + position if position >= 0 else 100 + ord(letter)


def sort_key(value: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Vietnamese dictionary order: by letters first, then by tone marks."""
    letters: list[int] = []
    tones: list[int] = []
    for char in unicodedata.normalize("NFC", value.lower()):
        decomposed = unicodedata.normalize("NFD", char)
        base, marks = decomposed[0], decomposed[1:]
        letter = "đ" if base == "đ" else _letter(base, marks)
        letters.append(_rank(letter))
        tones.append(next((_TONES[m] for m in marks if m in _TONES), 0))
    return tuple(letters), tuple(tones)


def province_code(value: object) -> str:
    """The canonical two-digit form of a province code ("1" → "01")."""
    text = str(value).strip()
    return text.zfill(2) if text.isdigit() and text.isascii() else text


def ward_code(value: object) -> str:
    """The canonical five-digit form of a commune code ("70" → "00070")."""
    text = str(value).strip()
    return text.zfill(5) if text.isdigit() and text.isascii() else text


def _clean(name: str) -> str:
    """NFC with single spaces (the data has a few doubled ones)."""
    return " ".join(unicodedata.normalize("NFC", name).split())


def _short(name: str) -> str:
    lowered = name.lower()
    for prefix in _PREFIXES:
        if lowered.startswith(prefix):
            return name[len(prefix):]
    return name


def _load() -> _Data:
    raw: list[dict[str, Any]] = json.loads(
        vietnam_provinces.NESTED_DIVISIONS_JSON_PATH.read_text(encoding="utf-8")
    )
    provinces: list[Province] = []
    by_province: dict[str, tuple[Ward, ...]] = {}
    wards: dict[str, Ward] = {}
    for item in raw:
        pcode = province_code(item["code"])
        name = _clean(item["name"])
        provinces.append(Province(pcode, name, fold(name)))
        members = []
        for w in item.get("wards", []):
            wname = _clean(w["name"])
            folded = fold(wname)
            ward = Ward(ward_code(w["code"]), wname, pcode, folded, fold(_short(wname)), " " + folded)
            members.append(ward)
            wards[ward.code] = ward
        by_province[pcode] = tuple(sorted(members, key=lambda x: sort_key(_short(x.name))))
    ordered = tuple(sorted(provinces, key=lambda p: sort_key(_province_short(p.name))))
    return _Data(ordered, by_province, wards, {p.code: p for p in ordered})


def _province_short(name: str) -> str:
    for prefix in ("Thành phố ", "Tỉnh "):
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


def _get() -> _Data:
    global _data
    if _data is None:
        with _lock:
            if _data is None:
                _data = _load()
    return _data


def preload() -> None:
    """Read the data now (call from a background thread at start-up)."""
    _get()


def provinces() -> list[Province]:
    """The 34 provinces and centrally-run cities, in Vietnamese alphabetical order
    of their names without "Thành phố" / "Tỉnh" (Hà Nội under H)."""
    return list(_get().provinces)


def province(code: str) -> Province | None:
    return _get().province_index.get(province_code(code))


def wards(province: str) -> list[Ward]:
    """The communes of one province, alphabetical; empty for an unknown code."""
    return list(_get().by_province.get(province_code(province), ()))


def ward(code: str) -> Ward | None:
    return _get().wards.get(ward_code(code))


def search_wards(province: str | None, query: str) -> list[Ward]:
    """Communes whose name matches ``query``, ignoring accents and case.

    ``province`` None searches all 3,321. Order: names whose short form starts
    with the query, then names where a word starts with it, then any substring.
    """
    data = _get()
    pool = (
        data.by_province.get(province_code(province), ())
        if province is not None
        else tuple(data.wards.values())
    )
    needle = fold(query)
    if not needle:
        return list(pool)
    starts: list[Ward] = []
    word_starts: list[Ward] = []
    inside: list[Ward] = []
    spaced = " " + needle
    for w in pool:
        if w.short_folded.startswith(needle):
            starts.append(w)
        elif spaced in w.spaced:
            word_starts.append(w)
        elif needle in w.folded:
            inside.append(w)
    return starts + word_starts + inside


NOT_PROVIDED = Text("Không cung cấp", "Not provided")


def describe(answer: Mapping[str, Any] | None, lang: str = "vi") -> str:
    """"street, commune, province" in plain words (unknown codes are shown as they are)."""
    if not answer:
        return NOT_PROVIDED(lang)
    parts: list[str] = []
    street = str(answer.get("street") or "").strip()
    if street:
        parts.append(street)
    w = ward(str(answer.get("ward_code", "")))
    parts.append(w.name if w else str(answer.get("ward_code", "")))
    p = province(str(answer.get("province_code", "")))
    parts.append(p.name if p else str(answer.get("province_code", "")))
    return ", ".join(part for part in parts if part)
