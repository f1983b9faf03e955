"""A sample procedure and answers that word the same receipt as ``printing.sample``.

For the tests of the application's receipt wording (``kiosk.receipts.wording``):
``worded_receipt()`` with the sample answers must be exactly ``sample_receipt()``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from forms.model import (
    Delivery,
    IdentityLevel,
    Paper,
    Prefill,
    Procedure,
    Question,
    QuestionType,
    ReceivingLevel,
)
from kiosk.config import KioskSection
from kiosk.core.text import Text
from kiosk.receipts.wording import build_receipt, status_url
from printing.receipt import WATERMARK_DEMO, Receipt

SAMPLE_PORTAL = "http://127.0.0.1:8765"


def sample_procedure() -> Procedure:
    def q(qid: str, qtype: QuestionType, vi: str, prefill: Prefill | None = None) -> Question:
        return Question(id=qid, type=qtype, title=Text(vi, vi), prefill=prefill)

    return Procedure(
        code="1.001193",
        slug="birth_registration",
        name=Text("Đăng ký khai sinh", "Birth registration"),
        summary=Text("Làm giấy khai sinh cho con", "A birth certificate for a child"),
        category="ho_tich",
        level=ReceivingLevel.COMMUNE,
        fee_vnd=0,
        fee_note=Text(""),
        processing_days=1,
        papers=(
            Paper("birth_cert", Text("Giấy chứng sinh (bản chính)", "Birth certificate")),
            Paper("marriage", Text("Giấy chứng nhận kết hôn của cha mẹ", "Parents' marriage"),
                  required=False),
        ),
        deliveries=(Delivery.COUNTER, Delivery.POST),
        identity=IdentityLevel.LEVEL2,
        questions=(
            q("requester_name", QuestionType.NAME, "Họ và tên người đi khai", Prefill.FULL_NAME),
            q("requester_cccd", QuestionType.CCCD, "Số căn cước", Prefill.CCCD),
            q("requester_phone", QuestionType.PHONE, "Số điện thoại", Prefill.PHONE),
            q("requester_address", QuestionType.ADDRESS, "Nơi cư trú", Prefill.ADDRESS),
            q("child_name", QuestionType.NAME, "Họ và tên của cháu"),
            q("papers", QuestionType.PAPERS, "Giấy tờ mang theo"),
        ),
    )


def sample_answers() -> dict[str, Any]:
    return {
        "requester_name": "Nguyễn Thị Hồng Nhung",
        "requester_cccd": "001190012345",
        "requester_phone": "0912345678",
        "requester_address": {"province_code": "01", "ward_code": "00004",
                              "street": "Số 12, ngõ 34 phố Đội Cấn"},
        "child_name": "Lê Minh Khôi",
        "papers": ["birth_cert", "marriage"],
        "delivery": Delivery.COUNTER.value,
        "declaration": True,
    }


def worded_receipt(answers: dict[str, Any] | None = None, code: str | None = "H01.22-261122-0042",
                   watermark: str | None = WATERMARK_DEMO) -> Receipt:
    """printing.sample's receipt, worded by the application from the sample answers."""
    local_ref = "DEMO-01-7K3P"
    return build_receipt(
        sample_procedure(),
        answers if answers is not None else sample_answers(),
        local_ref=local_ref,
        code=code,
        received_at=datetime(2026, 11, 22, 1, 30, tzinfo=UTC),
        appointment_date=date(2026, 11, 24) if code else None,
        kiosk=KioskSection(name="Nhà văn hóa thôn Đông", commune="xã Đông Anh"),
        volunteer="Trần Văn Bình",
        status_url=status_url(SAMPLE_PORTAL, code or local_ref),
        watermark=watermark,
    )
