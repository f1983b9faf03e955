"""kiosk.receipts.wording: who the applicant is, masking, papers, delivery, queued vs sent."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

from printing_helpers import pdf_text
from receipt_helpers import sample_answers, sample_procedure, worded_receipt

from forms.loader import load_catalogue
from forms.model import Prefill, QuestionType
from kiosk.config import KioskSection
from kiosk.receipts.wording import build_receipt, mask_id, status_url
from printing.receipt import QUEUED_NOTE
from printing.render import render_pdf
from printing.sample import sample_receipt


def test_the_sample_answers_word_printings_sample_receipt() -> None:
    """printing.sample writes its receipt out by hand; the application words the same one."""
    assert worded_receipt() == sample_receipt()
    assert worded_receipt(code=None) == sample_receipt(code=None)


def test_id_number_is_masked_to_its_last_four_digits() -> None:
    assert mask_id("001190012345") == "********2345"
    assert mask_id("") == ""
    assert sample_receipt().applicant_id == "********2345"


def test_applicant_found_by_prefill_else_first_question_of_its_type() -> None:
    procedure = sample_procedure()
    # Without prefill marks, the first name/cccd/phone questions are the applicant's.
    bare = dataclasses.replace(procedure, questions=tuple(
        dataclasses.replace(q, prefill=None) for q in procedure.questions))
    kwargs = dict(local_ref="R", code="C", received_at=datetime(2026, 1, 2, tzinfo=UTC),
                  appointment_date=None, kiosk=KioskSection(), volunteer=None,
                  status_url="http://127.0.0.1/tra-cuu/C", watermark=None)
    for proc in (procedure, bare):
        receipt = build_receipt(proc, sample_answers(), **kwargs)  # type: ignore[arg-type]
        assert receipt.applicant_name == "Nguyễn Thị Hồng Nhung"
        assert receipt.applicant_phone == "0912345678"
    # A prefill mark wins over question order: mark the child's name as the resident's.
    swapped = dataclasses.replace(procedure, questions=tuple(
        dataclasses.replace(q, prefill=Prefill.FULL_NAME if q.id == "child_name" else
                            (None if q.prefill is Prefill.FULL_NAME else q.prefill))
        for q in procedure.questions))
    receipt = build_receipt(swapped, sample_answers(), **kwargs)  # type: ignore[arg-type]
    assert receipt.applicant_name == "Lê Minh Khôi"


def test_papers_declared_are_printed_by_their_labels() -> None:
    receipt = sample_receipt()
    assert receipt.papers == ("Giấy chứng sinh (bản chính)", "Giấy chứng nhận kết hôn của cha mẹ")
    answers = sample_answers()
    answers["papers"] = ["birth_cert"]
    assert worded_receipt(answers).papers == ("Giấy chứng sinh (bản chính)",)


def test_delivery_by_post_names_the_address() -> None:
    answers = sample_answers()
    answers["delivery"] = "post"
    answers["delivery_address"] = {"province_code": "01", "ward_code": "00004", "street": "Số 5"}
    receipt = worded_receipt(answers)
    assert receipt.delivery.startswith("Nhận qua dịch vụ bưu chính công ích: Số 5, ")


def test_queued_receipt_then_with_code() -> None:
    queued = sample_receipt(code=None)
    assert queued.queued and queued.status_url.endswith("/tra-cuu/DEMO-01-7K3P")
    sent = queued.with_code("H01-1", status_url("http://127.0.0.1:1/", "H01-1"), date(2026, 12, 1))
    assert not sent.queued and sent.status_url == "http://127.0.0.1:1/tra-cuu/H01-1"
    assert sent.appointment_date == date(2026, 12, 1) and sent.local_ref == queued.local_ref
    assert QUEUED_NOTE not in pdf_text(render_pdf(sent, "a5"))


def test_every_catalogue_procedure_makes_a_receipt_from_its_example() -> None:
    catalogue = load_catalogue()
    assert catalogue.procedures
    for procedure in catalogue.procedures:
        receipt = build_receipt(
            procedure, dict(procedure.example), local_ref="DEMO-01-AAAA", code="H01-2",
            received_at=datetime(2026, 11, 22, 3, 0, tzinfo=UTC),
            appointment_date=date(2026, 11, 25), kiosk=KioskSection(), volunteer=None,
            status_url="http://127.0.0.1/tra-cuu/H01-2", watermark=None)
        text = pdf_text(render_pdf(receipt, "80mm"))
        assert procedure.name.vi in text, procedure.code
        names = [q for q in procedure.questions if q.type is QuestionType.NAME]
        if names and procedure.example.get(names[0].id):
            assert receipt.applicant_name and receipt.applicant_name in text


def test_the_receipt_charges_the_extra_copies_asked_for() -> None:
    catalogue = load_catalogue()
    procedure = catalogue.get("birth_registration")
    answers = dict(procedure.example)
    answers["extra_copies"] = 2
    receipt = build_receipt(
        procedure, answers, local_ref="DEMO-01-AAAA", code="H01-2",
        received_at=datetime(2026, 11, 22, 3, 0, tzinfo=UTC), appointment_date=None,
        kiosk=KioskSection(), volunteer=None, status_url="http://127.0.0.1/tra-cuu/H01-2",
        watermark=None)
    assert receipt.fee.startswith("16.000 đồng")
