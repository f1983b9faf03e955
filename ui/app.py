"""The kiosk window: the pages, the session, the idle wipe, the offline banner.

:class:`KioskWindow` is the one :class:`~ui.shell.Shell`: it runs in one
:class:`~kiosk.core.mode.Mode` with one configuration, receives the
application context (:class:`~kiosk.context.AppContext`, built on a worker
after the first paint, :meth:`set_context`), and owns at most one
:class:`~ui.session.Session`. Pages ask it to move on (``go``, ``choose``,
``after_answer``...); it never reaches into their widgets beyond
``refresh``/``retranslate``/``wipe``. Everything here runs on the GUI thread;
the connectivity monitor's callbacks (its own thread) arrive through a queued
signal.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QClipboard, QCloseEvent, QResizeEvent
from PySide6.QtWidgets import QApplication, QMainWindow

from forms.model import Procedure
from kiosk.config import Config
from kiosk.core.mode import Mode
from kiosk.core.text import Text
from kiosk.identity.person import Identity, Source
from ui import theme
from ui.background import run_in_background
from ui.bridge import QUEUED, ThreadNews
from ui.frame import Frame
from ui.idle import IdleOverlay, IdleWatcher
from ui.read_aloud import ReadAloud
from ui.screens import make_screen
from ui.screens.base import Screen
from ui.shell import ScreenName

if TYPE_CHECKING:  # the context's modules load on a worker, after the first paint
    from kiosk.context import AppContext
    from kiosk.identity.login import PhoneLogin
    from kiosk.outbox.records import OutboxRecord
    from kiosk.submission import SubmissionResult
    from ui.screens.welcome import WelcomeScreen
    from ui.session import Session

log = logging.getLogger("ui.app")

STARTING = Text("Máy đang khởi động, bác chờ một chút…", "Starting up, one moment please…")
# Pages that need no context: the welcome page, and the choice of how to identify.
BEFORE_CONTEXT = (ScreenName.WELCOME, ScreenName.IDENTIFY, ScreenName.LOGIN_HELP)
VOLUNTEER_SCREENS = (ScreenName.VOLUNTEER_PIN, ScreenName.VOLUNTEER)


class KioskWindow(QMainWindow):
    """The kiosk. The context may arrive later (:meth:`set_context`): the welcome page
    shows at once and a tap that needs the context waits for it."""

    def __init__(self, config: Config, mode: Mode, ctx: AppContext | None = None, *,
                 idle_ms: int | None = None, warning_ms: int | None = None,
                 tick_ms: int = 1000, send_timeout_s: float = 15.0) -> None:
        super().__init__()
        self.ctx = ctx
        self.config = ctx.config if ctx is not None else config
        self.mode = mode
        self.lang: str = self.config.kiosk.language
        self.large_text = False
        self.high_contrast = False
        self.session: Session | None = None
        self.identity: Identity | None = None  # the resident's login or card, until the wipe
        self._login: PhoneLogin | None = None  # its tokens, revoked when the session ends
        self.send_timeout_s = send_timeout_s
        self.volunteer_open = False  # the PIN was given; until "Xong" or the idle wipe
        self._waiting_for: ScreenName | None = None
        self._before_volunteer = ScreenName.WELCOME
        self.setWindowTitle("Kiosk dịch vụ công")
        self.frame = Frame(self.config.kiosk, mode)
        self.frame.help.clicked.connect(self.show_help)
        self.frame.help_volunteers.clicked.connect(self.open_volunteer_panel)
        self.frame.language.clicked.connect(
            lambda: self.set_language("en" if self.lang == "vi" else "vi"))
        self.frame.text_size.clicked.connect(lambda: self.set_large_text(not self.large_text))
        self.read_aloud = ReadAloud(self.frame.read_aloud, self.frame.tell, self)
        self.read_aloud.on_change = self.frame.fit
        self.setCentralWidget(self.frame)
        self.screens: dict[ScreenName, Screen] = {}
        self.overlay = IdleOverlay(self.frame)
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
        self._news = ThreadNews(self)
        self._news.online.connect(self.set_online, QUEUED)
        self._news.settled.connect(self.record_settled, QUEUED)
        if ctx is not None:
            self._watch_connectivity(ctx)
        self.frame.retranslate(self.lang, self.large_text)
        self.read_aloud.retranslate(self.lang)
        self.go(ScreenName.WELCOME)

    @classmethod
    def for_context(cls, ctx: AppContext, *, idle_ms: int | None = None,
                    warning_ms: int | None = None, tick_ms: int = 1000,
                    send_timeout_s: float = 15.0) -> KioskWindow:
        """A window whose context is ready (tests, the tour, benchmarks)."""
        return cls(ctx.config, ctx.mode, ctx, idle_ms=idle_ms, warning_ms=warning_ms,
                   tick_ms=tick_ms, send_timeout_s=send_timeout_s)

    @property
    def ready(self) -> bool:
        return self.ctx is not None

    @property
    def context(self) -> AppContext:
        """The application context: pages past the welcome page are shown only with it."""
        if self.ctx is None:
            raise RuntimeError("the kiosk's context is not ready yet")
        return self.ctx

    def set_context(self, ctx: AppContext) -> None:
        """The context built in the background has arrived (GUI thread)."""
        self.ctx = ctx
        self.config = ctx.config
        self._watch_connectivity(ctx)
        self.read_aloud.start()  # after the first paint: QtMultimedia loads now
        if self._waiting_for is not None:
            name, self._waiting_for = self._waiting_for, None
            self._welcome().set_waiting(None)
            self.go(name)
        elif self.current().name is ScreenName.IDENTIFY:
            self.current().on_enter()  # it can now ask the identity provider what it offers

    def page(self, name: ScreenName) -> Screen:
        """The page called ``name``, built on first use."""
        name = ScreenName(name)
        if name not in self.screens:
            screen = make_screen(name, self)
            self.screens[name] = screen
            self.frame.stack.addWidget(screen)
        return self.screens[name]

    def _welcome(self) -> WelcomeScreen:
        from ui.screens.welcome import WelcomeScreen

        screen = self.page(ScreenName.WELCOME)
        assert isinstance(screen, WelcomeScreen)
        return screen

    # -- frame ------------------------------------------------------------------------
    def show_help(self) -> None:
        self.frame.help_panel.show()
        self.volunteer_called()

    def _watch_connectivity(self, ctx: AppContext) -> None:
        online = self._news.listen(ctx)
        if online is not None:
            self.set_online(online)

    def record_settled(self, record: OutboxRecord) -> None:
        """The worker sent (or gave up for now on) an application: the confirmation page
        of this session's application tells the truth about it (sent: its code)."""
        session = self.session
        if session is None or session.record is None or session.record.ref != record.ref:
            return
        session.record = record
        if self.current().name is ScreenName.CONFIRMATION:
            self.current().refresh()

    def set_online(self, online: bool) -> None:
        self.frame.banner.setVisible(not online)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self.overlay.setGeometry(self.frame.rect())

    # -- navigation -------------------------------------------------------------------
    def current(self) -> Screen:
        widget = self.frame.stack.currentWidget()
        assert isinstance(widget, Screen)
        return widget

    def go(self, name: ScreenName) -> None:
        name = ScreenName(name)
        if self.ctx is None and name not in BEFORE_CONTEXT:
            self._waiting_for = name  # shown as soon as the context arrives
            self.go(ScreenName.WELCOME)
            self._welcome().set_waiting(STARTING(self.lang))
            return
        if name is ScreenName.VOLUNTEER and not self.volunteer_open:
            name = ScreenName.VOLUNTEER_PIN  # the volunteers' screen only behind the PIN
        screen = self.page(name)
        self.frame.stack.setCurrentWidget(screen)
        screen.setFocus(Qt.FocusReason.OtherFocusReason)  # no stale focus on a button
        screen.on_enter()
        screen.scroll_area.verticalScrollBar().setValue(0)
        self.frame.notice.hide()
        self.read_aloud.page(screen.spoken_parts())
        # The welcome page has its own button; volunteers need no "ask a volunteer".
        self.frame.help.setVisible(name is not ScreenName.WELCOME
                                   and name not in VOLUNTEER_SCREENS)
        for switch in (self.frame.language, self.frame.text_size):
            switch.setVisible(name is not ScreenName.WELCOME)
        self.frame.fit()
        if name in VOLUNTEER_SCREENS:
            self.frame.help_panel.hide()
        if name is ScreenName.WELCOME:
            self.idle.disarm()
            self.overlay.hide()
            self.frame.help_panel.hide()
        else:
            self.idle.arm()

    def begin_identify(self) -> None:
        self.go(ScreenName.IDENTIFY)

    def logged_in(self, identity: Identity, login: PhoneLogin | None) -> None:
        self._end_login()
        self.identity, self._login = identity, login
        log.info("resident identified (%s)", identity.source.value)
        self.go(ScreenName.GREETING)

    def log_out(self) -> None:
        self._end_login()
        self.identity = None
        if self.session is not None:  # answers filled from that identity go with it
            self.session.wipe()
            self.session = None
        self.go(ScreenName.IDENTIFY)

    def continue_after_login(self) -> None:
        """After the greeting: back to the procedure that asked for a login, else the list."""
        if self.session is not None:
            self.choose(self.session.procedure)
        else:
            self.go(ScreenName.CHOOSE)

    def _end_login(self) -> None:
        """Revoke the login's tokens on a worker (network) and forget them here at once."""
        login, self._login = self._login, None
        if login is not None:
            run_in_background(login.end, lambda _: None, lambda exc: log.warning(
                "ending a login failed: %s", type(exc).__name__))

    def choose(self, procedure: Procedure) -> None:
        from ui.session import Session

        if self.session is not None:
            self.session.wipe()
        self.session = Session.start(procedure, self.identity)
        log.info("journey started: procedure %s", procedure.code)
        self.go(ScreenName.BEFORE)

    def may_start(self, procedure: Procedure) -> bool:
        """A procedure that needs a login goes on with a login at its level (in demo and
        training mode also without one: the identity questions are then ordinary pages)."""
        if not procedure.login_required:
            return True
        identity = self.identity
        if identity is not None and identity.source is Source.VNEID:
            return identity.meets(procedure.identity)
        return self.mode.fictional

    def start_questions(self) -> None:
        if self.session is None or not self.may_start(self.session.procedure):
            return
        self.after_answer()

    def after_answer(self) -> None:
        assert self.session is not None
        at_review = self.session.flow.at_review
        self.go(ScreenName.REVIEW if at_review else ScreenName.QUESTION)

    def after_back(self) -> None:
        self.after_answer()

    def edit_question(self, question_id: str) -> None:
        if self.session is None:
            return
        self.session.flow.edit(question_id)
        self.go(ScreenName.QUESTION)

    def back_from_review(self) -> None:
        if self.session is not None and self.session.flow.back():
            self.go(ScreenName.QUESTION)

    def submitted(self, session: Session, result: SubmissionResult) -> None:
        if self.session is not session:
            return  # wiped meanwhile; the application is saved and will be sent
        session.record = result.record
        log.info("application %s: %s", result.record.ref if result.record else "-",
                 result.outcome.value)
        self.go(ScreenName.CONFIRMATION)

    # -- the volunteers' panel (PIN, then reprints) --------------------------------------
    def volunteer_called(self) -> None:
        log.info("volunteer requested")

    def open_volunteer_panel(self) -> None:
        """ "Dành cho tình nguyện viên": the PIN page; its Back returns to this page."""
        name = self.current().name
        if name not in VOLUNTEER_SCREENS:
            self._before_volunteer = name
        self.go(ScreenName.VOLUNTEER_PIN)

    def leave_volunteer_pin(self) -> None:
        """Back from the PIN page to where the volunteer came from (nothing wiped)."""
        previous, self._before_volunteer = self._before_volunteer, ScreenName.WELCOME
        self.go(previous)

    def volunteer_unlocked(self) -> None:
        """The right PIN: the volunteers' screen, until "Xong" or the idle wipe."""
        self.volunteer_open = True
        self.go(ScreenName.VOLUNTEER)

    # -- switches -----------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        self.lang = lang
        self._rerender()

    def set_large_text(self, large: bool) -> None:
        self.large_text = large
        self._apply_theme()

    def set_high_contrast(self, on: bool) -> None:
        """White and yellow on black for this session (the welcome page's switch)."""
        self.high_contrast = on
        self._apply_theme()

    def _apply_theme(self) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply_theme(app, self.large_text, self.high_contrast)
        self._rerender()

    def _rerender(self) -> None:
        self.frame.retranslate(self.lang, self.large_text)
        self.read_aloud.retranslate(self.lang)
        for screen in self.screens.values():
            screen.retranslate()
        self.read_aloud.page(self.current().spoken_parts())  # read again, as now shown

    # -- ending a session -----------------------------------------------------------------
    def finish(self) -> None:
        """ "Xong": the resident is done."""
        self.wipe_session()

    def wipe_session(self) -> None:
        """Forget the resident: session dropped, widgets cleared, clipboard emptied."""
        if self.session is not None:
            self.session.wipe()
        self.session = None
        self._end_login()
        self.identity = None
        self._waiting_for = None
        self.volunteer_open = False
        self._before_volunteer = ScreenName.WELCOME
        for screen in self.screens.values():
            screen.wipe()
        clipboard = QApplication.clipboard()
        clipboard.clear(QClipboard.Mode.Clipboard)
        if clipboard.supportsSelection():
            clipboard.clear(QClipboard.Mode.Selection)
        self.overlay.hide()
        self.read_aloud.reset()
        self.lang = self.config.kiosk.language
        if self.large_text or self.high_contrast:  # the next resident starts as usual
            self.large_text = self.high_contrast = False
            self._apply_theme()
        else:
            self._rerender()
        log.info("session wiped")
        self.go(ScreenName.WELCOME)

    def _idle_warning(self) -> None:
        self.overlay.show_countdown(self.idle.seconds_left(), self.lang)
        self.read_aloud.say(self.overlay.spoken_parts())

    def shutdown(self) -> None:
        """Stop timers and the event filter (before the context closes)."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            self.idle.uninstall(app)
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        """The kiosk closes: nothing of the resident stays, no login keeps polling."""
        self.idle.disarm()
        if self.session is not None or self.identity is not None or self.current().name in (
                ScreenName.LOGIN_QR, ScreenName.LOGIN_PHONE):
            self.wipe_session()
        super().closeEvent(event)
