"""A sample receipt for ``kiosk receipt --sample``, the test page, tests and benchmarks.

A fictional resident's birth registration, written out as the plain data a
receipt is (not worded from the catalogue), so a receipt can be rendered on a
machine whose procedure files are missing or broken. Qt-free.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from printing.receipt import WATERMARK_DEMO, Receipt

SAMPLE_PORTAL = "http://127.0.0.1:8765"
SAMPLE_CODE = "H01.22-261122-0042"
SAMPLE_REF = "DEMO-01-7K3P"


def sample_receipt(code: str | None = SAMPLE_CODE,
                   watermark: str | None = WATERMARK_DEMO) -> Receipt:
    """A complete receipt for a fictional resident (queued when ``code`` is None)."""
    return Receipt(
        receiving_unit="Ủy ban nhân dân xã Đông Anh",
        procedure_code="1.001193",
        procedure_name="Đăng ký khai sinh",
        local_ref=SAMPLE_REF,
        code=code,
        applicant_name="Nguyễn Thị Hồng Nhung",
        applicant_id="********2345",
        applicant_phone="0912345678",
        applicant_address="Số 12, ngõ 34 phố Đội Cấn, Phường Ba Đình, Thành phố Hà Nội",
        papers=("Giấy chứng sinh (bản chính)", "Giấy chứng nhận kết hôn của cha mẹ"),
        processing_days=1,
        fee="Miễn phí",
        received_at=datetime(2026, 11, 22, 1, 30, tzinfo=UTC),
        appointment_date=date(2026, 11, 24) if code else None,
        delivery="Nhận tại Bộ phận tiếp nhận và trả kết quả (một cửa)",
        kiosk_place="Nhà văn hóa thôn Đông, xã Đông Anh",
        kiosk_id="DEMO-01",
        volunteer="Trần Văn Bình",
        hotline="1900 1234",
        status_url=f"{SAMPLE_PORTAL}/tra-cuu/{code or SAMPLE_REF}",
        watermark=watermark,
    )
