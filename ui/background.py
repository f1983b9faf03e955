"""The one way to run work off the GUI thread (Picard's ``run_task`` spirit).

    run_in_background(lambda: portal.status(code), on_done=self._show, on_error=self._fail,
                      owner=self)

``fn`` runs on a worker of a :class:`QThreadPool` and must never touch a widget.
``on_done(result)`` or ``on_error(exception)`` then runs on the GUI thread,
delivered by a queued signal. If ``owner`` (a QObject, usually the screen that
asked) is destroyed first, or the returned :class:`Task` is cancelled, the
result is dropped: a wiped session never gets answers written back into it.

Threads: :func:`run_in_background`, the callbacks and :meth:`Task.cancel` run
on the GUI thread; only ``fn`` runs on a worker.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

log = logging.getLogger("ui.background")

_POOL: QThreadPool | None = None
_PENDING: set[Task] = set()


def pool() -> QThreadPool:
    """The kiosk's worker pool (separate from Qt's global one, so tests can wait on it)."""
    global _POOL
    if _POOL is None:
        _POOL = QThreadPool()
        _POOL.setMaxThreadCount(4)
    return _POOL


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    """Runs on a worker thread: call ``fn``, emit the outcome, nothing else."""

    def __init__(self, fn: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self._fn = fn
        self._signals = signals
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # noqa: BLE001 - delivered to on_error on the GUI thread
            self._signals.failed.emit(exc)
        else:
            self._signals.done.emit(result)


class Task(QObject):
    """One piece of background work; lives on the GUI thread until delivered."""

    def __init__(
        self,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None,
        owner: QObject | None,
    ) -> None:
        super().__init__()
        self._on_done = on_done
        self._on_error = on_error
        self.cancelled = False
        self.finished = False
        self.signals = _Signals()
        self.signals.done.connect(self._deliver_done, Qt.ConnectionType.QueuedConnection)
        self.signals.failed.connect(self._deliver_error, Qt.ConnectionType.QueuedConnection)
        if owner is not None:
            owner.destroyed.connect(self.cancel)

    @Slot()
    def cancel(self) -> None:
        """Drop the outcome (the work itself, already started, runs to its end)."""
        self.cancelled = True

    @Slot(object)
    def _deliver_done(self, result: object) -> None:
        self._finish()
        if not self.cancelled:
            self._on_done(result)

    @Slot(object)
    def _deliver_error(self, exc: object) -> None:
        self._finish()
        if self.cancelled:
            return
        if self._on_error is None:
            log.error("background task failed: %s", type(exc).__name__)
            return
        assert isinstance(exc, BaseException)
        self._on_error(exc)

    def _finish(self) -> None:
        self.finished = True
        _PENDING.discard(self)


def run_in_background(
    fn: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None] | None = None,
    *,
    owner: QObject | None = None,
) -> Task:
    """Run ``fn()`` on a worker; deliver its result or exception on the GUI thread."""
    task = Task(on_done, on_error, owner)
    _PENDING.add(task)
    pool().start(_Runnable(fn, task.signals))
    return task


def pending() -> int:
    """How many tasks have not been delivered yet (tests and shutdown)."""
    return len(_PENDING)


def wait_for_workers(timeout_ms: int = 10_000) -> bool:
    """Block until no worker runs (shutdown and tests; never while a resident waits)."""
    return pool().waitForDone(timeout_ms)
