"""When the VNeID login does not work: the known stumbling blocks, in plain words.

Reached from the identify page and from both login pages; "Quay lại" returns
to the identify page. Nothing here is personal; GUI thread only.
"""

from __future__ import annotations

from kiosk.core.text import Text
from ui.screens.base import Screen, make_button, make_label
from ui.shell import ScreenName, Shell
from ui.theme import Role
from ui.words import BACK

HEADING = Text("Khi đăng nhập VNeID gặp khó khăn", "When the VNeID login does not work")
TIPS = (
    (Text("Ứng dụng báo chưa cho phép đăng nhập", "The app says web login is not allowed"),
     Text("Trong ứng dụng VNeID, vào \"Cài đặt\" và bật cho phép đăng nhập trên trang web "
          "và thiết bị khác, rồi quét lại mã.",
          "In the VNeID app, open \"Settings\" and allow logging in on websites and other "
          "devices, then scan the code again.")),
    (Text("Tài khoản mới ở mức 1", "The account is only at level 1"),
     Text("Nhiều thủ tục cần tài khoản định danh điện tử mức 2. Bác mang thẻ căn cước đến "
          "công an xã, phường nơi cư trú để nâng lên mức 2.",
          "Many services need a level 2 electronic identity. Take your ID card to the police "
          "of your commune or ward to upgrade to level 2.")),
    (Text("Điện thoại đang đăng nhập tài khoản khác", "The phone is logged in to another account"),
     Text("Nếu điện thoại của người thân đang đăng nhập VNeID của người khác, bác đăng xuất "
          "rồi đăng nhập tài khoản của chính bác trước khi quét mã.",
          "If a relative's phone is logged in to someone else's VNeID, log out and log in to "
          "your own account before scanning.")),
    (Text("Không có điện thoại thông minh", "No smartphone"),
     Text("Bác vẫn có thể làm hồ sơ không đăng nhập với những thủ tục không cần VNeID, hoặc "
          "nhờ tình nguyện viên giúp.",
          "You can still apply without logging in for the services that do not need VNeID, "
          "or ask a volunteer for help.")),
)


class LoginHelpScreen(Screen):
    name = ScreenName.LOGIN_HELP

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        heading = make_label(Role.HEADING)
        self.text(heading, HEADING)
        self.body.addWidget(heading)
        for title, advice in TIPS:
            label = make_label()
            label.setStyleSheet("font-weight: bold;")
            self.text(label, title)
            text = make_label(Role.HINT)
            self.text(text, advice)
            self.body.addWidget(label)
            self.body.addWidget(text)
        self.body.addStretch(1)
        back = make_button(Role.SECONDARY, "back")
        self.text(back, BACK)
        back.clicked.connect(lambda: shell.go(ScreenName.IDENTIFY))
        self.place_actions(back)
