"""The outbox repository: durable, encrypted, one writer at a time.

Any thread may call it (the GUI thread through ``run_in_background``, the sync
worker, a command): one lock serialises the connection, and every write is a
``BEGIN IMMEDIATE`` transaction, so a second process waits its turn. An
``enqueue`` returns only after the commit, with ``synchronous=FULL``: what it
returned survives a power cut, and a failure leaves no half record.

Personal data (answers, the volunteer's name, the portal's reasons) is sealed
with the :class:`~kiosk.vault.Vault`; references, status, codes, procedure and
timestamps stay in clear columns for listing and reports. Nothing is sealed
or claimed with a key other than the one the records were sealed with
(:func:`kiosk.outbox.keys.check_or_adopt`, inside each such transaction), and a
record that cannot be opened is set aside as ``unreadable`` on its own.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import uuid
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from kiosk.core.errors import BadInput, OperationFailed
from kiosk.outbox import refs
from kiosk.outbox.errors import StorageFull as StorageFull  # re-exported: callers import it here
from kiosk.outbox.errors import UnknownRecord as UnknownRecord
from kiosk.outbox.lock import SenderLock
from kiosk.outbox.reading import Clock as Clock
from kiosk.outbox.reading import OutboxFile
from kiosk.outbox.reading import utc_now as utc_now
from kiosk.outbox.records import FieldProblem, OutboxRecord, RecordStatus
from kiosk.outbox.rows import COLUMNS, SEALED, Unreadable, to_record, ts

log = logging.getLogger(__name__)
DUPLICATE_WINDOW = timedelta(minutes=30)


class DuplicateApplication(BadInput):
    """The same procedure and answers were saved a moment ago (``earlier``, no personal data)."""

    def __init__(self, earlier: OutboxRecord) -> None:
        self.earlier = earlier
        super().__init__(f"the same application was saved as {earlier.ref} at "
                         f"{earlier.created_at.isoformat(timespec='seconds')}")


def canonical_answers(answers: Mapping[str, Any]) -> str:
    return json.dumps(answers, ensure_ascii=False, sort_keys=True)


class Outbox(OutboxFile):
    """Applications waiting for (or done with) the portal, in ``outbox.sqlite3``."""

    # -- writing ---------------------------------------------------------------------------

    def enqueue(
        self,
        procedure: str,
        answers: Mapping[str, Any],
        *,
        kiosk_id: str,
        volunteer: str | None = None,
        refuse_duplicate_within: timedelta | None = None,
    ) -> OutboxRecord:
        """Save a new application durably (committed before this returns).

        ``refuse_duplicate_within``: :class:`DuplicateApplication` instead, when the
        same procedure and answers were saved that recently (compared by keyed digest).
        """
        for _ in range(5):  # a ref drawn twice (29**8 choices): draw again
            try:
                return self._insert(procedure, answers, kiosk_id, volunteer,
                                    refuse_duplicate_within)
            except sqlite3.IntegrityError:
                continue
        raise OperationFailed(f"{self.path}: could not draw a fresh local reference")

    def _insert(self, procedure: str, answers: Mapping[str, Any], kiosk_id: str,
                volunteer: str | None, window: timedelta | None) -> OutboxRecord:
        now = self.clock()
        ref = refs.new_ref(kiosk_id, self.rng)
        key = str(uuid.UUID(int=self.rng.getrandbits(128), version=4))
        text = canonical_answers(answers)
        digest = self.vault.digest(f"{procedure}\n{text}".encode())
        sealed = self._seal(ref, "answers", text)
        sealed_volunteer = self._seal(ref, "volunteer", volunteer) if volunteer else None
        with self.transaction(sealing=True) as conn:
            if window is not None:
                row = conn.execute(
                    f"SELECT {COLUMNS} FROM records WHERE answers_digest = ? AND procedure = ?"
                    " AND created_at >= ? AND status NOT IN ('unreadable', 'retired')"
                    " ORDER BY created_at DESC LIMIT 1",
                    (digest, procedure, ts(now - window)),
                ).fetchone()
                if row is not None:
                    raise DuplicateApplication(self._record(row, personal=False))
            conn.execute(
                "INSERT INTO records (ref, idempotency_key, procedure, status, kiosk_id, created_at,"
                " next_attempt_at, answers, volunteer, answers_digest)"
                " VALUES (?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?)",
                (ref, key, procedure, kiosk_id, ts(now), ts(now), sealed, sealed_volunteer,
                 digest),
            )
        return self._must_get(ref)

    def claim(self, ref: str) -> OutboxRecord | None:
        """queued → sending for one record (None when another sender has it, it is done, or
        it cannot be read: then it is set aside as ``unreadable``)."""
        now = self.clock()
        with self.transaction(sealing=True) as conn:
            changed = conn.execute(
                "UPDATE records SET status = 'sending', attempts = attempts + 1,"
                " next_attempt_at = ? WHERE ref = ? AND (status = 'queued'"
                " OR (status = 'sending' AND next_attempt_at <= ?))",
                (ts(now + timedelta(seconds=self.lease_s)), ref, ts(now)),
            ).rowcount
        return self._readable(ref) if changed else None

    def claim_due(self, limit: int = 20) -> list[OutboxRecord]:
        """Take up to ``limit`` due records (oldest first) into ``sending``.

        Each is read on its own: one that cannot be opened leaves the queue
        (``unreadable``) and the next due ones are taken in its place.
        """
        while True:
            now = self.clock()
            lease = ts(now + timedelta(seconds=self.lease_s))
            with self.transaction(sealing=True) as conn:
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
            readable = [r for ref in chosen if (r := self._readable(ref)) is not None]
            if readable or not chosen:
                return readable

    def _readable(self, ref: str) -> OutboxRecord | None:
        """A claimed record, or None when it cannot be read (it is set aside, not retried)."""
        try:
            return self.get(ref)
        except Unreadable as exc:
            self.set_aside(ref, str(exc))
            return None

    def set_aside(self, ref: str, reason: str) -> None:
        """A record that cannot be read leaves the queue: ``unreadable``, with why."""
        log.error("outbox %s: set aside as unreadable (%s)", ref, reason)
        with self.transaction() as conn:
            conn.execute(
                "UPDATE records SET status = 'unreadable', last_error = ?, next_attempt_at = ?"
                " WHERE ref = ? AND status IN ('queued', 'sending')",
                (f"unreadable: {reason}", ts(self.clock()), ref),
            )

    def mark_sent(
        self,
        ref: str,
        code: str,
        *,
        received_at: datetime | None,
        appointment_date: date | None,
    ) -> OutboxRecord:
        now = self.clock()
        with self.transaction() as conn:
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
        with self.transaction(sealing=True) as conn:
            conn.execute(
                "UPDATE records SET status = 'rejected', errors = ?, last_error = ? WHERE ref = ?",
                (self._seal(ref, "errors", payload), reason, ref),
            )
        return self._must_get(ref)

    def mark_retry(
        self, ref: str, reason: str, retry_after: float | None = None
    ) -> OutboxRecord:
        """sending → queued, due again after the backoff for its attempt count."""
        now = self.clock()
        with self.transaction() as conn:
            row = conn.execute("SELECT attempts FROM records WHERE ref = ?", (ref,)).fetchone()
            attempts = row[0] if row and isinstance(row[0], int) else 1
            delay = self.backoff.delay(attempts, self.rng, retry_after)
            conn.execute(
                "UPDATE records SET status = 'queued', next_attempt_at = ?, last_error = ?"
                " WHERE ref = ? AND status = 'sending'",
                (ts(now + timedelta(seconds=delay)), reason, ref),
            )
        return self._must_get(ref)

    def release(self, refs_: Sequence[str], due: datetime) -> None:
        """Hand claimed but untried records back (no attempt counted), due at ``due``."""
        with self.transaction() as conn:
            conn.executemany(
                "UPDATE records SET status = 'queued', attempts = MAX(attempts - 1, 0),"
                " next_attempt_at = ? WHERE ref = ? AND status = 'sending'",
                [(ts(due), ref) for ref in refs_],
            )

    def requeue_interrupted(self) -> int:
        """Records left in ``sending`` by a sender that died go back to ``queued``, due now.

        Which ones depends on the sender lock (:mod:`kiosk.outbox.lock`), taken here
        if it is free (it is re-entrant for a holder): with it, no other sender can
        be mid-send, so every record in ``sending`` was left by one that is gone;
        while another sender holds it, only records whose lease has expired.
        """
        lock = SenderLock(self.path)
        held = lock.acquire()
        try:
            now = ts(self.clock())
            with self.transaction() as conn:
                return conn.execute(
                    "UPDATE records SET status = 'queued', next_attempt_at = ?"
                    " WHERE status = 'sending' AND (? OR next_attempt_at <= ?)",
                    (now, 1 if held else 0, now),
                ).rowcount
        finally:
            if held:
                lock.release()

    def make_all_due(self) -> int:
        """Every queued record due now (the network came back, or a technician said sync)."""
        with self.transaction() as conn:
            return conn.execute(
                "UPDATE records SET next_attempt_at = ? WHERE status = 'queued'"
                " AND next_attempt_at > ?",
                (ts(self.clock()), ts(self.clock())),
            ).rowcount

    def retry(self, ref: str) -> OutboxRecord:
        """A volunteer's retry: a rejected (or waiting) record back to queued, due now.
        An unreadable one goes back only if it now opens."""
        record = self._must_get(ref)
        if record.status is RecordStatus.SENT:
            raise BadInput(f"{record.ref}: already sent (code {record.code}); nothing to retry")
        if record.status is RecordStatus.RETIRED:
            raise BadInput(f"{record.ref}: retired ({record.last_error}); it needs a new "
                           "application")
        if record.status is RecordStatus.UNREADABLE:
            self._reopened(record)
        with self.transaction() as conn:
            conn.execute(
                "UPDATE records SET status = 'queued', next_attempt_at = ?, errors = NULL"
                " WHERE ref = ? AND status IN ('queued', 'rejected', 'unreadable')",
                (ts(self.clock()), record.ref),
            )
        return self._must_get(record.ref)

    def _reopened(self, record: OutboxRecord) -> None:
        with self.reading() as conn:
            row = conn.execute(f"SELECT {COLUMNS}, {SEALED} FROM records WHERE ref = ?",
                               (record.ref,)).fetchone()
        try:
            to_record(row, self.clock(), self.vault.decrypt)
        except Unreadable as exc:
            raise BadInput(
                f"{record.ref}: still cannot be read ({exc}), so it cannot be sent; "
                "`kiosk outbox retire --unreadable` lists what cannot be read"
            ) from None

    def purge_sent(self, retention_days: int) -> int:
        """Drop the answers of records sent more than ``retention_days`` ago."""
        now = self.clock()
        cutoff = ts(now - timedelta(days=retention_days))
        with self.transaction() as conn:
            return conn.execute(
                "UPDATE records SET answers = NULL, errors = NULL, answers_digest = NULL,"
                " purged_at = ? WHERE status = 'sent' AND purged_at IS NULL AND sent_at < ?",
                (ts(now), cutoff),
            ).rowcount
