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

import itertools
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

log = logging.getLogger("ui.background")
T = TypeVar("T")

_POOL: QThreadPool | None = None
_PENDING: dict[int, Task] = {}
_NEXT_ID = itertools.count(1)


def pool() -> QThreadPool:
    """The kiosk's worker pool (separate from Qt's global one, so tests can wait on it)."""
    global _POOL
    if _POOL is None:
        _POOL = QThreadPool()
        _POOL.setMaxThreadCount(4)
    return _POOL


class _Dispatcher(QObject):
    """One long-lived QObject on the GUI thread that every worker reports to.

    Workers emit ``outcome`` on this object only, so no QObject is ever made or
    destroyed on a worker thread (a per-task signal object whose last reference
    died on the worker crashed the kiosk now and then: Qt objects must be
    destroyed in their own thread).
    """

    outcome = Signal(int, bool, object)  # task id, succeeded, result or exception

    def __init__(self) -> None:
        super().__init__()
        self.outcome.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @Slot(int, bool, object)
    def _deliver(self, task_id: int, ok: bool, payload: object) -> None:
        task = _PENDING.pop(task_id, None)
        if task is not None:
            task.deliver(ok, payload)


_DISPATCHER: _Dispatcher | None = None


def _dispatcher() -> _Dispatcher:
    global _DISPATCHER
    if _DISPATCHER is None:  # first use is on the GUI thread (run_in_background)
        _DISPATCHER = _Dispatcher()
    return _DISPATCHER


class _Runnable(QRunnable):
    """Runs on a worker thread: call ``fn``, report the outcome, nothing else."""

    def __init__(self, fn: Callable[[], Any], task_id: int, dispatcher: _Dispatcher) -> None:
        super().__init__()
        self._fn = fn
        self._task_id = task_id
        self._dispatcher = dispatcher
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # noqa: BLE001 - delivered to on_error on the GUI thread
            self._dispatcher.outcome.emit(self._task_id, False, exc)
        else:
            self._dispatcher.outcome.emit(self._task_id, True, result)
        finally:
            self._fn = _nothing  # drop the work's references here, not in Qt's destructor


def _nothing() -> None:
    return None


class Task:
    """One piece of background work, seen from the GUI thread."""

    def __init__(
        self,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None,
    ) -> None:
        self._on_done = on_done
        self._on_error = on_error
        self.cancelled = False
        self.finished = False

    def cancel(self) -> None:
        """Drop the outcome (the work itself, already started, runs to its end)."""
        self.cancelled = True

    def deliver(self, ok: bool, payload: object) -> None:  # GUI thread
        self.finished = True
        if self.cancelled:
            return
        if ok:
            self._on_done(payload)
        elif self._on_error is None:
            log.error("background task failed: %s", type(payload).__name__)
        else:
            assert isinstance(payload, BaseException)
            self._on_error(payload)


def run_in_background(
    fn: Callable[[], T],
    on_done: Callable[[T], None],
    on_error: Callable[[BaseException], None] | None = None,
    *,
    owner: QObject | None = None,
) -> Task:
    """Run ``fn()`` on a worker; deliver its result or exception on the GUI thread."""
    task = Task(on_done, on_error)
    if owner is not None:
        owner.destroyed.connect(task.cancel)
    task_id = next(_NEXT_ID)
    _PENDING[task_id] = task
    pool().start(_Runnable(fn, task_id, _dispatcher()))
    return task


def pending() -> int:
    """How many tasks have not been delivered yet (tests and shutdown)."""
    return len(_PENDING)


def wait_for_workers(timeout_ms: int = 10_000) -> bool:
    """Block until no worker runs (shutdown and tests; never while a resident waits)."""
    return pool().waitForDone(timeout_ms)
