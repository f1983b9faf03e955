"""One submission path for the GUI and ``kiosk submit``: validate, save durably, send once.

:meth:`SubmissionService.submit` checks the answers with :mod:`forms.engine`,
commits them to the outbox (encrypted) and, when asked, makes one immediate
attempt through its :class:`~kiosk.outbox.sync.Sender` with a bounded wait,
so the confirmation page can show the portal's code. Whatever happens after
the save, the application is kept and the sync worker sends it later. The
answer is a :class:`SubmissionResult`: an outcome, the record, field errors as
data, and for an application that could not be saved the words the resident
reads; nobody has to tell exceptions apart.

The same procedure with the same answers saved again within
:data:`~kiosk.outbox.store.DUPLICATE_WINDOW` (30 minutes) is not saved twice:
the outcome is ``DUPLICATE`` with the earlier record (its reference and time, no
personal data), unless the caller says ``again=True`` (the resident confirmed,
or ``kiosk submit --again``). ``on_saved`` is called with the record the moment
it is durable, before any attempt to send: whoever is killed during the send
has already been told the reference.

Blocking (SQLite commit, HTTP): call it off the GUI thread (``run_in_background``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from forms.engine import FieldError, validate_answers
from forms.loader import Catalogue
from forms.model import Answers, Procedure
from kiosk.core.errors import BadInput, KioskError
from kiosk.core.text import Text
from kiosk.outbox.records import OutboxRecord, RecordStatus
from kiosk.outbox.store import DUPLICATE_WINDOW, DuplicateApplication, Outbox, UnknownRecord
from kiosk.outbox.sync import Sender

log = logging.getLogger(__name__)

NOT_SAVED = Text(
    "Chưa lưu được hồ sơ. Bác vui lòng nhờ tình nguyện viên.",
    "The application could not be saved. Please ask a volunteer.",
)


class SubmissionOutcome(StrEnum):
    SENT = "sent"  # the portal has it: the record carries its code
    QUEUED = "queued"  # saved; it goes by itself when the portal answers
    REJECTED = "rejected"  # saved; the portal refused it: a volunteer looks at it
    INVALID = "invalid"  # not saved: the answers do not pass (``field_errors``)
    NOT_SAVED = "not_saved"  # not saved: the disk is full, no keyring... (``problem``)
    DUPLICATE = "duplicate"  # not saved: the same answers were saved just now (``earlier``)


_FROM_STATUS = {
    RecordStatus.SENT: SubmissionOutcome.SENT,
    RecordStatus.REJECTED: SubmissionOutcome.REJECTED,
    RecordStatus.QUEUED: SubmissionOutcome.QUEUED,
    RecordStatus.SENDING: SubmissionOutcome.QUEUED,
    # Saved, but cannot be sent (damaged): like a refusal, a volunteer looks at it.
    RecordStatus.UNREADABLE: SubmissionOutcome.REJECTED,
    RecordStatus.RETIRED: SubmissionOutcome.REJECTED,
}
SavedCallback = Callable[[OutboxRecord], None]


@dataclass(frozen=True)
class SubmissionResult:
    outcome: SubmissionOutcome
    record: OutboxRecord | None = None  # None when nothing was saved
    field_errors: tuple[FieldError, ...] = ()
    problem: Text | None = None  # NOT_SAVED: what the resident is told
    detail: str = ""  # NOT_SAVED: for the technician and the log (no personal data)
    # DUPLICATE: the application saved earlier with the same answers (no personal data):
    # ``earlier.ref`` and ``earlier.created_at`` (UTC) for "sent at 9:42, send again?"
    earlier: OutboxRecord | None = None

    @classmethod
    def of(cls, record: OutboxRecord) -> SubmissionResult:
        return cls(_FROM_STATUS[record.status], record)

    @property
    def saved(self) -> bool:
        return self.record is not None

    @property
    def code(self) -> str | None:
        return self.record.code if self.record is not None else None


class InvalidAnswers(BadInput):
    """The answers do not pass the procedure's checks; one line per field."""

    def __init__(self, procedure: str, errors: list[FieldError] | tuple[FieldError, ...]) -> None:
        self.errors = list(errors)
        lines = [f"{e.field}: {e.message('vi')} / {e.message('en')}" for e in errors]
        super().__init__(f"answers for {procedure} are not valid:\n  " + "\n  ".join(lines))


def check_answers(procedure: Procedure, answers: Mapping[str, Any]) -> Answers:
    """The answers in canonical form, or :class:`InvalidAnswers`: needs no storage."""
    checked = validate_answers(procedure, answers)
    if not checked.ok:
        raise InvalidAnswers(procedure.code, checked.errors)
    return checked.clean


class SubmissionService:
    def __init__(self, outbox: Outbox, catalogue: Catalogue, sender: Sender | None, *,
                 kiosk_id: str) -> None:
        self.outbox = outbox
        self.catalogue = catalogue
        self.sender = sender  # None: no portal configured, applications wait in the outbox
        self.kiosk_id = kiosk_id

    def submit(
        self,
        procedure: Procedure | str,
        answers: Mapping[str, Any],
        *,
        volunteer: str | None = None,
        send_within_s: float | None = None,
        again: bool = False,
        on_saved: SavedCallback | None = None,
    ) -> SubmissionResult:
        """Validate, save (committed before this returns), tell ``on_saved``, then, with
        ``send_within_s``, one attempt to send that waits at most that long.
        ``again``: save it even if the same answers were saved in the last 30 minutes."""
        proc = procedure if isinstance(procedure, Procedure) else self.catalogue.get(procedure)
        checked = validate_answers(proc, answers)
        if not checked.ok:
            return SubmissionResult(SubmissionOutcome.INVALID, field_errors=tuple(checked.errors))
        try:
            record = self.outbox.enqueue(
                proc.code, checked.clean, kiosk_id=self.kiosk_id, volunteer=volunteer or None,
                refuse_duplicate_within=None if again else DUPLICATE_WINDOW,
            )
        except DuplicateApplication as exc:
            log.info("submission for %s not saved: the same as %s", proc.code, exc.earlier.ref)
            return SubmissionResult(SubmissionOutcome.DUPLICATE, earlier=exc.earlier)
        except KioskError as exc:
            log.error("submission for %s not saved: %s", proc.code, exc)
            return SubmissionResult(SubmissionOutcome.NOT_SAVED,
                                    problem=exc.resident_message or NOT_SAVED, detail=str(exc))
        log.info("submission %s saved for procedure %s", record.ref, proc.code)
        if on_saved is not None:
            try:
                on_saved(record)
            except Exception as exc:  # noqa: BLE001 - saved whatever the caller's callback does
                log.warning("on_saved for %s failed (%s)", record.ref, type(exc).__name__)
        if send_within_s is None:
            if self.sender is not None:
                self.sender.wake()
            return SubmissionResult.of(record)
        return SubmissionResult.of(self.send_now(record.ref, send_within_s))

    def send_now(self, ref: str, timeout_s: float = 10.0) -> OutboxRecord:
        """One immediate attempt for a saved record, waiting at most ``timeout_s``.

        Returns the record as it then is: ``sent`` with its code, ``rejected``,
        or still ``queued``/``sending`` for the worker to finish later. Never
        raises for a record that exists: it is saved, whatever the portal does.
        """
        record = self.outbox.get(ref)
        if record is None:
            raise UnknownRecord(f"{ref}: no such record in the outbox")
        if self.sender is None or record.status in (RecordStatus.SENT, RecordStatus.REJECTED):
            return record
        try:
            sent = self.sender.send_now(ref, timeout_s)
        except Exception as exc:  # noqa: BLE001 - saved; the worker sends it later
            log.warning("immediate send of %s failed (%s); it stays queued", ref,
                        type(exc).__name__)
            sent = None
        return sent or self.outbox.get(ref) or record
