"""From a finished session to a printed (or saved) receipt.

:func:`receipt_for` runs on the GUI thread (pure data); :func:`print_or_save`
blocks (printer, disk) and runs in the background through
``ui.background.run_in_background``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from forms.engine import validate_answers
from kiosk.core.text import Text
from printing.backends.base import SAVED
from printing.receipt import WATERMARK_DEMO, WATERMARK_TRAINING, Receipt, build_receipt, status_url
from ui.session import Session


def receipt_for(ctx: Any, session: Session) -> Receipt:
    record = session.record
    config = ctx.config
    training = ctx.training or config.kiosk.training
    watermark = WATERMARK_TRAINING if training else WATERMARK_DEMO if ctx.demo else None
    answers = validate_answers(session.procedure, session.answers()).clean
    received = record.received_at or record.created_at or datetime.now().astimezone()
    return build_receipt(
        session.procedure,
        answers,
        local_ref=record.ref,
        code=record.code,
        received_at=received,
        appointment_date=record.appointment_date,
        kiosk=config.kiosk,
        volunteer=record.volunteer,
        status_url=status_url(config.portal.url, record.code or record.ref),
        watermark=watermark,
    )


def print_or_save(ctx: Any, receipt: Receipt) -> tuple[Text, str | None]:
    """Print through ``ctx.printing``; without a print service save the PDF. Blocking."""
    if ctx.printing is not None:
        outcome = ctx.printing.print_receipt(receipt)
        return outcome.message, outcome.saved_to
    from printing.render import render_pdf

    folder = ctx.data.receipts
    path = folder / f"{receipt.local_ref}.pdf"
    path.write_bytes(render_pdf(receipt, ctx.config.printer.paper))
    return SAVED, str(path)
