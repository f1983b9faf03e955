"""What the two login pages share: the words of each login state, the countdown, the practice phone.

GUI thread only. :func:`state_message` says in plain words where a login
stands; :func:`countdown` writes the seconds left as m:ss. :class:`PracticePhone`
is shown in demo and training mode only: it plays the resident's phone
(approve as one of the sandbox's fictional citizens, or decline) so a
volunteer can show a class the whole login on the kiosk alone.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QGridLayout, QVBoxLayout

from kiosk.core.text import Text
from kiosk.identity import simulated_phone
from kiosk.identity.login import LoginState, LoginStatus
from ui.background import run_in_background
from ui.screens.base import clear_layout, make_button, make_label
from ui.theme import Role, set_role

log = logging.getLogger("ui.login")

WAITING = Text("Đang chờ bác xác nhận trên điện thoại…", "Waiting for you to approve on your phone…")
DENIED = Text(
    "Bác đã từ chối đăng nhập trên điện thoại. Nếu bấm nhầm, bác bấm \"Thử lại\".",
    "You declined the login on your phone. If that was a slip, tap \"Try again\".",
)
DONE = Text("Đã đăng nhập.", "Logged in.")
VALID_FOR = Text("còn hiệu lực {time}", "valid for {time}")
PRACTICE = Text("Điện thoại giả lập (chỉ ở chế độ thử)", "Practice phone (demo and training only)")
APPROVE_AS = Text("Đồng ý: {name} (mức {level})", "Approve as {name} (level {level})")
APPROVE = Text("Đồng ý trên điện thoại", "Approve on the phone")
DECLINE = Text("Từ chối trên điện thoại", "Decline on the phone")


def state_message(state: LoginState, lang: str, expired: Text) -> str:
    if state.status is LoginStatus.WAITING:
        return WAITING(lang)
    if state.status is LoginStatus.DENIED:
        return DENIED(lang)
    if state.status is LoginStatus.EXPIRED:
        return expired(lang)
    if state.status is LoginStatus.DONE:
        return DONE(lang)
    return (state.problem or WAITING)(lang)  # retrying, failed: the reason


def countdown(seconds: int, lang: str) -> str:
    return VALID_FOR(lang, time=f"{seconds // 60}:{seconds % 60:02d}")


class PracticePhone(QFrame):
    """Buttons that play the phone. ``target()`` names the waiting login: (user_code, None)
    for the QR login, (None, auth_req_id) for the ID-number login, (None, None) for none."""

    def __init__(self, sandbox_url: str, lang: str,
                 target: Callable[[], tuple[str | None, str | None]], per_citizen: bool) -> None:
        super().__init__()
        self.setObjectName("practice-phone")
        set_role(self, Role.PANEL)
        self.sandbox_url, self.lang, self.target = sandbox_url, lang, target
        self.per_citizen = per_citizen
        column = QVBoxLayout(self)
        column.setContentsMargins(32, 6, 16, 8)
        column.setSpacing(4)
        title = make_label(Role.CAPTION)
        title.setText(PRACTICE(lang))
        column.addWidget(title)
        self.row = QGridLayout()  # two a row: long names fit at 1280 px and in large text
        column.addLayout(self.row)
        if per_citizen:
            run_in_background(lambda: simulated_phone.citizens(sandbox_url), self._citizens,
                              lambda exc: log.warning("practice phone: %s", type(exc).__name__),
                              owner=self)
        else:
            self._buttons([(None, APPROVE(lang))])

    def _citizens(self, found: list[simulated_phone.Citizen]) -> None:
        # One resident at each level: a class sees the level-2 refusal too.
        shown = [next(c for c in found if c.level == level) for level in (2, 1)
                 if any(c.level == level for c in found)]
        self._buttons([(c.id_number, APPROVE_AS(self.lang, name=c.full_name, level=c.level))
                       for c in shown])

    def _buttons(self, approvals: list[tuple[str | None, str]]) -> None:
        clear_layout(self.row)
        for i, (citizen, label) in enumerate(approvals):
            button = make_button(Role.SECONDARY, f"practice-approve-{i}")
            button.setText(label)
            button.setAccessibleName(label)
            button.clicked.connect(lambda _=False, c=citizen: self._answer(c, deny=False))
            self.row.addWidget(button, i // 2, i % 2)
        decline = make_button(Role.SECONDARY, "practice-decline")
        decline.setText(DECLINE(self.lang))
        decline.setAccessibleName(DECLINE(self.lang))
        decline.clicked.connect(lambda: self._answer(None, deny=True))
        n = len(approvals)
        self.row.addWidget(decline, n // 2, n % 2)

    def _answer(self, citizen: str | None, deny: bool) -> None:
        user_code, auth_req_id = self.target()
        if user_code is None and auth_req_id is None:
            return
        url = self.sandbox_url
        run_in_background(
            lambda: simulated_phone.answer(url, user_code=user_code, auth_req_id=auth_req_id,
                                           citizen=citizen, deny=deny),
            lambda _: None, lambda exc: log.warning("practice phone: %s", type(exc).__name__),
            owner=self)
