"""What a screen may ask of the kiosk window: the typed seam between the pages and their shell.

Every :class:`~ui.screens.base.Screen` receives a :class:`Shell` (the
:class:`~ui.app.KioskWindow` is the one implementation; tests may drive a
screen with their own). Screens read the language, text size, mode,
configuration, context and session through it and ask it to move on; they
never reach into one another. GUI thread only.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from forms.model import Procedure
    from kiosk.config import Config
    from kiosk.context import AppContext
    from kiosk.core.mode import Mode
    from kiosk.identity.login import PhoneLogin
    from kiosk.identity.person import Identity
    from kiosk.submission import SubmissionResult
    from ui.read_aloud import ReadAloud
    from ui.session import Session


class ScreenName(StrEnum):
    WELCOME = "welcome"
    IDENTIFY = "identify"
    LOGIN_QR = "login_qr"
    LOGIN_PHONE = "login_phone"
    LOGIN_HELP = "login_help"
    GREETING = "greeting"
    CHOOSE = "choose"
    BEFORE = "before"
    QUESTION = "question"
    REVIEW = "review"
    CONFIRMATION = "confirmation"
    STATUS = "status"
    VOLUNTEER_PIN = "volunteer_pin"
    VOLUNTEER = "volunteer"


class Shell(Protocol):
    @property
    def lang(self) -> str: ...

    @property
    def large_text(self) -> bool: ...

    @property
    def high_contrast(self) -> bool: ...

    @property
    def read_aloud(self) -> ReadAloud: ...

    @property
    def config(self) -> Config: ...

    @property
    def mode(self) -> Mode: ...

    @property
    def session(self) -> Session | None: ...

    @property
    def identity(self) -> Identity | None:
        """Who the resident proved to be (a login, or their card's QR code), if anyone."""
        ...

    @property
    def send_timeout_s(self) -> float:
        """How long a resident waits on "Gửi hồ sơ" for the portal before it is queued."""
        ...

    @property
    def ready(self) -> bool:
        """The application context has arrived (it is built after the first paint)."""
        ...

    @property
    def context(self) -> AppContext:
        """The application context; every screen past the welcome page runs with it."""
        ...

    # -- moving on ------------------------------------------------------------------
    def go(self, name: ScreenName) -> None: ...

    def begin_identify(self) -> None: ...

    def logged_in(self, identity: Identity, login: PhoneLogin | None) -> None:
        """A login was approved (``login`` holds its tokens until the session ends) or a card
        was scanned (``login`` None): greet the resident."""
        ...

    def log_out(self) -> None:
        """ "Không phải bác? Huỷ": forget the identity, end the login, back to identify."""
        ...

    def continue_after_login(self) -> None: ...

    def choose(self, procedure: Procedure) -> None: ...

    def may_start(self, procedure: Procedure) -> bool: ...

    def start_questions(self) -> None: ...

    def after_answer(self) -> None: ...

    def after_back(self) -> None: ...

    def edit_question(self, question_id: str) -> None: ...

    def back_from_review(self) -> None: ...

    def submitted(self, session: Session, result: SubmissionResult) -> None:
        """The application was saved (sent, queued or refused by the portal): confirm it."""
        ...

    def finish(self) -> None: ...

    # -- volunteers -------------------------------------------------------------------
    def volunteer_called(self) -> None: ...

    def open_volunteer_panel(self) -> None: ...

    def leave_volunteer_pin(self) -> None: ...

    def volunteer_unlocked(self) -> None: ...

    # -- switches ---------------------------------------------------------------------
    def set_language(self, lang: str) -> None: ...

    def set_large_text(self, large: bool) -> None: ...

    def set_high_contrast(self, on: bool) -> None: ...
