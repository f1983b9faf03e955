"""``kiosk outbox retire --unreadable``: a technician gives up on records that cannot be read.

Which records cannot be read depends on the key:

* the key is there and is the records' key: only those set aside as
  ``unreadable`` (damaged one by one, or salvaged without their sealed data);
* the key is missing from the keyring, or it is another key: every record that
  holds sealed data, as well.

:func:`plan` lists them and what each loses; :func:`carry_out` retires them in one
transaction: an unsent record becomes ``retired`` (the application never reached
the portal: the resident must apply again), a sent one keeps its status and code
and loses the kiosk's copy of its answers and the volunteer's name. Their sealed
data is erased, and once nothing sealed is left the key's fingerprint goes too,
so that the kiosk may make a new key at its next start.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.outbox import keys
from kiosk.outbox.records import OutboxRecord, RecordStatus
from kiosk.outbox.rows import COLUMNS, HAS_SEALED, to_record, ts
from kiosk.outbox.store import Outbox
from kiosk.vault import DEFAULT_KEY_ID, KeyMismatch, KeyMissing

NEVER_SENT = "never reached the portal: the application is lost, the resident must apply again"


@dataclass(frozen=True)
class RetireItem:
    record: OutboxRecord  # without personal data
    loses: str  # what retiring it loses, in plain words


@dataclass(frozen=True)
class RetirePlan:
    key_problem: str | None  # None: the key is fine; only records set aside are concerned
    items: tuple[RetireItem, ...]

    @property
    def unsent(self) -> int:
        return sum(i.record.status is not RecordStatus.SENT for i in self.items)


def plan(outbox: Outbox, key_id: str = DEFAULT_KEY_ID) -> RetirePlan:
    """What cannot be read, and why. ``VaultUnavailable`` when no keyring can be asked at
    all: then nobody can tell whether the key is lost, and nothing is retired."""
    with outbox.reading() as conn:
        problem: str | None = None
        try:
            keys.vault_for(conn, outbox.path, key_id, may_create=False)
        except KeyMissing:
            problem = "the outbox key is missing from the keyring"
        except KeyMismatch:
            problem = "the keyring holds another key than the one that sealed them"
        where = "status = 'unreadable'"
        if problem is not None:
            where += f" OR (status != 'retired' AND {HAS_SEALED})"
        rows = conn.execute(
            f"SELECT {COLUMNS} FROM records WHERE {where} ORDER BY created_at"
        ).fetchall()
    now = outbox.clock()
    items = tuple(RetireItem(r, _loses(r)) for r in (to_record(row, now) for row in rows))
    return RetirePlan(problem, items)


def _loses(record: OutboxRecord) -> str:
    if record.status is RecordStatus.SENT:
        return (f"at the portal (code {record.code}); only the kiosk's copy of its answers "
                "(for reprinting the receipt) and the volunteer's name are lost")
    return NEVER_SENT


def carry_out(outbox: Outbox, planned: RetirePlan) -> int:
    """Retire what :func:`plan` listed (each only if its status has not changed since)."""
    now = ts(outbox.clock())
    done = 0
    with outbox.transaction() as conn:
        for item in planned.items:
            record = item.record
            why = planned.key_problem or (record.last_error or "unreadable").removeprefix(
                "unreadable: ")
            if record.status is RecordStatus.SENT:
                sql = ("UPDATE records SET answers = NULL, volunteer = NULL, errors = NULL,"
                       " answers_digest = NULL, purged_at = COALESCE(purged_at, ?),"
                       " last_error = ? WHERE ref = ? AND status = ?")
                note = f"sealed data erased by a technician: {why}"
            else:
                sql = ("UPDATE records SET status = 'retired', answers = NULL, volunteer = NULL,"
                       " errors = NULL, answers_digest = NULL, purged_at = ?, last_error = ?"
                       " WHERE ref = ? AND status = ?")
                note = f"retired by a technician: {why}"
            done += conn.execute(sql, (now, note, record.ref, record.status.value)).rowcount
        if keys.read_state(conn).sealed == 0:
            conn.execute("DELETE FROM meta WHERE key = ?", (keys.FINGERPRINT_KEY,))
    return done
