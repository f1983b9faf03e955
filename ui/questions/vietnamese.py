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


# -- typing: a letter added to a word, and built-in Telex for a physical keyboard -------------
TELEX_TONES = {"s": Tone.SAC, "f": Tone.HUYEN, "r": Tone.HOI, "x": Tone.NGA, "j": Tone.NANG}
_DOUBLES = {"a": "â", "e": "ê", "o": "ô"}  # aa → â, ee → ê, oo → ô
_VOWEL_BASES = set("aeiouy")


def add_letter(word: str, letter: str) -> str:
    """``word`` + ``letter``, its tone moved to where it belongs now (hòa + n → hoàn);
    ``uơ`` only ends a word (thuở), so a letter after it makes it ``ươ`` (nguơ + i → nguơi
    → ngươi)."""
    bare, had = _strip_tone(word)
    if (letter.isalpha() and len(bare) >= 2 and _split(bare[-1])[:2] == ("o", "\u031b")
            and bare[-2] in "uU" and bare[-3:-2].lower() != "q"):
        bare = bare[:-2] + ("Ư" if bare[-2] == "U" else "ư") + bare[-1]
        word = apply_tone(bare, had) if had else bare
    bare, had = _strip_tone(word)
    return apply_tone(bare + letter, had) if had else word + letter


def _last_vowels(word: str) -> list[int]:
    """The positions of the word's last run of vowels (where a Telex key acts)."""
    run: list[int] = []
    for i in range(len(word) - 1, -1, -1):
        if _split(word[i])[0].lower() in _VOWEL_BASES:
            run.insert(0, i)
        elif run:
            break
    return run


def _reshape(word: str, position: int, mark: str) -> str:
    """The letter at ``position`` with shape ``mark`` ("" for none), the tone re-placed."""
    base, _shape, tone = _split(word[position])
    changed = word[:position] + _join(base, mark, tone) + word[position + 1 :]
    bare, had = _strip_tone(changed)
    return apply_tone(bare, had) if had else bare


def telex(word: str, key: str) -> str | None:
    """What Telex makes of ``key`` typed after ``word`` (the letters before the cursor
    back to a space), or None when ``key`` is just a letter to add (:func:`add_letter`).

    ``s f r x j`` put a tone (``z`` takes it off), ``aa ee oo`` give ``â ê ô``,
    ``w`` gives ``ă ơ ư`` (``uow`` → ``ươ``, a lone ``w`` → ``ư``), ``dd`` gives ``đ``;
    the same key again undoes it and types the letter (``ass`` → ``as``). Tones go where
    the dictionary puts them, whatever the order: ``Nguyeenx`` and ``Nguyeexn`` both
    give ``Nguyễn``. Upper case follows the letter changed.
    """
    lower = key.lower()
    if len(key) != 1 or not word and lower != "w":
        return None
    run = _last_vowels(word)
    if lower in TELEX_TONES or lower == "z":
        return _telex_tone(word, key, run)
    if lower == "d":
        return _telex_d(word, key, run)
    if lower in _DOUBLES:
        return _telex_double(word, key, run)
    if lower == "w":
        return _telex_w(word, key, run)
    return None


def _telex_tone(word: str, key: str, run: list[int]) -> str | None:
    bare, had = _strip_tone(word)
    if key.lower() == "z":
        return bare if had else None
    if not run:
        return None  # no vowel yet: the letter itself (s, x at the start of a word)
    tone = TELEX_TONES[key.lower()]
    if had is tone:
        return bare + key  # typed twice: the letter itself
    return apply_tone(bare, tone)


def _telex_d(word: str, key: str, run: list[int]) -> str | None:
    """dd → đ (đ only starts a syllable); ddd → dd."""
    first = word[:1]
    if first in ("d", "D") and (len(word) == 1 or run):
        return ("Đ" if first == "D" else "đ") + word[1:]
    if first in ("đ", "Đ") and len(word) == 1:
        return ("D" if first == "Đ" else "d") + key
    return None


def _telex_double(word: str, key: str, run: list[int]) -> str | None:
    """aa ee oo → â ê ô on the last plain one among the word's last vowels; when all
    have it already, the letter comes back and is typed again (aaa → aa)."""
    same = [i for i in run if _split(word[i])[0].lower() == key.lower()]
    for i in reversed(same):
        if _split(word[i])[1] != "\u0302":
            return _reshape(word, i, "\u0302")
    if same:
        return _reshape(word, same[-1], "") + key
    return None


def _telex_w(word: str, key: str, run: list[int]) -> str | None:
    """w hooks: uo → ươ (uơ at the end of a word: thuở), oa → oă, else the first of
    o u a in the last vowels (ưu, mưa, ơi; the u of qu- is a consonant); a lone w → ư;
    w on a hooked letter undoes it and types w."""
    hook = {"o": "\u031b", "u": "\u031b", "a": "\u0306"}
    letters = [(i, *_split(word[i])[:2]) for i in run]
    if run and run[0] == 1 and word[:1].lower() == "q":
        letters = letters[1:]  # qu-: the u is a consonant
    hooked = [i for i, base, shape in letters if shape == hook.get(base.lower())]
    bare = [(i, base.lower()) for i, base, shape in letters if not shape]
    for (_i, base, shape), (j, nxt, nshape) in zip(letters, letters[1:], strict=False):
        if base.lower() == "u" and shape and nxt.lower() == "o" and not nshape:
            return _reshape(word, j, hook["o"])  # ngư + o + w → ngươ
    if hooked:
        return _reshape(word, hooked[-1], "") + key  # typed twice: the w itself
    pairs = list(zip(bare, bare[1:], strict=False))
    for (i, first), (j, second) in pairs:
        if (first, second) == ("u", "o") and j == i + 1:
            ends = j == len(word) - 1
            return _reshape(word, j, hook["o"]) if ends else _reshape(
                _reshape(word, i, hook["u"]), j, hook["o"])
    for (i, first), (j, second) in pairs:
        if (first, second) == ("o", "a") and j == i + 1:
            return _reshape(word, j, hook["a"])
    for i, base in bare:
        if base in hook:
            return _reshape(word, i, hook[base])
    if not run:
        return word + ("Ư" if key == "W" else "ư")  # a lone w: ư (tw → tư)
    return None
