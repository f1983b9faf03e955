"""Before you start: papers to bring, fee, legal processing time, how the result comes back.

So nobody fills in ten pages and then finds a paper is missing. When the
procedure needs a VNeID login, this page says so and offers "Đăng nhập bằng
VNeID" (the login comes back here); a login below the level the procedure
needs gets a page that explains how to raise it. In demo and training mode a
resident who does not log in goes on and answers the identity questions as
ordinary pages.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QVBoxLayout

from forms.engine import display_delivery, vnd
from forms.model import Procedure
from kiosk.core.text import Text
from kiosk.identity.person import Source
from ui.screens.base import Screen, clear_layout, make_button, make_label
from ui.shell import ScreenName, Shell
from ui.theme import Role
from ui.words import BACK, FEE, FEE_AMOUNT, FREE

START = Text("Bắt đầu điền hồ sơ", "Start the application")
PAPERS = Text("Giấy tờ cần mang theo", "Papers to bring")
NO_PAPERS = Text("Không cần giấy tờ nào.", "No papers needed.")
TIME = Text("Thời gian giải quyết", "Processing time")
SAME_DAY = Text("Trong ngày", "The same day")
DAYS = Text("{days} ngày làm việc", "{days} working days")
RESULT = Text("Nhận kết quả", "How you get the result")
LOGIN_DEMO = Text(
    "Thủ tục này cần đăng nhập VNeID. Ở chế độ thử nghiệm, bác sẽ trả lời các câu hỏi "
    "về danh tính như các trang khác.",
    "This service needs a VNeID login. In this practice mode you answer the identity "
    "questions as ordinary pages.",
)
LOGIN_NEEDED = Text(
    "Thủ tục này cần đăng nhập bằng VNeID. Bác bấm \"Đăng nhập bằng VNeID\" ở dưới.",
    "This service needs a VNeID login. Tap \"Log in with VNeID\" below.",
)
LEVEL_TOO_LOW = Text(
    "Thủ tục này cần tài khoản định danh điện tử mức 2, nhưng tài khoản VNeID của bác đang ở "
    "mức 1. Bác mang thẻ căn cước đến công an xã, phường nơi cư trú để nâng lên mức 2, rồi "
    "quay lại làm hồ sơ nhé.",
    "This service needs a level 2 electronic identity, but your VNeID account is at level 1. "
    "Take your ID card to the police of your commune or ward to upgrade it, then come back.",
)
LOG_IN = Text("Đăng nhập bằng VNeID", "Log in with VNeID")


class BeforeScreen(Screen):
    name = ScreenName.BEFORE

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        self.heading = make_label(Role.HEADING)
        self.heading.setObjectName("procedure-name")
        self.body.addWidget(self.heading)
        self.sections = QVBoxLayout()
        self.body.addLayout(self.sections)
        self.body.addStretch(1)
        back = make_button(Role.SECONDARY, "back")
        self.text(back, BACK)
        back.clicked.connect(lambda: shell.go(ScreenName.CHOOSE))
        self.start = make_button(Role.PRIMARY, "start-application")
        self.text(self.start, START)
        self.start.clicked.connect(shell.start_questions)
        self.log_in = make_button(Role.PRIMARY, "log-in")
        self.text(self.log_in, LOG_IN)
        self.log_in.clicked.connect(shell.begin_identify)
        self.place_actions(back, self.start)
        self.action_row.addWidget(self.log_in)

    def refresh(self) -> None:
        clear_layout(self.sections)
        session = self.shell.session
        if session is None:
            return
        procedure = session.procedure
        lang = self.lang
        self.heading.setText(procedure.name(lang))
        allowed = self.shell.may_start(procedure)
        identity = self.shell.identity
        logged_in = identity is not None and identity.source is Source.VNEID
        if procedure.login_required and not logged_in:  # first: it decides what comes next
            self._panel((LOGIN_DEMO if allowed else LOGIN_NEEDED)(lang))
        elif procedure.login_required and not allowed:
            self._panel(LEVEL_TOO_LOW(lang))
        self._section(PAPERS, _papers(procedure, lang))
        self._section(FEE, _fee(procedure, lang))
        days = procedure.processing_days
        self._section(TIME, SAME_DAY(lang) if days == 0 else DAYS(lang, days=days))
        self._section(RESULT, "\n".join(f"• {display_delivery(d, lang)}"
                                        for d in procedure.deliveries))
        self.start.setVisible(allowed)
        self.log_in.setVisible(not allowed and not logged_in)

    def _section(self, title: Text, body: str) -> None:
        label = make_label(Role.HEADING)
        label.setText(title(self.lang))
        label.setStyleSheet("font-size: 30px;" if not self.shell.large_text else "font-size: 36px;")
        text = make_label()
        text.setText(body)
        self.sections.addWidget(label)
        self.sections.addWidget(text)

    def _panel(self, message: str) -> None:
        panel = QFrame()
        panel.setObjectName("login-note")
        panel.setProperty("role", "panel")
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(32, 20, 32, 20)
        label = make_label()
        label.setText(message)
        layout.addWidget(label)
        self.sections.addWidget(panel)

    def wipe(self) -> None:
        clear_layout(self.sections)
        self.heading.setText("")


def _papers(procedure: Procedure, lang: str) -> str:
    if not procedure.papers:
        return NO_PAPERS(lang)
    lines = []
    for paper in procedure.papers:
        lines.append(f"• {paper.listed(lang)}")
    return "\n".join(lines)


def _fee(procedure: Procedure, lang: str) -> str:
    amount = FREE(lang) if procedure.fee_vnd == 0 else FEE_AMOUNT(lang, amount=vnd(procedure.fee_vnd))
    note = procedure.fee_note(lang)
    return f"{amount}. {note}" if note else amount
