"""The accessibility audit finds small targets, small text, missing names, low contrast."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.audit import audit_widget
from ui.screens.base import make_button
from ui.theme import Role, apply_theme


def test_a_bad_page_gets_every_kind_of_violation(qtbot) -> None:  # type: ignore[no-untyped-def]
    apply_theme(QApplication.instance())
    page = QWidget()
    layout = QVBoxLayout(page)
    tiny = QPushButton("x")
    tiny.setStyleSheet("min-height: 20px; max-height: 20px; max-width: 20px; font-size: 12px;")
    grey = QLabel("chữ mờ")
    grey.setStyleSheet("color: #999999; font-size: 24px;")
    odd = QLabel("vai trò lạ")
    odd.setProperty("role", "sparkly")
    first, second = make_button(Role.PRIMARY, "a"), make_button(Role.PRIMARY, "b")
    for widget in (tiny, grey, odd, first, second):
        layout.addWidget(widget)
    qtbot.addWidget(page)
    page.show()
    rules = {(v.rule, v.widget.split("#")[0]) for v in audit_widget(page)}
    assert ("target", "QPushButton") in rules
    assert ("text-size", "QPushButton") in rules
    assert ("name", "QPushButton") in rules
    assert ("contrast", "QLabel") in rules
    assert ("role", "QLabel") in rules
    assert any(rule == "one-primary" for rule, _ in rules)


def test_a_themed_page_passes(qtbot) -> None:  # type: ignore[no-untyped-def]
    apply_theme(QApplication.instance())
    page = QWidget()
    page.setObjectName("page")
    layout = QVBoxLayout(page)
    button = make_button(Role.PRIMARY, "go")
    button.setText("Tiếp tục")
    button.setAccessibleName("Tiếp tục")
    heading = QLabel("Họ và tên của bác là gì?")
    heading.setProperty("role", "heading")
    layout.addWidget(heading)
    layout.addWidget(button)
    qtbot.addWidget(page)
    page.resize(800, 400)
    page.show()
    assert audit_widget(page) == []
