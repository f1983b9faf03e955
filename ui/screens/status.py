"""Check an application (tra cứu hồ sơ): type or scan the code, see its history in plain words.

The code is typed on a code pad (digits, capital letters, "." and "-") in the
page's fixed area, or scanned from the receipt's QR code: a USB scanner acts as a
keyboard that ends with Enter, so Enter in the box looks the code up. Case,
spaces, dots and dashes do not matter (:func:`kiosk.lookup.typed_code`). The
answer appears right under the box, where the eye already is; the pad steps
aside for it and "Hiện bàn phím" brings it back. The lookup
(:func:`kiosk.lookup.look_up`) runs in the background.
"""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget

from kiosk import lookup
from kiosk.core.statuses import STATUS_WORDS as PORTAL_STATUS_WORDS
from kiosk.core.text import Text
from kiosk.lookup import Lookup, LookupOutcome
from ui.background import run_in_background
from ui.questions.codepad import CodePad
from ui.screens.base import Screen, make_button, make_label
from ui.shell import ScreenName, Shell
from ui.theme import Role, repolish
from ui.words import CHECK_APPLICATION

log = logging.getLogger("ui.status")

HINT = Text(
    "Gõ mã hồ sơ in trên biên nhận, hoặc đưa mã QR trên biên nhận vào máy quét.",
    "Type the application code printed on the receipt, or scan the receipt's QR code.",
)
SHOW_PAD = Text("⌨  Hiện bàn phím", "⌨  Show keys")
FIELD = Text("Mã hồ sơ", "Application code")
LOOK_UP = Text("Tra cứu", "Check")
HOME = Text("Về trang đầu", "Back to start")
LOOKING = Text("Đang tra cứu…", "Checking…")
EMPTY = Text("Bác nhập mã hồ sơ trước đã.", "Please type the application code first.")
NOT_FOUND = Text(
    "Không tìm thấy hồ sơ có mã {code}. Bác xem lại mã trên biên nhận.",
    "No application has the code {code}. Please check the code on the receipt.",
)
UNREACHABLE = Text(
    "Chưa tra cứu được vì mất kết nối mạng. Bác thử lại sau ít phút.",
    "Cannot check now: the network is down. Please try again in a few minutes.",
)
NOW = Text("Hồ sơ {code}: {status}", "Application {code}: {status}")
HISTORY = Text("Quá trình giải quyết", "History")
QUEUED = Text("Đã lưu trên máy, sẽ tự gửi khi có mạng", "Saved on this kiosk, to be sent")
STATUS_WORDS: dict[str, Text] = {**PORTAL_STATUS_WORDS, lookup.QUEUED: QUEUED}


def status_words(status: str, lang: str) -> str:
    text = STATUS_WORDS.get(status)
    return text(lang) if text is not None else status


def when(at: str) -> str:
    try:
        return datetime.fromisoformat(at).strftime("%d/%m/%Y %H:%M")
    except ValueError:
        return at


class StatusScreen(Screen):
    name = ScreenName.STATUS

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        heading = make_label(Role.HEADING)
        self.text(heading, CHECK_APPLICATION)
        hint = make_label(Role.HINT)
        self.text(hint, HINT)
        self.field_label = make_label()
        self.text(self.field_label, FIELD)
        self.code = QLineEdit()
        self.code.setObjectName("status-code")
        self.code.returnPressed.connect(self.look_up)
        self.field_label.setBuddy(self.code)
        self.message = make_label(Role.ERROR)
        self.message.setObjectName("status-message")
        self.result = make_label(Role.HEADING)
        self.result.setObjectName("status-result")
        self.result_heading = make_label()
        self.result_heading.setStyleSheet("font-weight: bold;")
        self.history = make_label()
        self.history.setObjectName("status-history")
        self.code.installEventFilter(self)  # a tap on the box brings the pad back
        self.pad: CodePad | None = None
        self.pad_lang = ""
        self.show_pad = make_button(Role.SECONDARY, "show-code-pad")
        self.text(self.show_pad, SHOW_PAD)
        self.show_pad.clicked.connect(lambda: self._pad_shown(True))
        row = QWidget()
        code_row = QHBoxLayout(row)
        code_row.setContentsMargins(0, 0, 0, 0)
        code_row.addWidget(self.code, 1)
        code_row.addWidget(self.show_pad)
        for widget in (heading, hint, self.field_label, row, self.message,
                       self.result, self.result_heading, self.history):
            self.body.addWidget(widget)
        self.body.addStretch(1)
        home = make_button(Role.SECONDARY, "home")
        self.text(home, HOME)
        home.clicked.connect(shell.finish)
        self.button = make_button(Role.PRIMARY, "look-up")
        self.text(self.button, LOOK_UP)
        self.button.clicked.connect(self.look_up)
        self.place_actions(home, self.button)
        self.wipe()

    def refresh(self) -> None:
        self.code.setAccessibleName(FIELD(self.lang))
        if self.pad is not None and self.pad_lang != self.lang:  # spoken names follow
            shown = self.keys is self.pad
            self._drop_pad()
            self._pad_shown(shown)

    def on_enter(self) -> None:
        super().on_enter()
        self._pad_shown(True)
        self.code.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.code and event.type() == QEvent.Type.MouseButtonPress:
            self._pad_shown(True)
        return super().eventFilter(watched, event)

    def _pad_shown(self, shown: bool) -> None:
        """The code pad in the fixed area (made on first use), or out of the way."""
        if shown and self.pad is None:
            self.pad = CodePad(self.lang)
            self.pad.target = self.code
            self.pad_lang = self.lang
        if shown and self.pad is not None and self.keys is not self.pad:
            self.place_keys(self.pad)
        elif not shown and self.keys is not None:
            self.place_keys(None)
        self.show_pad.setVisible(not shown)
        if shown:
            self.code.setFocus()

    def _drop_pad(self) -> None:
        if self.pad is not None:
            self.place_keys(None)
            self.pad.hide()
            self.pad.setParent(None)
            self.pad.deleteLater()
            self.pad = None
    def look_up(self) -> None:
        if not self.button.isEnabled():
            return
        code = lookup.typed_code(self.code.text())
        if code != self.code.text():
            self.code.setText(code)  # a scanned address shows as the code it holds
        self._show_message("", error=False)
        self._show_result(None)
        if not code:
            self._show_message(EMPTY(self.lang))
            return
        self.button.setEnabled(False)
        self._show_message(LOOKING(self.lang), error=False)
        ctx = self.shell.context
        run_in_background(lambda: lookup.look_up(ctx.outbox, ctx.portal, code), self._answered,
                          self._failed, owner=self)

    def _answered(self, found: Lookup) -> None:
        self.button.setEnabled(True)
        if found.outcome is LookupOutcome.FOUND:
            self._show_message("", error=False)
            self._pad_shown(False)  # the answer stands right under the box
            self._show_result(found)
        elif found.outcome is LookupOutcome.NOT_FOUND:
            self._show_message(NOT_FOUND(self.lang, code=found.code))
        else:
            self._show_message(UNREACHABLE(self.lang))

    def _failed(self, exc: BaseException) -> None:
        log.warning("status lookup failed: %s", type(exc).__name__)
        self.button.setEnabled(True)
        self._show_message(UNREACHABLE(self.lang))

    def _show_message(self, message: str, error: bool = True) -> None:
        self.message.setText(message)
        self.message.setProperty("role", "error" if error else "caption")
        self.message.setIndent(24 if error else -1)  # clear of the red bar on the error role
        repolish(self.message)
        self.message.setVisible(bool(message))

    def _show_result(self, status: Lookup | None) -> None:
        visible = status is not None
        for widget in (self.result, self.result_heading, self.history):
            widget.setVisible(visible)
        if status is None:
            for widget in (self.result, self.result_heading, self.history):
                widget.setText("")
            return
        lang = self.lang
        self.result.setText(NOW(lang, code=status.code, status=status_words(status.status, lang)))
        self.result_heading.setText(HISTORY(lang))
        lines = [f"{when(e.at)} — {status_words(e.status, lang)}" + (f". {e.note}" if e.note else "")
                 for e in status.history]
        self.history.setText("\n".join(lines))
        self.result_heading.setVisible(bool(lines))
        self.history.setVisible(bool(lines))

    def wipe(self) -> None:
        self.code.setText("")
        self._drop_pad()
        self.show_pad.hide()
        self.button.setEnabled(True)
        self._show_message("", error=False)
        self._show_result(None)
