"""The accessibility audit finds small targets, small text, missing names, low contrast."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
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


@pytest.mark.slow
def test_every_real_screen_in_every_view_passes_the_accessibility_audit(tmp_path: Path) -> None:
    """`kiosk audit` over every journey of every procedure, at 1366×768, 1280×800 and
    1920×1080, both text sizes, both themes: no violation, exit 0."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_HOME": str(tmp_path / "home")}
    env.pop("KIOSK_CONFIG", None)
    run = subprocess.run(
        [sys.executable, "-m", "kiosk", "audit", "--out", str(tmp_path / "audit")],
        cwd=Path(__file__).resolve().parents[1], env=env, capture_output=True, text=True,
        timeout=1800,
    )
    report = json.loads((tmp_path / "audit" / "audit.json").read_text(encoding="utf-8"))
    violations = [(s["view"], s["screen"], v) for s in report["screens"] for v in s["violations"]]
    assert run.returncode == 0 and not violations and not report["problems"], (
        violations[:10], report["problems"], run.stderr[-500:])
    views = {s["view"] for s in report["screens"]}
    assert views == {f"{size}{text}{theme}" for size in ("1366x768", "1280x800", "1920x1080")
                     for text in ("", " large-text") for theme in ("", " high-contrast")}
    for view in views:  # every procedure's journey was walked in every view
        assert sum(s["view"] == view for s in report["screens"]) >= 7 * 8, view
    assert not (tmp_path / "home" / "demo").exists()  # each view had a throwaway folder


def test_audit_views_are_narrowed_by_size_text_and_theme() -> None:
    from kiosk.cli import build_parser
    from ui.commands.audit import View, views

    parser = build_parser()
    every = views(parser.parse_args(["audit"]))
    assert len(every) == 12 and len(set(every)) == 12
    one = views(parser.parse_args(["audit", "--size", "1280x800", "--large-text",
                                   "--theme", "normal"]))
    assert one == [View((1280, 800), large_text=True, high_contrast=False)]
    assert one[0].name == "1280x800 large-text"
    assert one[0].options() == ["--size", "1280x800", "--text", "large", "--theme", "normal"]
    two = views(parser.parse_args(["audit", "--size", "1366x768", "--text", "normal"]))
    assert [v.high_contrast for v in two] == [False, True]


def test_a_high_contrast_page_is_read_against_its_black_background(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Plain containers take the theme's colours too, so the audit reads white on black,
    and a grey on black label is still caught."""
    apply_theme(QApplication.instance(), high_contrast=True)
    try:
        page = QWidget()
        page.setObjectName("page")
        inner = QWidget(page)  # a plain container, painted by nobody
        layout = QVBoxLayout(inner)
        heading = QLabel("Họ và tên của bác là gì?")
        heading.setProperty("role", "heading")
        dim = QLabel("chữ mờ")
        dim.setStyleSheet("color: #444444;")
        layout.addWidget(heading)
        layout.addWidget(dim)
        QVBoxLayout(page).addWidget(inner)
        qtbot.addWidget(page)
        page.resize(800, 400)
        page.show()
        found = [(v.rule, v.detail) for v in audit_widget(page)]
        assert found == [("contrast", "#444444 on #000000: 2.2:1, needs 7:1")], found
    finally:
        apply_theme(QApplication.instance())
