"""The outbox's file and its reads: the connection, transactions, records as data.

:class:`OutboxFile` is what :class:`~kiosk.outbox.store.Outbox` stands on: one
connection serialised by a lock (any thread may call), ``BEGIN IMMEDIATE``
write transactions that check the key before anything is sealed or claimed
(:func:`kiosk.outbox.keys.check_or_adopt`), reads with a full disk reported as
:class:`~kiosk.outbox.errors.StorageFull`, the WAL merged at close. Listing and
counting read clear columns only, so they work with any key.
"""

from __future__ import annotations

import logging
import random
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.core.errors import OperationFailed
from kiosk.outbox import db, keys, refs
from kiosk.outbox.backoff import Backoff
from kiosk.outbox.errors import UnknownRecord, full_error, is_full, storage_errors
from kiosk.outbox.records import Counts, OutboxRecord, RecordStatus
from kiosk.outbox.rows import COLUMNS, SEALED, from_ts, to_record
from kiosk.outbox.salvage import MOVED_KEY, SalvageReport, read_report
from kiosk.vault import Vault

Clock = Callable[[], datetime]
log = logging.getLogger(__name__)
_CLOSED = (RecordStatus.UNREADABLE, RecordStatus.RETIRED)


def utc_now() -> datetime:
    return datetime.now(UTC)


class OutboxFile:
    """The outbox database and its reads (:class:`~kiosk.outbox.store.Outbox` writes)."""

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
        self._closed = False

    # -- reading ---------------------------------------------------------------------------

    def get(self, ref: str) -> OutboxRecord | None:
        """One record with its personal data decrypted (None when unknown).

        :class:`~kiosk.outbox.rows.Unreadable` (a ``VaultError``) when it does not open;
        a record already set aside (``unreadable``, ``retired``) comes without it.
        """
        with self.reading() as conn:
            row = conn.execute(
                f"SELECT {COLUMNS}, {SEALED} FROM records WHERE ref = ?",
                (ref,),
            ).fetchone()
        if not row:
            return None
        return self._record(row, personal=row[3] not in _CLOSED)

    def by_code(self, typed: str) -> OutboxRecord | None:
        """The record the portal gave this application code, matched ignoring case, spaces,
        dots and dashes (``h99 0101 261122 0007`` finds ``H99.01.01-261122-0007``);
        without personal data."""
        compact = refs.compact(typed)
        if not compact:
            return None
        with self.reading() as conn:
            row = conn.execute(
                f"SELECT {COLUMNS} FROM records WHERE code IS NOT NULL AND "
                "upper(replace(replace(replace(replace(code, '.', ''), '-', ''), ' ', ''), '/', ''))"
                " = ? ORDER BY created_at DESC LIMIT 1", (compact,)).fetchone()
        return self._record(row, personal=False) if row else None

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
        with self.reading() as conn:
            rows = conn.execute(sql, params).fetchall()
        return [self._record(row, personal=False) for row in rows]

    def counts(self) -> Counts:
        with self.reading() as conn:
            rows = conn.execute("SELECT status, COUNT(*) FROM records GROUP BY status")
            found = {status: n for status, n in rows.fetchall()}
        return Counts(**{s.value: found.get(s.value, 0) for s in RecordStatus})

    def next_due(self) -> datetime | None:
        """When the earliest waiting record is due (None when nothing waits)."""
        with self.reading() as conn:
            row = conn.execute(
                "SELECT MIN(next_attempt_at) FROM records WHERE status IN ('queued', 'sending')"
            ).fetchone()
        return from_ts(row[0]) if row else None

    @property
    def moved_aside(self) -> Path | None:
        """The damaged file this database replaced, while it is still on disk."""
        with self.reading() as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (MOVED_KEY,)).fetchone()
        if not row:
            return None
        path = self.path.with_name(row[0])
        return path if path.exists() else None

    def salvage_report(self) -> SalvageReport | None:
        """What was saved from (and lost with) the damaged file, if one was moved aside."""
        with self.reading() as conn:
            return read_report(conn)

    def key_state(self) -> keys.KeyState:
        with self.reading() as conn:
            return keys.read_state(conn)

    def checkpoint(self) -> bool:
        """Merge the WAL into the database and empty it (``wal_checkpoint(TRUNCATE)``), so a
        deleted ``-wal`` file cannot take saved records with it. False when a reader kept it."""
        with self.reading() as conn:
            conn.execute("PRAGMA busy_timeout = 1000")  # never hold up the GUI for long
            try:
                busy = int(conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0])
            finally:
                conn.execute(f"PRAGMA busy_timeout = {db.BUSY_TIMEOUT_MS}")
        return busy == 0

    def close(self) -> None:
        """Merge the WAL and close (idempotent)."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            try:
                self.checkpoint()
            except (sqlite3.Error, OperationFailed) as exc:
                log.warning("outbox: the WAL was not merged at close (%s)", type(exc).__name__)
            self._conn.close()

    # -- for the outbox's own modules (keys, retire) and internals --------------------------

    @contextmanager
    def transaction(self, *, sealing: bool = False) -> Iterator[sqlite3.Connection]:
        """One ``BEGIN IMMEDIATE`` transaction. ``sealing``: it seals or claims with this
        vault's key, which must be the records' key (else ``KeyMismatch``, nothing written)."""
        with self._lock:
            conn = self._conn
            try:
                conn.execute("BEGIN IMMEDIATE")
                if sealing:
                    keys.check_or_adopt(conn, self.vault, self.path)
                yield conn
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                if conn.in_transaction:
                    with suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
                if is_full(exc, self.path):
                    raise full_error(self.path, exc, "nothing was saved") from None
                raise
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        with self._lock, storage_errors(self.path, "the outbox cannot be read"):
            yield self._conn

    def _must_get(self, ref: str) -> OutboxRecord:
        record = self.get(ref)
        if record is None:
            raise UnknownRecord(f"{ref}: no such record in the outbox ({self.path})")
        return record

    def _seal(self, ref: str, what: str, text: str) -> bytes:
        return self.vault.encrypt(text.encode("utf-8"), f"{ref}|{what}".encode())

    def _record(self, row: Sequence[Any], *, personal: bool) -> OutboxRecord:
        return to_record(row, self.clock(), self.vault.decrypt if personal else None)
