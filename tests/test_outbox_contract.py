"""The outbox's contract: state machine and backoff schedule, with an injected clock and RNG."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.core.errors import BadInput
from kiosk.outbox.backoff import Backoff
from kiosk.outbox.records import FieldProblem, RecordStatus
from kiosk.outbox.store import Outbox
from kiosk.vault import Vault

START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
ANSWERS = {"child_name": "Trần Minh An", "extra_copies": 1}


class FakeClock:
    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def outbox(tmp_path: Path, clock: FakeClock) -> Outbox:
    box = Outbox(
        tmp_path / "outbox.sqlite3",
        Vault.in_memory_key(),
        clock=clock,
        rng=random.Random(7),
        backoff=Backoff(2.0, 300.0),
        lease_s=120.0,
    )
    yield box
    box.close()


def test_a_new_record_is_queued_due_now_with_a_key_and_a_checked_ref(outbox: Outbox) -> None:
    record = outbox.enqueue("1.001193", ANSWERS, kiosk_id="XA-01", volunteer="Chị Mai")
    assert record.status is RecordStatus.QUEUED
    assert record.ref.startswith("XA01-")
    assert record.next_attempt_at == START and record.attempts == 0
    assert len(record.idempotency_key) == 36
    again = outbox.get(record.ref)
    assert again is not None and again.answers == ANSWERS and again.volunteer == "Chị Mai"
    assert outbox.list()[0].answers is None  # listings never carry personal data


def test_backoff_schedule_follows_full_jitter_and_is_reproducible(
    outbox: Outbox, clock: FakeClock
) -> None:
    record = outbox.enqueue("1.001193", ANSWERS, kiosk_id="XA-01")
    # The same random source, from here on, must give exactly the same schedule.
    expected_rng = random.Random()
    expected_rng.setstate(outbox.rng.getstate())
    ceilings = [2, 4, 8, 16, 32, 64, 128, 256, 300, 300]
    for attempt, ceiling in enumerate(ceilings, start=1):
        assert outbox.backoff.ceiling(attempt) == ceiling
        claimed = outbox.claim_due()
        assert [r.ref for r in claimed] == [record.ref]
        assert claimed[0].status is RecordStatus.SENDING and claimed[0].attempts == attempt
        assert outbox.claim_due() == []  # leased: nobody else takes it
        retried = outbox.mark_retry(record.ref, "HTTP 503")
        delay = (retried.next_attempt_at - clock.now).total_seconds()
        assert delay == pytest.approx(expected_rng.uniform(0, ceiling), abs=1e-5)
        assert 0 <= delay <= ceiling
        assert retried.status is RecordStatus.QUEUED and retried.last_error == "HTTP 503"
        clock.advance(delay / 2)
        if delay > 0.001:
            assert outbox.claim_due() == []  # not due yet
        clock.advance(delay)


def test_retry_after_is_honoured(outbox: Outbox, clock: FakeClock) -> None:
    record = outbox.enqueue("1.001193", ANSWERS, kiosk_id="XA-01")
    outbox.claim_due()
    retried = outbox.mark_retry(record.ref, "HTTP 429", retry_after=90)
    assert (retried.next_attempt_at - clock.now).total_seconds() >= 90
    clock.advance(89)
    assert outbox.claim_due() == []
    clock.advance(2)
    assert [r.ref for r in outbox.claim_due()] == [record.ref]


def test_sent_keeps_code_and_appointment(outbox: Outbox) -> None:
    record = outbox.enqueue("1.001193", ANSWERS, kiosk_id="XA-01")
    outbox.claim_due()
    sent = outbox.mark_sent(
        record.ref, "H99.01.01-260302-0001", received_at=START, appointment_date=date(2026, 3, 3)
    )
    assert sent.status is RecordStatus.SENT and sent.code == "H99.01.01-260302-0001"
    assert sent.appointment_date == date(2026, 3, 3) and sent.sent_at == START
    assert outbox.claim_due() == [] and outbox.next_due() is None
    with pytest.raises(BadInput):
        outbox.retry(record.ref)


def test_rejected_waits_for_a_volunteer_then_retry_requeues_with_the_same_key(
    outbox: Outbox, clock: FakeClock
) -> None:
    record = outbox.enqueue("1.001193", ANSWERS, kiosk_id="XA-01")
    outbox.claim_due()
    rejected = outbox.mark_rejected(
        record.ref, [FieldProblem("child_name", "Tên không hợp lệ")], "HTTP 422"
    )
    assert rejected.status is RecordStatus.REJECTED
    assert rejected.errors == (FieldProblem("child_name", "Tên không hợp lệ"),)
    clock.advance(10 * 24 * 3600)
    assert outbox.claim_due() == []  # never retried automatically
    assert outbox.counts().rejected == 1
    back = outbox.retry(record.ref)
    assert back.status is RecordStatus.QUEUED and back.errors == ()
    assert back.idempotency_key == record.idempotency_key
    assert [r.ref for r in outbox.claim_due()] == [record.ref]


def test_a_crash_while_sending_resumes_with_the_same_key(
    tmp_path: Path, outbox: Outbox, clock: FakeClock
) -> None:
    record = outbox.enqueue("1.001193", ANSWERS, kiosk_id="XA-01")
    outbox.claim_due()
    vault = outbox.vault
    outbox.close()  # the process dies here, mid-send
    reopened = Outbox(tmp_path / "outbox.sqlite3", vault, clock=clock)
    try:
        assert reopened.get(record.ref).status is RecordStatus.SENDING  # type: ignore[union-attr]
        assert reopened.requeue_interrupted() == 1
        again = reopened.claim_due()
        assert [r.idempotency_key for r in again] == [record.idempotency_key]
        assert again[0].attempts == 2 and again[0].answers == ANSWERS
    finally:
        reopened.close()


def test_an_expired_lease_can_be_claimed_again(outbox: Outbox, clock: FakeClock) -> None:
    record = outbox.enqueue("1.001193", ANSWERS, kiosk_id="XA-01")
    outbox.claim_due()
    clock.advance(119)
    assert outbox.claim(record.ref) is None
    clock.advance(2)
    assert outbox.claim(record.ref) is not None


def test_purge_drops_personal_data_after_retention_and_keeps_counts(
    outbox: Outbox, clock: FakeClock
) -> None:
    old = outbox.enqueue("1.001193", ANSWERS, kiosk_id="XA-01", volunteer="Chị Mai")
    outbox.claim_due()
    outbox.mark_sent(old.ref, "C-1", received_at=START, appointment_date=None)
    clock.advance(20 * 24 * 3600)
    recent = outbox.enqueue("1.001193", ANSWERS, kiosk_id="XA-01")
    outbox.claim_due()
    outbox.mark_sent(recent.ref, "C-2", received_at=clock.now, appointment_date=None)
    waiting = outbox.enqueue("1.001193", ANSWERS, kiosk_id="XA-01")
    clock.advance(11 * 24 * 3600)
    assert outbox.purge_sent(30) == 1
    purged = outbox.get(old.ref)
    assert purged is not None and purged.answers is None and purged.purged
    assert purged.volunteer == "Chị Mai" and purged.code == "C-1"  # reports still count it
    assert outbox.get(recent.ref).answers == ANSWERS  # type: ignore[union-attr]
    assert outbox.get(waiting.ref).answers == ANSWERS  # type: ignore[union-attr]
    assert outbox.counts().sent == 2 and outbox.counts().queued == 1


def test_make_all_due_cuts_backoff_short(outbox: Outbox, clock: FakeClock) -> None:
    record = outbox.enqueue("1.001193", ANSWERS, kiosk_id="XA-01")
    for _ in range(6):
        outbox.claim(record.ref)
        outbox.mark_retry(record.ref, "down")
        clock.advance(outbox.backoff.cap_s)
    outbox.claim(record.ref)
    outbox.mark_retry(record.ref, "down", retry_after=200)
    assert outbox.claim_due() == []
    assert outbox.make_all_due() == 1
    assert [r.ref for r in outbox.claim_due()] == [record.ref]


def test_typed_refs_are_normalised(outbox: Outbox) -> None:
    record = outbox.enqueue("1.001193", ANSWERS, kiosk_id="XA-01")
    typed = " " + record.ref.lower().replace("-", " ") + " "
    assert outbox.find(typed).ref == record.ref


def test_a_reference_drawn_twice_is_drawn_again(outbox: Outbox) -> None:
    outbox.rng = random.Random(1)
    first = outbox.enqueue("1.001193", ANSWERS, kiosk_id="XA-01")
    outbox.rng = random.Random(1)  # the same draws again: the same ref comes first
    second = outbox.enqueue("1.001193", ANSWERS, kiosk_id="XA-01")
    assert second.ref != first.ref and outbox.counts().queued == 2
    assert second.idempotency_key != first.idempotency_key
