"""The kiosk's trouble pages, and a supervised kiosk's crash (GUI thread).

:func:`show_trouble` covers the window with a calm page: by default "call a
volunteer" (the kiosk could not start, or its supervisor gave up after repeated
crashes).

After an unexpected error the resident's session may be half-broken; under
``kiosk run --supervise`` the kiosk covers its window with "Xin lỗi, máy đang
khởi động lại", and a moment later leaves with :data:`kiosk.supervisor.RESTART_EXIT`.
The draft answers die with the process; the outbox is on disk. Only the first
error of a run does this (a second one while the page shows changes nothing).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from kiosk.core.text import Text
from kiosk.supervisor import RESTART_EXIT
from ui.screens.base import make_label
from ui.theme import Role

TROUBLE = Text("Máy đang gặp sự cố, xin gọi tình nguyện viên.",
               "The kiosk has a problem. Please call a volunteer.")
RESTARTING = Text("Xin lỗi, máy đang khởi động lại. Bác chờ một chút nhé.",
                  "Sorry, the kiosk is restarting. Please wait a moment.")
DELAY_MS = 3000
_shown: list[QWidget] = []


def show_trouble(window: QWidget, words: Text = TROUBLE) -> QWidget:
    """Cover the whole window with a calm page (GUI thread): by default asking for a
    volunteer, the kiosk cannot work and says so instead of waiting forever. Touches do
    nothing."""
    from ui.app import KioskWindow

    if isinstance(window, KioskWindow):
        window.idle.disarm()
        window.frame.setEnabled(False)
    page = QWidget(window)
    page.setObjectName("trouble-page")
    page.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
    page.setStyleSheet("QWidget#trouble-page { background: #ffffff; }")
    page.setAccessibleName(words("vi"))
    layout = QVBoxLayout(page)
    layout.setContentsMargins(96, 96, 96, 96)
    layout.setSpacing(32)
    layout.addStretch(1)
    for lang, role in (("vi", Role.TITLE), ("en", Role.HEADING)):
        label = make_label(role, page)
        label.setObjectName(f"trouble-{lang}")
        label.setText(words(lang))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(label)
    layout.addStretch(1)

    class Cover(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Resize:
                page.setGeometry(window.rect())
            return False

    window.installEventFilter(Cover(page))
    page.setGeometry(window.rect())
    page.show()
    page.raise_()
    page.setFocus()
    return page


def restart_after_crash(*, exit_app: Callable[[int], None] | None = None,
                        delay_ms: int = DELAY_MS) -> QWidget | None:
    """Show the page on the kiosk window and exit after ``delay_ms``; the page."""
    from ui.app import KioskWindow

    app = QApplication.instance()
    if not isinstance(app, QApplication) or _shown:
        return None
    windows = [w for w in app.topLevelWidgets() if isinstance(w, KioskWindow)]
    page = show_trouble(windows[0], RESTARTING) if windows else None
    if page is not None:
        _shown.append(page)
    leave = exit_app or app.exit
    QTimer.singleShot(delay_ms, app, lambda: leave(RESTART_EXIT))
    return page


def reset() -> None:
    """Forget that the page was shown (tests)."""
    _shown.clear()
