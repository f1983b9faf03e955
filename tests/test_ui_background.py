"""run_in_background: work on a worker thread, outcome delivered on the GUI thread."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject

from ui.background import pending, run_in_background


def test_result_arrives_on_the_gui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    gui = threading.get_ident()
    seen: dict[str, object] = {}

    def work() -> int:
        seen["worker"] = threading.get_ident()
        return 42

    def done(value: object) -> None:
        seen["value"] = value
        seen["callback"] = threading.get_ident()

    run_in_background(work, done)
    qtbot.waitUntil(lambda: "value" in seen)
    assert seen["value"] == 42
    assert seen["worker"] != gui
    assert seen["callback"] == gui


def test_exception_goes_to_on_error_on_the_gui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    errors: list[tuple[BaseException, int]] = []

    def work() -> None:
        raise ValueError("boom")

    run_in_background(work, lambda _: None, lambda e: errors.append((e, threading.get_ident())))
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0][0], ValueError)
    assert errors[0][1] == threading.get_ident()


def test_destroyed_owner_drops_the_result(qtbot) -> None:  # type: ignore[no-untyped-def]
    gate = threading.Event()
    got: list[object] = []
    owner = QObject()
    run_in_background(lambda: gate.wait(5) and "late", got.append, owner=owner)
    owner.deleteLater()
    qtbot.waitUntil(lambda: _deleted(owner))
    gate.set()
    qtbot.waitUntil(lambda: pending() == 0)
    assert got == []


def _deleted(obj: QObject) -> bool:
    try:
        obj.objectName()
    except RuntimeError:
        return True
    return False
