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
def test_every_real_screen_passes_the_accessibility_audit(tmp_path: Path) -> None:
    """`kiosk audit` over every journey of every procedure: no violation, exit 0."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_HOME": str(tmp_path / "home")}
    env.pop("KIOSK_CONFIG", None)
    run = subprocess.run(
        [sys.executable, "-m", "kiosk", "audit", "--out", str(tmp_path / "audit")],
        cwd=Path(__file__).resolve().parents[1], env=env, capture_output=True, text=True,
        timeout=300,
    )
    report = json.loads((tmp_path / "audit" / "audit.json").read_text(encoding="utf-8"))
    violations = [(s["screen"], v) for s in report["screens"] for v in s["violations"]]
    assert run.returncode == 0 and not violations, violations[:10]
    assert len(report["screens"]) >= 7 * 8  # every procedure's journey was walked
