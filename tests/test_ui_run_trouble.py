"""``kiosk run`` whose context cannot be built (here: a read-only data folder) shows a calm
full-screen page asking for a volunteer, instead of hanging on "starting"; the
technician's reason goes to the log only."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest
from test_files_helpers import assert_readonly, readonly_dir

from kiosk import config
from kiosk.core.paths import DataFolderUnusable

__all__ = ["readonly_dir"]  # the fixture, used by name below


@pytest.fixture
def restored_logging(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """``kiosk run`` sets sys.excepthook and the log handler: put them back afterwards."""
    from kiosk.core import logs

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    yield
    logs.setup(None)


def test_a_context_that_cannot_be_built_shows_the_trouble_page(
        qtbot, tmp_path: Path, readonly_dir: Path, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
        caplog: pytest.LogCaptureFixture, restored_logging: None) -> None:
    from PySide6.QtWidgets import QApplication, QLabel, QWidget

    from ui.commands.run import open_kiosk
    from ui.crash import TROUBLE

    assert_readonly(readonly_dir)
    monkeypatch.setenv("KIOSK_HOME", str(readonly_dir))
    path = tmp_path / "kiosk.toml"
    path.write_text('[kiosk]\nid = "HN-01"\n', encoding="utf-8")
    cfg = config.load(path)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    caplog.set_level(logging.INFO)
    window, starting = open_kiosk(app, cfg, cfg.mode(), windowed=True, smoke=False)
    qtbot.addWidget(window)
    try:
        def shown() -> bool:
            page = window.findChild(QWidget, "trouble-page")
            return page is not None and page.isVisible()

        qtbot.waitUntil(shown, timeout=20_000)
        page = window.findChild(QWidget, "trouble-page")
        assert page is not None and page.geometry() == window.rect()  # the whole window
        texts = [label.text() for label in page.findChildren(QLabel)]
        assert texts == [TROUBLE("vi"), TROUBLE("en")]
        assert texts[0] == "Máy đang gặp sự cố, xin gọi tình nguyện viên."
        assert not window.frame.isEnabled()  # nothing under it can be tapped
        window.resize(1000, 700)
        qtbot.waitUntil(lambda: page.geometry() == window.rect(), timeout=5_000)
        assert isinstance(starting.error, DataFolderUnusable)
        reason = [r.getMessage() for r in caplog.records if "could not start" in r.getMessage()]
        assert reason and str(readonly_dir) in reason[0] and "read-only" in reason[0]
        assert not any(str(readonly_dir) in t for t in texts)  # the reason is the log's only
    finally:
        window.shutdown()
