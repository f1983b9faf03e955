"""How a record lies in the outbox's SQLite table: its columns, its timestamps as text.

The clear columns (reference, status, codes, procedure, timestamps) come
first, in :data:`COLUMNS` order; the sealed ones (errors, answers, volunteer)
follow when a caller asks for personal data. Timestamps are UTC text that
sorts as it reads (``2026-11-22T01:30:00.000000Z``). Pure; any thread.

A damaged row must never take the others down with it: sealed cells are read
as bytes whatever type the cell holds (``CAST(... AS BLOB)``: the seal's
authentication decides whether they are genuine), and whatever cannot be
opened or parsed raises :class:`Unreadable` with a reason that holds no
personal data, for the outbox to set that one record aside.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from typing import Any

from kiosk.outbox.records import FieldProblem, OutboxRecord, RecordStatus
from kiosk.vault import VaultError

COLUMNS = (
    "ref, idempotency_key, procedure, status, kiosk_id, created_at, next_attempt_at, attempts,"
    " code, appointment_date, received_at, sent_at, last_error, purged_at"
)
SEALED = "CAST(errors AS BLOB), CAST(answers AS BLOB), CAST(volunteer AS BLOB)"
HAS_SEALED = "(answers IS NOT NULL OR volunteer IS NOT NULL OR errors IS NOT NULL)"
_TS = "%Y-%m-%dT%H:%M:%S.%fZ"

# (blob, associated data) -> the plaintext; raises VaultError
Decrypt = Callable[[bytes, bytes], bytes]


class Unreadable(VaultError):
    """A record's sealed data cannot be opened or parsed; ``str()`` says why, without data."""


def ts(value: datetime) -> str:
    return value.astimezone(UTC).strftime(_TS)


def from_ts(value: str | None) -> datetime | None:
    return datetime.strptime(value, _TS).replace(tzinfo=UTC) if value else None


def _lenient_ts(value: Any) -> datetime | None:
    try:
        return from_ts(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _lenient_date(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:
        return None


def to_record(row: Sequence[Any], now: datetime, decrypt: Decrypt | None = None) -> OutboxRecord:
    """A row of :data:`COLUMNS` (then, with ``decrypt``, the :data:`SEALED` ones) as a record.

    Clear columns are read leniently (a damaged timestamp reads as unknown), so a
    listing always shows every record; sealed ones strictly (:class:`Unreadable`).
    """
    (ref, key, procedure, status, kiosk_id, created, next_at, attempts, code, appt,
     received, sent, last_error, purged_at) = row[:14]
    answers: dict[str, Any] | None = None
    errors: list[Any] | None = None
    volunteer = None
    if decrypt is not None:
        errors_json = _open(decrypt, ref, "errors", row[14])
        answers_json = _open(decrypt, ref, "answers", row[15])
        volunteer = _open(decrypt, ref, "volunteer", row[16])
        errors = _parse("errors", errors_json, list)
        answers = _parse("answers", answers_json, dict)
    try:
        problems = tuple(FieldProblem(str(f), str(m)) for f, m in errors or ())
    except (TypeError, ValueError):
        raise Unreadable("the portal's reasons are not in the expected form") from None
    return OutboxRecord(
        ref=ref,
        idempotency_key=key,
        procedure=procedure,
        status=_status(status),
        kiosk_id=kiosk_id,
        created_at=_lenient_ts(created) or now,
        next_attempt_at=_lenient_ts(next_at) or now,
        attempts=attempts if isinstance(attempts, int) else 0,
        code=code,
        appointment_date=_lenient_date(appt),
        received_at=_lenient_ts(received),
        sent_at=_lenient_ts(sent),
        last_error=last_error,
        errors=problems,
        answers=answers,
        volunteer=volunteer,
        purged=purged_at is not None,
    )


def _status(value: Any) -> RecordStatus:
    try:
        return RecordStatus(value)
    except ValueError:
        return RecordStatus.UNREADABLE


def _open(decrypt: Decrypt, ref: str, what: str, blob: bytes | None) -> str | None:
    if blob is None:
        return None
    if not isinstance(blob, bytes):
        raise Unreadable(f"{what}: not a sealed blob")
    try:
        plain = decrypt(blob, f"{ref}|{what}".encode())
    except VaultError as exc:
        raise Unreadable(f"{what}: {exc}") from None
    try:
        return plain.decode("utf-8")
    except UnicodeDecodeError:
        raise Unreadable(f"{what}: not UTF-8 text once opened") from None


def _parse(what: str, text: str | None, kind: type[Any]) -> Any:
    if not text:
        return None
    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError, int-string limit, nesting
        raise Unreadable(f"{what}: not valid JSON ({type(exc).__name__})") from None
    if not isinstance(value, kind):
        raise Unreadable(f"{what}: a JSON {type(value).__name__}, not a {kind.__name__}")
    return value
