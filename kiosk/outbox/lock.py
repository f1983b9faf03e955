"""One sender per ``KIOSK_HOME``: an OS file lock beside the outbox database.

Whoever sends records to the portal holds it: the kiosk's sync worker for as
long as it runs, ``kiosk outbox sync`` and ``kiosk outbox retry`` for their
run, ``kiosk submit`` for its one immediate attempt. The lock is the
operating system's (``filelock``: ``flock`` on Linux, ``LockFileEx`` on
Windows), so it is released when its process dies, even by ``kill -9``; the
file ``outbox.sender.lock`` itself stays and is harmless.

While the lock is held nobody else can be mid-send, so its holder may put back
every record a dead sender left in ``sending`` (``Outbox.requeue_interrupted``).
"""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from kiosk.core.errors import OperationFailed

BUSY = (
    "another sender is already at work on this outbox (the running kiosk, or another "
    "`kiosk outbox sync` / `kiosk submit`); it sends what is queued"
)


class SenderBusy(OperationFailed):
    """Another process (or thread) holds the sender lock."""


def lock_path(db_path: Path) -> Path:
    """``outbox.sqlite3`` → ``outbox.sender.lock`` in the same folder."""
    return db_path.with_suffix(".sender.lock")


class SenderLock:
    """The sender lock of one outbox. Re-entrant on one thread; exclusive between threads
    and processes. Release on the thread that acquired it."""

    def __init__(self, db_path: Path) -> None:
        self.path = lock_path(db_path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # One object per path in a process, so a holder may take it again on its thread.
        self._lock = FileLock(str(self.path), is_singleton=True)

    def acquire(self, timeout_s: float = 0.0) -> bool:
        """Take the lock, waiting at most ``timeout_s``; False when someone else holds it."""
        try:
            self._lock.acquire(timeout=timeout_s)
        except Timeout:
            return False
        return True

    def acquire_or_fail(self, doing: str) -> None:
        if not self.acquire():
            raise SenderBusy(f"{BUSY}; {doing}")

    def release(self) -> None:
        self._lock.release()

    @property
    def held(self) -> bool:
        return bool(self._lock.is_locked)
