"""Printing widgets: the resident's print panel, and the wording of printer trouble.

:class:`PrintPanel` runs one print job (a receipt through the context's
:class:`printing.service.PrintService`) and says what happened in words a
resident understands ("Máy in đang hết giấy – bác nhờ tình nguyện viên hỗ
trợ"); a receipt that did not print is already in the reprint list, which
volunteers work through on ``ui.screens.volunteer``.

GUI thread only. Printing runs through ``ui.background.run_in_background``;
nothing here prints on the GUI thread or ever reprints by itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.text import Text
from printing.backends.base import PrinterStatus, PrintOutcome
from ui.background import run_in_background
from ui.theme import Role, repolish, set_role

log = logging.getLogger(__name__)

PRINTING = Text("Đang in biên nhận, bác chờ một chút…", "Printing your receipt, please wait…")
PROBLEM = Text("Chưa in được biên nhận", "The receipt could not be printed")


def _label(role: Role, name: str = "") -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if name:
        label.setObjectName(name)
    set_role(label, role)
    return label


class PrintPanel(QWidget):
    """Prints one receipt and tells the resident the outcome (``finished`` carries it)."""

    finished = Signal(object)  # PrintOutcome

    def __init__(self, lang: str = "vi", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.outcome: PrintOutcome | None = None
        # The frame carries the role (panel / error: a coloured bar on the left);
        # the labels inside stay plain so the bar never covers their first letters.
        self.box = QFrame()
        self.box.setObjectName("print-box")
        set_role(self.box, Role.PANEL)
        inner = QVBoxLayout(self.box)
        inner.setContentsMargins(32, 16, 16, 16)
        self.heading = _label(Role.HEADING, "print-heading")
        self.message = QLabel()
        self.message.setObjectName("print-message")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        inner.addWidget(self.heading)
        inner.addWidget(self.message)
        QVBoxLayout(self).addWidget(self.box)
        self.heading.hide()
        self.box.hide()

    @property
    def busy(self) -> bool:
        return self.box.isVisible() and self.outcome is None

    def print(self, job: Callable[[], PrintOutcome]) -> None:
        """Run ``job`` (blocking: wording and printing a receipt) on a worker; say the outcome."""
        self.outcome = None
        self.heading.hide()
        self._say(PRINTING(self.lang), Role.PANEL)
        run_in_background(job, self.show_outcome, self._failed, owner=self)

    def show_outcome(self, outcome: PrintOutcome) -> None:
        self.outcome = outcome
        if outcome.ok:
            self.heading.hide()
            self._say(outcome.message(self.lang), Role.PANEL)
        else:
            self.heading.setText(PROBLEM(self.lang))
            self.heading.show()
            self._say(outcome.message(self.lang), Role.ERROR)
        self.finished.emit(outcome)

    def _failed(self, exc: BaseException) -> None:
        log.warning("print panel: %s", type(exc).__name__)
        self.show_outcome(PrintOutcome(PrinterStatus.ERROR, type(exc).__name__))

    def _say(self, text: str, role: Role) -> None:
        self.message.setText(text)
        self.message.setAccessibleName(text)
        set_role(self.box, role)
        for label in (self.heading, self.message):  # children follow the frame's new role
            repolish(label)
        self.box.show()
