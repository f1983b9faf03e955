"""One step of the address: a list of places to tap, filtered as the resident types (GUI thread).

:class:`PlacePicker` is a caption, a filter line (without accents: "thanh xuan"
finds "Phường Thanh Xuân") and a list; with a keyboard, a "Hiện bàn phím"
button asks the address for its keyboard and shortens the list. The list takes
the room the page has, two rows at the least. :class:`ChosenLine` is a choice
made, folded to one line with "Đổi" (Change). Used by
:class:`ui.questions.address.AddressQuestion`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.text import Text
from ui.questions.base import TARGET_PX, big_font, big_line_edit, set_role, wipe
from ui.questions.places import ROW_HEIGHT, Place, PlaceModel
from ui.questions.telex import Telex

FILTER_HINT = Text("Gõ vài chữ để tìm, không cần dấu. Hoặc chạm vào tên trong danh sách.",
                   "Type a few letters to search, accents not needed. Or tap a name in the list.")
FILTER_NAME = Text("Tìm {what}", "Search {what}")
CHOSEN = Text("{what}: {name}", "{what}: {name}")
CHANGE = Text("Đổi", "Change")
CHANGE_NAME = Text("Đổi {what}", "Change {what}")
NO_MATCH = Text("Không tìm thấy tên nào như vậy. Hãy xóa bớt chữ và thử lại.",
                "No name matches. Delete some letters and try again.")
SHOW_KEYBOARD = Text("⌨  Hiện bàn phím", "⌨  Show keyboard")
HIDE_KEYBOARD = Text("⌨  Ẩn bàn phím", "⌨  Hide keyboard")
LIST_ROWS = 4  # with the page around it, fits a 768 px screen
LIST_ROWS_WITH_KEYBOARD = 3
MIN_LIST_ROWS = 2

# The colours are the theme's (assets/style.qss); the row height is the list's own.
_LIST_QSS = f"QListView::item {{ min-height: {ROW_HEIGHT}px; }}"


class PlacePicker(QWidget):
    """A caption, a filter line and a list; ``chosen`` carries the tapped place."""

    chosen = Signal(object)
    keyboard_wanted = Signal(bool)

    def __init__(
        self, what: Text, lang: str, parent: QWidget | None = None, *, keyboard: bool = False
    ) -> None:
        super().__init__(parent)
        self.lang = lang
        self.search: Callable[[str], list[Place]] = lambda _query: []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        caption = QLabel(what(lang), self)
        big_font(caption, 28, bold=True)
        hint = QLabel(FILTER_HINT(lang), self)
        set_role(hint, "hint")
        hint.setWordWrap(True)
        self.hint = hint
        self.filter = big_line_edit(FILTER_NAME(lang, what=what(lang).lower()), self)
        Telex(self.filter)
        self.filter.setObjectName("place-filter")
        caption.setBuddy(self.filter)
        self.model = PlaceModel(self)
        self.view = QListView(self)
        self.view.setObjectName("place-list")
        self.view.setAccessibleName(what(lang))
        self.view.setModel(self.model)
        self.view.setUniformItemSizes(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setStyleSheet(_LIST_QSS)
        self._rows(LIST_ROWS)
        QScroller.grabGesture(self.view.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        self.empty = QLabel(NO_MATCH(lang), self)
        set_role(self.empty, "hint")
        self.empty.setWordWrap(True)
        self.empty.hide()
        for widget in (caption, hint):
            layout.addWidget(widget)
        filter_row = QHBoxLayout()
        filter_row.setSpacing(16)
        filter_row.addWidget(self.filter, 1)
        layout.addLayout(filter_row)
        self.keyboard_button: QPushButton | None = None
        if keyboard:
            self._add_keyboard(filter_row)
        layout.addWidget(self.empty)
        layout.addWidget(self.view, 1)  # the list takes the room there is
        self.filter.textEdited.connect(lambda _text: self.refilter())
        self.filter.returnPressed.connect(self._choose_first)
        self.view.clicked.connect(self._choose)

    def _rows(self, rows: int) -> None:
        """At most ``rows`` rows; fewer (never under two) when the page is short of room."""
        self.view.setMinimumHeight(ROW_HEIGHT * MIN_LIST_ROWS + 8)
        self.view.setMaximumHeight(ROW_HEIGHT * rows + 8)
        self.view.setMinimumWidth(560)

    def _add_keyboard(self, filter_row: QHBoxLayout) -> None:
        """A "Show keyboard" button beside the filter: the address's one keyboard then
        shows in the page's fixed input area and the list gets shorter, as on a phone."""
        button = QPushButton(SHOW_KEYBOARD(self.lang), self)
        set_role(button, "secondary")
        button.setObjectName("show-keyboard")
        button.setCheckable(True)
        button.toggled.connect(self.show_keyboard)
        button.setAccessibleName(SHOW_KEYBOARD(self.lang).lstrip("⌨ "))
        filter_row.addWidget(button, 0)
        self.keyboard_button = button

    def show_keyboard(self, shown: bool) -> None:
        if self.keyboard_button is None:
            return
        self.keyboard_button.setChecked(shown)
        label = (HIDE_KEYBOARD if shown else SHOW_KEYBOARD)(self.lang)
        self.keyboard_button.setText(label)
        self.keyboard_button.setAccessibleName(label.lstrip("⌨ "))
        self._rows(LIST_ROWS_WITH_KEYBOARD if shown else LIST_ROWS)
        self.hint.setVisible(not shown)  # "type a few letters": the keyboard says it now
        self.keyboard_wanted.emit(shown)

    def refilter(self) -> None:
        self.model.show(self.search(self.filter.text()))
        self.empty.setVisible(self.model.rowCount() == 0 and bool(self.filter.text().strip()))

    def reset(self) -> None:
        wipe(self.filter)
        self.show_keyboard(False)
        self.view.clearSelection()
        self.refilter()
        self.view.scrollToTop()

    def _choose(self, index: QModelIndex) -> None:
        place = self.model.place(index.row())
        if place is not None:
            self.chosen.emit(place)

    def _choose_first(self) -> None:
        if self.model.rowCount() > 0:
            self._choose(self.model.index(0, 0))


class ChosenLine(QWidget):
    """"Tỉnh / thành phố: Hà Nội  [Đổi]": a made choice, folded to one line."""

    def __init__(self, what: Text, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._what = what
        self._lang = lang
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        big_font(self.label, 28, bold=True)
        self.change = QPushButton(CHANGE(lang), self)
        set_role(self.change, "secondary")
        self.change.setMinimumSize(TARGET_PX * 2, TARGET_PX)
        self.change.setAccessibleName(CHANGE_NAME(lang, what=what(lang).lower()))
        row.addWidget(self.label, 1)
        row.addWidget(self.change, 0)

    def show_place(self, place: Place | None) -> None:
        self.label.setText(CHOSEN(self._lang, what=self._what(self._lang), name=place.name)
                           if place else "")
        self.setVisible(place is not None)
