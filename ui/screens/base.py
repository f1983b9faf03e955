"""What every screen shares: translated labels, a scrolling body, a fixed action bar.

A :class:`Screen` is one page of the kiosk (GUI thread only). It registers its
fixed wording with :meth:`Screen.text` so a language or text-size switch
re-renders it (:meth:`retranslate`), fills its changing parts in
:meth:`refresh`, and forgets everything personal in :meth:`wipe`.

Layout (GOV.UK question-page spirit): the content scrolls, the action bar stays
at the bottom with "Quay lại" always on the left and the one primary action
always on the right.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.text import Text
from ui.theme import Role, set_role, sizes

if TYPE_CHECKING:
    from ui.shell import ScreenName, Shell

# Lines of text stay readable on a wide screen (GOV.UK: about two thirds of 1920 px).
MAX_WIDTH = 1320
MAX_WIDTH_LARGE = 1520


def make_label(role: Role | None = None, parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if role is not None:
        set_role(label, role)
    return label


def make_button(role: Role, name: str, parent: QWidget | None = None) -> QPushButton:
    """A button with a style role and a stable object name (tests and the tour find it)."""
    button = QPushButton(parent)
    button.setObjectName(name)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    # A tap must not leave the yellow keyboard-focus style behind; Tab still reaches it.
    button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    set_role(button, role)
    return button


def clear_layout(layout: QLayout) -> None:
    """Destroy every widget in ``layout`` (wiping: nothing personal survives hidden)."""
    while (item := layout.takeAt(0)) is not None:
        widget = item.widget()
        inner = item.layout()
        if widget is not None:
            widget.hide()
            widget.setParent(None)
            widget.deleteLater()
        elif inner is not None:
            clear_layout(inner)


class _Centre(QWidget):
    """Holds one widget, full width up to its maximum, then centred with even margins."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.inner = widget
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.addWidget(widget)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        side = max(0, (event.size().width() - self.inner.maximumWidth()) // 2)
        self.row.setContentsMargins(side, 0, side, 0)
        super().resizeEvent(event)


def _centred(widget: QWidget) -> QWidget:
    return _Centre(widget)


class Screen(QWidget):
    """One kiosk page. Subclasses set ``name`` and build their widgets in ``__init__``."""

    name: ClassVar[ScreenName]

    def __init__(self, shell: Shell) -> None:
        super().__init__()
        self.shell = shell
        self.setObjectName("page")
        self._texts: list[tuple[QWidget, Text, dict[str, object]]] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content = QWidget()
        self.body = QVBoxLayout(content)
        self.scroll_area.setWidget(_centred(content))
        outer.addWidget(self.scroll_area, 1)
        self.action_bar = QWidget()
        self.action_row = QHBoxLayout(self.action_bar)
        outer.addWidget(_centred(self.action_bar))
        self.content = content
        self.apply_sizes()

    def place_actions(self, back: QWidget, primary: QWidget | None = None) -> None:
        """The action bar: the way back (or out) on the left, the page's one primary action on the
        right, in the same place on every page."""
        self.action_row.addWidget(back)
        self.action_row.addStretch(1)
        if primary is not None:
            self.action_row.addWidget(primary)

    # -- wording -----------------------------------------------------------
    @property
    def lang(self) -> str:
        return self.shell.lang

    def text(self, widget: QWidget, text: Text, **values: object) -> QWidget:
        """Show ``text`` on ``widget`` now and after every language switch."""
        self._texts.append((widget, text, values))
        self._set(widget, text(self.lang, **values))
        return widget

    def _set(self, widget: QWidget, value: str) -> None:
        if isinstance(widget, QLabel | QAbstractButton):
            widget.setText(value)
        if isinstance(widget, QAbstractButton):
            widget.setAccessibleName(value.replace("\n", " "))

    def retranslate(self) -> None:
        for widget, text, values in self._texts:
            self._set(widget, text(self.lang, **values))
        self.apply_sizes()
        self.refresh()

    def apply_sizes(self) -> None:
        s = sizes(self.shell.large_text)
        width = MAX_WIDTH_LARGE if self.shell.large_text else MAX_WIDTH
        self.content.setMaximumWidth(width)
        self.action_bar.setMaximumWidth(width)
        self.body.setContentsMargins(s.margin, s.margin // 2, s.margin, s.margin // 2)
        self.body.setSpacing(s.spacing)
        self.action_row.setContentsMargins(s.margin, s.spacing // 2, s.margin, s.spacing)
        self.action_row.setSpacing(s.spacing * 2)

    # -- life cycle ----------------------------------------------------------
    def refresh(self) -> None:
        """Fill the parts that depend on the session (called on entering and re-rendering)."""

    def on_enter(self) -> None:
        self.refresh()

    def wipe(self) -> None:
        """Forget everything the resident entered or was shown."""
