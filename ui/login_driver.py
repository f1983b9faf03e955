"""Runs one phone login off the GUI thread: start, then one poll after each wait (GUI thread).

:class:`LoginDriver` owns a :class:`~kiosk.identity.login.PhoneLogin`: it
calls ``start()`` and each ``poll()`` through ``run_in_background`` and waits
the interval the state names with a single-shot timer, emitting every new
:class:`~kiosk.identity.login.LoginState` in ``changed``. :meth:`stop`
forgets the login (a late answer is dropped) and hands it back, for the caller
to end (revoke) off the GUI thread. A countdown timer ticks each second so the
screen can show the seconds left (a clock read, no I/O).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.core.errors import KioskError
from kiosk.identity.login import LoginState, LoginStatus, PhoneLogin
from kiosk.identity.oidc import IdentityUnreachable
from kiosk.identity.tokens import REFUSED
from ui.background import run_in_background

log = logging.getLogger("ui.login")


class LoginDriver(QObject):
    changed = Signal(object)  # LoginState
    tick = Signal(int)  # seconds left, every second while waiting

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.login: PhoneLogin | None = None
        self.state: LoginState | None = None
        self._generation = 0
        self._poll_timer = QTimer(self)
        self._poll_timer.setObjectName("kiosk.login-poll")
        self._poll_timer.setSingleShot(True)
        self._poll_timer.timeout.connect(self._poll)
        self._countdown = QTimer(self)
        self._countdown.setObjectName("kiosk.login-countdown")
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)

    def begin(self, login: PhoneLogin) -> None:
        """Start ``login`` (the previous one, if any, must have been stopped)."""
        self.login = login
        self.state = None
        self._generation += 1
        self._run(login.start)

    def stop(self) -> PhoneLogin | None:
        """Forget the login (late answers are dropped); return it for the caller to end."""
        self._generation += 1
        self._poll_timer.stop()
        self._countdown.stop()
        login, self.login = self.login, None
        self.state = None
        return login

    @property
    def active(self) -> bool:
        return self.login is not None

    def _poll(self) -> None:
        if self.login is not None:
            self._run(self.login.poll)

    def _run(self, step: Callable[[], LoginState]) -> None:
        generation = self._generation

        def deliver(state: LoginState) -> None:
            if generation == self._generation:
                self._show(state)

        def failed(exc: BaseException) -> None:
            if generation != self._generation:
                return
            log.warning("login step failed: %s", type(exc).__name__)
            retry = isinstance(exc, IdentityUnreachable)
            problem = exc.resident_message if isinstance(exc, KioskError) else None
            self._show(LoginState(LoginStatus.RETRYING if retry and self.state else
                                  LoginStatus.FAILED, next_poll_s=10.0,
                                  seconds_left=self.login.seconds_left() if self.login else 0,
                                  problem=problem or REFUSED))

        run_in_background(step, deliver, failed, owner=self)

    def _show(self, state: LoginState) -> None:
        self.state = state
        if state.over:
            self._poll_timer.stop()
            self._countdown.stop()
        else:
            self._poll_timer.start(max(100, int(state.next_poll_s * 1000)))
            if not self._countdown.isActive():
                self._countdown.start()
        self.changed.emit(state)

    def _tick(self) -> None:
        if self.login is not None:
            self.tick.emit(self.login.seconds_left())
