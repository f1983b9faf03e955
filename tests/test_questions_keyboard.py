"""The on-screen letter keyboard and its Vietnamese tone / letter-shape rules."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from forms.model import Question, QuestionType
from kiosk.core.text import Text
from ui.questions import TextQuestion, widget_for
from ui.questions.vietnamese import Tone, apply_shape, apply_tone, tone_position


@pytest.mark.parametrize(
    ("word", "tone", "expected"),
    [
        ("hoa", Tone.HUYEN, "hòa"),  # as in the official names: Bình Hòa
        ("toan", Tone.SAC, "toán"),
        ("hoang", Tone.HUYEN, "hoàng"),
        ("thuy", Tone.HOI, "thủy"),
        ("quang", Tone.HOI, "quảng"),  # qu- is a consonant
        ("giua", Tone.NGA, "giũa"),  # gi- is a consonant
        ("ngoai", Tone.HUYEN, "ngoài"),
        ("nguyên", Tone.NGA, "nguyễn"),  # the shaped vowel takes the tone
        ("hương", Tone.SAC, "hướng"),  # ươ: on ơ
        ("hòa", Tone.SAC, "hóa"),  # a new tone replaces the old
        ("hòa", Tone.HUYEN, "hoa"),  # the same tone again removes it
        ("xyz", Tone.NANG, "xỵz"),
        ("bcd", Tone.SAC, "bcd"),  # no vowel: unchanged
    ],
)
def test_apply_tone(word: str, tone: Tone, expected: str) -> None:
    assert apply_tone(word, tone) == expected


@pytest.mark.parametrize(
    ("word", "key", "expected"),
    [
        ("tran", "â", "trân"),
        ("nguyen", "ê", "nguyên"),
        ("tóan", "â", "toấn"),  # the tone moves to the new ê/â
        ("huong", "ơ", "huơng"),
        ("huơng", "ư", "hương"),
        ("dung", "đ", "đung"),
        ("Dung", "đ", "Đung"),
        ("bcd", "ê", None),  # nothing to change: the keyboard types the letter instead
    ],
)
def test_apply_shape(word: str, key: str, expected: str | None) -> None:
    assert apply_shape(word, key) == expected


def test_tone_position_none_without_vowel() -> None:
    assert tone_position("ngh") is None


def make(qtbot: Any, lang: str = "vi") -> TextQuestion:
    question = Question("full_name", QuestionType.NAME, Text("Họ và tên", "Full name"))
    widget = widget_for(question, lang, keyboard=True)
    assert isinstance(widget, TextQuestion)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def tap(qtbot: Any, widget: TextQuestion, *keys: str) -> None:
    assert widget.keyboard is not None
    for key in keys:
        qtbot.mouseClick(widget.keyboard.keys[key], Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]


def test_keyboard_types_a_vietnamese_name(qtbot: Any) -> None:
    widget = make(qtbot)
    with qtbot.waitSignal(widget.changed):
        tap(qtbot, widget, "shift", *"nguyen", "ê", "tone:nga", "space")
    tap(qtbot, widget, "shift", *"thi", "tone:nang", "space", "shift", *"hoa", "tone:huyen")
    assert widget.value() == "Nguyễn Thị Hòa"
    tap(qtbot, widget, "backspace")
    assert widget.value() == "Nguyễn Thị Hò"


def test_keyboard_letter_shape_without_a_match_types_the_letter(qtbot: Any) -> None:
    widget = make(qtbot, "en")
    tap(qtbot, widget, "đ", *"inh")
    assert widget.value() == "đinh"


def test_keyboard_keys_do_not_take_focus_and_are_big(qtbot: Any) -> None:
    widget = make(qtbot)
    assert widget.keyboard is not None
    for button in widget.keyboard.keys.values():  # type: ignore[attr-defined]
        assert button.focusPolicy() == Qt.FocusPolicy.NoFocus
        assert button.width() >= 64 and button.height() >= 64
        assert button.accessibleName()
