"""The address question: province, then commune by type-to-filter, then the street."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from forms.model import Question, QuestionType
from kiosk.core.text import Text
from ui.questions import AddressQuestion, widget_for
from ui.questions.address import PlacePicker

QUESTION = Question("home", QuestionType.ADDRESS, Text("Địa chỉ thường trú", "Home address"))


def make(qtbot: Any, lang: str = "vi") -> AddressQuestion:
    widget = widget_for(QUESTION, lang)
    assert isinstance(widget, AddressQuestion)
    qtbot.addWidget(widget)
    widget.resize(1000, 1000)
    widget.show()
    qtbot.waitUntil(widget.is_ready)
    return widget


def type_text(widget: QWidget, text: str) -> None:
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            QApplication.sendEvent(widget, event)


def shown_names(picker: PlacePicker) -> list[str]:
    model = picker.model
    return [model.data(model.index(row, 0), Qt.ItemDataRole.DisplayRole)
            for row in range(model.rowCount())]


def tap_row(qtbot: Any, picker: PlacePicker, name: str) -> None:
    row = shown_names(picker).index(name)
    index = picker.model.index(row, 0)
    picker.view.scrollTo(index)
    rect = picker.view.visualRect(index)
    qtbot.mouseClick(picker.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def choose_hanoi_thanh_xuan(qtbot: Any, widget: AddressQuestion) -> None:
    qtbot.keyClicks(widget.provinces.filter, "ha noi")
    assert shown_names(widget.provinces)[0] == "Thành phố Hà Nội"
    tap_row(qtbot, widget.provinces, "Thành phố Hà Nội")
    assert widget.wards.isVisibleTo(widget)
    assert not widget.provinces.isVisibleTo(widget)
    qtbot.keyClicks(widget.wards.filter, "thanh xuan")
    assert "Phường Thanh Xuân" in shown_names(widget.wards)
    tap_row(qtbot, widget.wards, "Phường Thanh Xuân")


def test_province_then_commune_without_diacritics_then_street(qtbot: Any) -> None:
    widget = make(qtbot)
    assert widget.value() is None
    assert widget.provinces.model.rowCount() == 34
    choose_hanoi_thanh_xuan(qtbot, widget)
    assert widget.street.isVisibleTo(widget)
    type_text(widget.street, "Số 5 ngõ 12 Khương Trung")
    value = widget.value()
    assert value is not None
    assert value["province_code"] == "01"
    assert value["street"] == "Số 5 ngõ 12 Khương Trung"
    from forms import address

    ward = address.ward(value["ward_code"])
    assert ward is not None and ward.name == "Phường Thanh Xuân"
    assert "Thành phố Hà Nội" in widget.province_line.label.text()
    assert "Phường Thanh Xuân" in widget.ward_line.label.text()


def test_filter_narrows_and_says_when_nothing_matches(qtbot: Any) -> None:
    widget = make(qtbot)
    qtbot.keyClicks(widget.provinces.filter, "zzz")
    assert widget.provinces.model.rowCount() == 0
    assert widget.provinces.empty.isVisibleTo(widget)
    widget.provinces.filter.clear()
    qtbot.keyClicks(widget.provinces.filter, "can tho")
    assert shown_names(widget.provinces) == ["Thành phố Cần Thơ"]
    qtbot.keyClick(widget.provinces.filter, Qt.Key.Key_Return)  # Enter takes the first match
    assert widget.value() == {"province_code": "92", "ward_code": "", "street": ""}


def test_change_province_forgets_the_commune(qtbot: Any) -> None:
    widget = make(qtbot)
    choose_hanoi_thanh_xuan(qtbot, widget)
    qtbot.mouseClick(widget.province_line.change, Qt.MouseButton.LeftButton)
    assert widget.provinces.isVisibleTo(widget)
    assert widget.provinces.filter.text() == ""
    assert widget.value() is None


def test_set_value_round_trips_and_error_keeps_choice(qtbot: Any) -> None:
    widget = make(qtbot, "en")
    from forms import address

    ward = address.search_wards("79", "ben thanh")[0]
    answer = {"province_code": "79", "ward_code": ward.code, "street": "12 Lê Lợi"}
    widget.set_value(answer)
    assert widget.value() == answer
    widget.set_error("Enter the house number")
    assert widget.value() == answer
    assert widget.street.property("invalid") is True


def test_set_value_before_the_data_arrives_is_applied_on_arrival(qtbot: Any) -> None:
    widget = widget_for(QUESTION, "vi")
    qtbot.addWidget(widget)
    assert isinstance(widget, AddressQuestion)
    answer = {"province_code": "01", "ward_code": "", "street": ""}
    widget.set_value(answer)
    qtbot.waitUntil(widget.is_ready)
    assert widget.value() == answer


def test_clear_leaves_no_trace(qtbot: Any) -> None:
    widget = make(qtbot)
    choose_hanoi_thanh_xuan(qtbot, widget)
    type_text(widget.street, "MARKER ngõ 7")
    widget.clear()
    assert widget.value() is None
    for edit in widget.findChildren(QLineEdit):
        assert edit.text() == "" and not edit.isUndoAvailable()
    for label_text in (w.text() for w in widget.findChildren(QWidget) if hasattr(w, "text")):
        assert "MARKER" not in label_text
        assert "Thanh Xuân" not in label_text
        assert "thanh xuan" not in label_text
    assert not widget.wards.isVisibleTo(widget)
    assert widget.provinces.model.rowCount() == 34


def test_on_screen_keyboard_filters_the_communes_and_types_the_street(qtbot: Any) -> None:
    widget = widget_for(QUESTION, "vi", keyboard=True)
    assert isinstance(widget, AddressQuestion)
    qtbot.addWidget(widget)
    widget.resize(1000, 1400)
    widget.show()
    qtbot.waitUntil(widget.is_ready)
    picker = widget.provinces
    assert widget.board is None  # made on first use
    assert picker.keyboard_button is not None
    changes: list[None] = []
    widget.keys_changed.connect(lambda: changes.append(None))  # the page places the keys
    qtbot.mouseClick(picker.keyboard_button, Qt.MouseButton.LeftButton)
    board = widget.keys()
    assert board is widget.board and board is not None and board.isVisibleTo(widget)
    assert changes
    for key in "hue":
        qtbot.mouseClick(board.keys[key], Qt.MouseButton.LeftButton)
    assert shown_names(picker) == ["Thành phố Huế"]
    tap_row(qtbot, picker, "Thành phố Huế")
    assert not board.isVisibleTo(widget)  # each list opens the keyboard on request
    widget.wards.show_keyboard(True)
    assert board.isVisibleTo(widget) and board.target is widget.wards.filter
    for key in "thuan ho":
        qtbot.mouseClick(board.keys["space" if key == " " else key], Qt.MouseButton.LeftButton)
    assert shown_names(widget.wards)[0] == "Phường Thuận Hóa"
    tap_row(qtbot, widget.wards, "Phường Thuận Hóa")
    assert not widget.wards.isVisibleTo(widget)
    assert not board.isVisibleTo(widget)
    street = widget.keys()  # the street: always, with its marks and digits
    assert street is not None and street is not board and street.isVisibleTo(widget)
    assert street.target is widget.street and "tone:nang" not in board.keys
    for key in ("1", "2", "space", "l", "e", "space", "l", "o", "i", "ơ", "tone:nang"):
        qtbot.mouseClick(street.keys[key], Qt.MouseButton.LeftButton)
    value = widget.value()
    assert value is not None and value["street"] == "12 le lợi"


def test_address_data_that_fails_to_load_says_so_plainly(qtbot: Any, monkeypatch: Any) -> None:
    from forms import address

    def broken() -> list[Any]:
        raise OSError("data file missing")

    monkeypatch.setattr(address, "provinces", broken)
    widget = widget_for(QUESTION, "vi")
    assert isinstance(widget, AddressQuestion)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: "tình nguyện viên" in widget.loading.text())
    assert not widget.is_ready()
    assert widget.loading.property("role") == "error"
    assert "Traceback" not in widget.loading.text() and "OSError" not in widget.loading.text()
