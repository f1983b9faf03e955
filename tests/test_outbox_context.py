"""The application context: demo wiring with an embedded sandbox, clean shutdown."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from outbox_helpers import example_answers

from kiosk.config import Config
from kiosk.context import build
from kiosk.core.mode import Mode
from kiosk.outbox.records import RecordStatus
from kiosk.outbox.store import Outbox
from kiosk.outbox.sync import SyncWorker
from kiosk.portal import PortalClient
from kiosk.submission import SubmissionOutcome
from kiosk.vault import Vault


def test_demo_context_sends_to_its_embedded_sandbox_and_closes_cleanly(tmp_path: Path) -> None:
    ctx = build(Config(), Mode.DEMO, home=tmp_path / "demo")
    try:
        assert ctx.sandbox is not None and ctx.portal is not None
        assert ctx.portal.base_url.startswith("http://127.0.0.1:")
        assert ctx.vault.in_memory and ctx.data.root == tmp_path / "demo"
        assert ctx.worker is not None and ctx.worker.is_alive()
        assert ctx.monitor is not None and ctx.monitor.is_alive()
        result = ctx.submissions.submit("birth_registration", example_answers(), send_within_s=10)
        assert result.outcome is SubmissionOutcome.SENT and result.record is not None
        sent = result.record
        assert sent.status is RecordStatus.SENT and sent.code
        assert ctx.portal.status(sent.code).code == sent.code
    finally:
        ctx.close()
    assert not ctx.worker.is_alive() and not ctx.monitor.is_alive()
    assert not PortalClient(ctx.sandbox.url, connect_timeout=1, read_timeout=1).health()


def test_without_a_portal_applications_are_saved_and_wait(tmp_path: Path) -> None:
    ctx = build(
        Config(), Mode.REAL, home=tmp_path / "home", vault=Vault.in_memory_key(), threads=False
    )
    try:
        assert ctx.portal is None and ctx.worker is None and ctx.sandbox is None
        result = ctx.submissions.submit("1.001193", example_answers(), volunteer="Chị Mai",
                                        send_within_s=1)
        assert result.outcome is SubmissionOutcome.QUEUED and result.record is not None
        assert (tmp_path / "home" / "outbox.sqlite3").exists()
    finally:
        ctx.close()


def test_the_worker_purges_old_personal_data(tmp_path: Path) -> None:
    now = [datetime(2026, 1, 1, tzinfo=UTC)]
    box = Outbox(tmp_path / "o.sqlite3", Vault.in_memory_key(), clock=lambda: now[0])
    ref = box.enqueue("1.001193", {"a": 1}, kiosk_id="K").ref
    box.claim_due()
    box.mark_sent(ref, "C-1", received_at=now[0], appointment_date=None)
    now[0] += timedelta(days=31)
    worker = SyncWorker(box, PortalClient("http://127.0.0.1:9"), retention_days=30)
    worker.start()
    try:
        end = time.monotonic() + 10
        while time.monotonic() < end and not box.get(ref).purged:  # type: ignore[union-attr]
            time.sleep(0.02)
    finally:
        worker.stop()
    purged = box.get(ref)
    assert purged is not None and purged.purged and purged.answers is None
    box.close()
