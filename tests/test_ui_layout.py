"""Every key of the input in use is on screen with the question and the action bar.

At the three screens cultural houses have (1366×768, 1280×800, 1920×1080), in
normal and large text, on a real window: the letter keyboard, the numeric pad
and an address list with its keyboard open. And the audit that checks it fails
on the old arrangement (keys in the scrolling content, under the action bar).
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ui.audit import audit_widget
from ui.driver import Driver, settle, wait_until
from ui.questions.address import AddressQuestion
from ui.questions.keyboard import LetterKeyboard
from ui.questions.keys import key_size
from ui.screens.base import Screen, make_button
from ui.screens.question import QuestionScreen
from ui.theme import Role, apply_theme

SCREENS = [(1366, 768), (1280, 800), (1920, 1080)]


def rect_in(widget: QWidget, root: QWidget) -> QRect:
    return QRect(widget.mapTo(root, QPoint(0, 0)), widget.size())


def in_view_problems(window: QWidget) -> list[str]:
    return [f"{v.widget}: {v.detail}" for v in audit_widget(window) if v.rule == "in-view"]


def go_to(driver: Driver, question_id: str) -> None:
    """From the welcome page to the birth registration's question ``question_id``."""
    example = driver.window.context.catalogue.get("birth_registration").example
    driver.start_procedure("birth_registration")
    guard = 0
    while driver.current_question() != question_id:
        qid = driver.current_question()
        assert qid is not None and guard < 40
        assert driver.answer(example.get(qid)) is None
        guard += 1


@pytest.mark.parametrize("large", [False, True], ids=["normal", "large"])
@pytest.mark.parametrize("size", SCREENS, ids=[f"{w}x{h}" for w, h in SCREENS])
def test_every_key_is_on_screen_with_the_question(qtbot: Any, kiosk_window: Any,
                                                  size: tuple[int, int], large: bool) -> None:
    window = kiosk_window()
    window.resize(*size)
    window.set_large_text(large)
    driver = Driver(window)
    page = driver.page(QuestionScreen)
    for question, keys_kind in (("requester_name", LetterKeyboard), ("child_birth_date", None),
                                ("residence", AddressQuestion)):
        go_to(driver, question)
        widget = page.widget
        assert widget is not None
        wait_until(widget.is_ready, what="the address lists")
        if keys_kind is AddressQuestion:  # open the list's keyboard, as a resident would
            assert isinstance(widget, AddressQuestion)
            button = widget.provinces.keyboard_button
            assert button is not None
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        settle(30)
        keys = widget.keys()
        assert keys is not None and keys.isVisible()
        buttons = keys.findChildren(QPushButton)
        assert buttons
        whole = window.rect()
        for key in buttons:
            assert whole.contains(rect_in(key, window)), key.objectName()
        bar = rect_in(page.action_bar, window)
        assert all(not rect_in(k, window).intersects(bar) for k in buttons)
        assert whole.contains(rect_in(driver.button("continue"), window))
        assert page.heading.isVisible() or keys_kind is AddressQuestion
        assert in_view_problems(window) == [], question
        window.wipe_session()


def test_large_text_makes_the_keys_bigger_with_the_text() -> None:
    # On a short screen (no room to grow): large text alone makes the keys bigger.
    normal = key_size(room_w=1270, room_h=250, columns=12, rows=4, large_text=False)
    large = key_size(room_w=1270, room_h=250, columns=12, rows=4, large_text=True)
    assert large.height >= normal.height * 1.25 and large.font_px >= normal.font_px * 1.28
    assert min(normal.width, normal.height, large.width) >= 64
    roomy = key_size(room_w=1800, room_h=600, columns=12, rows=4, large_text=False)
    assert roomy.height > normal.height  # a 1080 px screen does not show a small pad
    cramped = key_size(room_w=700, room_h=200, columns=15, rows=4, large_text=True)
    assert cramped.width == 64 and cramped.height == 80  # never under the floor


def test_the_audit_finds_keys_under_the_action_bar(qtbot: Any) -> None:
    """The arrangement before the fixed input area: the keyboard in the scrolling content
    under its field, at 1280×860, cut off by the action bar's edge. The audit says so."""
    apply_theme(QApplication.instance())

    class OldPage(Screen):
        pass

    class FakeShell:
        large_text = False
        lang = "vi"

    page = OldPage(FakeShell())  # type: ignore[arg-type]
    heading = QWidget()
    heading.setMinimumHeight(300)  # a question, a hint and a validation message
    field = QLineEdit()
    field.setAccessibleName("Họ và tên")
    keyboard = LetterKeyboard("vi", digits=True)
    keyboard.target = field
    for widget in (heading, field, keyboard):
        page.body.addWidget(widget)
    back = make_button(Role.SECONDARY, "back")
    back.setText("Quay lại")
    back.setAccessibleName("Quay lại")
    page.place_actions(back)
    holder = QWidget()
    QVBoxLayout(holder).addWidget(page)
    holder.resize(1280, 560)
    qtbot.addWidget(holder)
    holder.show()
    settle(30)
    problems = in_view_problems(holder)
    assert any("key-space" in p or "key-0" in p for p in problems), problems
    assert any("cut by the edge" in p or "out of view" in p for p in problems)
    # The same keyboard placed in the fixed area is in view.
    page.body.removeWidget(keyboard)
    page.place_keys(keyboard)
    settle(30)
    assert [p for p in in_view_problems(holder) if "key-" in p] == []


@pytest.mark.parametrize("slug", ["birth_registration", "marriage_registration"])
def test_every_question_page_shows_its_question(kiosk_window: Any, slug: str) -> None:
    """The heading is on screen on every page where there is room (it went missing on the
    first question once: hidden while the page was empty, never shown again)."""
    window = kiosk_window()
    window.resize(1366, 768)
    driver = Driver(window)
    example = window.context.catalogue.get(slug).example
    driver.start_procedure(slug)
    page = driver.page(QuestionScreen)
    while driver.screen == "question":
        settle(10)
        folded = page.keys is not None and page.widget is not None and not page.keys.isHidden()
        if not folded:
            assert page.heading.isVisible() and page.heading.text(), driver.current_question()
            assert page.heading.visibleRegion().boundingRect().height() == page.heading.height()
        assert driver.answer(example.get(driver.current_question() or "")) is None
    window.wipe_session()


def test_the_hint_comes_back_when_the_room_does(qtbot: Any, kiosk_window: Any) -> None:
    """The help panel takes room, so the hint folds away; closed again, the hint is back."""
    window = kiosk_window()
    window.resize(1366, 768)
    driver = Driver(window)
    go_to(driver, "requester_name")
    page = driver.page(QuestionScreen)
    settle(10)
    assert page.hint.isVisible()
    qtbot.mouseClick(driver.button("help"), Qt.MouseButton.LeftButton)
    settle(10)
    assert not in_view_problems(window)
    qtbot.mouseClick(driver.button("help-ok"), Qt.MouseButton.LeftButton)
    settle(10)
    assert page.hint.isVisible() and not in_view_problems(window)
    window.wipe_session()


@pytest.mark.parametrize("large", [False, True], ids=["normal", "large"])
@pytest.mark.parametrize("size", SCREENS, ids=[f"{w}x{h}" for w, h in SCREENS])
def test_the_street_line_is_in_view_above_its_keyboard(kiosk_window: Any, size: tuple[int, int],
                                                       large: bool) -> None:
    """Province and commune picked: the street line and its keyboard are both wholly in view
    (the line once sat under the keyboard's top edge, scrolled out with the question)."""
    window = kiosk_window()
    window.resize(*size)
    window.set_large_text(large)
    driver = Driver(window)
    go_to(driver, "residence")
    page = driver.page(QuestionScreen)
    widget = page.widget
    assert isinstance(widget, AddressQuestion)
    wait_until(widget.is_ready, what="the address lists")
    example = window.context.catalogue.get("birth_registration").example["residence"]
    widget.set_value({**example, "street": ""})
    settle(30)
    assert QApplication.focusWidget() is widget.street
    keys = widget.keys()
    assert keys is not None and keys.isVisible()
    full = rect_in(widget.street, window)
    assert page.scroll_area.viewport().rect().contains(
        QRect(widget.street.mapTo(page.scroll_area.viewport(), QPoint(0, 0)), widget.street.size()))
    assert window.rect().contains(full) and in_view_problems(window) == []
    window.wipe_session()
