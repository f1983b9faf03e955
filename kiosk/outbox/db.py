"""Opening the outbox's SQLite file: durable settings, schema, damaged files moved aside.

Settings: WAL journal, ``synchronous=FULL`` (a commit survives a power cut),
``secure_delete`` (purged personal data is overwritten, not left in free pages),
a busy timeout so a second process (``kiosk outbox sync`` next to the GUI) waits
instead of failing.

A file that is not a database, or fails ``PRAGMA quick_check``, is renamed to
``outbox.sqlite3.damaged-YYYYMMDDTHHMMSSZ`` (with its ``-wal``/``-shm``), never
deleted; a fresh database is created and remembers the moved file in its
``meta`` table so ``kiosk doctor`` can report it.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from kiosk.core.errors import OperationFailed

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS records (
    ref TEXT PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    procedure TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'rejected')),
    kiosk_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    next_attempt_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    code TEXT,
    appointment_date TEXT,
    received_at TEXT,
    sent_at TEXT,
    last_error TEXT,
    errors BLOB,        -- sealed JSON: the portal's reasons may quote personal data
    answers BLOB,       -- sealed JSON; NULL once purged
    volunteer BLOB,     -- sealed; kept after the purge for reports
    purged_at TEXT
);
CREATE INDEX IF NOT EXISTS records_due ON records (status, next_attempt_at);
CREATE INDEX IF NOT EXISTS records_created ON records (created_at);
"""
DAMAGED_KEY = "moved_aside"
_CORRUPT_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB


class DatabaseUnusable(OperationFailed):
    """The outbox file can be neither opened nor moved aside (permissions, locked)."""


def connect(path: Path, now: Callable[[], datetime]) -> sqlite3.Connection:
    """An open, checked connection; a damaged file is moved aside first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        return _open_checked(path)
    except sqlite3.DatabaseError as exc:
        if not _is_corruption(exc):
            raise DatabaseUnusable(f"{path}: cannot open the outbox ({exc})") from None
    moved = _move_aside(path, now())
    log.error("outbox database was damaged; moved aside to %s", moved.name)
    conn = _open_checked(path)
    with conn:
        conn.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (DAMAGED_KEY, moved.name)
        )
    return conn


def _open_checked(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=10.0)
    try:
        conn.execute("PRAGMA busy_timeout = 10000")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            log.warning("outbox journal mode is %s, not wal", mode)
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA foreign_keys = ON")
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise sqlite3.DatabaseError(f"quick_check: {check}")
        conn.executescript(SCHEMA)
        conn.execute(
            "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)",
            (str(SCHEMA_VERSION),),
        )
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
