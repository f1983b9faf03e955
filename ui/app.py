"""The kiosk window: a stack of screens, the session, the idle wipe, the offline banner.

:class:`KioskWindow` receives one application context (``kiosk.context.AppContext``)
and owns at most one :class:`~ui.session.Session`. Screens ask it to move on
(``go``, ``choose``, ``after_answer``...); it never reaches into their widgets
beyond ``refresh``/``retranslate``/``wipe``. Everything here runs on the GUI
thread; blocking work (sending, printing, lookups) goes through
``ui.background.run_in_background``, and the connectivity monitor's callbacks
(its own thread) arrive through a queued signal.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QClipboard
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import Config
from kiosk.core.text import Text
from kiosk.outbox.messages import OFFLINE_BANNER
from ui import theme
from ui.background import run_in_background
from ui.idle import IdleOverlay, IdleWatcher
from ui.screens.base import Screen, make_button, make_label
from ui.theme import Role
from ui.words import ASK_VOLUNTEER, FOR_VOLUNTEERS, UNDERSTOOD

if TYPE_CHECKING:
    from forms.model import Procedure
    from ui.session import Session

log = logging.getLogger("ui.app")

DEMO_MARK = Text("DEMO – dữ liệu thử", "DEMO – practice data")
TRAINING_MARK = Text("TẬP HUẤN", "TRAINING")
PRINT_FAILED = Text(
    "Chưa in được biên nhận. Bác nhờ tình nguyện viên giúp.",
    "The receipt could not be printed. Please ask a volunteer.",
)
HELP_COMING = Text(
    "Tình nguyện viên đang đến giúp bác. Bác cứ giữ nguyên trang này.",
    "A volunteer is coming to help you. Please stay on this page.",
)
STARTING = Text("Máy đang khởi động, bác chờ một chút…", "Starting up, one moment please…")
# Screens are built (and their modules imported) the first time they are shown:
# the welcome screen paints sooner.
SCREENS: dict[str, str] = {
    "welcome": "ui.screens.welcome:WelcomeScreen",
    "identify": "ui.screens.identify:IdentifyScreen",
    "choose": "ui.screens.choose:ChooseScreen",
    "before": "ui.screens.before:BeforeScreen",
    "question": "ui.screens.question:QuestionScreen",
    "review": "ui.screens.review:ReviewScreen",
    "confirmation": "ui.screens.confirmation:ConfirmationScreen",
    "status": "ui.screens.status:StatusScreen",
    "volunteer_pin": "ui.screens.volunteer_pin:VolunteerPinScreen",
    "volunteer": "ui.screens.volunteer:VolunteerScreen",
}
VOLUNTEER_SCREENS = ("volunteer_pin", "volunteer")


class _Connectivity(QObject):
    """Carries the monitor's on_change (monitor thread) to the GUI thread."""

    changed = Signal(bool)


class KioskWindow(QMainWindow):
    """The kiosk. ``ctx`` may arrive later (:meth:`set_context`): the welcome screen
    shows at once and a tap that needs the context waits for it."""

    def __init__(self, ctx: Any = None, *, config: Config | None = None, demo: bool = False,
                 training: bool = False, idle_ms: int | None = None,
                 warning_ms: int | None = None, tick_ms: int = 1000,
                 send_timeout_s: float = 15.0) -> None:
        super().__init__()
        self.ctx = ctx
        self.config: Config = ctx.config if ctx is not None else (config or Config())
        self.demo = ctx.demo if ctx is not None else demo
        self.training = ctx.training if ctx is not None else training
        self.lang = self.config.kiosk.language
        self.large_text = False
        self.session: Session | None = None
        self.send_timeout_s = send_timeout_s
        self._waiting_for: str | None = None
        self.volunteer_open = False  # the PIN was given; until "Xong" or the idle wipe
        self._before_volunteer = "welcome"
        self.setWindowTitle("Kiosk dịch vụ công")
        self._build_frame()
        self.screens: dict[str, Screen] = {}
        self.overlay = IdleOverlay(self.centralWidget())
        kiosk = self.config.kiosk
        self.idle = IdleWatcher(idle_ms if idle_ms is not None else kiosk.idle_timeout_s * 1000,
                                warning_ms if warning_ms is not None else kiosk.idle_warning_s * 1000,
                                tick_ms, self)
        self.idle.warning.connect(self._idle_warning)
        self.idle.tick.connect(lambda s: self.overlay.show_countdown(s, self.lang))
        self.idle.extended.connect(self.overlay.hide)
        self.idle.expired.connect(self.wipe_session)
        self.overlay.stay.clicked.connect(self.idle.activity)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            self.idle.install(app)
        self._connectivity = _Connectivity(self)
        self._connectivity.changed.connect(self.set_online, Qt.ConnectionType.QueuedConnection)
        if ctx is not None:
            self._watch_connectivity()
        self._retranslate_frame()
        self.go("welcome")

    def set_context(self, ctx: Any) -> None:
        """The context built in the background has arrived (GUI thread)."""
        self.ctx = ctx
        self.config = ctx.config
        self._watch_connectivity()
        if self._waiting_for is not None:
            name, self._waiting_for = self._waiting_for, None
            self.screen("welcome").set_waiting(None)  # type: ignore[attr-defined]
            self.go(name)

    def screen(self, name: str) -> Screen:
        """The screen called ``name``, built on first use."""
        if name not in self.screens:
            module, _, cls = SCREENS[name].partition(":")
            screen = getattr(importlib.import_module(module), cls)(self)
            self.screens[name] = screen
            self.stack.addWidget(screen)
        return self.screens[name]

    # -- frame: top bar, offline banner, screens --------------------------------
    def _build_frame(self) -> None:
        central = QWidget()
        central.setObjectName("page")
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        top = QWidget()
        row = QHBoxLayout(top)
        row.setContentsMargins(48, 16, 48, 0)
        self.place = make_label(Role.CAPTION)
        self.place.setObjectName("kiosk-place")
        self.mark = make_label(Role.MARK)
        self.mark.setObjectName("mode-mark")
        self.mark.setWordWrap(False)
        self.help = make_button(Role.LINK, "help")
        self.help.clicked.connect(self.show_help)
        row.addWidget(self.place, 1)
        row.addWidget(self.help)
        row.addWidget(self.mark, 0, Qt.AlignmentFlag.AlignRight)
        self.banner = make_label(Role.BANNER)
        self.banner.setObjectName("offline-banner")
        self.banner.hide()
        self.stack = QStackedWidget()
        column.addWidget(top)
        column.addWidget(self.banner)
        column.addWidget(self._help_panel())
        column.addWidget(self.stack, 1)
        self.setCentralWidget(central)

    def _help_panel(self) -> QWidget:
        """ "A volunteer is coming", reachable from every page (the top bar's link)."""
        self.help_panel = QFrame()
        self.help_panel.setObjectName("help-panel")
        self.help_panel.setProperty("role", "panel")
        row = QHBoxLayout(self.help_panel)
        row.setContentsMargins(48, 16, 48, 16)
        self.help_text = make_label()
        self.help_ok = make_button(Role.SECONDARY, "help-ok")
        self.help_ok.clicked.connect(self.help_panel.hide)
        self.help_volunteers = make_button(Role.LINK, "for-volunteers")
        self.help_volunteers.clicked.connect(self.open_volunteer_panel)
        row.addWidget(self.help_text, 1)
        row.addWidget(self.help_volunteers)
        row.addWidget(self.help_ok)
        self.help_panel.hide()
        return self.help_panel

    def show_help(self) -> None:
        self.help_panel.show()
        self.volunteer_called()

    def _retranslate_frame(self) -> None:
        kiosk = self.config.kiosk
        self.place.setText(", ".join(p for p in (kiosk.name, kiosk.commune) if p))
        training = self.training or kiosk.training
        mark = TRAINING_MARK if training else DEMO_MARK if self.demo else None
        self.mark.setVisible(mark is not None)
        self.mark.setText(mark(self.lang) if mark is not None else "")
        self.banner.setText(OFFLINE_BANNER(self.lang))
        for widget, text in ((self.help, ASK_VOLUNTEER), (self.help_text, HELP_COMING),
                             (self.help_ok, UNDERSTOOD), (self.help_volunteers, FOR_VOLUNTEERS)):
            widget.setText(text(self.lang))  # type: ignore[attr-defined]
            widget.setAccessibleName(text(self.lang))

    def _watch_connectivity(self) -> None:
        monitor = self.ctx.monitor
        if monitor is None:
            return
        bridge = self._connectivity

        def forward(online: bool) -> None:  # monitor thread
            with contextlib.suppress(RuntimeError):  # the window is gone
                bridge.changed.emit(online)

        monitor.on_change(forward)
        if monitor.known:
            self.set_online(monitor.online)

    def set_online(self, online: bool) -> None:
        self.banner.setVisible(not online)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self.overlay.setGeometry(self.centralWidget().rect())

    # -- navigation ----------------------------------------------------------------
    def current(self) -> Screen:
        widget = self.stack.currentWidget()
        assert isinstance(widget, Screen)
        return widget

    def go(self, name: str) -> None:
        if self.ctx is None and name not in ("welcome", "identify"):
            self._waiting_for = name  # shown as soon as the context arrives
            self.go("welcome")
            self.screen("welcome").set_waiting(STARTING(self.lang))  # type: ignore[attr-defined]
            return
        if name == "volunteer" and not self.volunteer_open:
            name = "volunteer_pin"  # the volunteers' screen only behind the PIN
        screen = self.screen(name)
        self.stack.setCurrentWidget(screen)
        screen.setFocus(Qt.FocusReason.OtherFocusReason)  # no stale focus on a button
        screen.on_enter()
        screen.scroll.verticalScrollBar().setValue(0)
        # The welcome page has its own button; volunteers need no "ask a volunteer".
        self.help.setVisible(name != "welcome" and name not in VOLUNTEER_SCREENS)
        if name in VOLUNTEER_SCREENS:
            self.help_panel.hide()
        if name == "welcome":
            self.idle.disarm()
            self.overlay.hide()
            self.help_panel.hide()
        else:
            self.idle.arm()

    def begin_identify(self) -> None:
        self.go("identify")

    def choose(self, procedure: Procedure) -> None:
        from ui.session import Session

        if self.session is not None:
            self.session.wipe()
        self.session = Session.start(procedure)
        log.info("journey started: procedure %s", procedure.code)
        self.go("before")

    def may_start(self, procedure: Procedure) -> bool:
        """Login-only procedures go on without login in demo and training mode only."""
        fictional = self.demo or self.training or self.config.kiosk.training
        return not procedure.login_required or fictional

    def start_questions(self) -> None:
        if self.session is None or not self.may_start(self.session.procedure):
            return
        self.go("review" if self.session.flow.at_review else "question")

    def after_answer(self) -> None:
        assert self.session is not None
        self.go("review" if self.session.flow.at_review else "question")

    def after_back(self) -> None:
        self.after_answer()

    def edit_question(self, question_id: str) -> None:
        if self.session is None:
            return
        self.session.flow.edit(question_id)
        self.go("question")

    def back_from_review(self) -> None:
        if self.session is not None and self.session.flow.back():
            self.go("question")

    def volunteer_called(self) -> None:
        log.info("volunteer requested")

    # -- the volunteers' panel (PIN, then reprints) ----------------------------------
    def open_volunteer_panel(self) -> None:
        """ "Dành cho tình nguyện viên": the PIN page; its Back returns to this page."""
        current = self.stack.currentWidget()
        name = current.name if isinstance(current, Screen) else "welcome"
        if name not in VOLUNTEER_SCREENS:
            self._before_volunteer = name
        self.go("volunteer_pin")

    def leave_volunteer_pin(self) -> None:
        """Back from the PIN page to where the volunteer came from (nothing wiped)."""
        previous, self._before_volunteer = self._before_volunteer, "welcome"
        self.go(previous)

    def volunteer_unlocked(self) -> None:
        """The right PIN: the volunteers' screen, until "Xong" or the idle wipe."""
        self.volunteer_open = True
        self.go("volunteer")

    # -- sending and printing ----------------------------------------------------------
    def send(self, session: Session, on_error: Callable[[BaseException], None]) -> None:
        ctx, timeout = self.ctx, self.send_timeout_s
        procedure, answers = session.procedure, session.answers()

        def work() -> Any:  # worker thread: no widgets
            record = ctx.submissions.submit(procedure, answers)
            try:
                return ctx.submissions.send_now(record.ref, timeout_s=timeout)
            except Exception as exc:  # noqa: BLE001 - saved; the worker sends it later
                log.warning("send_now for %s failed (%s); stays queued",
                            record.ref, type(exc).__name__)
                return record

        def done(record: Any) -> None:
            if self.session is not session:
                return  # wiped meanwhile; the application is saved and will be sent
            session.record = record
            self.screen("review").finished()  # type: ignore[attr-defined]
            log.info("application %s: %s", record.ref, record.status)
            self.go("confirmation")

        def failed(exc: BaseException) -> None:
            log.warning("submission failed: %s", type(exc).__name__)
            if self.session is session:
                on_error(exc)

        run_in_background(work, done, failed, owner=self)

    def receipt(self) -> Any:
        """The session's receipt (``printing.receipt.Receipt``), or None if it cannot be made."""
        from ui.receipts import receipt_for

        session = self.session
        if session is None or session.record is None:
            return None
        try:
            return receipt_for(self.ctx, session)
        except Exception as exc:  # noqa: BLE001 - a message for the resident, details logged
            log.warning("receipt for %s not built: %s", session.record.ref, type(exc).__name__)
            return None

    def print_receipt(self, report: Callable[[str], None]) -> None:
        """Print (or, with no print service, save) the receipt; ``report`` gets the message."""
        from ui.receipts import print_or_save

        session = self.session
        receipt = self.receipt()
        if session is None or receipt is None:
            report(PRINT_FAILED(self.lang))
            return
        ctx = self.ctx

        def done(result: tuple[Text, str | None]) -> None:
            message, saved = result
            if self.session is session:
                session.receipt_path = saved
                report(message(self.lang))

        def failed(exc: BaseException) -> None:
            log.warning("printing failed: %s", type(exc).__name__)
            if self.session is session:
                report(PRINT_FAILED(self.lang))

        run_in_background(lambda: print_or_save(ctx, receipt), done, failed, owner=self)

    # -- switches ------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        self.lang = lang
        self._rerender()

    def set_large_text(self, large: bool) -> None:
        self.large_text = large
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply_theme(app, large)
        self._rerender()

    def _rerender(self) -> None:
        self._retranslate_frame()
        for screen in self.screens.values():
            screen.retranslate()

    # -- ending a session -------------------------------------------------------------
    def finish(self) -> None:
        """ "Xong": the resident is done."""
        self.wipe_session()

    def wipe_session(self) -> None:
        """Forget the resident: session dropped, widgets cleared, clipboard emptied."""
        if self.session is not None:
            self.session.wipe()
        self.session = None
        self._waiting_for = None
        self.volunteer_open = False
        self._before_volunteer = "welcome"
        for screen in self.screens.values():
            screen.wipe()
        clipboard = QApplication.clipboard()
        clipboard.clear(QClipboard.Mode.Clipboard)
        if clipboard.supportsSelection():
            clipboard.clear(QClipboard.Mode.Selection)
        self.overlay.hide()
        self.lang = self.config.kiosk.language
        if self.large_text:
            self.set_large_text(False)
        else:
            self._rerender()
        log.info("session wiped")
        self.go("welcome")

    def _idle_warning(self) -> None:
        self.overlay.show_countdown(self.idle.seconds_left(), self.lang)

    def shutdown(self) -> None:
        """Stop timers and the event filter (before the context closes)."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            self.idle.uninstall(app)
        self.close()

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        self.idle.disarm()
        super().closeEvent(event)
