"""One submission path for the GUI and ``kiosk submit``: validate, save durably, send.

:meth:`SubmissionService.submit` checks the answers with :mod:`forms.engine`,
commits them to the outbox (encrypted) and nudges the sync worker; only after
it returns may the resident be told "đã lưu". :meth:`SubmissionService.send_now`
makes one immediate attempt so the confirmation page can show the portal's
code; if it fails the record simply stays queued for the worker.

Blocking (SQLite commit, HTTP): call it off the GUI thread (``run_in_background``).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from typing import Any

from forms.engine import FieldError, validate_answers
from forms.loader import Catalogue
from forms.model import Answers, Procedure
from kiosk.core.errors import BadInput
from kiosk.outbox.records import OutboxRecord, RecordStatus
from kiosk.outbox.store import Outbox, UnknownRecord
from kiosk.outbox.sync import send_record
from kiosk.portal import PortalClient

log = logging.getLogger(__name__)


class InvalidAnswers(BadInput):
    """The answers do not pass the procedure's checks; one line per field."""

    def __init__(self, procedure: str, errors: list[FieldError]) -> None:
        self.errors = errors
        lines = [f"{e.field}: {e.message('vi')} / {e.message('en')}" for e in errors]
        super().__init__(f"answers for {procedure} are not valid:\n  " + "\n  ".join(lines))


def check_answers(procedure: Procedure, answers: Mapping[str, Any]) -> Answers:
    """The answers in canonical form, or :class:`InvalidAnswers`: needs no storage."""
    checked = validate_answers(procedure, answers)
    if not checked.ok:
        raise InvalidAnswers(procedure.code, checked.errors)
    return checked.clean


class SubmissionService:
    def __init__(
        self,
        outbox: Outbox,
        catalogue: Catalogue,
        portal: PortalClient | None,
        *,
        kiosk_id: str,
        wake_worker: Callable[[], None] | None = None,
    ) -> None:
        self.outbox = outbox
        self.catalogue = catalogue
        self.portal = portal
        self.kiosk_id = kiosk_id
        self.wake_worker = wake_worker

    def submit(
        self,
        procedure: Procedure | str,
        answers: Mapping[str, Any],
        *,
        volunteer: str | None = None,
    ) -> OutboxRecord:
        """Validate and durably enqueue; raises :class:`InvalidAnswers` or ``StorageFull``."""
        proc = procedure if isinstance(procedure, Procedure) else self.catalogue.get(procedure)
        clean = check_answers(proc, answers)
        record = self.outbox.enqueue(
            proc.code, clean, kiosk_id=self.kiosk_id, volunteer=volunteer or None
        )
        log.info("submission %s saved for procedure %s", record.ref, proc.code)
        if self.wake_worker is not None:
            self.wake_worker()
        return record

    def send_now(self, ref: str, timeout_s: float = 10.0) -> OutboxRecord:
        """One immediate attempt (or wait for the worker's) within ``timeout_s``.

        Returns the record as it then is: ``sent`` with its code, ``rejected``,
        or still ``queued``/``sending`` for the worker to finish later.
        """
        deadline = time.monotonic() + timeout_s
        record = self.outbox.get(ref)
        if record is None:
            raise UnknownRecord(f"{ref}: no such record in the outbox")
        if self.portal is None or record.status in (RecordStatus.SENT, RecordStatus.REJECTED):
            return record
        claimed = self.outbox.claim(ref)
        if claimed is not None:
            return send_record(self.outbox, self.portal, claimed, timeout=max(timeout_s, 0.5))
        # The worker took it first: wait for its outcome rather than send twice.
        while time.monotonic() < deadline:
            current = self.outbox.get(ref)
            if current is None or current.status is not RecordStatus.SENDING:
                return current or record
            time.sleep(0.05)
        return self.outbox.get(ref) or record
