"""The durable, encrypted offline outbox: every submission goes through it.

* :class:`Outbox` (``store.py``): the SQLite repository, one writer at a time;
* :class:`RecordStatus`, :class:`OutboxRecord` (``records.py``): typed state;
* local references (``refs.py``) and retry backoff (``backoff.py``);
* :class:`SyncWorker` (``sync.py``) and :class:`ConnectivityMonitor`
  (``monitor.py``): background threads, Qt-free. They are loaded lazily here
  because they import :mod:`kiosk.portal`, which itself uses ``records``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kiosk.outbox.records import Counts, FieldProblem, OutboxRecord, RecordStatus
from kiosk.outbox.store import Outbox, StorageFull, UnknownRecord

if TYPE_CHECKING:
    from kiosk.outbox.monitor import ConnectivityMonitor
    from kiosk.outbox.sync import SyncWorker

__all__ = [
    "ConnectivityMonitor",
    "Counts",
    "FieldProblem",
    "Outbox",
    "OutboxRecord",
    "RecordStatus",
    "StorageFull",
    "SyncWorker",
    "UnknownRecord",
]


def __getattr__(name: str) -> Any:
    if name == "SyncWorker":
        from kiosk.outbox.sync import SyncWorker

        return SyncWorker
    if name == "ConnectivityMonitor":
        from kiosk.outbox.monitor import ConnectivityMonitor

        return ConnectivityMonitor
    raise AttributeError(name)
