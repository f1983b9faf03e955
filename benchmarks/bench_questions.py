"""Commune filtering per keystroke through the real address widget (target one frame).

Types ``phuong thanh xuan``-style queries one key at a time into the commune
filter of an :class:`~ui.questions.address.AddressQuestion` (Thành phố Hồ Chí
Minh, the province with the most communes: 168), and times each keystroke from
the key event to the list view's repaint, both done synchronously. Also times
the same search across all 3,321 communes (no province chosen) without Qt,
and the time to build, show and paint one widget of each question type.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks questions
"""

from __future__ import annotations

import os
import statistics
import time

from benchmarks import Result

QUERIES = ("phuong ben thanh", "xa tan nhut", "an lac", "phu my", "thanh my tay",
           "binh chanh", "can gio", "long phuoc")
FRAME_MS = 16.0


def _keystroke_ms(widget: object, queries: tuple[str, ...]) -> list[float]:
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    picker = widget.wards  # type: ignore[attr-defined]
    times: list[float] = []
    for query in queries:
        picker.reset()
        everything = picker.model.rowCount()
        for index, ch in enumerate(query + "\b" * 3):  # type the query, then three backspaces
            key = Qt.Key.Key_Backspace if ch == "\b" else Qt.Key.Key_unknown
            text = "" if ch == "\b" else ch
            start = time.perf_counter()
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(picker.filter, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text))
            picker.view.viewport().repaint()
            times.append((time.perf_counter() - start) * 1000)
            if index == len(query) - 1 and not 0 < picker.model.rowCount() < everything:
                raise RuntimeError(f"the filter did not narrow the list for {query!r}")
    return times


def run() -> list[Result]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from forms import address
    from forms.model import Question, QuestionType
    from kiosk.core.text import Text
    from ui.questions.address import AddressQuestion
    from ui.questions.places import Place
    from ui.theme import apply_theme

    app = QApplication.instance() or QApplication([])
    apply_theme(app)  # type: ignore[arg-type]
    question = Question("home", QuestionType.ADDRESS, Text("Địa chỉ", "Address"))
    widget = AddressQuestion(question, "vi")
    widget.resize(1280, 1000)
    widget.show()
    if not widget.is_ready():  # one event loop, not a processEvents() busy loop
        loop = QEventLoop()
        widget.ready.connect(loop.quit)
        loop.exec()
    hcm = next(p for p in address.provinces() if p.code == "79")
    widget._choose_province(Place(hcm.code, hcm.name))  # as a tap on the province row does
    app.processEvents()
    _keystroke_ms(widget, QUERIES[:2])  # warm up
    times = sorted(_keystroke_ms(widget, QUERIES))
    p95 = times[int(len(times) * 0.95) - 1]
    median = statistics.median(times)

    all_times = []
    for query in QUERIES:
        for end in range(1, len(query) + 1):
            start = time.perf_counter()
            address.search_wards(None, query[:end])
            all_times.append((time.perf_counter() - start) * 1000)
    widget.close()
    widget.deleteLater()
    app.processEvents()
    build = _build_ms(app)
    return [
        Result("questions.commune_filter_keystroke_median", median, "ms",
               f"<= {FRAME_MS:.0f} ms", median <= FRAME_MS),
        Result("questions.commune_filter_keystroke_p95", p95, "ms"),
        Result("questions.search_all_3321_median", statistics.median(all_times), "ms"),
        *(Result(f"questions.build_{kind}_median", ms, "ms") for kind, ms in build.items()),
    ]


def _build_ms(app: object) -> dict[str, float]:
    """Median time to make, show and paint one widget of each type in the real catalogue
    (with the on-screen keyboard, as the question page makes them)."""
    from forms.loader import load_catalogue
    from ui.questions import widget_for

    samples = {}
    for procedure in load_catalogue().procedures:
        for question in procedure.questions:
            samples.setdefault(question.type.value, (procedure, question))
    result = {}
    for kind, (procedure, question) in sorted(samples.items()):
        times = []
        for _ in range(7):
            start = time.perf_counter()
            widget = widget_for(question, "vi", procedure=procedure, keyboard=True)
            widget.resize(1280, 900)
            widget.show()
            widget.grab()
            times.append((time.perf_counter() - start) * 1000)
            widget.close()
            widget.deleteLater()
        result[kind] = statistics.median(times)
    app.processEvents()  # type: ignore[attr-defined]
    return result
