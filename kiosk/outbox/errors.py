"""The outbox's storage errors, and one mapping of SQLite's "disk is full" onto them.

Every place that talks to the database (opening it, writing, reading, a WAL
checkpoint) goes through :func:`storage_errors`, so a full disk is always
:class:`StorageFull` with words a resident can be told, never a raw SQLite error.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kiosk.core.errors import BadInput, OperationFailed
from kiosk.core.text import Text

STORAGE_FULL = Text(
    "Không lưu được hồ sơ vì máy đã hết chỗ lưu. Xin nhờ tình nguyện viên giúp đỡ.",
    "The application could not be saved: this computer's storage is full. "
    "Please ask a volunteer for help.",
)
SQLITE_FULL, SQLITE_IOERR = 13, 10
NEARLY_FULL_BYTES = 4 * 1024 * 1024  # an I/O error with less than this free: the disk is full


class StorageFull(OperationFailed):
    """The disk is full: nothing was saved; tell the resident to ask a volunteer."""

    resident_message = STORAGE_FULL


class DatabaseUnusable(OperationFailed):
    """The outbox file can be neither opened nor moved aside (permissions, locked)."""


class UnknownRecord(BadInput):
    pass


def is_full(exc: BaseException, where: Path | None = None) -> bool:
    """SQLITE_FULL ("database or disk is full"), or an I/O error (SQLite reports one when it
    cannot grow its ``-shm`` file, say) on a disk with next to no space left at ``where``."""
    if not isinstance(exc, sqlite3.Error):
        return False
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    if code == SQLITE_FULL or "full" in str(exc).lower():
        return True
    if code != SQLITE_IOERR:
        return False
    if where is None:
        return True
    try:
        return shutil.disk_usage(where if where.is_dir() else where.parent).free < NEARLY_FULL_BYTES
    except OSError:
        return True


def full_error(path: Path, exc: BaseException, doing: str) -> StorageFull:
    return StorageFull(f"{path}: the disk is full; {doing} ({exc})")


@contextmanager
def storage_errors(path: Path, doing: str = "nothing was saved") -> Iterator[None]:
    """Turn a full disk into :class:`StorageFull`; any other error goes on unchanged."""
    try:
        yield
    except sqlite3.Error as exc:
        if is_full(exc, path):
            raise full_error(path, exc, doing) from None
        raise
