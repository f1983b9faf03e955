"""``kiosk run [--config F] [--demo] [--training] [--windowed] [--smoke] [--supervise]``.

The kiosk itself; ``--supervise`` runs it as a child process restarted after a
crash (:mod:`kiosk.supervisor`), where an unexpected error shows "Xin lỗi, máy
đang khởi động lại" and exits for the restart (:mod:`ui.crash`).

Without a configuration the kiosk runs in demo mode (embedded sandbox portal on
127.0.0.1, throwaway data, a visible DEMO mark). ``--smoke`` waits for the
first paint of the welcome screen, prints ``startup_ms=N`` (from process
start) and exits 0, or 1 with the reason when the context cannot be built.
Without ``--smoke`` such a kiosk shows a calm full-screen page asking for a
volunteer (the reason is in the log) instead of waiting forever. On Linux with no display and no ``QT_QPA_PLATFORM`` it
explains how to see the kiosk instead of letting Qt abort the interpreter.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING

from kiosk import config as config_file
from kiosk.config import Config
from kiosk.core.errors import KioskError, OperationFailed
from kiosk.core.mode import Mode
from kiosk.supervisor import GAVE_UP, SUPERVISED
from ui.shell import ScreenName

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget

    from kiosk.context import AppContext
    from ui.app import KioskWindow

log = logging.getLogger("ui.run")

MIN_WIDTH, MIN_HEIGHT = 800, 600

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
    parser.add_argument("--supervise", action="store_true",
                        help="run the kiosk as a child and restart it when it crashes")
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
    if args.supervise:
        return _supervise(args)
    check_display()
    config = config_file.load(config_file.config_path(args.config))
    mode = config.mode(demo=args.demo, training=args.training)
    return _show(config, mode, windowed=args.windowed, smoke=args.smoke)


def _supervise(args: argparse.Namespace) -> int:
    """The kiosk in a child process, restarted after a crash (:mod:`kiosk.supervisor`)."""
    from kiosk.core.process import kiosk_argv
    from kiosk.supervisor import GAVE_UP_EXIT, supervise

    options = [*(["--config", args.config] if args.config else []),
               *(["--demo"] if args.demo else []), *(["--training"] if args.training else []),
               *(["--windowed"] if args.windowed else [])]
    code = supervise(kiosk_argv("run", *options))
    if code == GAVE_UP_EXIT:
        print("kiosk: the kiosk crashed again and again within minutes; the supervisor gave "
              "up. A technician is needed: see the log in KIOSK_HOME/logs and run "
              "`kiosk doctor`.", file=sys.stderr)
    return code


def start_logging(fictional: bool) -> None:
    """A real kiosk logs to KIOSK_HOME/logs (redacted); demo and training warn on stderr,
    and so does a real kiosk whose data folder cannot be written (its start then fails,
    saying why, on the trouble page's log line).

    An exception escaping a Qt slot is logged instead of only printed, and the
    kiosk keeps running: the resident keeps their page.
    """
    from kiosk.core import logs
    from kiosk.core.paths import DataDir, default_home

    folder = None
    if not fictional:
        try:
            folder = DataDir(default_home()).ensure().logs
        except KioskError:
            folder = None
    logs.setup(folder)

    def log_unexpected(kind: type[BaseException], exc: BaseException,
                       tb: TracebackType | None) -> None:
        log.error("unexpected %s in the GUI", kind.__name__, exc_info=(kind, exc, tb))
        if os.environ.get(SUPERVISED) == "1":  # a calm page, then the supervisor restarts
            from ui.crash import restart_after_crash

            restart_after_crash()

    sys.excepthook = log_unexpected


def close_context(ctx: AppContext) -> None:
    """Wait for background work, then stop the context's threads and sandbox."""
    from ui import background

    background.wait_for_workers(15_000)
    try:
        ctx.close()
    except Exception as exc:  # noqa: BLE001 - exiting anyway; never a traceback
        log.warning("closing the context failed: %s: %s", type(exc).__name__, exc)


class _Starting:
    """The context being built on a worker while the welcome screen paints.

    ``build`` runs on a worker thread; ``built`` keeps the context even if the
    event loop ends before it is delivered, so it is always closed, and ``error``
    keeps why it could not be built (``--smoke`` exits 1 with it).
    """

    def __init__(self, config: Config, mode: Mode) -> None:
        self.config, self.mode = config, mode
        self.built: AppContext | None = None
        self.error: BaseException | None = None

    def build(self) -> AppContext:  # worker thread
        from kiosk.context import build
        from ui.qt_printer import QtPrinterBackend

        try:
            self.built = build(self.config, self.mode,
                               printer=QtPrinterBackend(self.config.printer.name))
        except BaseException as exc:
            self.error = exc
            raise
        return self.built

    def failed(self, exc: BaseException, window: QWidget) -> None:  # GUI thread
        """No context: the reason goes to the log, the resident sees the trouble page."""
        self.error = exc
        if isinstance(exc, KioskError):
            log.error("the kiosk could not start: %s", exc)
        else:
            log.error("the kiosk could not start: %s", type(exc).__name__, exc_info=exc)
        from ui.crash import show_trouble

        show_trouble(window)


def _show(config: Config, mode: Mode, *, windowed: bool, smoke: bool) -> int:
    from ui.commands.common import application

    app = application("kiosk")
    window, starting = open_kiosk(app, config, mode, windowed=windowed, smoke=smoke)
    code = app.exec()
    window.shutdown()
    from ui import background

    background.wait_for_workers(60_000)
    if starting.built is not None:
        close_context(starting.built)
    if starting.error is not None:
        if isinstance(starting.error, KioskError):
            raise starting.error
        raise OperationFailed(f"the kiosk could not start: {type(starting.error).__name__}: "
                              f"{starting.error}") from starting.error
    return int(code)


def open_kiosk(app: QApplication, config: Config, mode: Mode, *, windowed: bool,
               smoke: bool) -> tuple[KioskWindow, _Starting]:
    """Show the window; its context is built on a worker after the first paint (GUI thread)."""
    from ui.app import KioskWindow
    from ui.background import run_in_background
    from ui.theme import apply_theme

    apply_theme(app)
    window = KioskWindow(config, mode)
    starting = _Starting(config, mode)

    def build_context() -> None:  # after the first paint: the GIL is the GUI's until then
        if os.environ.get(SUPERVISED) == GAVE_UP:  # crashed again and again: say so, only
            from ui.crash import show_trouble

            start_logging(mode.fictional)
            show_trouble(window)
            return
        try:
            start_logging(mode.fictional)
            run_in_background(starting.build, window.set_context,
                              lambda exc: starting.failed(exc, window), owner=window)
        except Exception as exc:  # noqa: BLE001 - never a kiosk stuck on "starting"
            starting.failed(exc, window)

    on_first_paint(window.page(ScreenName.WELCOME), build_context)
    if smoke:
        on_first_paint(window.page(ScreenName.WELCOME), lambda: report_startup(app))
    # Smaller than this, the bottom buttons' labels no longer fit (checked by eye).
    window.setMinimumSize(MIN_WIDTH, MIN_HEIGHT)
    if windowed or smoke:
        window.resize(1280, 860)
        window.show()
    else:
        screen = app.primaryScreen()
        if screen is not None:
            # A bare X session with no window manager ignores the full-screen
            # request and would show a small window: take the screen's geometry.
            window.setGeometry(screen.geometry())
        window.showFullScreen()
    return window, starting


def on_first_paint(widget: QWidget, callback: Callable[[], None]) -> None:
    """Call ``callback`` once, just after ``widget`` is first painted (GUI thread)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint and not self.seen:
                self.seen = True
                widget.removeEventFilter(self)
                QTimer.singleShot(0, callback)
            return False

    widget.installEventFilter(FirstPaint(widget))


def report_startup(app: QApplication) -> None:
    """``--smoke``: print ``startup_ms=N`` (process start to first paint) and quit."""
    from ui.startup import elapsed_ms

    print(f"startup_ms={elapsed_ms()}", flush=True)
    app.quit()
