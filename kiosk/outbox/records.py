"""The outbox's typed state: record status, the record itself, the portal's field errors.

State machine (one record)::

    queued ──claim──▶ sending ──2xx──────────────▶ sent      (code, appointment date)
       ▲                 │────4xx (not 408/429)──▶ rejected  (errors kept for a volunteer)
       └──retry later────┘   (timeout, 5xx, 408, 429, a crash mid-send)
    rejected ──volunteer retry──▶ queued
    queued/sending ──cannot be opened──▶ unreadable ──technician: outbox retire──▶ retired

The idempotency key never changes, so a resent record is stored once at the portal.
``unreadable``: its sealed data cannot be opened or parsed (damaged, or salvaged
without it); it leaves the queue instead of blocking it, and ``kiosk doctor``
fails until a technician deals with it. ``retired``: given up on by a technician
(``kiosk outbox retire --unreadable``); its sealed data is erased.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any


class RecordStatus(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    REJECTED = "rejected"
    UNREADABLE = "unreadable"
    RETIRED = "retired"


_SET_ASIDE = (RecordStatus.UNREADABLE, RecordStatus.RETIRED)


@dataclass(frozen=True)
class FieldProblem:
    """One reason the portal gave for refusing an application (``field`` may be empty)."""

    field: str
    message: str


@dataclass(frozen=True)
class OutboxRecord:
    """One application in the outbox. ``answers`` is None in listings and once purged."""

    ref: str
    idempotency_key: str
    procedure: str
    status: RecordStatus
    kiosk_id: str
    created_at: datetime
    next_attempt_at: datetime
    attempts: int = 0
    code: str | None = None
    appointment_date: date | None = None
    received_at: datetime | None = None
    sent_at: datetime | None = None
    last_error: str | None = None
    errors: tuple[FieldProblem, ...] = ()
    answers: dict[str, Any] | None = None
    volunteer: str | None = None
    purged: bool = False

    def summary(self) -> dict[str, Any]:
        """The record without personal data, as ``kiosk outbox list --json`` prints it."""
        return {
            "ref": self.ref,
            "status": self.status.value,
            "code": self.code,
            "procedure": self.procedure,
            "created_at": self.created_at.isoformat(),
            "attempts": self.attempts,
            "next_attempt_at": (
                self.next_attempt_at.isoformat() if self.status is RecordStatus.QUEUED else None
            ),
            "appointment_date": self.appointment_date.isoformat() if self.appointment_date else None,
            "received_at": self.received_at.isoformat() if self.received_at else None,
            "sent_at": self.sent_at.isoformat() if self.sent_at else None,
            "last_error": self.last_error,
            "purged": self.purged,
            # Why a record was set aside (unreadable) or given up (retired); None otherwise.
            "reason": self.last_error if self.status in _SET_ASIDE else None,
        }


@dataclass(frozen=True)
class Counts:
    """How many records are in each state (for doctor, reports and the status bar)."""

    queued: int = 0
    sending: int = 0
    sent: int = 0
    rejected: int = 0
    unreadable: int = 0
    retired: int = 0

    @property
    def pending(self) -> int:
        return self.queued + self.sending

    def describe(self) -> str:
        """``"3 queued, 0 sending, 12 sent, 1 rejected"`` (and the set-aside ones, if any)."""
        text = (f"{self.queued} queued, {self.sending} sending, {self.sent} sent, "
                f"{self.rejected} rejected")
        if self.unreadable:
            text += f", {self.unreadable} unreadable"
        if self.retired:
            text += f", {self.retired} retired"
        return text
