"""Log in with the ID number: type the 12 digits, approve on the phone (OIDC CIBA, poll mode).

First the resident types the number of their CCCD card on the big numeric pad
(the ``login_hint``); the kiosk asks the provider to send a request to the
phone of that person, and shows a short code of digits that the phone shows
too (the binding message: digits only, which every provider accepts), with a
countdown. At most three requests per number in ten minutes
(:class:`kiosk.identity.login.RequestLimit`): a CCCD number is not a secret.
GUI thread only; every request and poll runs on a worker.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from forms import validators
from forms.model import Question, QuestionType
from kiosk.core.errors import KioskError
from kiosk.core.text import Text
from kiosk.identity.login import CibaLogin, LoginState, LoginStatus
from kiosk.identity.oidc import CibaGrant
from ui.login_driver import LoginDriver
from ui.questions.digits import DigitsQuestion, cccd_widget
from ui.screens.base import Screen, make_button, make_label
from ui.screens.login_parts import PracticePhone, countdown, state_message
from ui.screens.volunteer_pin import MessageBox
from ui.shell import ScreenName, Shell
from ui.theme import Role
from ui.words import CANCEL, TRY_AGAIN

HEADING = Text("Đăng nhập bằng số định danh", "Log in with your ID number")
HINT = Text(
    "Nhập 12 chữ số trên thẻ căn cước của bác. Ứng dụng VNeID trên điện thoại của bác sẽ "
    "nhận yêu cầu xác nhận.",
    "Type the 12 digits on your ID card. The VNeID app on your phone will receive a request "
    "to confirm.",
)
NUMBER = Text("Số định danh cá nhân (12 chữ số)", "Personal ID number (12 digits)")
SEND = Text("Gửi yêu cầu đến điện thoại", "Send the request to my phone")
SENDING = Text("Đang gửi yêu cầu…", "Sending the request…")
CHECK = Text(
    "Mở ứng dụng VNeID trên điện thoại, xem yêu cầu đăng nhập và bấm \"Xác nhận\" nếu "
    "điện thoại hiện đúng mã này:",
    "Open the VNeID app on your phone, look at the login request and tap \"Confirm\" if the "
    "phone shows this code:",
)
REQUEST_VALID = Text("Yêu cầu {time}.", "The request is {time}.")
EXPIRED = Text("Yêu cầu đã hết hạn. Bác bấm \"Thử lại\".", "The request has expired. Tap \"Try again\".")


def _number_question() -> Question:
    return Question(id="login_id_number", type=QuestionType.CCCD, title=NUMBER)


class LoginPhoneScreen(Screen):
    name = ScreenName.LOGIN_PHONE

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        self.driver = LoginDriver(self)
        self.driver.changed.connect(self._show)
        self.driver.tick.connect(self._tick)
        heading = make_label(Role.HEADING)
        self.text(heading, HEADING)
        self.hint = make_label(Role.HINT)
        self.text(self.hint, HINT)
        self.number: DigitsQuestion = cccd_widget(_number_question(), self.lang)
        self.check = make_label()
        self.text(self.check, CHECK)
        self.binding = make_label(Role.CODE)
        self.binding.setObjectName("binding-message")
        self.countdown = make_label(Role.CAPTION)
        self.countdown.setObjectName("login-countdown")
        self.message = MessageBox("login-message")
        for widget in (heading, self.hint, self.number, self.check, self.binding, self.countdown,
                       self.message):
            self.body.addWidget(widget)
        self.practice: PracticePhone | None = None
        self.body.addStretch(1)
        cancel = make_button(Role.SECONDARY, "login-cancel")
        self.text(cancel, CANCEL)
        cancel.clicked.connect(self.cancel)
        self.send = make_button(Role.PRIMARY, "login-send")
        self.text(self.send, SEND)
        self.send.clicked.connect(self.request)
        self.again = make_button(Role.PRIMARY, "login-again")
        self.text(self.again, TRY_AGAIN)
        self.again.clicked.connect(self._ask_number)
        self.place_actions(cancel, self.send)
        self.action_row.addWidget(self.again)
        self._ask_number()

    # -- step 1: the number ----------------------------------------------------------------
    def _ask_number(self) -> None:
        self.driver.stop()
        for widget in (self.hint, self.number, self.send):
            widget.show()
        for widget in (self.check, self.binding, self.countdown, self.again):
            widget.hide()
        keys = self.number.keys()
        self.place_keys(keys, beside=True)  # the pad beside the number, always in view
        if keys is not None:
            keys.show()
        self.message.say("")
        self.number.focus_input()

    def on_enter(self) -> None:
        super().on_enter()
        if not self.driver.active:
            self._ask_number()

    def request(self) -> None:
        service = self.shell.context.identity
        if service is None:
            self.shell.go(ScreenName.IDENTIFY)
            return
        checked = validators.cccd(self.number.value())
        if checked.error is not None or checked.value is None:
            self.number.set_error((checked.error or validators.WRONG_TYPE)(self.lang))
            self.number.focus_input()
            return
        self.number.set_error(None)
        try:
            login = service.ciba_login(checked.value)
        except KioskError as exc:
            self.message.say((exc.resident_message or TRY_AGAIN)(self.lang), error=True)
            return
        for widget in (self.hint, self.number, self.send):
            widget.hide()
        self.place_keys(None)
        keys = self.number.keys()
        if keys is not None:
            keys.hide()
        self.message.say(SENDING(self.lang))
        self.driver.begin(login)
        self._practice_phone()

    # -- step 2: waiting for the phone ---------------------------------------------------------
    def _show(self, state: LoginState) -> None:
        login = self.driver.login
        if isinstance(login, CibaLogin) and login.grant is not None:
            self.binding.setText(login.binding_message)
            for widget in (self.check, self.binding, self.countdown):
                widget.show()
        over = state.status in (LoginStatus.EXPIRED, LoginStatus.DENIED, LoginStatus.FAILED)
        self.message.say(state_message(state, self.lang, EXPIRED), error=over)
        self._tick(state.seconds_left)
        if over:
            self.driver.stop()
            for widget in (self.check, self.binding, self.countdown):
                widget.hide()
            self.again.show()
        if state.status is LoginStatus.DONE and state.identity is not None:
            done = self.driver.stop()
            self.number.clear()
            self.shell.logged_in(state.identity, done)

    def _tick(self, seconds: int) -> None:
        self.countdown.setText(REQUEST_VALID(self.lang, time=countdown(seconds, self.lang)))

    def _practice_phone(self) -> None:
        ctx = self.shell.context
        if not ctx.mode.fictional or self.practice is not None:
            return

        def target() -> tuple[str | None, str | None]:
            login = self.driver.login
            grant = login.grant if login is not None else None
            return (None, grant.auth_req_id if isinstance(grant, CibaGrant) else None)

        self.practice = PracticePhone(ctx.config.identity.issuer, self.lang, target,
                                      per_citizen=False)
        self.body.insertWidget(self.body.indexOf(self.message) + 1, self.practice, 0,
                               Qt.AlignmentFlag.AlignLeft)

    def cancel(self) -> None:
        self.driver.stop()
        self.number.clear()
        self.shell.go(ScreenName.IDENTIFY)

    def wipe(self) -> None:
        self.driver.stop()
        self.number.clear()
        self._ask_number()
