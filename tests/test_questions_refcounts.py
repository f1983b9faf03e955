"""Using a question widget must not drain the interpreter's None / True references.

PySide6 6.12.0 on CPython 3.11 loses one reference to ``None`` on every call of
a void Qt method (``setText``, ``show``...) and one to ``True`` on every
``Signal.emit`` from Python (CPython < 3.12 still counts references to them).
After a few hundred emits (``True`` starts near 600 references) the
interpreter aborts: "Fatal Python error: bool_dealloc / none_dealloc".
PySide6 6.11.3 does not. The test is an expected failure on 6.12.0 only, so it
fails loudly again if a later version regresses.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

import PySide6
import pytest
from PySide6.QtCore import Qt

from forms.model import Question, QuestionType
from kiosk.core.text import Text
from ui.questions import DigitsQuestion, widget_for

BROKEN = PySide6.__version__ == "6.12.0" and sys.version_info < (3, 12)


def _give_back(obj: object, lost: int) -> None:
    for _ in range(max(lost, 0)):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(obj))


@pytest.mark.xfail(BROKEN, reason="PySide6 6.12.0 drops references to None/True on CPython 3.11",
                   strict=True)
def test_typing_on_the_keypad_keeps_none_and_true_alive(qtbot: Any) -> None:
    question = Question("phone", QuestionType.PHONE, Text("Số điện thoại", "Phone"))
    widget = widget_for(question, "vi")
    assert isinstance(widget, DigitsQuestion)
    qtbot.addWidget(widget)
    widget.show()
    before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(3):
        for key in ("0", "9", "backspace", "backspace"):
            widget.keypad.keys[key].click()
    after = sys.getrefcount(None), sys.getrefcount(True)
    _give_back(None, before[0] - after[0])  # so this test does not bring the abort closer
    _give_back(True, before[1] - after[1])
    # a few references may come and go with caches; 12 taps must not cost 12+
    assert before[0] - after[0] < 6, f"None lost {before[0] - after[0]} references"
    assert before[1] - after[1] < 6, f"True lost {before[1] - after[1]} references"
    assert widget.value() is None
    qtbot.mouseClick(widget.keypad.keys["0"], Qt.MouseButton.LeftButton)
    assert widget.value() == "0"
