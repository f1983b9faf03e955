"""After a login: "Xin chào bác Lan", and a way out for whoever is not Lan.

Someone watching the screen may have approved the code on their own phone
first (RFC 8628 §5.5), so the page names the person who logged in and offers
"Không phải bác? Huỷ", which ends that login. The name shown is the login's
(or the scanned card's); nothing else personal. GUI thread only.
"""

from __future__ import annotations

from kiosk.core.text import Text
from kiosk.identity.person import Source
from ui.screens.base import Screen, make_button, make_label
from ui.shell import ScreenName, Shell
from ui.theme import Role
from ui.words import CONTINUE

HELLO = Text("Xin chào bác {name}", "Hello, {name}")
LOGGED_IN = Text("Bác đã đăng nhập bằng VNeID: {full_name}.",
                 "You are logged in with VNeID: {full_name}.")
CARD_READ = Text("Máy đã đọc thẻ căn cước của: {full_name}.",
                 "The kiosk has read the ID card of: {full_name}.")
FILLED = Text(
    "Họ tên, số định danh và những thông tin khác của bác sẽ được điền sẵn vào hồ sơ.",
    "Your name, ID number and other details will be filled in for you.",
)
NOT_YOU = Text("Không phải bác? Huỷ", "Not you? Cancel")


class GreetingScreen(Screen):
    name = ScreenName.GREETING

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        self.hello = make_label(Role.TITLE)
        self.hello.setObjectName("greeting")
        self.who = make_label()
        self.who.setObjectName("greeting-who")
        filled = make_label(Role.HINT)
        self.text(filled, FILLED)
        for widget in (self.hello, self.who, filled):
            self.body.addWidget(widget)
        self.body.addStretch(1)
        not_you = make_button(Role.SECONDARY, "not-you")
        self.text(not_you, NOT_YOU)
        not_you.clicked.connect(shell.log_out)
        go_on = make_button(Role.PRIMARY, "continue")
        self.text(go_on, CONTINUE)
        go_on.clicked.connect(shell.continue_after_login)
        self.place_actions(not_you, go_on)

    def refresh(self) -> None:
        identity = self.shell.identity
        if identity is None:
            return
        lang = self.lang
        self.hello.setText(HELLO(lang, name=identity.first_name))
        said = LOGGED_IN if identity.source is Source.VNEID else CARD_READ
        self.who.setText(said(lang, full_name=identity.full_name))

    def wipe(self) -> None:
        self.hello.setText("")
        self.who.setText("")
