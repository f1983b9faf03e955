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

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QWidget,
)

from forms import address
from forms.model import Question
from kiosk.core.text import Text
from ui.background import run_in_background
from ui.questions.base import QuestionWidget, big_font, big_line_edit, set_role, wipe
from ui.questions.keyboard import LetterKeyboard
from ui.questions.place_picker import ChosenLine, PlacePicker
from ui.questions.places import Place, filter_provinces, filter_wards
from ui.questions.telex import Telex
from ui.words import LOADING_LIST

log = logging.getLogger("ui.questions.address")

PROVINCE = Text("Tỉnh / thành phố", "Province / city")
WARD = Text("Xã / phường", "Commune / ward")
STREET = Text("Số nhà, tên đường, thôn / tổ dân phố", "House number, street, hamlet")
LOAD_FAILED = Text("Không mở được danh sách tỉnh, xã. Bác hãy nhờ tình nguyện viên giúp.",
                   "The list of provinces and communes could not be opened. Please ask a volunteer.")
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
        Telex(self.street)
        self.street.setObjectName("street")
        self.street.setMaxLength(question.max_length)
        self.street_label.setBuddy(self.street)
        self._with_keyboard = keyboard
        # Made when first wanted (each costs a frame); ``board`` is the one shown, if any.
        self.search_board: LetterKeyboard | None = None
        self.street_board: LetterKeyboard | None = None
        self.board: LetterKeyboard | None = None
        self.loading = QLabel(LOADING_LIST(lang), self)
        for widget in (self.loading, self.province_line, self.provinces, self.ward_line,
                       self.wards, self.street_label, self.street):
            self._layout.addWidget(widget, 1 if isinstance(widget, PlacePicker) else 0)
        self._layout.addStretch(1)
        self.provinces.chosen.connect(self._choose_province)
        self.wards.chosen.connect(self._choose_ward)
        self.provinces.keyboard_wanted.connect(self._want_board)
        self.wards.keyboard_wanted.connect(self._want_board)
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
        picker = None if has_ward else self.wards if has_province else self.provinces
        wanted = has_ward or (picker is not None and picker.keyboard_button is not None
                              and picker.keyboard_button.isChecked())
        self._want_board(wanted)

    # -- the keyboard ------------------------------------------------------------
    def keys(self) -> QWidget | None:
        return self.board

    def _want_board(self, wanted: bool) -> None:
        """Show the keyboard of the step on screen: for a list, on request, letters only
        (the search ignores accents); for the street, always, with marks and digits."""
        if not self._with_keyboard:
            return
        street = self._ward is not None
        board = self.street_board if street else self.search_board
        if wanted and board is None:
            board = LetterKeyboard(self.lang, self, digits=street, marks=street)
            self._layout.addWidget(board)  # until the page places it
            if street:
                self.street_board = board
            else:
                self.search_board = board
        shown = board if wanted else None
        for other in (self.search_board, self.street_board):
            if other is not None and other is not shown:
                other.hide()
        changed = shown is not self.board or (shown is not None and shown.isHidden())
        self.board = shown
        if shown is not None:
            shown.target = self._step_edit()
            shown.show()
        if changed:
            self.keys_changed.emit()

    def discard_keys(self) -> None:
        for board in (self.search_board, self.street_board):
            if board is not None and board.parent() is not self:
                board.hide()
                board.setParent(None)
                board.deleteLater()

    def _step_edit(self) -> QLineEdit:
        if self._province is None:
            return self.provinces.filter
        if self._ward is None:
            return self.wards.filter
        return self.street

    # -- the contract ----------------------------------------------------------
    def value(self) -> dict[str, str] | None:
        if not self._loaded and isinstance(self._pending, dict):
            return dict(self._pending)  # given before the lists arrived: still the answer
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
