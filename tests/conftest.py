"""Shared fixtures. Qt tests run offscreen; nothing here imports PySide6."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


# ---- ui shell (owner 5): background work and timers left behind -------------
import pytest  # noqa: E402


@pytest.fixture
def no_leftover_work(qtbot):  # type: ignore[no-untyped-def]
    """Fail a GUI test that leaves background work undelivered, or kiosk timers running
    in a window that was closed (a closed kiosk window must stop its idle timers)."""
    from ui import background

    yield
    finished = background.wait_for_workers(10_000)
    qtbot.waitUntil(lambda: background.pending() == 0, timeout=5_000)
    assert finished, "a background worker was still running after the test"
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    running = [
        t.objectName()
        for w in QApplication.topLevelWidgets()
        if not w.isVisible()
        for t in w.findChildren(QTimer)
        if t.isActive() and t.objectName().startswith("kiosk.")
    ]
    assert not running, f"timers still running after the test: {running}"


# ---- end ui shell -----------------------------------------------------------


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
    """(printer name, folder cups-pdf writes to); skips unless scripts/with-test-services.sh
    started CUPS with the KioskPDF printer (it sets KIOSK_TEST_CUPS_PRINTER)."""
    from pathlib import Path

    name = os.environ.get("KIOSK_TEST_CUPS_PRINTER")
    out = os.environ.get("KIOSK_CUPS_PDF_OUT")
    if not name or not out:
        pytest.skip("no test CUPS printer: run through scripts/with-test-services.sh as root "
                    "with cups, cups-client, cups-bsd and printer-driver-cups-pdf installed")
    return name, Path(out)


# ---- end printing -----------------------------------------------------------
