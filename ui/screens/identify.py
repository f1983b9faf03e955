"""How to identify yourself: VNeID scan and ID + phone approval (coming soon), or go on without.

The two login ways arrive with the login issue; until then they are shown,
disabled, marked "sắp có" (coming soon), so residents and volunteers learn
where they will be.
"""

from __future__ import annotations

from kiosk.core.text import Text
from ui.screens.base import Screen, make_button, make_label
from ui.shell import ScreenName, Shell
from ui.theme import Role
from ui.words import BACK

HEADING = Text("Bác muốn xác thực danh tính thế nào?", "How would you like to identify yourself?")
HINT = Text(
    "Đăng nhập giúp điền sẵn họ tên, số CCCD và địa chỉ.",
    "Logging in fills in your name, ID number and address for you.",
)
SCAN = Text(
    "Quét mã bằng ứng dụng VNeID\n(sắp có)",
    "Scan a code with the VNeID app\n(coming soon)",
)
PHONE = Text(
    "Nhập số CCCD và xác nhận trên điện thoại\n(sắp có)",
    "Type your ID number and approve on your phone\n(coming soon)",
)
WITHOUT = Text("Tiếp tục không đăng nhập", "Continue without logging in")
WITHOUT_HINT = Text(
    "Bác sẽ tự trả lời các câu hỏi về họ tên, số CCCD và địa chỉ.",
    "You will answer the questions about your name, ID number and address yourself.",
)


class IdentifyScreen(Screen):
    name = ScreenName.IDENTIFY

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        heading = make_label(Role.HEADING)
        self.text(heading, HEADING)
        hint = make_label(Role.HINT)
        self.text(hint, HINT)
        self.body.addWidget(heading)
        self.body.addWidget(hint)
        for name, text in (("login-vneid", SCAN), ("login-phone", PHONE)):
            tile = make_button(Role.TILE, name)
            self.text(tile, text)
            tile.setEnabled(False)
            self.body.addWidget(tile)
        without_hint = make_label(Role.HINT)
        self.text(without_hint, WITHOUT_HINT)
        self.body.addWidget(without_hint)
        self.body.addStretch(1)
        back = make_button(Role.SECONDARY, "back")
        self.text(back, BACK)
        back.clicked.connect(lambda: shell.go(ScreenName.WELCOME))
        self.go_on = make_button(Role.PRIMARY, "continue-without-login")
        self.text(self.go_on, WITHOUT)
        self.go_on.clicked.connect(lambda: shell.go(ScreenName.CHOOSE))
        self.place_actions(back, self.go_on)
