"""The receipt desk: receipts of this kiosk's applications, and reprints with the real code.

A receipt is always worded from the application's record in the outbox (its
answers as they were saved, its code and appointment once the portal gave
them), so the confirmation page and a volunteer's reprint print the same
paper. :meth:`ReceiptDesk.reissue` is "reprint with the real code": an
application that was queued when its receipt was printed, and has been sent
since, gets its receipt again with the portal's application code, and the old
receipt kept in the reprint list is replaced, not doubled.

Blocking (the outbox, the printer): call it off the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass

from forms.loader import Catalogue
from kiosk.config import KioskSection
from kiosk.core.errors import BadInput
from kiosk.core.mode import Mode
from kiosk.core.text import Text
from kiosk.outbox.records import OutboxRecord
from kiosk.outbox.refs import normalise
from kiosk.outbox.store import Outbox
from kiosk.receipts.wording import WATERMARKS, build_receipt, status_url
from printing.backends.base import PrintOutcome
from printing.receipt import Receipt
from printing.service import PrintService

NOT_FOUND = Text("Không tìm thấy hồ sơ có mã tham chiếu {ref}.",
                 "No application with the reference {ref} was found.")
NOT_SENT = Text("Hồ sơ {ref} chưa gửi được nên chưa có mã hồ sơ. Bác vui lòng thử lại sau.",
                "Application {ref} has not been sent yet, so it has no code. Please try later.")
PURGED = Text("Hồ sơ {ref} đã quá hạn lưu, không in lại được.",
              "Application {ref} is past its retention time and cannot be reprinted.")


class ReissueRefused(BadInput):
    """A reference that cannot be reprinted with its code; ``text`` is for the volunteer."""

    def __init__(self, text: Text, ref: str) -> None:
        self.text = text
        self.ref = ref
        super().__init__(text("vi", ref=ref) + " / " + text("en", ref=ref))


@dataclass(frozen=True)
class Reissued:
    """A reissue's result: the application's reference, its portal code, what the printer did."""

    ref: str
    code: str
    outcome: PrintOutcome


def typed_reference(typed: str) -> str:
    """A local reference as typed, or scanned from a queued receipt's QR code (its status
    URL ends in ``/tra-cuu/REF``), in its printed form; :class:`BadInput` if it is none."""
    return normalise(typed.strip().rsplit("/tra-cuu/", 1)[-1])


class ReceiptDesk:
    def __init__(self, outbox: Outbox, catalogue: Catalogue, printing: PrintService, *,
                 kiosk: KioskSection, portal_url: str, mode: Mode) -> None:
        self.outbox = outbox
        self.catalogue = catalogue
        self.printing = printing
        self.kiosk = kiosk
        self.portal_url = portal_url
        self.mode = mode

    def for_record(self, record: OutboxRecord) -> Receipt:
        """The receipt of an application as the outbox has it (queued: its local reference)."""
        if record.answers is None:
            raise ReissueRefused(PURGED, record.ref)
        return build_receipt(
            self.catalogue.get(record.procedure), record.answers,
            local_ref=record.ref, code=record.code,
            received_at=record.received_at or record.created_at,
            appointment_date=record.appointment_date,
            kiosk=self.kiosk, volunteer=record.volunteer,
            status_url=status_url(self.portal_url, record.code or record.ref),
            watermark=WATERMARKS[self.mode],
        )

    def with_code(self, typed: str) -> Receipt:
        """The receipt of a sent application by its typed or scanned local reference."""
        try:
            ref = typed_reference(typed)
        except BadInput:
            raise ReissueRefused(NOT_FOUND, typed.strip()) from None
        record = self.outbox.get(ref)
        if record is None:
            raise ReissueRefused(NOT_FOUND, ref)
        if not record.code:
            raise ReissueRefused(NOT_SENT, ref)
        return self.for_record(record)

    def reissue(self, typed: str) -> Reissued:
        """Print the receipt again with the portal's code; :class:`ReissueRefused` says why not."""
        receipt = self.with_code(typed)
        assert receipt.code is not None  # with_code refuses what has no code
        outcome = self.printing.print_replacing(receipt)
        return Reissued(receipt.local_ref, receipt.code, outcome)
