"""The outbox's tables, and the migration of older files to the current schema.

``meta`` holds ``schema_version`` and what the kiosk must remember about the
file: the key's fingerprint (``key_fingerprint``: which key sealed the
records), a damaged file moved aside and what was salvaged from it.

Version 2 (issue 10) added the statuses ``unreadable`` (a record whose sealed
data cannot be opened: set aside instead of blocking the queue) and
``retired`` (given up by a technician, ``kiosk outbox retire``), and the column
``answers_digest`` (a keyed HMAC of the answers, to notice the same application
saved twice). SQLite cannot change a CHECK constraint in place, so a version-1
file is rebuilt: new table, rows copied, old table dropped, all in one
transaction (a crash half-way leaves the version-1 file as it was).
"""

from __future__ import annotations

import sqlite3

from kiosk.outbox.errors import DatabaseUnusable

SCHEMA_VERSION = 2
STATUSES = ("queued", "sending", "sent", "rejected", "unreadable", "retired")

META = "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
_RECORDS = """
CREATE TABLE {name} (
    ref TEXT PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    procedure TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ({statuses})),
    kiosk_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    next_attempt_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    code TEXT,
    appointment_date TEXT,
    received_at TEXT,
    sent_at TEXT,
    last_error TEXT,    -- for unreadable records: why (never personal data)
    errors BLOB,        -- sealed JSON: the portal's reasons may quote personal data
    answers BLOB,       -- sealed JSON; NULL once purged
    volunteer BLOB,     -- sealed; kept after the purge for reports
    purged_at TEXT,
    answers_digest TEXT -- HMAC-SHA256 (a key derived from the vault's) of the answers
)
"""
INDEXES = (
    "CREATE INDEX IF NOT EXISTS records_due ON records (status, next_attempt_at)",
    "CREATE INDEX IF NOT EXISTS records_created ON records (created_at)",
    "CREATE INDEX IF NOT EXISTS records_digest ON records (answers_digest)",
)
# The columns a version-1 table had, in order: what a migration (or a salvage) copies.
V1_COLUMNS = (
    "ref", "idempotency_key", "procedure", "status", "kiosk_id", "created_at",
    "next_attempt_at", "attempts", "code", "appointment_date", "received_at", "sent_at",
    "last_error", "errors", "answers", "volunteer", "purged_at",
)
COLUMNS = (*V1_COLUMNS, "answers_digest")


def records_table(name: str = "records") -> str:
    return _RECORDS.format(name=name, statuses=", ".join(f"'{s}'" for s in STATUSES))


def version(conn: sqlite3.Connection) -> int | None:
    """The file's schema version; None for a file without the outbox's tables."""
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "records" not in tables:
        return None
    if "meta" in tables:
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is not None:
            return int(row[0])
    return 1


def prepare(conn: sqlite3.Connection) -> None:
    """Create the tables in a new file, or bring an older file up to :data:`SCHEMA_VERSION`."""
    if _current(conn):
        return
    conn.execute("BEGIN IMMEDIATE")  # another process may be preparing the same file
    try:
        found = version(conn)
        conn.execute(META)
        if found is None:
            conn.execute(records_table())
        elif found < SCHEMA_VERSION:
            _migrate_1_to_2(conn)
        elif found > SCHEMA_VERSION:
            raise DatabaseUnusable(
                f"the outbox was written by a newer kiosk (schema {found}, this one knows "
                f"{SCHEMA_VERSION}); update this kiosk, never downgrade it"
            )
        for index in INDEXES:
            conn.execute(index)
        conn.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)",
            (str(SCHEMA_VERSION),),
        )
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _current(conn: sqlite3.Connection) -> bool:
    try:
        return version(conn) == SCHEMA_VERSION
    except (sqlite3.OperationalError, ValueError):
        return False


def _migrate_1_to_2(conn: sqlite3.Connection) -> None:
    """The table rebuild (SQLite's "12 steps", without foreign keys or views to mind)."""
    columns = ", ".join(V1_COLUMNS)
    conn.execute("DROP TABLE IF EXISTS records_v2")
    conn.execute(records_table("records_v2"))
    conn.execute(f"INSERT INTO records_v2 ({columns}) SELECT {columns} FROM records")
    conn.execute("DROP TABLE records")
    conn.execute("ALTER TABLE records_v2 RENAME TO records")
