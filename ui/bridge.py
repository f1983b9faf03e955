"""News from the context's threads, carried to the GUI thread (Qt queued signals).

The connectivity monitor (its own thread) says when the portal is reachable; the
sync worker (its own thread) says when an application's attempt is over. Neither
may touch a widget: :class:`ThreadNews` re-emits their callbacks as signals that
arrive on the GUI thread, and goes quiet once the window is gone.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal

if TYPE_CHECKING:
    from kiosk.context import AppContext
    from kiosk.outbox.records import OutboxRecord


class ThreadNews(QObject):
    online = Signal(bool)
    settled = Signal(object)  # OutboxRecord

    def listen(self, ctx: AppContext) -> bool | None:
        """Hear the context's monitor and worker; the monitor's current word (None: none yet)."""
        if ctx.worker is not None:
            ctx.worker.on_settled(self._settled)
        monitor = ctx.monitor
        if monitor is None:
            return None
        monitor.on_change(self._online)
        return monitor.online if monitor.known else None

    def _settled(self, record: OutboxRecord) -> None:  # worker thread
        with contextlib.suppress(RuntimeError):  # the window is gone
            self.settled.emit(record)

    def _online(self, online: bool) -> None:  # monitor thread
        with contextlib.suppress(RuntimeError):
            self.online.emit(online)


QUEUED = Qt.ConnectionType.QueuedConnection
