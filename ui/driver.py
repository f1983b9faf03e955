"""Drive the real kiosk window as a resident would: taps on real buttons (GUI thread).

Used by ``kiosk tour``, the GUI tests and the UI benchmark. Every step is a
mouse click on the button a resident would tap (``QTest.mouseClick``) or a
value put into the real question widget through its ``set_value``; nothing
calls the flow runner behind the window's back.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton

from ui.app import KioskWindow
from ui.screens.base import Screen
from ui.screens.question import QuestionScreen

S = TypeVar("S", bound=Screen)


class DriveError(RuntimeError):
    """The journey could not go on (a page refused an example answer, a timeout...)."""


def settle(ms: int = 0) -> None:
    """Let queued events, layouts and deferred deletions run."""
    app = QApplication.instance()
    deadline = time.monotonic() + ms / 1000
    while True:
        app.processEvents() if app is not None else None
        QApplication.sendPostedEvents(None, 0)
        if time.monotonic() >= deadline:
            return
        time.sleep(0.005)


def wait_until(condition: Callable[[], bool], timeout_s: float = 30.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise DriveError(f"timed out waiting for {what or 'a condition'}")
        QTest.qWait(10)


class Driver:
    def __init__(self, window: KioskWindow) -> None:
        self.window = window

    @property
    def screen(self) -> str:
        return self.window.current().name

    def page(self, kind: type[S]) -> S:
        """The window's page of this class (built if need be), typed for the caller."""
        page = self.window.page(kind.name)
        assert isinstance(page, kind)
        return page

    def button(self, name: str) -> QPushButton:
        """The visible button called ``name``: on the current screen, the overlay, the top bar."""
        for attempt in range(2):
            if attempt:
                settle()  # widgets just added to a layout are shown by a queued call
            for root in (self.window.current(), self.window.overlay, self.window):
                for button in root.findChildren(QPushButton, name):
                    if button.isVisibleTo(self.window):
                        return button
        raise DriveError(f"no button {name!r} on screen {self.screen!r}")

    def tap(self, name_or_button: str | QPushButton) -> None:
        button = (self.button(name_or_button) if isinstance(name_or_button, str)
                  else name_or_button)
        if not button.isEnabled():
            raise DriveError(f"button {button.objectName()!r} is disabled")
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        settle()

    def expect(self, screen: str) -> None:
        if self.screen != screen:
            raise DriveError(f"expected screen {screen!r}, on {self.screen!r}")

    # -- the journey --------------------------------------------------------
    def start_procedure(self, code_or_slug: str) -> None:
        """From the welcome screen to the first question."""
        self.expect("welcome")
        self.tap("start")
        self.tap("continue-without-login")
        procedure = self.window.context.catalogue.get(code_or_slug)
        self.tap(f"tile-{procedure.slug}")
        self.expect("before")
        self.tap("start-application")

    def answer(self, value: Any) -> str | None:
        """Put ``value`` in the current question's widget, tap Continue; the error shown, if any."""
        self.expect("question")
        page = self.page(QuestionScreen)
        widget = page.widget
        if widget is None:  # an answer from the login, shown and not changed: go on
            self.tap("continue")
            return None
        wait_until(widget.is_ready, what="the question's data to load")
        if value is not None:
            widget.set_value(value)
        self.tap("continue")
        if self.screen == "question" and page.widget is widget:
            return widget.error() or "not accepted"
        return None

    def current_question(self) -> str | None:
        session = self.window.session
        question = session.flow.current if session is not None else None
        return question.id if question is not None else None

    def answer_all(self, example: Mapping[str, Any],
                   each: Callable[[str], None] | None = None) -> None:
        """Answer every question on the way from the example until the review."""
        guard = 0
        while self.screen == "question":
            qid = self.current_question()
            assert qid is not None
            if each is not None:
                each(qid)
            error = self.answer(example.get(qid))
            if error is not None:
                raise DriveError(f"question {qid!r} refused the example answer: {error}")
            guard += 1
            if guard > 100:
                raise DriveError("more than 100 question pages")
        self.expect("review")

    def complete_review(self, example: Mapping[str, Any]) -> None:
        """Confirm the declaration (no sending); how the result comes back was a question."""
        self.expect("review")
        declaration = self.button("declaration")
        if not declaration.isChecked():
            self.tap(declaration)

    def send(self, timeout_s: float = 30.0) -> None:
        self.tap("send")
        wait_until(lambda: self.screen == "confirmation", timeout_s, "the confirmation page")
