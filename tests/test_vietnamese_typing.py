"""A table of real Vietnamese words and names typed two ways, both giving the NFC
dictionary spelling: tapped on the on-screen keyboard (letters, then the letter-shape
key after its letter, the tone key at the end of the word), and typed on a physical
keyboard through the built-in Telex (``Nguyeenx`` → ``Nguyễn``), key events and all.

The table: all five tones (and none) on every vowel shape, qu-/gi- words, the oa/oe/uy
placements, common names, and every word of the 3,321 commune and ward names (those
the official list spells the new way, ``Hoà``, ``Thuỷ``, are expected in the dictionary
spelling ``Hòa``, ``Thủy``: the address search folds marks, so both find the ward).
"""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from vietnam_provinces import Ward

from forms import address
from forms.model import Question, QuestionType
from kiosk.core.text import Text
from ui.questions import TextQuestion, widget_for
from ui.questions.vietnamese import _split, add_letter, telex


def _words(text: str) -> list[str]:
    return text.split()


TONES = ["", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"]  # none, sắc huyền hỏi ngã nặng
# Every vowel shape with each tone, as real words.
VOWELS_BY_TONE = [
    "ba bá bà bả bã bạ", "ăn cắn cằn cẳng hẵng cặn", "tân tấn tần tẩn tẫn tận",
    "me mé mè mẻ mẽ mẹ", "bê bế bề bể bễ bệ", "bi bí bì bỉ bĩ bị", "bo bó bò bỏ bõ bọ",
    "cô cố cồ cổ cỗ cộ", "bơ bớ bờ bở bỡ bợ", "bu bú bù bủ bũ bụ",
    "thư thứ thừ thử những thự", "y ký kỳ kỷ kỹ kỵ",
]
QU_GI = _words("quà quả quý quyền quốc quanh quẹo quen quỳnh quyết giữa gì giếng già giặt giỏi "
         "giúp giường gìn giấy")
OA_OE_UY = _words("hòa hóa họa hỏa tòa khỏe xòe thủy tùy lũy khuya tuyết huỳnh uyên thuở khoảng "
            "hoàng toán ngoài xoáy nguyễn người trường rượu mười ươn khuỷu")
NAMES = _words("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Thị Văn "
         "Hồng Nhung Minh Thảo Hương Tuấn Dũng Thủy Hạnh Quỳnh Phương Đức")
NEW_STYLE = {"Hoà": "Hòa", "Hoá": "Hóa", "Thuỷ": "Thủy", "Uý": "Úy"}  # official → dictionary


def _commune_words() -> list[str]:
    words = {word for ward in Ward.iter_all() for word in ward.name.split()}
    return sorted(NEW_STYLE.get(w, w) for w in words if not w.isascii() and w.isalpha())


def _table() -> list[str]:
    words = [w for row in VOWELS_BY_TONE for w in row.split()]
    return list(dict.fromkeys(words + QU_GI + OA_OE_UY + NAMES + _commune_words()))


TABLE = _table()
_SHAPE_KEYS = {("a", "\u0302"): "â", ("a", "\u0306"): "ă", ("e", "\u0302"): "ê",
               ("o", "\u0302"): "ô", ("o", "\u031b"): "ơ", ("u", "\u031b"): "ư"}
_TELEX_SHAPES = {"\u0302": None, "\u0306": "w", "\u031b": "w"}  # None: the letter again
_TELEX_TONES = dict(zip(TONES[1:], "sfrxj", strict=True))
_TONE_KEYS = dict(zip(TONES[1:], ("sac", "huyen", "hoi", "nga", "nang"), strict=True))


def _tone(word: str) -> str:
    return next((_split(ch)[2] for ch in word if _split(ch)[2]), "")


def screen_taps(word: str) -> list[str]:
    """The on-screen keys for ``word``: each letter (shift before a capital), its shape
    key right after it, the tone key last."""
    keys: list[str] = []
    for ch in word:
        base, shape, _tone_mark = _split(ch)
        if base.isupper():
            keys.append("shift")
        if ch in "đĐ":
            keys += ["d", "đ"]
            continue
        keys.append(base.lower())
        if shape:
            keys.append(_SHAPE_KEYS[base.lower(), shape])
    tone = _tone(word)
    return keys + ([f"tone:{_TONE_KEYS[tone]}"] if tone else [])


def _bare(text: str) -> str:
    return "".join("d" if c in "đĐ" else _split(c)[0].lower() for c in text)


def telex_keys(word: str) -> str:
    """What a Telex typist types for ``word``: ``Nguyễn`` → ``Nguyeenx``. A letter the
    rules take as a command (the r of ``Cuôr``, the second o of ``Boòng``) is typed
    again, as Telex wants ("again" gives the letter itself)."""
    plan: list[tuple[str, bool]] = []  # (key, a letter of the word rather than a command)
    for ch in word:
        base, shape, _tone_mark = _split(ch)
        if ch in "đĐ":
            plan += [(ch.replace("đ", "d").replace("Đ", "D"), True), ("d", False)]
            continue
        plan.append((base, True))
        if shape:
            extra = _TELEX_SHAPES[shape]
            key = base if extra is None else (extra.upper() if base.isupper() else extra)
            plan.append((key, False))
    tone = _tone(word)
    plan += [(_TELEX_TONES[tone], False)] if tone else []
    typed, letters = "", 0
    for key, letter in plan:
        typed += key
        letters += letter
        if letter and _bare(_type(typed)) != _bare(word)[:letters]:
            typed += key
        elif not letter and key not in _TELEX_TONES.values() and _untoned(
                _type(typed)) != _untoned(word[:letters]):
            typed += key  # a second shape in a row (Dêê): the key once more
    return typed


def _untoned(text: str) -> str:
    return "".join(unicodedata.normalize("NFC", "".join(_split(c)[:2])) for c in text)


def _type(keys: str) -> str:
    word = ""
    for key in keys:
        changed = telex(word, key)
        word = changed if changed is not None else add_letter(word, key)
    return word


def test_the_table_covers_what_the_issue_asks() -> None:
    assert len(TABLE) >= 200
    shapes_tones = {(_split(ch)[0].lower(), _split(ch)[1], _tone(w))
                    for w in TABLE for ch in w if _split(ch)[0].lower() in "aeiouy"}
    for base, shape in [("a", ""), ("a", "\u0306"), ("a", "\u0302"), ("e", ""), ("e", "\u0302"),
                        ("i", ""), ("o", ""), ("o", "\u0302"), ("o", "\u031b"), ("u", ""),
                        ("u", "\u031b"), ("y", "")]:
        for tone in TONES:
            assert (base, shape, tone) in shapes_tones, (base, shape, tone)
    assert telex_keys("Nguyễn") == "Nguyeenx" and telex_keys("người") == "nguwowif"
    assert screen_taps("Đặng") == ["shift", "d", "đ", "a", "ă", "n", "g", "tone:nang"]


def _field(qtbot: Any) -> TextQuestion:
    question = Question("full_name", QuestionType.TEXT, Text("Họ và tên", "Full name"))
    widget = widget_for(question, "vi", keyboard=True)
    assert isinstance(widget, TextQuestion) and widget.keyboard is not None
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_every_word_tapped_on_the_screen_keys_is_spelled_right(qtbot: Any) -> None:
    widget = _field(qtbot)
    keys = widget.keyboard.keys  # type: ignore[union-attr]
    wrong = []
    for word in TABLE:
        widget.edit.clear()
        for key in screen_taps(word):
            qtbot.mouseClick(keys[key], Qt.MouseButton.LeftButton)
        typed = widget.edit.text()
        if typed != unicodedata.normalize("NFC", word) or not unicodedata.is_normalized(
                "NFC", typed):
            wrong.append((word, typed))
    assert not wrong, wrong[:20]


def test_every_word_typed_in_telex_on_a_physical_keyboard_is_spelled_right(qtbot: Any) -> None:
    widget = _field(qtbot)
    widget.edit.setFocus()
    wrong = []
    for word in TABLE:
        widget.edit.clear()
        QTest.keyClicks(widget.edit, telex_keys(word))
        typed = widget.edit.text()
        if typed != unicodedata.normalize("NFC", word) or not unicodedata.is_normalized(
                "NFC", typed):
            wrong.append((word, telex_keys(word), typed))
    assert not wrong, wrong[:20]


@pytest.mark.parametrize(("keys", "expected"), [
    ("Nguyeenx Thij Hoaf", "Nguyễn Thị Hòa"),
    ("Nguyeexn", "Nguyễn"),  # the tone before the last letter: moved where it belongs
    ("hoafn", "hoàn"),
    ("tranaf", "trần"),  # the shape key after the final consonant
    ("nguoiwf", "người"),  # one w hooks both u and o
    ("tw", "tư"),  # a lone w
    ("ass", "as"), ("aaa", "aa"), ("ddd", "dd"), ("uww", "uw"),  # twice: the letter itself
    ("hoafz", "hoa"),  # z takes the tone off
    ("NGUYEENX", "NGUYỄN"),
    ("xin sao", "xin sao"),  # s and x starting a word are letters
])
def test_telex_rules_a_typist_relies_on(qtbot: Any, keys: str, expected: str) -> None:
    widget = _field(qtbot)
    QTest.keyClicks(widget.edit, keys)
    assert widget.edit.text() == expected


def test_keys_an_input_method_already_made_pass_through(qtbot: Any) -> None:
    """Unikey or IBus send finished letters: kept as they come; Ctrl keys are not letters;
    typing over a selection replaces it as usual."""
    widget = _field(qtbot)
    for letter in "Nguyễn":  # as an input method sends them: key events carrying the letter
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget.edit, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                          letter))
    assert widget.edit.text() == "Nguyễn"
    QTest.keyClick(widget.edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert widget.edit.text() == "Nguyễn"
    widget.edit.selectAll()
    QTest.keyClicks(widget.edit, "as")
    assert widget.edit.text() == "á"


def test_the_new_style_official_spellings_are_found_by_the_dictionary_spelling() -> None:
    for new, old in NEW_STYLE.items():
        wards = [w for w in Ward.iter_all() if new in w.name.split()]
        assert wards, new
        found = address.search_wards(None, wards[0].name.replace(new, old))
        assert any(w.name == wards[0].name for w in found), (new, old)
