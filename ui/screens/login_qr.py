"""Log in with the VNeID app: a large QR code, the code in large digits, three plain steps.

The OAuth 2.0 Device Authorization Grant (RFC 8628): the QR encodes the
provider's ``verification_uri_complete`` (only the configured issuer's
address: the client refuses any other), the user code stands beside it for
the resident to compare with what the phone shows, and a countdown runs until
the code expires. The page polls through :class:`ui.login_driver.LoginDriver`;
a denial or an expired code offers a fresh one with one tap; "Huỷ" goes back.
Leaving the page (Huỷ, the idle wipe) stops the login and revokes nothing it
did not get. GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.core.text import Text
from kiosk.identity.login import DeviceLogin, LoginState, LoginStatus
from ui.login_driver import LoginDriver
from ui.qr import qr_pixmap
from ui.screens.base import Screen, make_button, make_label
from ui.screens.login_parts import PracticePhone, countdown, state_message
from ui.screens.volunteer_pin import MessageBox
from ui.shell import ScreenName, Shell
from ui.theme import Role
from ui.words import CANCEL, LOGIN_TROUBLE

HEADING = Text("Đăng nhập bằng ứng dụng VNeID", "Log in with the VNeID app")
STEPS = Text(
    "1. Mở ứng dụng VNeID trên điện thoại\n2. Chọn \"Quét mã QR\" và quét mã bên cạnh\n"
    "3. Bấm \"Xác nhận\" trên điện thoại",
    "1. Open the VNeID app on your phone\n2. Choose \"Scan QR code\" and scan the code here\n"
    "3. Tap \"Confirm\" on your phone",
)
CODE = Text("Điện thoại sẽ hiện mã này", "Your phone will show this code")
PREPARING = Text("Đang lấy mã đăng nhập…", "Getting a login code…")
EXPIRED = Text("Mã đã hết hạn. Bác bấm \"Lấy mã mới\".", "The code has expired. Tap \"New code\".")
NEW_CODE = Text("Lấy mã mới", "New code")
QR_NAME = Text("Mã QR để đăng nhập bằng VNeID", "QR code to log in with VNeID")
QR_PX = 300


class LoginQrScreen(Screen):
    name = ScreenName.LOGIN_QR

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        self.driver = LoginDriver(self)
        self.driver.changed.connect(self._show)
        self.driver.tick.connect(self._tick)
        heading = make_label(Role.HEADING)
        self.text(heading, HEADING)
        self.body.addWidget(heading)
        row = QHBoxLayout()
        row.setSpacing(40)
        self.qr = QLabel()
        self.qr.setObjectName("login-qr")
        self.qr.setFixedSize(QR_PX, QR_PX)
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        row.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignTop)
        side = QWidget()
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        steps = make_label()
        steps.setObjectName("login-steps")
        self.text(steps, STEPS)
        self.countdown = make_label(Role.HINT)  # "the phone will show this code (valid 9:58)"
        self.countdown.setObjectName("login-countdown")
        self.code = make_label(Role.CODE)
        self.code.setObjectName("user-code")
        self.message = MessageBox("login-message")
        for widget in (steps, self.countdown, self.code, self.message):
            column.addWidget(widget)
        column.addStretch(1)
        row.addWidget(side, 1)
        self.body.addLayout(row)
        self.practice: PracticePhone | None = None
        self.body.addStretch(1)
        cancel = make_button(Role.SECONDARY, "login-cancel")
        self.text(cancel, CANCEL)
        cancel.clicked.connect(self.cancel)
        self.help = make_button(Role.LINK, "login-help")
        self.text(self.help, LOGIN_TROUBLE)
        self.help.clicked.connect(lambda: shell.go(ScreenName.LOGIN_HELP))
        self.again = make_button(Role.PRIMARY, "login-new-code")
        self.text(self.again, NEW_CODE)
        self.again.clicked.connect(self.begin)
        self.place_actions(cancel, self.again)
        self.action_row.insertWidget(1, self.help)

    # -- life cycle -------------------------------------------------------------------------
    def on_enter(self) -> None:
        super().on_enter()
        if not self.driver.active:
            self.begin()

    def begin(self) -> None:
        service = self.shell.context.identity
        if service is None:
            self.shell.go(ScreenName.IDENTIFY)
            return
        self._end()
        self._clear_code()
        self.message.say(PREPARING(self.lang))
        self.again.setVisible(False)
        self.driver.begin(service.device_login())
        self._practice_phone()

    def cancel(self) -> None:
        self._end()
        self.shell.go(ScreenName.IDENTIFY)

    def _end(self) -> None:
        self.driver.stop()  # a login not yet done holds no token: nothing to revoke

    def wipe(self) -> None:
        self._end()
        self._clear_code()
        self.message.say("")

    # -- what the page shows -------------------------------------------------------------------
    def _show(self, state: LoginState) -> None:
        login = self.driver.login
        grant = login.device_grant if isinstance(login, DeviceLogin) else None
        if grant is not None and not self.code.text():
            self.qr.setPixmap(qr_pixmap(grant.verification_uri_complete, QR_PX))
            self.qr.setAccessibleName(QR_NAME(self.lang))
            self.code.setText(grant.user_code)
            self.code.setAccessibleName(f"{CODE(self.lang)} {grant.user_code}")
        self.message.say(state_message(state, self.lang, EXPIRED),
                         error=state.status in (LoginStatus.DENIED, LoginStatus.FAILED))
        self._tick(state.seconds_left)
        if state.status in (LoginStatus.EXPIRED, LoginStatus.DENIED, LoginStatus.FAILED):
            self._clear_code()
            self.again.setVisible(True)
            self.driver.stop()
        if state.status is LoginStatus.DONE and state.identity is not None:
            login = self.driver.stop()
            self._clear_code()
            self.message.say("")
            self.shell.logged_in(state.identity, login)

    def _tick(self, seconds: int) -> None:
        shown = bool(self.code.text())
        self.countdown.setText(f"{CODE(self.lang)} ({countdown(seconds, self.lang)}):"
                               if shown else "")

    def _clear_code(self) -> None:
        self.qr.clear()
        self.code.setText("")
        self.countdown.setText("")

    def _practice_phone(self) -> None:
        ctx = self.shell.context
        if not ctx.mode.fictional or self.practice is not None:
            return

        def target() -> tuple[str | None, str | None]:
            login = self.driver.login
            grant = login.device_grant if isinstance(login, DeviceLogin) else None
            return (grant.user_code if grant is not None else None, None)

        self.practice = PracticePhone(ctx.config.identity.issuer, self.lang, target,
                                      per_citizen=True)
        self.body.insertWidget(self.body.count() - 1, self.practice)

    def refresh(self) -> None:
        state = self.driver.state
        if state is not None:
            self.message.say(state_message(state, self.lang, EXPIRED),
                             error=state.status in (LoginStatus.DENIED, LoginStatus.FAILED))
