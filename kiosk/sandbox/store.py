"""The sandbox portal's storage: applications and their status history in SQLite.

One connection guarded by a lock, so any request thread may call any method;
:meth:`SandboxStore.admit` does the idempotency check and the insert in one
``BEGIN IMMEDIATE`` transaction under that lock, so two concurrent requests
with the same ``Idempotency-Key`` store exactly one application.

Answers are not stored at all: the portal API never gives them back, and the
idempotency comparison only needs a SHA-256 of the request body. What is kept
(codes, procedure codes, the kiosk's local reference, times) is not personal.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum, StrEnum
from pathlib import Path
from typing import Any

from kiosk.core.errors import BadInput
from kiosk.core.statuses import STATUS_WORDS
from kiosk.core.text import Text
from kiosk.sandbox import codes, workdays

SCHEMA = """
CREATE TABLE IF NOT EXISTS applications (
    code TEXT PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    body_hash TEXT NOT NULL,
    procedure TEXT NOT NULL,
    local_ref TEXT NOT NULL,
    kiosk_id TEXT NOT NULL,
    unit TEXT NOT NULL,
    day TEXT NOT NULL,
    seq INTEGER NOT NULL,
    received_at TEXT NOT NULL,
    appointment_date TEXT NOT NULL,
    response TEXT NOT NULL,
    UNIQUE (unit, day, seq)
);
CREATE INDEX IF NOT EXISTS applications_local_ref ON applications (local_ref);
CREATE TABLE IF NOT EXISTS history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    code TEXT NOT NULL REFERENCES applications(code),
    at TEXT NOT NULL,
    status TEXT NOT NULL,
    UNIQUE (code, status)
);
"""


class Status(StrEnum):
    """Where an application stands (trạng thái hồ sơ), in the order it advances."""

    RECEIVED = "received"
    PROCESSING = "processing"
    READY = "ready"

    @property
    def label(self) -> Text:
        return STATUS_WORDS[self.value]

    @property
    def note(self) -> Text:
        return _NOTES[self]


_NOTES = {
    Status.RECEIVED: Text(
        "Hồ sơ đã được tiếp nhận qua cổng thử nghiệm (mô phỏng).",
        "Application received by the sandbox portal (simulator).",
    ),
    Status.PROCESSING: Text(
        "Cán bộ đang xem xét, giải quyết hồ sơ.",
        "An officer is reviewing the application.",
    ),
    Status.READY: Text(
        "Đã có kết quả. Mời ông/bà nhận kết quả theo hình thức đã chọn.",
        "The result is ready to be collected or delivered as chosen.",
    ),
}


@dataclass(frozen=True)
class HistoryEvent:
    at: datetime
    status: Status


@dataclass(frozen=True)
class StoredApplication:
    code: str
    idempotency_key: str
    body_hash: str
    procedure: str
    local_ref: str
    kiosk_id: str
    received_at: datetime
    appointment_date: date
    response: dict[str, Any]  # the body of the first 201, replayed verbatim


@dataclass(frozen=True)
class NewApplication:
    """What :meth:`SandboxStore.admit` needs to store a valid submission."""

    idempotency_key: str
    body_hash: str
    procedure: str
    level: str  # receiving level: "commune" or "province"
    processing_days: int
    local_ref: str
    kiosk_id: str
    received_at: datetime


class Outcome(Enum):
    CREATED = "created"  # a new application: 201
    REPLAYED = "replayed"  # same key, same body: 200 with the first answer
    CONFLICT = "conflict"  # same key, another body: 409


@dataclass(frozen=True)
class Admission:
    outcome: Outcome
    application: StoredApplication


class StoreClosed(Exception):
    """A request arrived while the sandbox was stopping."""


class SandboxStore:
    """Applications and history in ``path`` (SQLite, WAL)."""

    def __init__(self, path: Path) -> None:
        """Open (or create) the store; :class:`BadInput` names a file it cannot use."""
        self._lock = threading.Lock()
        self._closed = False
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        try:
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.executescript(SCHEMA)
        except sqlite3.Error as exc:
            self._db.close()
            raise BadInput(f"{path}: not a usable sandbox database ({exc})") from None

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._db.close()

    @contextmanager
    def _using(self) -> Iterator[None]:
        """Hold the lock; :class:`StoreClosed` once the store was closed."""
        with self._lock:
            if self._closed:
                raise StoreClosed("the sandbox store is closed (the sandbox is stopping)")
            yield

    def find_by_key(self, key: str) -> StoredApplication | None:
        with self._using():
            row = self._db.execute(
                "SELECT * FROM applications WHERE idempotency_key = ?", (key,)
            ).fetchone()
        return _application(row) if row else None

    def get(self, code: str) -> StoredApplication | None:
        with self._using():
            row = self._db.execute("SELECT * FROM applications WHERE code = ?", (code,)).fetchone()
        return _application(row) if row else None

    def find_by_local_ref(self, local_ref: str) -> StoredApplication | None:
        """The application a kiosk sent under its local reference (mã tạm), if any."""
        with self._using():
            row = self._db.execute(
                "SELECT * FROM applications WHERE local_ref = ? ORDER BY rowid DESC LIMIT 1",
                (local_ref,),
            ).fetchone()
        return _application(row) if row else None

    def applications(self) -> list[StoredApplication]:
        with self._using():
            rows = self._db.execute("SELECT * FROM applications ORDER BY rowid").fetchall()
        return [_application(row) for row in rows]

    def admit(self, new: NewApplication) -> Admission:
        """Store ``new`` unless its key is known: atomic check-and-insert."""
        with self._using():
            self._db.execute("BEGIN IMMEDIATE")
            try:
                admission = self._admit_locked(new)
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
        return admission

    def _admit_locked(self, new: NewApplication) -> Admission:
        row = self._db.execute(
            "SELECT * FROM applications WHERE idempotency_key = ?", (new.idempotency_key,)
        ).fetchone()
        if row is not None:
            known = _application(row)
            same = known.body_hash == new.body_hash
            return Admission(Outcome.REPLAYED if same else Outcome.CONFLICT, known)
        unit = codes.unit_for(new.level)
        day = new.received_at.date()
        (seq,) = self._db.execute(
            "SELECT COALESCE(MAX(seq), 0) + 1 FROM applications WHERE unit = ? AND day = ?",
            (unit, day.isoformat()),
        ).fetchone()
        code = codes.make_code(unit, day, seq)
        appointment = workdays.add_working_days(day, new.processing_days)
        response = {
            "code": code,
            "status": Status.RECEIVED.value,
            "received_at": new.received_at.isoformat(timespec="seconds"),
            "appointment_date": appointment.isoformat(),
            "simulator": True,
        }
        self._db.execute(
            "INSERT INTO applications (code, idempotency_key, body_hash, procedure, local_ref,"
            " kiosk_id, unit, day, seq, received_at, appointment_date, response)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                code, new.idempotency_key, new.body_hash, new.procedure, new.local_ref,
                new.kiosk_id, unit, day.isoformat(), seq, response["received_at"],
                appointment.isoformat(), json.dumps(response, ensure_ascii=False),
            ),
        )  # fmt: skip
        self._insert_events(code, [HistoryEvent(new.received_at, Status.RECEIVED)])
        row = self._db.execute("SELECT * FROM applications WHERE code = ?", (code,)).fetchone()
        return Admission(Outcome.CREATED, _application(row))

    def history(self, code: str) -> list[HistoryEvent]:
        with self._using():
            rows = self._db.execute(
                "SELECT at, status FROM history WHERE code = ? ORDER BY at, id", (code,)
            ).fetchall()
        return [HistoryEvent(datetime.fromisoformat(r["at"]), Status(r["status"])) for r in rows]

    def add_events(self, code: str, events: Iterable[HistoryEvent]) -> None:
        """Record status changes; a status already in the history is kept as it was."""
        with self._using():
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._insert_events(code, events)
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _insert_events(self, code: str, events: Iterable[HistoryEvent]) -> None:
        self._db.executemany(
            "INSERT OR IGNORE INTO history (code, at, status) VALUES (?, ?, ?)",
            [(code, e.at.isoformat(timespec="seconds"), e.status.value) for e in events],
        )


def _application(row: sqlite3.Row) -> StoredApplication:
    return StoredApplication(
        code=row["code"],
        idempotency_key=row["idempotency_key"],
        body_hash=row["body_hash"],
        procedure=row["procedure"],
        local_ref=row["local_ref"],
        kiosk_id=row["kiosk_id"],
        received_at=datetime.fromisoformat(row["received_at"]),
        appointment_date=date.fromisoformat(row["appointment_date"]),
        response=json.loads(row["response"]),
    )
