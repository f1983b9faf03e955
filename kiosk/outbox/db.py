"""Opening the outbox's SQLite file: durable settings, schema, damaged files salvaged.

Settings: WAL journal, ``synchronous=FULL`` (a commit survives a power cut),
``secure_delete`` (purged personal data is overwritten, not left in free pages),
a busy timeout so a second process (``kiosk outbox sync`` next to the GUI) waits
instead of failing. Text cells are decoded leniently (a damaged byte reads as
U+FFFD), so one damaged row cannot make a whole listing fail.

A file that is not a database, or fails ``PRAGMA quick_check``, is renamed to
``outbox.sqlite3.damaged-YYYYMMDDTHHMMSSZ`` (with its ``-wal``/``-shm``), never
deleted; a fresh database is created, every record that still reads is copied
into it (:mod:`kiosk.outbox.salvage`), and its ``meta`` table remembers the
moved file and how many records were saved and lost, for ``kiosk doctor``.
A full disk is :class:`~kiosk.outbox.errors.StorageFull`, here as everywhere.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from kiosk.outbox import salvage, schema
from kiosk.outbox.errors import DatabaseUnusable as DatabaseUnusable  # re-exported
from kiosk.outbox.errors import full_error, is_full

log = logging.getLogger(__name__)

SCHEMA_VERSION = schema.SCHEMA_VERSION
DAMAGED_KEY = salvage.MOVED_KEY
BUSY_TIMEOUT_MS = 10000
_CORRUPT_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB


def connect(path: Path, now: Callable[[], datetime]) -> sqlite3.Connection:
    """An open, checked connection; a damaged file is moved aside and salvaged first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        return _open_checked(path)
    except sqlite3.DatabaseError as exc:
        if is_full(exc, path):
            raise full_error(path, exc, "the outbox cannot be opened") from None
        if not _is_corruption(exc):
            raise DatabaseUnusable(f"{path}: cannot open the outbox ({exc})") from None
    moved = _move_aside(path, now())
    try:
        conn = _open_checked(path)
    except sqlite3.DatabaseError as exc:
        if is_full(exc, path):
            raise full_error(path, exc, "the outbox cannot be opened") from None
        raise DatabaseUnusable(f"{path}: cannot make a fresh outbox ({exc})") from None
    try:
        salvage.salvage_into(moved, conn, now())
    except sqlite3.Error as exc:
        log.error("outbox salvage failed (%s); nothing was copied", type(exc).__name__)
        with conn:
            conn.executemany(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                [(DAMAGED_KEY, moved.name), ("salvage_saved", "0"), ("salvage_damaged", "0"),
                 ("salvage_lost", "0"), ("salvage_lost_known", "0")],
            )
    return conn


def _lenient_text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


def _open_checked(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=10.0)
    conn.text_factory = _lenient_text
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            log.warning("outbox journal mode is %s, not wal", mode)
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA foreign_keys = ON")
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise sqlite3.DatabaseError(f"quick_check: {check}")
        schema.prepare(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def _is_corruption(exc: sqlite3.DatabaseError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None and (code & 0xFF) in _CORRUPT_CODES:
        return True
    text = str(exc).lower()
    return any(s in text for s in ("not a database", "malformed", "quick_check", "corrupt"))


def _move_aside(path: Path, when: datetime) -> Path:
    suffix = ".damaged-" + when.strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(path.name + suffix)
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}{suffix}-{n}")
    try:
        path.replace(target)
        for extra in ("-wal", "-shm"):
            side = path.with_name(path.name + extra)
            if side.exists():
                side.replace(target.with_name(target.name + extra))
    except OSError as exc:
        raise DatabaseUnusable(
            f"{path}: the outbox is damaged and could not be moved aside ({exc.strerror})"
        ) from None
    return target
