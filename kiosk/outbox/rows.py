"""How a record lies in the outbox's SQLite table: its columns, its timestamps as text.

The clear columns (reference, status, codes, procedure, timestamps) come
first, in :data:`COLUMNS` order; the sealed ones (errors, answers, volunteer)
follow when a caller asks for personal data. Timestamps are UTC text that
sorts as it reads (``2026-11-22T01:30:00.000000Z``). Pure; any thread.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from typing import Any

from kiosk.outbox.records import FieldProblem, OutboxRecord, RecordStatus

COLUMNS = (
    "ref, idempotency_key, procedure, status, kiosk_id, created_at, next_attempt_at, attempts,"
    " code, appointment_date, received_at, sent_at, last_error, purged_at"
)
SEALED = "errors, answers, volunteer"
_TS = "%Y-%m-%dT%H:%M:%S.%fZ"

# (ref, what, blob) -> the opened text, or None for a NULL cell
Opener = Callable[[str, str, bytes | None], str | None]


def ts(value: datetime) -> str:
    return value.astimezone(UTC).strftime(_TS)


def from_ts(value: str | None) -> datetime | None:
    return datetime.strptime(value, _TS).replace(tzinfo=UTC) if value else None


def to_record(row: Sequence[Any], now: datetime, opened: Opener | None = None) -> OutboxRecord:
    """A row of :data:`COLUMNS` (then, with ``opened``, the :data:`SEALED` ones) as a record."""
    (ref, key, procedure, status, kiosk_id, created, next_at, attempts, code, appt,
     received, sent, last_error, purged_at) = row[:14]
    answers = errors = volunteer = None
    if opened is not None:
        errors_text = opened(ref, "errors", row[14])
        answers_text = opened(ref, "answers", row[15])
        volunteer = opened(ref, "volunteer", row[16])
        errors = json.loads(errors_text) if errors_text else None
        answers = json.loads(answers_text) if answers_text else None
    return OutboxRecord(
        ref=ref,
        idempotency_key=key,
        procedure=procedure,
        status=RecordStatus(status),
        kiosk_id=kiosk_id,
        created_at=from_ts(created) or now,
        next_attempt_at=from_ts(next_at) or now,
        attempts=attempts,
        code=code,
        appointment_date=date.fromisoformat(appt) if appt else None,
        received_at=from_ts(received),
        sent_at=from_ts(sent),
        last_error=last_error,
        errors=tuple(FieldProblem(f, m) for f, m in errors or ()),
        answers=answers,
        volunteer=volunteer,
        purged=purged_at is not None,
    )
