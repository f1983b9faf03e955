"""Shared fixtures. Qt tests run offscreen; nothing here imports PySide6."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


# ---- services and leftovers -------------------------------------------------
import threading  # noqa: E402

import pytest  # noqa: E402
from services import service_missing  # noqa: E402

# Threads a test must not leave running: a kiosk context or a sandbox not closed.
KIOSK_THREADS = ("kiosk-outbox-sync", "kiosk-connectivity", "sandbox-http")


@pytest.fixture(autouse=True)
def no_leftovers(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """Every test: no kiosk thread left running. Every Qt test (one that uses qtbot or
    qapp) also: no background work left undelivered, no timer running in a closed window.
    Autouse, so it is torn down last, after the test's windows and contexts are closed."""
    yield
    uses_qt = bool({"qtbot", "qapp"} & set(request.fixturenames))
    if uses_qt:
        _check_qt_leftovers()
    alive = [t.name for t in threading.enumerate() if t.name.startswith(KIOSK_THREADS)]
    assert not alive, f"threads still running after the test: {alive}"


def _check_qt_leftovers() -> None:
    import time

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ui import background

    finished = background.wait_for_workers(10_000)
    deadline = time.monotonic() + 5
    while background.pending() and time.monotonic() < deadline:
        QApplication.processEvents()
    assert finished, "a background worker was still running after the test"
    assert background.pending() == 0, "background results were never delivered"
    running = [
        f"{type(w).__name__}.{t.objectName() or 'timer'}"
        for w in QApplication.topLevelWidgets()
        if not w.isVisible()
        for t in w.findChildren(QTimer)
        if t.isActive()
    ]
    assert not running, f"timers still running in closed windows after the test: {running}"


@pytest.fixture
def ui_context(tmp_path, sandbox_process):  # type: ignore[no-untyped-def]
    """A kiosk context in training mode whose portal is a real ``kiosk sandbox`` process
    and whose receipts are saved as PDF files (never printed on paper)."""
    from kiosk.config import Config
    from kiosk.context import build
    from kiosk.core.mode import Mode
    from kiosk.vault import Vault
    from printing.settings import PrinterSettings
    from ui.commands.run import close_context

    config = Config(printer=PrinterSettings(backend="pdf-folder"))
    ctx = build(config, Mode.TRAINING, home=tmp_path / "kiosk-home",
                vault=Vault.in_memory_key(), sandbox_url=sandbox_process.url)
    yield ctx
    close_context(ctx)


@pytest.fixture
def kiosk_window(qtbot, ui_context):  # type: ignore[no-untyped-def]
    """Make the real kiosk window (``make(idle_ms=..., warning_ms=..., tick_ms=...)``)."""
    from PySide6.QtWidgets import QApplication

    from ui.app import KioskWindow
    from ui.theme import apply_theme

    windows = []

    def make(**timers):  # type: ignore[no-untyped-def]
        app = QApplication.instance()
        apply_theme(app)
        window = KioskWindow.for_context(ui_context, **timers)
        window.resize(1280, 860)
        qtbot.addWidget(window)
        window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.shutdown()




# ---- sandbox (owner 2): the sandbox portal, as a process and in a thread -----
@pytest.fixture
def sandbox_process(tmp_path):  # type: ignore[no-untyped-def]
    """A real ``kiosk sandbox --port 0`` subprocess; yields it (``.url``), then stops it."""
    from sandbox_helpers import start_sandbox_process

    process = start_sandbox_process(tmp_path / "sandbox-process")
    yield process
    process.stop()


@pytest.fixture
def sandbox_url(tmp_path):  # type: ignore[no-untyped-def]
    """The URL of a sandbox portal served on a thread of this test process."""
    from kiosk.sandbox.server import start_sandbox

    running = start_sandbox(tmp_path / "sandbox-thread")
    yield running.url
    running.stop()


# ---- end sandbox ------------------------------------------------------------


# ---- printing (owner 4): the real CUPS server's virtual PDF printer ---------
@pytest.fixture
def cups_printer():  # type: ignore[no-untyped-def]
    """(printer name, folder cups-pdf writes to); skips (fails under CI) unless
    scripts/with-test-services.sh started CUPS with the KioskPDF printer (it sets
    KIOSK_TEST_CUPS_PRINTER)."""
    from pathlib import Path

    name = os.environ.get("KIOSK_TEST_CUPS_PRINTER")
    out = os.environ.get("KIOSK_CUPS_PDF_OUT")
    if not name or not out:
        service_missing("no test CUPS printer: run through scripts/with-test-services.sh as "
                        "root with cups, cups-client, cups-bsd and printer-driver-cups-pdf")
    return name, Path(out)


# ---- end printing -----------------------------------------------------------
