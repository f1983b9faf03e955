"""Wording a receipt from a procedure and its answers (the application's part of receipts).

:func:`build_receipt` finds who the applicant is in the answers (by the
questions' identity prefill, else the first question of the kind), masks the
ID number to its last four digits, lists the papers declared, the fee, the
delivery and the receiving unit, and returns printing's plain
:class:`~printing.receipt.Receipt`. Pure; any thread.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from forms.address import describe
from forms.engine import fee_of, vnd
from forms.model import Delivery, Prefill, Procedure, Question, QuestionType, ReceivingLevel
from kiosk.config import KioskSection
from kiosk.core.mode import Mode
from kiosk.core.text import nfc
from printing.receipt import WATERMARK_DEMO, WATERMARK_TRAINING, Receipt

DELIVERY_WORDS = {
    Delivery.COUNTER: "Nhận tại Bộ phận tiếp nhận và trả kết quả (một cửa)",
    Delivery.POST: "Nhận qua dịch vụ bưu chính công ích",
    Delivery.ELECTRONIC: "Nhận bản điện tử",
}
WATERMARKS: dict[Mode, str | None] = {
    Mode.REAL: None,
    Mode.DEMO: WATERMARK_DEMO,
    Mode.TRAINING: WATERMARK_TRAINING,
}


def status_url(portal_url: str, code_or_ref: str) -> str:
    """The status lookup address the QR code opens: ``{portal}/tra-cuu/{code}``."""
    return f"{portal_url.rstrip('/')}/tra-cuu/{code_or_ref}"


def mask_id(number: str) -> str:
    """``012345678901`` → ``********8901``: only the last four digits are printed."""
    digits = "".join(c for c in number if c.isdigit())
    if not digits:
        return ""
    return "*" * max(len(digits) - 4, 0) + digits[-4:]


def build_receipt(
    procedure: Procedure,
    answers: Mapping[str, Any],
    *,
    local_ref: str,
    code: str | None,
    received_at: datetime,
    appointment_date: date | None,
    kiosk: KioskSection,
    volunteer: str | None,
    status_url: str,
    watermark: str | None,
) -> Receipt:
    """Word a receipt from a procedure and its validated (canonical) answers."""
    applicant = _Applicant.from_answers(procedure, answers)
    return Receipt(
        receiving_unit=_receiving_unit(procedure, kiosk),
        procedure_code=procedure.code,
        procedure_name=nfc(procedure.name.vi),
        local_ref=local_ref,
        code=code or None,
        applicant_name=applicant.name,
        applicant_id=mask_id(applicant.id_number),
        applicant_phone=applicant.phone,
        applicant_address=applicant.address,
        papers=_papers(procedure, answers),
        processing_days=procedure.processing_days,
        fee=_fee(procedure, answers),
        received_at=received_at,
        appointment_date=appointment_date,
        delivery=_delivery(answers),
        kiosk_place=nfc(", ".join(p for p in (kiosk.name, kiosk.commune) if p)),
        kiosk_id=kiosk.id,
        volunteer=nfc(volunteer) if volunteer else None,
        hotline=kiosk.hotline,
        status_url=status_url,
        watermark=watermark,
    )


@dataclass(frozen=True)
class _Applicant:
    name: str
    id_number: str
    phone: str
    address: str

    @classmethod
    def from_answers(cls, procedure: Procedure, answers: Mapping[str, Any]) -> _Applicant:
        def find(prefill: Prefill, qtype: QuestionType) -> Any:
            question = _question_for(procedure, prefill, qtype)
            return answers.get(question.id) if question else None

        address = find(Prefill.ADDRESS, QuestionType.ADDRESS)
        return cls(
            name=nfc(str(find(Prefill.FULL_NAME, QuestionType.NAME) or "")),
            id_number=str(find(Prefill.CCCD, QuestionType.CCCD) or ""),
            phone=str(find(Prefill.PHONE, QuestionType.PHONE) or ""),
            address=describe_address(address) if isinstance(address, dict) else "",
        )


def _question_for(procedure: Procedure, prefill: Prefill, qtype: QuestionType) -> Question | None:
    """The question that holds the applicant's own data: by prefill, else the first of its type."""
    by_prefill = next((q for q in procedure.questions if q.prefill is prefill), None)
    return by_prefill or next((q for q in procedure.questions if q.type is qtype), None)


def describe_address(answer: Mapping[str, Any]) -> str:
    """An address answer in words ("street, commune, province")."""
    return nfc(describe(answer, "vi"))


def _papers(procedure: Procedure, answers: Mapping[str, Any]) -> tuple[str, ...]:
    declared: list[str] = []
    for question in procedure.questions:
        value = answers.get(question.id)
        if question.type is QuestionType.PAPERS and isinstance(value, list):
            declared += [str(v) for v in value]
    labels = {p.id: nfc(p.label.vi) for p in procedure.papers}
    if not declared:
        declared = [p.id for p in procedure.papers if p.required]
    return tuple(labels.get(pid, pid) for pid in declared)


def _delivery(answers: Mapping[str, Any]) -> str:
    try:
        how = Delivery(str(answers.get("delivery") or Delivery.COUNTER.value))
    except ValueError:
        how = Delivery.COUNTER
    words = DELIVERY_WORDS[how]
    where = answers.get("delivery_address")
    if how is Delivery.POST and isinstance(where, dict):
        words += f": {describe_address(where)}"
    return words


def _receiving_unit(procedure: Procedure, kiosk: KioskSection) -> str:
    if procedure.level is ReceivingLevel.PROVINCE:
        return "Trung tâm Phục vụ hành chính công tỉnh"
    commune = kiosk.commune.strip()
    return nfc(f"Ủy ban nhân dân {commune}" if commune else "Ủy ban nhân dân cấp xã")


def _fee(procedure: Procedure, answers: Mapping[str, Any]) -> str:
    total = fee_of(procedure, answers)  # extra copies asked for are charged
    text = "Miễn phí" if total <= 0 else f"{vnd(total)} đồng"
    note = nfc(procedure.fee_note.vi).strip()
    return f"{text} ({note})" if note else text
