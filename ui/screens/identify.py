"""How to identify yourself: the VNeID QR code, the ID number approved on the phone, the card.

The two logins are offered as the kiosk's identity provider offers them (its
discovery document, fetched on a worker when the page opens): the QR code
(device flow) when it has a device endpoint, the ID number (CIBA) only when it
has a backchannel endpoint in poll mode. On a kiosk with no provider
configured both say so plainly. A USB scanner reading the QR code on the back
of the resident's CCCD card types like a keyboard: the page collects those keys
until Enter, and the card's data then fills the questions (editable) of the
procedures that take no login. Nothing of the card is kept once read. "Tiếp tục không
đăng nhập" goes on without any of it.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPushButton, QWidget

from kiosk.core.errors import KioskError
from kiosk.core.text import Text
from kiosk.identity.cccd_card import CardUnreadable, looks_like_card, read_card
from kiosk.identity.oidc import ProviderInfo
from ui.background import run_in_background
from ui.screens.base import Screen, make_button, make_label
from ui.shell import ScreenName, Shell
from ui.theme import Role, repolish
from ui.words import BACK, LOGIN_TROUBLE, TRY_AGAIN

log = logging.getLogger("ui.identify")

HEADING = Text("Bác muốn xác thực danh tính thế nào?", "How would you like to identify yourself?")
HINT = Text(
    "Đăng nhập bằng VNeID giúp điền sẵn họ tên, số định danh và địa chỉ của bác.",
    "Logging in with VNeID fills in your name, ID number and address for you.",
)
SCAN = Text("Quét mã QR bằng ứng dụng VNeID", "Scan a QR code with the VNeID app")
PHONE = Text("Nhập số định danh, rồi xác nhận trên điện thoại",
             "Type your ID number, then approve on your phone")
CONNECTING = Text("Đang kết nối với VNeID…", "Connecting to VNeID…")
NOT_SET_UP = Text(
    "Ki-ốt này chưa được kết nối với VNeID. Bác bấm \"Tiếp tục không đăng nhập\", "
    "hoặc nhờ tình nguyện viên.",
    "This kiosk is not connected to VNeID. Tap \"Continue without logging in\", "
    "or ask a volunteer.",
)
UNREACHABLE = Text(
    "Chưa kết nối được với VNeID (mạng chậm hoặc mất mạng). Bác bấm \"Thử lại\", hoặc "
    "tiếp tục không đăng nhập.",
    "Cannot reach VNeID (the network is slow or down). Tap \"Try again\", or continue "
    "without logging in.",
)
CARD = Text("Hoặc đưa mã QR ở mặt sau thẻ căn cước vào máy quét.",
            "Or hold the QR code on the back of your ID card to the scanner.")
NOT_NOW = Text("(chưa dùng được lúc này)", "(not available now)")
NOT_OFFERED = Text(
    "VNeID của ki-ốt này chưa có cách đăng nhập này. Bác chọn cách khác, hoặc bấm "
    "\"Tiếp tục không đăng nhập\".",
    "This kiosk's VNeID does not offer this way of logging in. Choose another way, or tap "
    "\"Continue without logging in\".",
)
WITHOUT = Text("Tiếp tục không đăng nhập", "Continue without logging in")
WITHOUT_HINT = Text(
    "Bác sẽ tự trả lời các câu hỏi về họ tên, số định danh và địa chỉ.",
    "You will answer the questions about your name, ID number and address yourself.",
)


class IdentifyScreen(Screen):
    name = ScreenName.IDENTIFY

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        self.provider: ProviderInfo | None = None
        self.generation = 0
        heading = make_label(Role.HEADING)
        self.text(heading, HEADING)
        hint = make_label(Role.HINT)
        self.text(hint, HINT)
        # A way that cannot be used now stays tappable: a tap says why, right below it.
        self.qr = make_button(Role.TILE, "login-vneid")
        self.qr.clicked.connect(lambda: self._choose(self.qr, ScreenName.LOGIN_QR))
        self.phone = make_button(Role.TILE, "login-phone")
        self.phone.clicked.connect(lambda: self._choose(self.phone, ScreenName.LOGIN_PHONE))
        self.usable = {self.qr: False, self.phone: False}
        self.reason: Text | None = None
        self.status = make_label(Role.CAPTION)
        self.status.setObjectName("login-status")
        self.retry = make_button(Role.SECONDARY, "login-retry")
        self.text(self.retry, TRY_AGAIN)
        self.retry.clicked.connect(self._discover)
        self.help = make_button(Role.LINK, "login-help")
        self.text(self.help, LOGIN_TROUBLE)
        self.help.clicked.connect(lambda: shell.go(ScreenName.LOGIN_HELP))
        card = make_label(Role.HINT)
        self.text(card, CARD)
        self.scanned = ""  # what a USB scanner typed (it types the card's QR code, then Enter)
        self.card_message = make_label(Role.ERROR)
        self.card_message.setObjectName("card-message")
        self.card_message.hide()
        without_hint = make_label(Role.HINT)
        self.text(without_hint, WITHOUT_HINT)
        self.body.addWidget(heading)
        self.body.addWidget(hint)
        self.body.addWidget(self.qr)  # one under the other: long labels, large text
        self.body.addWidget(self.phone)
        below: tuple[QWidget, ...] = (self.status, self.retry, self.help, card,
                                      self.card_message, without_hint)
        for widget in below:
            self.body.addWidget(widget)
        self.body.addStretch(1)
        back = make_button(Role.SECONDARY, "back")
        self.text(back, BACK)
        back.clicked.connect(lambda: shell.go(ScreenName.WELCOME))
        self.go_on = make_button(Role.PRIMARY, "continue-without-login")
        self.text(self.go_on, WITHOUT)
        self.go_on.clicked.connect(lambda: shell.go(ScreenName.CHOOSE))
        self.place_actions(back, self.go_on)

    # -- what the provider offers ------------------------------------------------------
    def on_enter(self) -> None:
        super().on_enter()
        self.scanned = ""
        self.setFocus()  # a scanner's keys come to the page (buttons take no focus on a tap)
        if self.provider is None:
            self._discover()

    def _discover(self) -> None:
        if not self.shell.ready:  # the window shows this page again once the context is here
            self._offer(None, CONNECTING)
            return
        service = self.shell.context.identity
        if service is None:
            self._offer(None, NOT_SET_UP)
            return
        self._offer(None, CONNECTING)
        generation = self.generation
        run_in_background(service.provider, lambda info: self._found(generation, info),
                          lambda exc: self._unreachable(generation, exc), owner=self)

    def _found(self, generation: int, info: ProviderInfo) -> None:
        if generation == self.generation:
            self.provider = info
            self._offer(info, None)

    def _unreachable(self, generation: int, exc: BaseException) -> None:
        if generation != self.generation:
            return
        if not isinstance(exc, KioskError):
            log.warning("identity provider discovery: %s", type(exc).__name__)
        self._offer(None, UNREACHABLE, retry=True)

    def _offer(self, info: ProviderInfo | None, message: Text | None, retry: bool = False
               ) -> None:
        self.usable = {self.qr: info is not None and info.device_flow,
                       self.phone: info is not None and info.ciba}
        self.phone.setVisible(info is None or info.ciba)  # shown only where the provider has it
        self.reason = message if info is None else NOT_OFFERED
        self._label_ways()
        self.status.setText(message(self.lang) if message is not None else "")
        self.status.setVisible(message is not None)
        self.retry.setVisible(retry)

    def _label_ways(self) -> None:
        """Each way's words; one that cannot be used now says so in words too (not only
        by its grey: colour is never the only signal)."""
        for button, text in ((self.qr, SCAN), (self.phone, PHONE)):
            words = text(self.lang)
            if not self.usable[button]:
                words += "\n" + NOT_NOW(self.lang)
            button.setText(words)
            button.setAccessibleName(words.replace("\n", " "))
            button.setProperty("unavailable", not self.usable[button])
            repolish(button)

    def _choose(self, button: QPushButton, screen: ScreenName) -> None:
        if self.usable[button]:
            self.shell.go(screen)
            return
        reason = self.reason or NOT_OFFERED
        self.status.setText(reason(self.lang))
        self.status.setVisible(True)
        self.scroll_area.ensureWidgetVisible(self.status)

    def refresh(self) -> None:
        if self.status.isVisible() and self.provider is not None:
            self._offer(self.provider, None)
        else:
            self._label_ways()

    # -- the card's QR code ----------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        """A scanner is a keyboard: collect its characters until Enter."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            typed, self.scanned = self.scanned, ""
            if typed:
                self._card_scanned(typed)
            return
        if event.text() and event.text().isprintable() and len(self.scanned) < 2000:
            self.scanned += event.text()
            return
        super().keyPressEvent(event)

    def _card_scanned(self, typed: str) -> None:
        if not looks_like_card(typed):
            self._card_problem(None)
            return
        try:
            scan = read_card(typed)
        except CardUnreadable as exc:
            self._card_problem(exc.text)
            return
        self._card_problem(None)
        self.shell.logged_in(scan.identity(), None)

    def _card_problem(self, text: Text | None) -> None:
        self.card_message.setText(text(self.lang) if text is not None else "")
        self.card_message.setVisible(text is not None)

    def wipe(self) -> None:
        self.generation += 1
        self.provider = None  # asked again next time: the provider may have changed
        self.scanned = ""
        self._card_problem(None)
