"""Saving what can still be read from a damaged outbox file into the fresh one.

One damaged page rarely makes every row unreadable. After ``db.py`` has moved
the damaged file aside, :func:`salvage_into` reads it (read-only: the kept file
is evidence and is not changed) row by row, in rowid order:

1. a scan upwards from the first row until an error, then one downwards from
   the last row until an error;
2. every rowid in between, one lookup each: a row that reads whole is saved; a
   row whose clear columns read but whose sealed data (answers, volunteer, the
   portal's reasons) does not is saved as ``unreadable`` (listed with its
   reference, so nobody loses track of it); a row that does not read at all is
   counted as lost.

This is plain ``sqlite3``, so it works on Windows too, where SQLite's
``.recover`` (the ``sqlite3`` shell) is not installed. What was saved and lost
is written to ``meta`` (:func:`read_report`) and ``kiosk doctor`` says it.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from kiosk.outbox.rows import ts
from kiosk.outbox.schema import COLUMNS, STATUSES

log = logging.getLogger(__name__)

MOVED_KEY = "moved_aside"
_REPORT_KEYS = ("salvage_saved", "salvage_damaged", "salvage_lost", "salvage_lost_known")
_SEALED = ("errors", "answers", "volunteer")
_REQUIRED = ("ref", "idempotency_key", "procedure", "kiosk_id", "created_at", "next_attempt_at")
_MISSES = 1000  # lookups finding nothing in a row: the end of the table (when its end is unknown)
PARTIAL_REASON = (
    "salvaged from a damaged outbox file without its sealed data (answers, volunteer): "
    "it cannot be sent"
)


@dataclass(frozen=True)
class SalvageReport:
    moved: str  # the damaged file's name, beside the database
    saved: int  # records copied whole
    damaged: int  # records copied without their sealed data (set aside as unreadable)
    lost: int  # rows that could not be read at all
    lost_known: bool = True  # False: the end of the table was unreadable; maybe more were lost

    @property
    def lost_text(self) -> str:
        if self.lost_known:
            return str(self.lost)
        return f"at least {self.lost}" if self.lost else "an unknown number (the file's end "\
            "or its tables could not be read)"


def read_report(conn: sqlite3.Connection) -> SalvageReport | None:
    """What the last salvage into this database saved and lost (None: never damaged)."""
    rows = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    if MOVED_KEY not in rows:
        return None
    if "salvage_saved" not in rows:  # moved aside by a kiosk from before salvaging existed
        return SalvageReport(rows[MOVED_KEY], 0, 0, 0, lost_known=False)
    return SalvageReport(
        rows[MOVED_KEY], int(rows["salvage_saved"]), int(rows["salvage_damaged"]),
        int(rows["salvage_lost"]), rows.get("salvage_lost_known", "1") == "1",
    )


def salvage_into(source: Path, target: sqlite3.Connection, now: datetime) -> SalvageReport:
    """Copy what reads from ``source`` into ``target`` (an empty outbox) and record it."""
    saved = damaged = lost = 0
    known, fingerprint = False, None
    rows: list[tuple[dict[str, Any], bool]] = []
    try:
        src = sqlite3.connect(source.resolve().as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error:
        src = None
    if src is not None:
        src.text_factory = _text
        try:
            rows, lost, known = _read_rows(src)
            fingerprint = _fingerprint(src)
        except sqlite3.Error as exc:  # the schema itself is unreadable
            log.error("outbox salvage: the damaged file's tables cannot be read (%s)",
                      type(exc).__name__)
        finally:
            src.close()
    clock = ts(now)
    target.execute("BEGIN IMMEDIATE")
    try:
        for row, whole in rows:
            copied = _insert(target, row, whole, clock)
            if copied is None:
                lost += 1
            elif copied:
                saved += 1
            else:
                damaged += 1
        values = {MOVED_KEY: source.name, "salvage_saved": str(saved),
                  "salvage_damaged": str(damaged), "salvage_lost": str(lost),
                  "salvage_lost_known": "1" if known else "0"}
        if fingerprint is not None:
            values["key_fingerprint"] = fingerprint
        target.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                           list(values.items()))
        target.execute("COMMIT")
    except BaseException:
        target.execute("ROLLBACK")
        raise
    report = SalvageReport(source.name, saved, damaged, lost, known)
    log.error("outbox database was damaged; moved aside to %s; saved %d records (%d without "
              "their sealed data), lost %s", source.name, saved, damaged, report.lost_text)
    return report


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


def _read_rows(src: sqlite3.Connection) -> tuple[list[tuple[dict[str, Any], bool]], int, bool]:
    """(rows as (columns, whole?), rows lost, whether the table's end was known)."""
    present = [r[1] for r in src.execute("PRAGMA table_info(records)").fetchall()]
    columns = [c for c in COLUMNS if c in present]
    # A damaged row's columns stored before its sealed ones may still read (they lie in
    # the row's own page; big sealed cells spill into overflow pages, and what follows them).
    first_sealed = min((present.index(c) for c in _SEALED if c in present), default=len(present))
    clear = [c for c in present[:first_sealed] if c in COLUMNS]
    if "ref" not in columns:
        raise sqlite3.DatabaseError("no records table")
    # Sealed cells as bytes whatever their type: the seal, not the cell type, says if genuine.
    cells = [f"CAST({c} AS BLOB)" if c in _SEALED else c for c in columns]
    select = f"SELECT rowid, {', '.join(cells)} FROM records NOT INDEXED"
    whole: dict[int, Sequence[Any]] = {}
    partial: dict[int, Sequence[Any]] = {}
    lost, known = 0, True
    if not _scan(src, select + " ORDER BY rowid", whole):
        low = max(whole, default=0)
        _scan(src, select + " ORDER BY rowid DESC", whole)
        above = [k for k in whole if k > low]
        end = min(above) if above else _max_rowid(src)  # exclusive; None: unknown
        known = end is not None
        probes = (f"{select} WHERE rowid = ?",
                  f"SELECT rowid, {', '.join(clear)} FROM records NOT INDEXED WHERE rowid = ?")
        unread = misses = 0  # errors since the last row read; lookups without a row
        rowid = low + 1
        while (rowid < end) if end is not None else (misses < _MISSES):
            kind, row = _probe(src, probes, rowid)
            if kind == "whole":
                whole[rowid] = row
            elif kind == "partial":
                partial[rowid] = row
            else:
                unread += kind == "error"
                misses += 1
                rowid += 1
                continue
            lost, unread, misses = lost + unread, 0, 0
            rowid += 1
        if known:
            lost += unread  # errors after the last row read are rows lost only below a known end
    found = [(k, dict(zip(columns, r[1:], strict=True)), True) for k, r in whole.items()]
    found += [(k, dict(zip(clear, r[1:], strict=True)), False) for k, r in partial.items()]
    return [(row, is_whole) for _, row, is_whole in sorted(found, key=lambda f: f[0])], lost, known


def _probe(src: sqlite3.Connection, probes: tuple[str, str],
           rowid: int) -> tuple[str, Sequence[Any]]:
    """One rowid: ("whole", row), ("partial", clear columns), ("none", ()) or ("error", ())."""
    try:
        row = src.execute(probes[0], (rowid,)).fetchone()
    except sqlite3.Error:
        try:
            part = src.execute(probes[1], (rowid,)).fetchone()
        except sqlite3.Error:
            return "error", ()
        return ("partial", part) if part is not None else ("error", ())
    return ("whole", row) if row is not None else ("none", ())


def _scan(src: sqlite3.Connection, sql: str, into: dict[int, Sequence[Any]]) -> bool:
    """Rows until the first error; True when the scan reached the end."""
    try:
        for row in src.execute(sql):
            into[row[0]] = row
    except sqlite3.Error:
        return False
    return True


def _max_rowid(src: sqlite3.Connection) -> int | None:
    try:
        row = src.execute("SELECT max(rowid) FROM records").fetchone()
    except sqlite3.Error:
        return None
    return int(row[0]) + 1 if row and row[0] is not None else None


def _fingerprint(src: sqlite3.Connection) -> str | None:
    try:
        row = src.execute("SELECT value FROM meta WHERE key = 'key_fingerprint'").fetchone()
    except sqlite3.Error:
        return None
    value = row[0] if row else None
    return value if isinstance(value, str) and value.isalnum() else None


def _insert(target: sqlite3.Connection, row: dict[str, Any], whole: bool, now: str) -> bool | None:
    """Insert one salvaged row: True whole, False without its sealed data, None not at all."""
    if any(not isinstance(row.get(c), str) or not row.get(c) for c in _REQUIRED):
        return None
    if not isinstance(row.get("attempts"), int):
        row["attempts"] = 0
    status = row.get("status")
    if status not in STATUSES:
        row["status"], row["last_error"] = "unreadable", "salvaged: its status was damaged"
        whole = False
    elif not whole:
        for column in (*_SEALED, "answers_digest"):
            row[column] = None
        if status == "sent":
            row["purged_at"] = row.get("purged_at") or now
        elif status != "retired":
            row["status"], row["last_error"] = "unreadable", PARTIAL_REASON
    for column in _SEALED:  # a sealed cell must be bytes; anything else reads as damaged
        if row.get(column) is not None and not isinstance(row[column], bytes):
            row[column] = str(row[column]).encode("utf-8", "replace")
    columns = [c for c in COLUMNS if c in row]
    marks = ", ".join("?" for _ in columns)
    try:
        changed = target.execute(
            f"INSERT OR IGNORE INTO records ({', '.join(columns)}) VALUES ({marks})",
            [row[c] for c in columns],
        ).rowcount
    except sqlite3.IntegrityError:
        return None
    return whole if changed else None
