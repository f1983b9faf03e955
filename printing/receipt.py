"""The receipt a resident takes home: "Giấy tiếp nhận hồ sơ và hẹn trả kết quả".

Follows Mẫu số 01 of Thông tư 01/2018/TT-VPCP: the receiving unit, the
application code (mã hồ sơ; for an application still in the outbox, the local
reference and a note that the code comes once it is sent), who submitted
(name, ID number masked to its last four digits, phone, address), what is
asked (the procedure), the papers declared, the legal processing time, when it
was received, the appointment date, how the result comes back, plus the
kiosk's place, the volunteer who helped, the hotline and a QR code of the
status address.

:class:`Receipt` is plain, already-worded data (Vietnamese: it is an official
paper) so that it can be rendered (:mod:`printing.render`), drawn for thermal
printers (:mod:`printing.raster`) and stored, encrypted, in the reprint list.
Qt-free; runs on any thread.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime
from typing import Any

from forms.address import describe
from forms.model import (
    Delivery,
    Prefill,
    Procedure,
    Question,
    QuestionType,
    ReceivingLevel,
)
from kiosk.config import KioskSection
from kiosk.core.text import nfc

QUEUED_NOTE = "Mã hồ sơ sẽ được cập nhật khi gửi được"
DELIVERY_WORDS = {
    Delivery.COUNTER: "Nhận tại Bộ phận tiếp nhận và trả kết quả (một cửa)",
    Delivery.POST: "Nhận qua dịch vụ bưu chính công ích",
    Delivery.ELECTRONIC: "Nhận bản điện tử",
}
WATERMARK_DEMO = "DEMO"
WATERMARK_TRAINING = "TẬP HUẤN"


@dataclass(frozen=True)
class Receipt:
    """One receipt, every field already in the words printed on paper."""

    receiving_unit: str
    procedure_code: str
    procedure_name: str
    local_ref: str
    code: str | None  # mã hồ sơ from the portal; None while queued
    applicant_name: str
    applicant_id: str  # masked: only the last four digits show
    applicant_phone: str
    applicant_address: str
    papers: tuple[str, ...]
    processing_days: int
    fee: str
    received_at: datetime
    appointment_date: date | None
    delivery: str
    kiosk_place: str
    kiosk_id: str
    volunteer: str | None
    hotline: str
    status_url: str
    watermark: str | None = None

    @property
    def queued(self) -> bool:
        return self.code is None

    def with_code(self, code: str, status_url: str, appointment: date | None) -> Receipt:
        """The same receipt once the portal has given the application its code."""
        return replace(self, code=code, status_url=status_url,
                       appointment_date=appointment or self.appointment_date)

    def to_json(self) -> bytes:
        data = asdict(self)
        data["papers"] = list(self.papers)
        data["received_at"] = self.received_at.isoformat()
        data["appointment_date"] = self.appointment_date.isoformat() if self.appointment_date else None
        return json.dumps(data, ensure_ascii=False).encode("utf-8")

    @classmethod
    def from_json(cls, raw: bytes) -> Receipt:
        data: dict[str, Any] = json.loads(raw.decode("utf-8"))
        data["papers"] = tuple(data["papers"])
        data["received_at"] = datetime.fromisoformat(data["received_at"])
        appointment = data["appointment_date"]
        data["appointment_date"] = date.fromisoformat(appointment) if appointment else None
        return cls(**data)


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
        fee=_fee(procedure),
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


def _fee(procedure: Procedure) -> str:
    text = "Miễn phí" if procedure.fee_vnd <= 0 else f"{procedure.fee_vnd:,} đồng".replace(",", ".")
    note = nfc(procedure.fee_note.vi).strip()
    return f"{text} ({note})" if note else text
