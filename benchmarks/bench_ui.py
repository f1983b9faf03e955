"""UI shell benchmarks: cold start vs a bare PySide6 window, page changes, commune filtering.

* ``ui.cold_start_kiosk_ms`` / ``ui.cold_start_bare_ms``: process start to the
  first paint, median of 7 fresh processes each, measured side by side:
  ``kiosk run --smoke`` (demo: context, embedded sandbox, catalogue, theme,
  every screen built) against a script that shows one QLabel in a QWidget.
  ``ui.cold_start_ratio`` is their quotient (target <= 1.5).
* ``ui.page_change_median``: one tap on "Tiếp tục" with a valid answer in the
  real window, to the next question page laid out and painted (every page of
  every procedure's example journey).
* ``ui.commune_filter_keystroke_median``: one key typed into the commune filter
  of the address question inside the real question page, to the list repainted.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from tempfile import TemporaryDirectory

from benchmarks import Result

ROOT = Path(__file__).resolve().parents[1]
RUNS = 7

BARE = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget
from ui.startup import elapsed_ms
app = QApplication(sys.argv[:1])
window = QWidget(); QVBoxLayout(window).addWidget(QLabel("Bắt đầu"))
class First(QObject):
    seen = False
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not self.seen:
            self.seen = True
            QTimer.singleShot(0, lambda: (print(f"startup_ms={elapsed_ms()}", flush=True), app.quit()))
        return False
first = First(); window.installEventFilter(first)
window.resize(1280, 860); window.show(); app.exec()
"""


def _startup_ms(command: list[str], home: Path) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_HOME": str(home)}
    env.pop("KIOSK_CONFIG", None)
    run = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    for line in run.stdout.splitlines():
        if line.startswith("startup_ms="):
            return float(line.split("=", 1)[1])
    raise RuntimeError(f"no startup_ms from {command}: {run.stderr[-500:]}")


def cold_start() -> list[Result]:
    kiosk, bare = [], []
    with TemporaryDirectory() as tmp:
        for _ in range(RUNS):  # interleaved, so both see the same machine state
            bare.append(_startup_ms([sys.executable, "-c", BARE], Path(tmp)))
            kiosk.append(_startup_ms([sys.executable, "-m", "kiosk", "run", "--smoke"], Path(tmp)))
    k, b = statistics.median(kiosk), statistics.median(bare)
    return [
        Result("ui.cold_start_kiosk_ms", k, "ms"),
        Result("ui.cold_start_bare_ms", b, "ms"),
        Result("ui.cold_start_ratio", k / b, "ratio", "<= 1.5", k / b <= 1.5),
    ]


def in_window() -> list[Result]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from kiosk.config import Config
    from kiosk.context import build
    from kiosk.core.mode import Mode
    from ui.app import KioskWindow
    from ui.commands.run import close_context
    from ui.theme import apply_theme

    app = QApplication.instance() or QApplication(["bench-ui"])
    apply_theme(app)
    ctx = build(Config(), Mode.DEMO)
    window = KioskWindow.for_context(ctx, idle_ms=3_600_000)
    window.resize(1280, 860)
    window.show()
    try:
        pages = _page_changes(window)
        keys = _commune_keystrokes(window)
    finally:
        window.shutdown()
        close_context(ctx)
    return [
        Result("ui.page_change_median", statistics.median(pages), "ms", "<= 50 ms",
               statistics.median(pages) <= 50),
        Result("ui.page_change_p95", _p95(pages), "ms"),
        Result("ui.commune_filter_keystroke_median", statistics.median(keys), "ms", "<= 16 ms",
               statistics.median(keys) <= 16),
    ]


def _p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(len(values) * 0.95) - 1)]


def _page_changes(window) -> list[float]:  # type: ignore[no-untyped-def]
    from ui.driver import Driver, settle

    timings: list[float] = []
    for procedure in window.ctx.catalogue.procedures:
        driver = Driver(window)
        driver.start_procedure(procedure.slug)
        while driver.screen == "question":
            page = window.screens["question"]
            page.widget.set_value(procedure.example.get(driver.current_question()))
            settle()
            start = time.perf_counter()
            driver.tap("continue")
            window.current().repaint()  # the next page painted, not just queued
            timings.append((time.perf_counter() - start) * 1000)
        window.wipe_session()
    return timings


def _commune_keystrokes(window) -> list[float]:  # type: ignore[no-untyped-def]
    from PySide6.QtTest import QTest

    from ui.driver import Driver, settle, wait_until

    driver = Driver(window)
    driver.start_procedure("temporary_residence")
    example = window.ctx.catalogue.get("temporary_residence").example
    while driver.current_question() != "temporary_address":
        driver.answer(example.get(driver.current_question()))
    widget = window.screens["question"].widget
    wait_until(widget.is_ready, 30, "the address data")
    widget.set_value({"province_code": "79", "ward_code": "", "street": ""})
    settle()
    edit, view = widget.wards.filter, widget.wards
    timings: list[float] = []
    for query in ("phuong", "thu duc", "binh", "tan", "an", "long"):
        for letter in query:
            start = time.perf_counter()
            QTest.keyClick(edit, letter)
            view.repaint()
            timings.append((time.perf_counter() - start) * 1000)
        edit.setText("")
        settle()
    window.wipe_session()
    return timings


def run() -> list[Result]:
    return cold_start() + in_window()
