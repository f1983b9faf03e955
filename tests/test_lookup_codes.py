"""Looking an application up by a code typed any way, or scanned from the receipt's QR code."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.lookup import LookupOutcome, look_up, typed_code
from kiosk.outbox.store import Outbox
from kiosk.vault import Vault

CODE = "H99.01.01-261202-0001"


@pytest.mark.parametrize(("typed", "code"), [
    ("h99.01.01-261202-0001", CODE),
    ("  H99.01.01 - 261202 - 0001 ", CODE),
    ("http://127.0.0.1:8765/tra-cuu/H99.01.01-261202-0001", CODE),  # the receipt's QR code
    ("https://dichvucong.example/tra-cuu/H99.01.01-261202-0001/", CODE),
    ("https://dichvucong.example/tra-cuu?ma=H99.01.01-261202-0001", CODE),
    ("http://x/tra-cuu/DEMO01-7K3P-9QCXH", "DEMO01-7K3P-9QCXH"),
])
def test_the_code_in_what_was_typed_or_scanned(typed: str, code: str) -> None:
    assert typed_code(typed) == code


@pytest.fixture
def outbox(tmp_path: Path) -> Outbox:
    box = Outbox(tmp_path / "o.sqlite3", Vault.in_memory_key())
    yield box
    box.close()


def test_a_sent_application_is_found_without_its_dots_and_dashes(outbox: Outbox) -> None:
    ref = outbox.enqueue("1.001193", {"a": 1}, kiosk_id="DEMO01").ref
    outbox.claim_due()
    outbox.mark_sent(ref, CODE, received_at=None, appointment_date=None)
    for typed in ("h990101 261202 0001", "H9901012612020001", CODE.lower()):
        record = outbox.by_code(typed)
        assert record is not None and record.ref == ref and record.answers is None
    assert outbox.by_code("H9901012612020002") is None
    assert outbox.by_code("") is None


def test_a_queued_application_is_found_by_its_reference_typed_loosely(outbox: Outbox) -> None:
    ref = outbox.enqueue("1.001193", {"a": 1}, kiosk_id="DEMO01").ref
    loose = ref.replace("-", " ").lower()
    found = look_up(outbox, None, loose)  # no portal needed: it has not left this kiosk
    assert found.outcome is LookupOutcome.FOUND and found.code == ref and found.status == "queued"


def test_an_unknown_code_with_no_portal_cannot_be_checked(outbox: Outbox) -> None:
    found = look_up(outbox, None, "h99.01.01-261202-0009")
    assert found.outcome is LookupOutcome.UNREACHABLE and found.code == "H99.01.01-261202-0009"
