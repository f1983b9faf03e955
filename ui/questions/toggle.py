"""A big toggle button whose label wraps: the row used by choice, yes/no and papers.

GUI thread only. ``QPushButton`` cannot wrap its text, and choice or paper
labels are often a long Vietnamese sentence, so the button holds a mark
(○/● for one-of, ☐/☑ for a checklist) and a word-wrapped label; both let
clicks through to the button. The button's height follows the label's
height for the width it gets.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from ui.questions.base import TARGET_PX, big_font, set_role
from ui.theme import repolish

RADIO_MARKS = ("○", "●")
CHECK_MARKS = ("☐", "☑")


class BigToggle(QPushButton):
    """A checkable row: a mark and a wrapping label; ``text()`` stays empty."""

    def __init__(
        self,
        label: str,
        parent: QWidget | None = None,
        *,
        marks: tuple[str, str] = RADIO_MARKS,
        role: str = "choice",
        px: int = 28,
    ) -> None:
        super().__init__(parent)
        self._marks = marks
        self._width = 0
        set_role(self, role)
        self.setCheckable(True)
        self.setAccessibleName(label)
        self.mark = QLabel(marks[0], self)
        self.mark.setObjectName("toggle-mark")
        big_font(self.mark, px + 8, bold=True)
        self.label = QLabel(label, self)
        self.label.setObjectName("toggle-label")
        self.label.setWordWrap(True)
        big_font(self.label, px)
        for child in (self.mark, self.label):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            child.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        row = QHBoxLayout(self)
        row.setContentsMargins(20, 12, 20, 12)
        row.setSpacing(16)
        row.addWidget(self.mark, 0)
        row.addWidget(self.label, 1)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setMinimumHeight(TARGET_PX + 16)
        self.toggled.connect(self._show_state)

    def _show_state(self, checked: bool) -> None:
        self.mark.setText(self._marks[1] if checked else self._marks[0])
        for child in (self.mark, self.label):
            child.setProperty("on", checked)
            repolish(child)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt name)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt name)
        layout = self.layout()
        wanted = layout.totalHeightForWidth(width) if layout is not None else 0
        return max(wanted, TARGET_PX + 16)

    def set_width(self, width: int) -> None:
        """The width this row asks for (the theme's min-width would otherwise win)."""
        self._width = width
        self.updateGeometry()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        layout = self.layout()
        hint = layout.totalSizeHint() if layout is not None else super().sizeHint()
        return QSize(max(hint.width(), self._width), max(hint.height(), TARGET_PX + 16))
