"""Address question: province, then commune, then the street line (GUI thread).

Both lists filter as the resident types, without accents ("thanh xuan" finds
"Phường Thanh Xuân"), over :class:`~ui.questions.places.PlaceModel`. Once a
province is chosen its list folds into one line with a "Đổi" (Change) button,
and the same for the commune; then the street / house-number line appears.
With ``keyboard=True`` each filter has a "Hiện bàn phím" (show keyboard)
button that opens the on-screen letter keyboard and shortens the list.

The place data (``forms.address``) is read once; the first read takes longer
than a frame, so the widget asks for it with ``ui.background.run_in_background``
and fills its lists when it arrives (``ready`` fires). ``set_value`` before that
is remembered and applied on arrival.

``value()``: ``{"province_code", "ward_code", "street"}`` ("" for a missing
part), ``None`` when nothing was chosen or typed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from forms import address
from forms.model import Question
from kiosk.core.text import Text
from ui.background import run_in_background
from ui.questions.base import TARGET_PX, QuestionWidget, big_font, big_line_edit, set_role, wipe
from ui.questions.keyboard import LetterKeyboard
from ui.questions.places import ROW_HEIGHT, Place, PlaceModel, filter_provinces, filter_wards
from ui.theme import PALETTE
from ui.words import LOADING_LIST

log = logging.getLogger("ui.questions.address")

PROVINCE = Text("Tỉnh / thành phố", "Province / city")
WARD = Text("Xã / phường", "Commune / ward")
STREET = Text("Số nhà, tên đường, thôn / tổ dân phố", "House number, street, hamlet")
FILTER_HINT = Text("Gõ vài chữ để tìm, không cần dấu. Hoặc chạm vào tên trong danh sách.",
                   "Type a few letters to search, accents not needed. Or tap a name in the list.")
FILTER_NAME = Text("Tìm {what}", "Search {what}")
CHOSEN = Text("{what}: {name}", "{what}: {name}")
CHANGE = Text("Đổi", "Change")
CHANGE_NAME = Text("Đổi {what}", "Change {what}")
NO_MATCH = Text("Không tìm thấy tên nào như vậy. Hãy xóa bớt chữ và thử lại.",
                "No name matches. Delete some letters and try again.")
LOAD_FAILED = Text("Không mở được danh sách tỉnh, xã. Bác hãy nhờ tình nguyện viên giúp.",
                   "The list of provinces and communes could not be opened. Please ask a volunteer.")
SHOW_KEYBOARD = Text("⌨  Hiện bàn phím", "⌨  Show keyboard")
HIDE_KEYBOARD = Text("⌨  Ẩn bàn phím", "⌨  Hide keyboard")
LIST_ROWS = 4  # with the page around it, fits a 768 px screen
LIST_ROWS_WITH_KEYBOARD = 3

_LIST_QSS = f"""
QListView {{ border: 3px solid {PALETTE.text}; background: {PALETTE.background}; }}
QListView::item {{ min-height: {ROW_HEIGHT}px; padding: 0 16px;
    border-bottom: 1px solid {PALETTE.border}; color: {PALETTE.text}; }}
QListView::item:selected {{ background: {PALETTE.primary}; color: {PALETTE.on_primary}; }}
"""


class PlacePicker(QWidget):
    """A caption, a filter line and a list; ``chosen`` carries the tapped place."""

    chosen = Signal(object)

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
        self.filter = big_line_edit(FILTER_NAME(lang, what=what(lang).lower()), self)
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
        self.keyboard: LetterKeyboard | None = None
        self.keyboard_button: QPushButton | None = None
        if keyboard:
            self._add_keyboard(layout, filter_row)
        layout.addWidget(self.empty)
        layout.addWidget(self.view)
        layout.addStretch(1)
        self.filter.textEdited.connect(lambda _text: self.refilter())
        self.filter.returnPressed.connect(self._choose_first)
        self.view.clicked.connect(self._choose)

    def _rows(self, rows: int) -> None:
        self.view.setFixedHeight(ROW_HEIGHT * rows + 8)
        self.view.setMinimumWidth(560)

    def _add_keyboard(self, layout: QVBoxLayout, filter_row: QHBoxLayout) -> None:
        """A "Show keyboard" button beside the filter; the keyboard (made on first use:
        it costs a frame) then sits under the shortened list, as on a phone."""
        button = QPushButton(SHOW_KEYBOARD(self.lang), self)
        set_role(button, "secondary")
        button.setObjectName("show-keyboard")
        button.setCheckable(True)
        button.toggled.connect(self.show_keyboard)
        button.setAccessibleName(SHOW_KEYBOARD(self.lang).lstrip("⌨ "))
        filter_row.addWidget(button, 0)
        self._outer = layout
        self.keyboard_button = button

    def show_keyboard(self, shown: bool) -> None:
        if self.keyboard_button is None:
            return
        if shown and self.keyboard is None:
            self.keyboard = LetterKeyboard(self.lang, self)
            self.keyboard.target = self.filter
            self._outer.insertWidget(self._outer.indexOf(self.view) + 1, self.keyboard)
        if self.keyboard is not None:
            self.keyboard.setVisible(shown)
        self.keyboard_button.setChecked(shown)
        label = (HIDE_KEYBOARD if shown else SHOW_KEYBOARD)(self.lang)
        self.keyboard_button.setText(label)
        self.keyboard_button.setAccessibleName(label.lstrip("⌨ "))
        self._rows(LIST_ROWS_WITH_KEYBOARD if shown else LIST_ROWS)

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


class AddressQuestion(QuestionWidget):
    """Province → commune → street, each step folding away once made."""

    ready = Signal()

    def __init__(
        self, question: Question, lang: str, parent: QWidget | None = None, *, keyboard: bool = False
    ) -> None:
        super().__init__(question, lang, parent)
        self._province: Place | None = None
        self._ward: Place | None = None
        self._loaded = False
        self._pending: Any = None
        self.province_line = ChosenLine(PROVINCE, lang, self)
        self.provinces = PlacePicker(PROVINCE, lang, self, keyboard=keyboard)
        self.provinces.search = filter_provinces
        self.ward_line = ChosenLine(WARD, lang, self)
        self.wards = PlacePicker(WARD, lang, self, keyboard=keyboard)
        self.street_label = QLabel(STREET(lang), self)
        big_font(self.street_label, 28, bold=True)
        self.street = big_line_edit(STREET(lang), self)
        self.street.setObjectName("street")
        self.street.setMaxLength(question.max_length)
        self.street_label.setBuddy(self.street)
        self._with_keyboard = keyboard
        self.street_keyboard: LetterKeyboard | None = None  # made when the street shows
        self.loading = QLabel(LOADING_LIST(lang), self)
        for widget in (self.loading, self.province_line, self.provinces, self.ward_line,
                       self.wards, self.street_label, self.street):
            self._layout.addWidget(widget)
        self._layout.addStretch(1)
        self.provinces.chosen.connect(self._choose_province)
        self.wards.chosen.connect(self._choose_ward)
        self.province_line.change.clicked.connect(lambda: self._choose_province(None))
        self.ward_line.change.clicked.connect(lambda: self._choose_ward(None))
        self.street.textEdited.connect(lambda _text: self._emit_changed())
        self._show_steps()
        run_in_background(address.provinces, self._on_loaded, self._on_load_failed, owner=self)

    # -- loading ---------------------------------------------------------------
    def is_ready(self) -> bool:
        return self._loaded

    def _on_loaded(self, _provinces: object) -> None:
        self._loaded = True
        self.loading.hide()
        self.provinces.refilter()
        if self._pending is not None:
            self.set_value(self._pending)
        self.ready.emit()

    def _on_load_failed(self, exc: BaseException) -> None:
        log.error("address data failed to load: %s", type(exc).__name__)
        self.loading.setText(LOAD_FAILED(self.lang))
        set_role(self.loading, "error")

    # -- steps -----------------------------------------------------------------
    def _choose_province(self, place: Place | None) -> None:
        if place != self._province or place is None:
            self._ward = None
            self.wards.search = _wards_in(place.code) if place is not None else _no_wards
            self.wards.reset()
        self._province = place
        if place is None:
            self.provinces.reset()
        self._show_steps()
        self.focus_input()
        self._emit_changed()

    def _choose_ward(self, place: Place | None) -> None:
        self._ward = place
        if place is None:
            self.wards.reset()
        self._show_steps()
        self.focus_input()
        self._emit_changed()

    def _show_steps(self) -> None:
        has_province, has_ward = self._province is not None, self._ward is not None
        self.province_line.show_place(self._province)
        self.provinces.setVisible(not has_province)
        self.ward_line.show_place(self._ward)
        self.wards.setVisible(has_province and not has_ward)
        self.street_label.setVisible(has_ward)
        self.street.setVisible(has_ward)
        if has_ward and self._with_keyboard and self.street_keyboard is None:
            self.street_keyboard = LetterKeyboard(self.lang, self, digits=True)
            self.street_keyboard.target = self.street
            self._layout.insertWidget(self._layout.indexOf(self.street) + 1, self.street_keyboard)
        if self.street_keyboard is not None:
            self.street_keyboard.setVisible(has_ward)

    # -- the contract ----------------------------------------------------------
    def value(self) -> dict[str, str] | None:
        street = self.street.text().strip()
        if self._province is None and not street:
            return None
        return {
            "province_code": self._province.code if self._province else "",
            "ward_code": self._ward.code if self._ward else "",
            "street": street,
        }

    def set_value(self, value: Any) -> None:
        if not self._loaded:
            self._pending = value
            return
        self._pending = None
        answer = value if isinstance(value, dict) else {}
        found = address.province(str(answer.get("province_code", "")))
        self._choose_province(Place.of(found.code, found.name) if found else None)
        ward = address.ward(str(answer.get("ward_code", "")))
        if found and ward and ward.province_code == found.code:
            self._choose_ward(Place.of(ward.code, ward.name))
        self.street.setText(str(answer.get("street", "") or ""))
        self._emit_changed()

    def clear(self) -> None:
        self._pending = None
        self._province = None
        self._ward = None
        self.provinces.reset()
        self.wards.search = lambda _q: []
        self.wards.reset()
        wipe(self.street)
        self._show_steps()
        self.set_error(None)

    def focus_input(self) -> None:
        if self._province is None:
            self.provinces.filter.setFocus(Qt.FocusReason.OtherFocusReason)
        elif self._ward is None:
            self.wards.filter.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.street.setFocus(Qt.FocusReason.OtherFocusReason)

    def inputs(self) -> list[QWidget]:
        edits: list[QLineEdit] = [self.provinces.filter, self.wards.filter, self.street]
        return list(edits)


def _wards_in(province: str) -> Callable[[str], list[Place]]:
    """The ward picker's search once a province is chosen."""
    return lambda query: filter_wards(province, query)


def _no_wards(query: str) -> list[Place]:
    """The ward picker's search before a province is chosen."""
    return []
