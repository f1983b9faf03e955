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
The application words it from a procedure and its answers
(``kiosk.receipts.wording``); printing never sees a procedure. Qt-free; any thread.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime
from typing import Any

QUEUED_NOTE = "Mã hồ sơ sẽ được cập nhật khi gửi được"
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
