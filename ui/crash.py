"""A supervised kiosk's crash: a calm page, then an exit the supervisor restarts (GUI thread).

After an unexpected error the resident's session may be half-broken; under
``kiosk run --supervise`` the kiosk covers its window with "Xin lỗi, máy đang
khởi động lại", and a moment later leaves with :data:`kiosk.supervisor.RESTART_EXIT`.
The draft answers die with the process; the outbox is on disk. Only the first
error of a run does this (a second one while the page shows changes nothing).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.core.text import Text
from kiosk.supervisor import RESTART_EXIT

RESTARTING = Text("Xin lỗi, máy đang khởi động lại. Bác chờ một chút nhé.",
                  "Sorry, the kiosk is restarting. Please wait a moment.")
DELAY_MS = 3000
_shown: list[QWidget] = []


def restart_after_crash(*, exit_app: Callable[[int], None] | None = None,
                        delay_ms: int = DELAY_MS) -> QWidget | None:
    """Show the page on the kiosk window and exit after ``delay_ms``; the page."""
    from ui.app import KioskWindow
    from ui.commands.run import show_trouble

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
