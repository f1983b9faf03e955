"""What every screen shares: translated labels, a scrolling body, a fixed action bar.

A :class:`Screen` is one page of the kiosk (GUI thread only). It registers its
fixed wording with :meth:`Screen.text` so a language or text-size switch
re-renders it (:meth:`retranslate`), fills its changing parts in
:meth:`refresh`, and forgets everything personal in :meth:`wipe`.

Layout (GOV.UK question-page spirit): the content scrolls, the action bar stays
at the bottom with "Quay lại" always on the left and the one primary action
always on the right. Between them a fixed area (:attr:`Screen.dock`) holds what
must stay in view whatever scrolls: on-screen keys with the field they type
into, the declaration above "Gửi hồ sơ". Keys can also stand beside the content
(:attr:`Screen.side`, a numeric pad on a wide screen). Keys placed with
:meth:`Screen.place_keys` are sized for the room the page has, again at every
resize, so every key is on screen with the question at 1366×768 and larger.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Protocol, runtime_checkable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
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


@runtime_checkable
class Keys(Protocol):
    """On-screen keys that size themselves for the room a page gives them."""

    def fit(self, room_w: int, room_h: int) -> None: ...


# Room kept for the question above keys in the fixed area (heading, a hint line).
QUESTION_ROOM = {False: 150, True: 170}
SIDE_SHARE = 0.42  # keys beside the content take at most this share of the width


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


def _in_button(widget: QWidget, top: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QAbstractButton):
            return True
        parent = parent.parentWidget()
    return False


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
        main = QHBoxLayout()
        main.setContentsMargins(0, 0, 0, 0)
        main.setSpacing(0)
        main.addWidget(self.scroll_area, 1)
        self.side_area = QWidget()
        self.side_area.setObjectName("side")
        self.side = QVBoxLayout(self.side_area)
        self.side_area.hide()
        main.addWidget(self.side_area)
        outer.addLayout(main, 1)
        self.dock_area = QWidget()
        self.dock_area.setObjectName("dock")
        self.dock = QVBoxLayout(self.dock_area)
        self.dock_area.hide()
        outer.addWidget(_centred(self.dock_area))
        self.action_bar = QWidget()
        self.action_row = QHBoxLayout(self.action_bar)
        outer.addWidget(_centred(self.action_bar))
        self.content = content
        self.keys: QWidget | None = None
        self._keys_beside = False
        self._placed: list[QWidget] = []
        self.apply_sizes()

    def place_actions(self, back: QWidget, primary: QWidget | None = None) -> None:
        """The action bar: the way back (or out) on the left, the page's one primary action on the
        right, in the same place on every page."""
        self.action_row.addWidget(back)
        self.action_row.addStretch(1)
        if primary is not None:
            self.action_row.addWidget(primary)

    # -- the fixed input area ------------------------------------------------
    def place_keys(self, keys: QWidget | None, *, beside: bool = False,
                   above: QWidget | None = None) -> None:
        """Show ``keys`` (a :class:`Keys` widget) in the fixed area under the content, with
        ``above`` (the field they type into) over them, or ``beside`` the content.
        ``None`` takes away what was placed (the widgets are not destroyed: their owner
        does that). Whatever else a page keeps in the fixed area stays."""
        for widget in self._placed:
            for layout in (self.dock, self.side):
                index = layout.indexOf(widget)
                if index >= 0:
                    layout.takeAt(index)
            if widget not in (keys, above):
                widget.setParent(None)
        if self.side.count() and self._placed:  # the stretch under keys beside the content
            self.side.takeAt(self.side.count() - 1)
        self._placed = []
        self.side_area.hide()
        self.dock_area.setVisible(self.dock.count() > 0)
        self.keys = keys
        self._keys_beside = beside
        if keys is None:
            return
        layout, area = (self.side, self.side_area) if beside else (self.dock, self.dock_area)
        if above is not None:
            layout.addWidget(above)
        layout.addWidget(keys, 0, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if beside:
            layout.addStretch(1)
        self._placed = [w for w in (above, keys) if w is not None]
        area.show()
        self.fit_keys()

    def fit_keys(self) -> None:
        """Size the placed keys for the room this page has now."""
        keys = self.keys
        if not isinstance(keys, Keys):
            return
        s = sizes(self.shell.large_text)
        bar = max(self.action_bar.sizeHint().height(), s.target + s.spacing * 2)
        page_w = self.width() or 1366
        page_h = self.height() or 700
        if self._keys_beside:
            room_w = int(page_w * SIDE_SHARE) - s.margin
            room_h = page_h - bar - s.margin
        else:
            above = 0
            for index in range(self.dock.count()):
                item = self.dock.itemAt(index)
                if item is not None and item.widget() is not keys:
                    above += item.sizeHint().height() + self.dock.spacing()
            room_w = min(page_w, self.action_bar.maximumWidth()) - 2 * s.margin
            # What scrolls above the keys keeps the room it needs at the least (a list).
            least = QUESTION_ROOM[self.shell.large_text]
            room_h = page_h - bar - above - max(least, self.content_needs())
            keys.fit(room_w, room_h)
            if not isinstance(keys, QWidget) or keys.minimumHeight() <= room_h:
                return  # the question wholly in view above the keys
            room_h = page_h - bar - above - least  # else the question scrolls a little
        keys.fit(room_w, room_h)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self.fit_keys()

    def content_needs(self) -> int:
        """The least height the scrolling content needs at the page's width (wrapped text
        counted at that width, lists at their fewest rows)."""
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # what just changed
        width = min(self.width() or 1366, self.content.maximumWidth())
        return self.body.totalMinimumHeightForWidth(width)

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
        self.body.setContentsMargins(s.margin, s.margin // 3, s.margin, s.margin // 3)
        self.body.setSpacing(s.spacing)
        self.action_row.setContentsMargins(s.margin, s.spacing // 2, s.margin, s.spacing // 2)
        self.action_row.setSpacing(s.spacing * 2)
        self.dock_area.setMaximumWidth(width)
        self.dock.setContentsMargins(s.margin, s.spacing // 4, s.margin, 0)
        self.dock.setSpacing(s.spacing // 2)
        self.side.setContentsMargins(0, s.margin // 2, s.margin, 0)
        self.side.setSpacing(s.spacing // 2)
        self.fit_keys()

    # -- life cycle ----------------------------------------------------------
    def refresh(self) -> None:
        """Fill the parts that depend on the session (called on entering and re-rendering)."""

    def on_enter(self) -> None:
        self.refresh()

    def spoken_parts(self) -> list[str]:
        """What read-aloud says for this page: its visible writing in order (not the
        keys' or buttons' labels). A question page says less (:class:`QuestionScreen`)."""
        parts = []
        for label in self.findChildren(QLabel):
            if (label.isVisibleTo(self) and label.text().strip()
                    and label.property("role") not in ("caption", "mark")
                    and not _in_button(label, self)):
                parts.append(label.text())
        return parts

    def wipe(self) -> None:
        """Forget everything the resident entered or was shown."""
