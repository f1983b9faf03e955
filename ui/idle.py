"""Privacy on a shared PC: the idle timeout, its warning overlay and countdown (GUI thread).

:class:`IdleWatcher` is an application-wide event filter: any touch, click or
key restarts the idle timer. When it fires, the overlay asks "Bác còn ở đây
không?" with a countdown (at least 30 s in a real kiosk) that one tap anywhere
extends; when the countdown ends the watcher emits :attr:`IdleWatcher.expired`
and the window wipes the session. Durations are injectable for tests.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QFrame, QVBoxLayout, QWidget

from kiosk.core.text import Text
from ui.screens.base import make_button, make_label
from ui.theme import Role, set_role

STILL_HERE = Text("Bác còn ở đây không?", "Are you still there?")
COUNTDOWN = Text(
    "Để giữ kín thông tin, sau {seconds} giây nữa máy sẽ xóa những gì bác đã nhập "
    "và quay về trang đầu.",
    "To keep your details private, in {seconds} seconds the kiosk will clear what you "
    "entered and go back to the start.",
)
STAY = Text("Tôi vẫn ở đây", "I am still here")

_ACTIVITY = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.KeyPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
    QEvent.Type.Wheel,
    QEvent.Type.InputMethod,
}


class IdleWatcher(QObject):
    """Counts inactivity; ``warning`` → countdown ``tick(seconds)`` → ``expired``."""

    warning = Signal()
    tick = Signal(int)
    extended = Signal()
    expired = Signal()

    def __init__(self, idle_ms: int, warning_ms: int, tick_ms: int = 1000,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.idle_ms = idle_ms
        self.warning_ms = warning_ms
        self.tick_ms = tick_ms
        self.remaining_ms = warning_ms
        self.armed = False
        self.warning_shown = False
        self.app: QApplication | None = None
        self.idle_timer = QTimer(self)
        self.idle_timer.setObjectName("kiosk.idle")
        self.idle_timer.setSingleShot(True)
        self.idle_timer.timeout.connect(self._on_idle)
        self.countdown = QTimer(self)
        self.countdown.setObjectName("kiosk.idle_countdown")
        self.countdown.timeout.connect(self._on_tick)

    def install(self, app: QApplication) -> None:
        """Use ``app``'s events; the filter is only in place while armed (cheaper)."""
        self.app = app

    def uninstall(self, app: QApplication) -> None:
        self.disarm()
        self.app = None

    def arm(self) -> None:
        """Watch for inactivity (a resident is in a journey)."""
        if not self.armed and self.app is not None:
            self.app.installEventFilter(self)
        self.armed = True
        if not self.warning_shown:
            self.idle_timer.start(self.idle_ms)

    def disarm(self) -> None:
        if self.armed and self.app is not None:
            self.app.removeEventFilter(self)
        self.armed = False
        self.warning_shown = False
        self.idle_timer.stop()
        self.countdown.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if self.armed and event.type() in _ACTIVITY:
            self.activity()
        return False

    def activity(self) -> None:
        """A touch or key: restart the wait, or extend if the warning is up."""
        if self.warning_shown:
            self.warning_shown = False
            self.countdown.stop()
            self.extended.emit()
        if self.armed:
            self.idle_timer.start(self.idle_ms)

    def seconds_left(self) -> int:
        return max(0, math.ceil(self.remaining_ms / 1000))

    def _on_idle(self) -> None:
        self.warning_shown = True
        self.remaining_ms = self.warning_ms
        self.warning.emit()
        self.tick.emit(self.seconds_left())
        self.countdown.start(self.tick_ms)

    def _on_tick(self) -> None:
        self.remaining_ms -= self.tick_ms
        if self.remaining_ms > 0:
            self.tick.emit(self.seconds_left())
            return
        self.disarm()
        self.expired.emit()


BORDER_PX = 6  # the idle box's border in assets/style.qss


class IdleOverlay(QWidget):
    """The calm full-window warning. Any tap on it extends the session (via the watcher)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("idle-overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet("QWidget#idle-overlay { background: rgba(11, 12, 12, 200); }")
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        box = QFrame(self)
        box.setObjectName("idle-box")
        inner = QVBoxLayout(box)
        inner.setContentsMargins(48, 40, 48, 40)
        inner.setSpacing(28)
        self.title = make_label(Role.TITLE)
        self.message = make_label()
        self.message.setObjectName("idle-countdown")
        self.stay = make_button(Role.PRIMARY, "still-here")
        inner.addWidget(self.title)
        inner.addWidget(self.message)
        inner.addWidget(self.stay)
        self.box = box
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(1)
        self.lang = "vi"
        self.seconds = 0
        set_role(self.title, Role.TITLE)
        self.hide()

    def spoken_parts(self) -> list[str]:
        return [self.title.text(), self.message.text(), self.stay.text()]

    def show_countdown(self, seconds: int, lang: str) -> None:
        self.lang, self.seconds = lang, seconds
        self.title.setText(STILL_HERE(lang))
        self.message.setText(COUNTDOWN(lang, seconds=seconds))
        self.stay.setText(STAY(lang))
        self.stay.setAccessibleName(STAY(lang))
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
            # A fixed width lets the wrapped message take the height it needs.
            width = min(1000, max(480, parent.width() - 96))
            self.box.setFixedWidth(width)
            layout = self.box.layout()
            border = 2 * BORDER_PX  # the style sheet's border narrows what the labels get
            height = layout.heightForWidth(width - border) if layout is not None else -1
            if height > 0:
                self.box.setFixedHeight(height + border)
        if not self.isVisible():
            self.show()
            self.raise_()
