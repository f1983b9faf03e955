"""The volunteers' PIN page: a big numeric keypad in front of the volunteers' screen.

The PIN is ``[kiosk] volunteer_pin``; in demo and training mode with none set it
is "0000" and the page says so; on a real kiosk with none set the page explains
that the panel stays closed until the technician sets that key. A wrong PIN
clears the box with a calm message; after five wrong tries the page counts
down a 60 s wait (:class:`kiosk.volunteer_pin.PinGate`, kept across visits).
GUI thread only; nothing here blocks.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLineEdit, QVBoxLayout

from kiosk.core.text import Text
from kiosk.volunteer_pin import DEMO_PIN, PinCheck, PinGate, panel_pin
from ui.questions.keypad import NumericKeypad
from ui.screens.base import Screen, make_button, make_label
from ui.shell import ScreenName, Shell
from ui.theme import Role, repolish, set_role
from ui.words import BACK, FOR_VOLUNTEERS

log = logging.getLogger("ui.volunteer")

HINT = Text("Nhập mã PIN của tình nguyện viên rồi bấm “Mở”.",
            "Type the volunteers' PIN, then tap “Open”.")
FIELD = Text("Mã PIN", "PIN")
DEMO_NOTE = Text("Máy đang chạy thử: mã PIN là {pin}.",
                 "This kiosk is in practice mode: the PIN is {pin}.")
CLOSED = Text(
    "Trang dành cho tình nguyện viên đang đóng. Kỹ thuật viên cần đặt mã PIN "
    "(4–8 chữ số) ở khóa volunteer_pin, mục [kiosk] của tệp cấu hình.",
    "The volunteers' panel is closed. A technician needs to set a PIN (4–8 digits) "
    "in the key volunteer_pin, section [kiosk] of the configuration file.",
)
OPEN = Text("Mở", "Open")
EMPTY = Text("Bạn nhập mã PIN trước đã.", "Please type the PIN first.")
WRONG = Text("Mã PIN chưa đúng. Bạn nhập lại nhé (còn {tries} lần thử).",
             "That PIN is not right. Please try again ({tries} tries left).")
WAIT = Text("Nhập sai nhiều lần. Bạn chờ {seconds} giây rồi thử lại.",
            "Too many wrong tries. Please wait {seconds} seconds, then try again.")


class MessageBox(QFrame):
    """A message in a box with a coloured bar on the left (calm panel, or error).

    The frame carries the role, not the label: a bar on a label would cover its
    first letters.
    """

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(f"{name}-box")
        self.label = make_label()
        self.label.setObjectName(name)
        inner = QVBoxLayout(self)
        inner.setContentsMargins(32, 16, 16, 16)
        inner.addWidget(self.label)
        self.say("")

    def say(self, message: str, error: bool = False) -> None:
        self.label.setText(message)
        set_role(self, Role.ERROR if error else Role.PANEL)
        repolish(self.label)  # the label follows its frame's new role
        self.setVisible(bool(message))

    def text(self) -> str:
        return self.label.text()


class VolunteerPinScreen(Screen):
    name = ScreenName.VOLUNTEER_PIN

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        self.gate: PinGate | None = None
        heading = make_label(Role.HEADING)
        self.text(heading, FOR_VOLUNTEERS)
        self.hint = make_label(Role.HINT)
        self.text(self.hint, HINT)
        self.note = MessageBox("pin-note")
        self.field_label = make_label()
        self.text(self.field_label, FIELD)
        self.pin = QLineEdit()
        self.pin.setObjectName("volunteer-pin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(8)
        self.pin.returnPressed.connect(self.check)
        self.field_label.setBuddy(self.pin)
        self.message = MessageBox("pin-message")
        self.keypad = self._keypad()
        # Two columns, so the whole keypad fits above the action bar on a 768 px screen.
        columns = QHBoxLayout()
        columns.setSpacing(48)
        left = QVBoxLayout()
        for widget in (self.hint, self.note, self.field_label, self.pin, self.message):
            left.addWidget(widget)
        left.addStretch(1)
        columns.addLayout(left, 1)
        columns.addWidget(self.keypad, 0, Qt.AlignmentFlag.AlignTop)
        self.columns = columns
        self.body.addWidget(heading)
        self.body.addLayout(columns)
        self.body.addStretch(1)
        back = make_button(Role.SECONDARY, "pin-back")
        self.text(back, BACK)
        back.clicked.connect(shell.leave_volunteer_pin)
        self.open = make_button(Role.PRIMARY, "pin-open")
        self.text(self.open, OPEN)
        self.open.clicked.connect(self.check)
        self.place_actions(back, self.open)
        self.timer = QTimer(self)
        self.timer.setObjectName("kiosk.pin_wait")
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._tick)
        self.wait_shown = False
        self._say("")

    def _keypad(self) -> NumericKeypad:
        keypad = NumericKeypad(self.lang, self)
        keypad.target = self.pin
        self.keypad_lang = self.lang
        return keypad

    # -- what the page shows --------------------------------------------------
    def _pin(self) -> str | None:
        return panel_pin(self.shell.config, fictional=self.shell.mode.fictional)

    def refresh(self) -> None:
        pin = self._pin()
        if pin is not None and (self.gate is None or self.gate.pin != pin):
            self.gate = PinGate(pin)
        closed = pin is None
        for widget in (self.hint, self.field_label, self.pin, self.keypad, self.open):
            widget.setVisible(not closed)
        demo = not closed and not self.shell.config.kiosk.volunteer_pin.strip()
        self.note.say(CLOSED(self.lang) if closed
                      else DEMO_NOTE(self.lang, pin=DEMO_PIN) if demo else "")
        self.pin.setAccessibleName(FIELD(self.lang))
        if self.keypad_lang != self.lang:  # the keys' spoken names follow the language
            self.keypad.hide()
            self.keypad.deleteLater()
            self.keypad = self._keypad()
            self.columns.addWidget(self.keypad, 0, Qt.AlignmentFlag.AlignTop)
            self.keypad.setVisible(not closed)
        self._tick()

    def on_enter(self) -> None:
        self.pin.clear()  # nothing left from an earlier visit (a wait is shown again below)
        self._say("")
        super().on_enter()
        if self.pin.isVisible():
            self.pin.setFocus()

    def _say(self, message: str) -> None:
        self.message.say(message, error=True)

    # -- checking ---------------------------------------------------------------
    def check(self) -> None:
        gate = self.gate
        if gate is None or not self.open.isEnabled():
            return
        typed = self.pin.text()
        if not typed.strip():
            self._say(EMPTY(self.lang))
            return
        result = gate.check(typed)
        self.pin.clear()
        if result is PinCheck.OPEN:
            log.info("volunteers' panel opened")
            self._say("")
            self.shell.volunteer_unlocked()
            return
        log.info("volunteer PIN refused (%d wrong in a row)", gate.wrong)
        if result is PinCheck.WRONG:
            self._say(WRONG(self.lang, tries=gate.tries_left))
        self._tick()

    def _tick(self) -> None:
        """Show the wait (every second while it lasts); enable the keypad after it."""
        seconds = self.gate.seconds_left() if self.gate is not None else 0
        waiting = seconds > 0
        for widget in (self.pin, self.keypad, self.open):
            widget.setEnabled(not waiting)
        if waiting:
            self._say(WAIT(self.lang, seconds=seconds))
            if self.isVisible() and not self.timer.isActive():
                self.timer.start()
        else:
            self.timer.stop()
            if self.wait_shown:
                self._say("")
        self.wait_shown = waiting

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self._tick()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt API
        self.timer.stop()  # the wait goes on in the gate; the page counts again when shown
        super().hideEvent(event)

    def wipe(self) -> None:
        """Forget what was typed (the count of wrong tries stays with the gate)."""
        self.pin.clear()
        self._say("")
        self.timer.stop()
