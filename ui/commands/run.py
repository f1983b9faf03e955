"""``kiosk run [--config F] [--demo] [--training] [--windowed] [--smoke]``: the kiosk itself.

Without a configuration the kiosk runs in demo mode (embedded sandbox portal on
127.0.0.1, throwaway data, a visible DEMO mark). ``--smoke`` waits for the
first paint of the welcome screen, prints ``startup_ms=N`` (from process
start) and exits 0. On Linux with no display and no ``QT_QPA_PLATFORM`` it
explains how to see the kiosk instead of letting Qt abort the interpreter.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from typing import Any

from kiosk import config as config_file
from kiosk.errors import OperationFailed

log = logging.getLogger("ui.run")

NO_DISPLAY = """\
there is no display here (no DISPLAY or WAYLAND_DISPLAY), so the kiosk window cannot open.
  * a virtual screen:   xvfb-run -a -s "-screen 0 1920x1080x24" kiosk run --demo
  * pictures instead:   QT_QPA_PLATFORM=offscreen kiosk tour --out tour
  * a quick check:      QT_QPA_PLATFORM=offscreen kiosk run --smoke
Không có màn hình: xem hướng dẫn ở trên."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("run", help="the kiosk (demo mode without a configuration)")
    parser.add_argument("--config", help="configuration file (default: KIOSK_CONFIG)")
    parser.add_argument("--demo", action="store_true", help="embedded sandbox, fictional data")
    parser.add_argument("--training", action="store_true", help="training mode (TẬP HUẤN)")
    parser.add_argument("--windowed", action="store_true", help="a window, not full screen")
    parser.add_argument("--smoke", action="store_true",
                        help="print startup_ms=N after the first paint, then exit")
    parser.set_defaults(func=run)


def check_display() -> None:
    """Raise a readable error where Qt would abort for lack of a display (Linux)."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        raise OperationFailed(NO_DISPLAY)


def run(args: argparse.Namespace) -> int:
    check_display()
    config = config_file.load(config_file.config_path(args.config))
    demo = args.demo or config.demo
    training = args.training or config.kiosk.training
    from kiosk.context import build

    ctx = build(config, demo=demo and not training, training=training)
    try:
        return _show(ctx, windowed=args.windowed, smoke=args.smoke)
    finally:
        close_context(ctx)


def close_context(ctx: Any) -> None:
    """Wait for background work, then stop the context's threads and sandbox."""
    from ui import background

    background.wait_for_workers(15_000)
    try:
        ctx.close()
    except Exception as exc:  # noqa: BLE001 - exiting anyway; never a traceback
        log.warning("closing the context failed: %s: %s", type(exc).__name__, exc)


def _show(ctx: Any, *, windowed: bool, smoke: bool) -> int:
    from PySide6.QtWidgets import QApplication

    from ui.app import KioskWindow
    from ui.theme import apply_theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    apply_theme(app)
    attach_printing(ctx)
    window = KioskWindow(ctx)
    if smoke:
        report_first_paint(window.screens["welcome"], app)
    if windowed or smoke:
        window.resize(1280, 860)
        window.show()
    else:
        window.showFullScreen()
    code = app.exec()
    window.shutdown()
    return int(code)


def attach_printing(ctx: Any) -> None:
    """Give the context its print service (Qt printer backend when available)."""
    if ctx.printing is not None:
        return
    try:
        from printing.service import for_context
    except ImportError:
        return
    gui_backend = None
    try:
        from ui.qt_printer import QtPrinterBackend  # type: ignore[attr-defined]

        gui_backend = QtPrinterBackend(ctx.config.printer.name)
    except Exception:  # noqa: BLE001 - optional: other backends still work
        gui_backend = None
    try:
        ctx.printing = for_context(ctx, gui_backend)
    except Exception as exc:  # noqa: BLE001 - the kiosk saves receipt PDFs instead
        log.warning("no print service: %s", type(exc).__name__)


def report_first_paint(widget: Any, app: Any) -> None:
    """After ``widget``'s first paint: print ``startup_ms=N`` and quit the event loop."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    from ui.startup import elapsed_ms

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint and not getattr(self, "seen", False):
                self.seen = True
                QTimer.singleShot(0, self.report)
            return False

        def report(self) -> None:
            print(f"startup_ms={elapsed_ms()}", flush=True)
            app.quit()

    watcher = FirstPaint(widget)
    widget.installEventFilter(watcher)
