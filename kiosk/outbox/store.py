"""The outbox repository: durable, encrypted, one writer at a time.

Any thread may call it (the GUI thread through ``run_in_background``, the sync
worker, a command): one lock serialises the connection, and every write is a
``BEGIN IMMEDIATE`` transaction, so a second process waits its turn. An
``enqueue`` returns only after the commit, with ``synchronous=FULL``: what it
returned survives a power cut, and a failure leaves no half record.

Personal data (answers, the volunteer's name, the portal's reasons) is sealed
with the :class:`~kiosk.vault.Vault`; references, status, codes, procedure and
timestamps stay in clear columns for listing and reports.
"""

from __future__ import annotations

import json
import logging
import random
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from kiosk.core.errors import BadInput, OperationFailed
from kiosk.core.text import Text
from kiosk.outbox import db, refs
from kiosk.outbox.backoff import Backoff
from kiosk.outbox.records import Counts, FieldProblem, OutboxRecord, RecordStatus
from kiosk.outbox.rows import COLUMNS, SEALED, from_ts, to_record, ts
from kiosk.vault import Vault, VaultError

Clock = Callable[[], datetime]
log = logging.getLogger(__name__)

STORAGE_FULL = Text(
    "Không lưu được hồ sơ vì máy đã hết chỗ lưu. Xin nhờ tình nguyện viên giúp đỡ.",
    "The application could not be saved: this computer's storage is full. "
    "Please ask a volunteer for help.",
)
_FULL_CODES = {13, 10}  # SQLITE_FULL, SQLITE_IOERR (a write the disk refused)


class StorageFull(OperationFailed):
    """The disk is full: nothing was saved; tell the resident to ask a volunteer."""

    resident_message = STORAGE_FULL


class UnknownRecord(BadInput):
    pass


def utc_now() -> datetime:
    return datetime.now(UTC)


class Outbox:
    """Applications waiting for (or done with) the portal, in ``outbox.sqlite3``."""

    def __init__(
        self,
        path: Path,
        vault: Vault,
        *,
        clock: Clock = utc_now,
        rng: random.Random | None = None,
        backoff: Backoff | None = None,
        lease_s: float = 120.0,
    ) -> None:
        self.path = path
        self.vault = vault
        self.clock = clock
        self.rng = rng or random.SystemRandom()
        self.backoff = backoff or Backoff()
        self.lease_s = lease_s
        self._lock = threading.RLock()
        self._conn = db.connect(path, clock)

    # -- writing ---------------------------------------------------------------------------

    def enqueue(
        self,
        procedure: str,
        answers: Mapping[str, Any],
        *,
        kiosk_id: str,
        volunteer: str | None = None,
    ) -> OutboxRecord:
        """Save a new application durably (committed before this returns)."""
        for _ in range(5):  # a ref drawn twice (29**8 choices): draw again
            try:
                return self._insert(procedure, answers, kiosk_id, volunteer)
            except sqlite3.IntegrityError:
                continue
        raise OperationFailed(f"{self.path}: could not draw a fresh local reference")

    def _insert(
        self, procedure: str, answers: Mapping[str, Any], kiosk_id: str, volunteer: str | None
    ) -> OutboxRecord:
        now = self.clock()
        ref = refs.new_ref(kiosk_id, self.rng)
        key = str(uuid.UUID(int=self.rng.getrandbits(128), version=4))
        sealed = self._seal(ref, "answers", json.dumps(answers, ensure_ascii=False, sort_keys=True))
        sealed_volunteer = self._seal(ref, "volunteer", volunteer) if volunteer else None
        with self._write() as conn:
            conn.execute(
                "INSERT INTO records (ref, idempotency_key, procedure, status, kiosk_id, created_at,"
                " next_attempt_at, answers, volunteer) VALUES (?, ?, ?, 'queued', ?, ?, ?, ?, ?)",
                (ref, key, procedure, kiosk_id, ts(now), ts(now), sealed, sealed_volunteer),
            )
        return self._must_get(ref)

    def claim(self, ref: str) -> OutboxRecord | None:
        """queued → sending for one record (None when another sender has it or it is done)."""
        now = self.clock()
        with self._write() as conn:
            changed = conn.execute(
                "UPDATE records SET status = 'sending', attempts = attempts + 1,"
                " next_attempt_at = ? WHERE ref = ? AND (status = 'queued'"
                " OR (status = 'sending' AND next_attempt_at <= ?))",
                (ts(now + timedelta(seconds=self.lease_s)), ref, ts(now)),
            ).rowcount
        return self.get(ref) if changed else None

    def claim_due(self, limit: int = 20) -> list[OutboxRecord]:
        """Take up to ``limit`` due records (oldest first) into ``sending``."""
        now = self.clock()
        lease = ts(now + timedelta(seconds=self.lease_s))
        with self._write() as conn:
            rows = conn.execute(
                "SELECT ref FROM records WHERE status IN ('queued', 'sending')"
                " AND next_attempt_at <= ? ORDER BY created_at LIMIT ?",
                (ts(now), limit),
            ).fetchall()
            chosen = [r[0] for r in rows]
            conn.executemany(
                "UPDATE records SET status = 'sending', attempts = attempts + 1,"
                " next_attempt_at = ? WHERE ref = ?",
                [(lease, ref) for ref in chosen],
            )
        return [r for ref in chosen if (r := self._readable(ref)) is not None]

    def _readable(self, ref: str) -> OutboxRecord | None:
        """A claimed record, or None when it cannot be decrypted (it must not block the rest)."""
        try:
            return self.get(ref)
        except VaultError:
            log.error("outbox %s: cannot be decrypted with this kiosk's key", ref)
            self._reschedule(ref, "cannot be decrypted with this kiosk's key (was it replaced?)")
            return None

    def mark_sent(
        self,
        ref: str,
        code: str,
        *,
        received_at: datetime | None,
        appointment_date: date | None,
    ) -> OutboxRecord:
        now = self.clock()
        with self._write() as conn:
            conn.execute(
                "UPDATE records SET status = 'sent', code = ?, received_at = ?,"
                " appointment_date = ?, sent_at = ?, last_error = NULL WHERE ref = ?",
                (
                    code,
                    ts(received_at) if received_at else None,
                    appointment_date.isoformat() if appointment_date else None,
                    ts(now),
                    ref,
                ),
            )
        return self._must_get(ref)

    def mark_rejected(
        self, ref: str, errors: Sequence[FieldProblem], reason: str
    ) -> OutboxRecord:
        payload = json.dumps([[e.field, e.message] for e in errors], ensure_ascii=False)
        with self._write() as conn:
            conn.execute(
                "UPDATE records SET status = 'rejected', errors = ?, last_error = ? WHERE ref = ?",
                (self._seal(ref, "errors", payload), reason, ref),
            )
        return self._must_get(ref)

    def mark_retry(
        self, ref: str, reason: str, retry_after: float | None = None
    ) -> OutboxRecord:
        """sending → queued, due again after the backoff for its attempt count."""
        self._reschedule(ref, reason, retry_after)
        return self._must_get(ref)

    def _reschedule(self, ref: str, reason: str, retry_after: float | None = None) -> None:
        now = self.clock()
        with self._write() as conn:
            row = conn.execute("SELECT attempts FROM records WHERE ref = ?", (ref,)).fetchone()
            attempts = row[0] if row else 1
            delay = self.backoff.delay(attempts, self.rng, retry_after)
            conn.execute(
                "UPDATE records SET status = 'queued', next_attempt_at = ?, last_error = ?"
                " WHERE ref = ? AND status = 'sending'",
                (ts(now + timedelta(seconds=delay)), reason, ref),
            )

    def release(self, refs_: Sequence[str], due: datetime) -> None:
        """Hand claimed but untried records back (no attempt counted), due at ``due``."""
        with self._write() as conn:
            conn.executemany(
                "UPDATE records SET status = 'queued', attempts = MAX(attempts - 1, 0),"
                " next_attempt_at = ? WHERE ref = ? AND status = 'sending'",
                [(ts(due), ref) for ref in refs_],
            )

    def requeue_interrupted(self) -> int:
        """Records left in ``sending`` by a crash go back to ``queued``, due now.

        Safe even if another process is still sending one of them: the resend
        carries the same idempotency key, so the portal stores it once.
        """
        with self._write() as conn:
            return conn.execute(
                "UPDATE records SET status = 'queued', next_attempt_at = ? WHERE status = 'sending'",
                (ts(self.clock()),),
            ).rowcount

    def make_all_due(self) -> int:
        """Every queued record due now (the network came back, or a technician said sync)."""
        with self._write() as conn:
            return conn.execute(
                "UPDATE records SET next_attempt_at = ? WHERE status = 'queued'"
                " AND next_attempt_at > ?",
                (ts(self.clock()), ts(self.clock())),
            ).rowcount

    def retry(self, ref: str) -> OutboxRecord:
        """A volunteer's retry: a rejected (or waiting) record back to queued, due now."""
        record = self._must_get(ref)
        if record.status is RecordStatus.SENT:
            raise BadInput(f"{record.ref}: already sent (code {record.code}); nothing to retry")
        with self._write() as conn:
            conn.execute(
                "UPDATE records SET status = 'queued', next_attempt_at = ?, errors = NULL"
                " WHERE ref = ? AND status IN ('queued', 'rejected')",
                (ts(self.clock()), record.ref),
            )
        return self._must_get(record.ref)

    def purge_sent(self, retention_days: int) -> int:
        """Drop the answers of records sent more than ``retention_days`` ago."""
        now = self.clock()
        cutoff = ts(now - timedelta(days=retention_days))
        with self._write() as conn:
            return conn.execute(
                "UPDATE records SET answers = NULL, errors = NULL, purged_at = ?"
                " WHERE status = 'sent' AND purged_at IS NULL AND sent_at < ?",
                (ts(now), cutoff),
            ).rowcount

    # -- reading ---------------------------------------------------------------------------

    def get(self, ref: str) -> OutboxRecord | None:
        """One record with its personal data decrypted (None when unknown)."""
        with self._lock:
            row = self._conn.execute(
                f"SELECT {COLUMNS}, {SEALED} FROM records WHERE ref = ?",
                (ref,),
            ).fetchone()
        return self._record(row, personal=True) if row else None

    def find(self, typed_ref: str) -> OutboxRecord:
        """A record by a typed reference (normalised); :class:`UnknownRecord` if absent."""
        return self._must_get(refs.normalise(typed_ref))

    def list(
        self, status: RecordStatus | None = None, *, limit: int | None = None
    ) -> list[OutboxRecord]:
        """Records newest first, without personal data."""
        sql = f"SELECT {COLUMNS} FROM records"
        params: list[Any] = []
        if status is not None:
            sql += " WHERE status = ?"
            params.append(status.value)
        sql += " ORDER BY created_at DESC, ref"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        with self._lock:
            rows = self._conn.execute(sql, params).fetchall()
        return [self._record(row, personal=False) for row in rows]

    def counts(self) -> Counts:
        with self._lock:
            rows = self._conn.execute("SELECT status, COUNT(*) FROM records GROUP BY status")
            found = {status: n for status, n in rows.fetchall()}
        return Counts(**{s.value: found.get(s.value, 0) for s in RecordStatus})

    def next_due(self) -> datetime | None:
        """When the earliest waiting record is due (None when nothing waits)."""
        with self._lock:
            row = self._conn.execute(
                "SELECT MIN(next_attempt_at) FROM records WHERE status IN ('queued', 'sending')"
            ).fetchone()
        return from_ts(row[0]) if row else None

    @property
    def moved_aside(self) -> Path | None:
        """The damaged file this database replaced, while it is still on disk."""
        with self._lock:
            row = self._conn.execute(
                "SELECT value FROM meta WHERE key = ?", (db.DAMAGED_KEY,)
            ).fetchone()
        if not row:
            return None
        path = self.path.with_name(row[0])
        return path if path.exists() else None

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # -- internals -------------------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            conn = self._conn
            try:
                conn.execute("BEGIN IMMEDIATE")
                yield conn
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                if conn.in_transaction:
                    with suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
                code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
                if code in _FULL_CODES or "full" in str(exc).lower():
                    raise StorageFull(
                        f"{self.path}: the disk is full; nothing was saved ({exc})"
                    ) from None
                raise
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

    def _must_get(self, ref: str) -> OutboxRecord:
        record = self.get(ref)
        if record is None:
            raise UnknownRecord(f"{ref}: no such record in the outbox ({self.path})")
        return record

    def _seal(self, ref: str, what: str, text: str) -> bytes:
        return self.vault.encrypt(text.encode("utf-8"), f"{ref}|{what}".encode())

    def _open(self, ref: str, what: str, blob: bytes | None) -> str | None:
        if blob is None:
            return None
        return self.vault.decrypt(blob, f"{ref}|{what}".encode()).decode("utf-8")

    def _record(self, row: Sequence[Any], *, personal: bool) -> OutboxRecord:
        return to_record(row, self.clock(), self._open if personal else None)
