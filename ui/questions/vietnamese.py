"""Vietnamese letters for the on-screen keyboard: tone marks and â ă ê ô ơ ư đ (pure Python).

The keyboard types plain letters; a tone key (sắc, huyền, hỏi, ngã, nặng) or a
letter-shape key (â ă ê ô ơ ư đ) then changes the word just typed, the way
Telex does: ``hoa`` + huyền → ``hòa``, ``tran`` + â → ``trân``,
``nguyen`` + ê → ``nguyên`` + ngã → ``nguyễn``. Tones go where dictionaries and
the official place names put them (``Hòa``, ``Thủy``, ``Quảng``, ``Giữa``).
"""

from __future__ import annotations

import unicodedata
from enum import StrEnum


class Tone(StrEnum):
    """The five marked tones, as combining characters."""

    SAC = "\u0301"  # á
    HUYEN = "\u0300"  # à
    HOI = "\u0309"  # ả
    NGA = "\u0303"  # ã
    NANG = "\u0323"  # ạ


TONE_MARKS = frozenset(t.value for t in Tone)
# Letter-shape keys: the key's letter, the plain letter it changes, the combining mark.
SHAPES: dict[str, tuple[str, str]] = {
    "â": ("a", "\u0302"),
    "ă": ("a", "\u0306"),
    "ê": ("e", "\u0302"),
    "ô": ("o", "\u0302"),
    "ơ": ("o", "\u031b"),
    "ư": ("u", "\u031b"),
}
_BASE_VOWELS = set("aeiouy")
_SHAPED = ("\u0302", "\u0306", "\u031b")


def _split(letter: str) -> tuple[str, str, str]:
    """A letter → (base, shape mark or "", tone mark or "")."""
    parts = unicodedata.normalize("NFD", letter)
    base, shape, tone = parts[:1], "", ""
    for mark in parts[1:]:
        if mark in TONE_MARKS:
            tone = mark
        else:
            shape = mark
    return base, shape, tone


def _join(base: str, shape: str, tone: str) -> str:
    return unicodedata.normalize("NFC", base + shape + tone)


def _vowel_positions(word: str) -> list[int]:
    """Positions of the vowels that carry a tone (after qu-/gi-), left to right."""
    letters = [_split(ch)[0].lower() for ch in word]
    positions = [i for i, base in enumerate(letters) if base in _BASE_VOWELS]
    starts_qu = letters[:2] == ["q", "u"]
    starts_gi = letters[:2] == ["g", "i"] and len(positions) > 1
    if (starts_qu or starts_gi) and positions and positions[0] == 1:
        positions = positions[1:]
    return positions


def tone_position(word: str) -> int | None:
    """Where the tone mark of ``word`` goes, or None when it has no vowel."""
    vowels = _vowel_positions(word)
    if not vowels:
        return None
    shaped = [i for i in vowels if _split(word[i])[1] in _SHAPED]
    if shaped:
        return shaped[-1]  # ươ → on ơ; ê, â... take the tone
    if len(vowels) == 1:
        return vowels[0]
    ends_in_consonant = vowels[-1] < len(word) - 1
    if ends_in_consonant:
        return vowels[-1]  # toán, hoàng
    return vowels[1] if len(vowels) >= 3 else vowels[0]  # hòa, múa, ngoài


def _strip_tone(word: str) -> tuple[str, Tone | None]:
    """``word`` without its tone mark, and the tone it had."""
    parts = [_split(ch) for ch in word]
    had = next((Tone(t) for _b, _s, t in parts if t), None)
    return "".join(_join(b, s, "") for b, s, _t in parts), had


def apply_tone(word: str, tone: Tone) -> str:
    """Put ``tone`` on ``word`` (moving any tone it had); the same tone again removes it."""
    bare, had = _strip_tone(word)
    letters = list(bare)
    position = tone_position(bare)
    if position is None:
        return word
    if had is not tone:
        base, shape, _ = _split(letters[position])
        letters[position] = _join(base, shape, tone.value)
    return "".join(letters)


def apply_shape(word: str, key: str) -> str | None:
    """``â ă ê ô ơ ư đ`` on the last matching letter of ``word``; None when none matches.

    The tone, if any, is moved to where it belongs after the change.
    """
    if key in ("đ", "Đ"):
        for i in range(len(word) - 1, -1, -1):
            if word[i] in "dD":
                return word[:i] + ("Đ" if word[i] == "D" else "đ") + word[i + 1 :]
        return None
    plain, mark = SHAPES[key.lower()]
    for i in range(len(word) - 1, -1, -1):
        base, shape, tone = _split(word[i])
        if base.lower() == plain and shape != mark:
            bare, had = _strip_tone(word[:i] + _join(base, mark, tone) + word[i + 1 :])
            return apply_tone(bare, had) if had else bare
    return None
