"""Papers question: a checklist of the procedure's papers, one big row each (GUI thread).

The resident ticks the papers they have with them (thành phần hồ sơ). The
papers are the procedure's, copied onto ``question.papers`` by the loader;
:func:`ui.questions.widget_for` passes them (or an override). ``value()`` is the list of ticked paper ids in the
procedure's order, ``None`` when none is ticked.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from forms.model import Paper, Question
from kiosk.core.text import Text
from ui.questions.base import QuestionWidget
from ui.questions.toggle import CHECK_MARKS, BigToggle

NO_PAPERS = Text("Thủ tục này không cần giấy tờ.", "This procedure needs no papers.")


class PapersQuestion(QuestionWidget):
    """Large check rows, one per paper of the procedure."""

    def __init__(
        self,
        question: Question,
        lang: str,
        papers: Sequence[Paper],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(question, lang, parent)
        self.papers = tuple(papers)
        self.rows: list[BigToggle] = []
        box = QVBoxLayout()
        box.setSpacing(12)
        for paper in self.papers:
            row = BigToggle(paper.listed(lang), self, marks=CHECK_MARKS)
            row.setObjectName(f"paper-{paper.id}")
            row.set_width(560)
            row.setAccessibleDescription(self.title())
            row.clicked.connect(lambda _checked: self._emit_changed())
            box.addWidget(row)
            self.rows.append(row)
        if not self.papers:
            box.addWidget(QLabel(NO_PAPERS(lang), self))
        self._layout.addLayout(box)
        self._layout.addStretch(1)

    # -- the contract ----------------------------------------------------------
    def value(self) -> list[str] | None:
        ticked = [paper.id for paper, row in zip(self.papers, self.rows, strict=True)
                  if row.isChecked()]
        return ticked or None

    def set_value(self, value: Any) -> None:
        wanted = set(value) if isinstance(value, list | tuple | set) else set()
        for paper, row in zip(self.papers, self.rows, strict=True):
            row.setChecked(paper.id in wanted)
        self._emit_changed()

    def clear(self) -> None:
        for row in self.rows:
            row.setChecked(False)
        self.set_error(None)

    def focus_input(self) -> None:
        """Focus the checklist itself, not its first row (which would look ticked)."""
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def inputs(self) -> list[QWidget]:
        return list(self.rows)
