"""The sync worker against a real ``kiosk sandbox`` process: queue while down, then drain."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path

from outbox_helpers import example_answers
from sandbox_helpers import applications, set_faults, start_sandbox_process

from forms.loader import load_catalogue
from kiosk.outbox.backoff import Backoff
from kiosk.outbox.monitor import ConnectivityMonitor
from kiosk.outbox.records import RecordStatus
from kiosk.outbox.store import Outbox
from kiosk.outbox.sync import DirectSender, Sender, SyncWorker
from kiosk.portal import PortalClient
from kiosk.submission import SubmissionOutcome, SubmissionResult, SubmissionService
from kiosk.vault import Vault


def _wait_for(condition: Callable[[], bool], limit_s: float = 60.0) -> bool:
    """Poll until ``condition`` holds (a bound on waiting, not a speed assertion)."""
    end = time.monotonic() + limit_s
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def _outbox(tmp_path: Path) -> Outbox:
    return Outbox(tmp_path / "outbox.sqlite3", Vault.in_memory_key(), backoff=Backoff(0.05, 0.5))


def _service(outbox: Outbox, sender: Sender | None) -> SubmissionService:
    return SubmissionService(outbox, load_catalogue(), sender, kiosk_id="TEST-01")


def _saved(result: SubmissionResult) -> str:
    assert result.record is not None, result
    return result.record.ref


def test_200_queued_while_down_then_drained_exactly_once(tmp_path: Path, sandbox_process) -> None:  # type: ignore[no-untyped-def]
    url = sandbox_process.url
    set_faults(url, down=True)
    portal = PortalClient(url)
    outbox = _outbox(tmp_path)
    worker = SyncWorker(outbox, portal, idle_wait_s=0.5)
    service = _service(outbox, worker)
    worker.start()
    try:
        answers = example_answers()
        refs = [_saved(service.submit("1.001193", answers, again=True)) for _ in range(200)]
        assert _wait_for(lambda: any(r.attempts for r in outbox.list()))
        assert outbox.counts().sent == 0 and applications(url) == []
        set_faults(url)
        worker.wake(make_due=True)  # what the connectivity monitor does when the portal returns
        assert _wait_for(lambda: outbox.counts().sent == 200), outbox.counts()
    finally:
        worker.stop()
        portal.close()
    stored = applications(url)
    assert len(stored) == 200
    keys = {outbox.get(ref).idempotency_key for ref in refs}  # type: ignore[union-attr]
    assert {a["idempotency_key"] for a in stored} == keys
    assert {a["local_ref"] for a in stored} == set(refs)
    assert all(r.status is RecordStatus.SENT and r.code for r in outbox.list())
    assert not worker.is_alive()
    outbox.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


def test_monitor_wakes_the_worker_when_the_portal_comes_back(tmp_path: Path) -> None:
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    portal = PortalClient(url, connect_timeout=1, read_timeout=5)
    outbox = _outbox(tmp_path)
    outbox.backoff = Backoff(3600.0, 3600.0)  # only a wake-up can send it again soon
    worker = SyncWorker(outbox, portal, idle_wait_s=60)
    monitor = ConnectivityMonitor(portal, interval_s=0.2, probe_timeout_s=1)
    changes: list[bool] = []
    seen = threading.Event()
    monitor.on_change(lambda online: (changes.append(online), seen.set()))
    monitor.on_change(lambda online: worker.wake(make_due=True) if online else None)
    service = _service(outbox, worker)
    worker.start()
    monitor.start()
    sandbox = None
    try:
        assert seen.wait(10) and changes == [False]
        ref = _saved(service.submit("1.001193", example_answers()))
        assert _wait_for(lambda: outbox.get(ref).attempts >= 1)  # type: ignore[union-attr]
        assert outbox.get(ref).status is RecordStatus.QUEUED  # type: ignore[union-attr]
        sandbox = start_sandbox_process(tmp_path / "sandbox", "--port", str(port))
        assert _wait_for(lambda: outbox.get(ref).status is RecordStatus.SENT)  # type: ignore[union-attr]
        assert changes == [False, True] and monitor.online
        sandbox.stop()
        sandbox = None
        assert _wait_for(lambda: changes == [False, True, False])
        assert not monitor.online
    finally:
        monitor.stop()
        worker.stop()
        if sandbox is not None:
            sandbox.stop()
        outbox.close()


def test_one_immediate_attempt_gives_the_code_or_leaves_it_queued(
        tmp_path: Path, sandbox_url: str) -> None:
    """The command line's path: no worker, the attempt runs on the caller's thread."""
    portal = PortalClient(sandbox_url)
    outbox = _outbox(tmp_path)
    service = _service(outbox, DirectSender(outbox, portal))
    try:
        sent = service.submit("birth_registration", example_answers(), volunteer="Anh Tú",
                              send_within_s=10)
        assert sent.outcome is SubmissionOutcome.SENT and sent.code
        set_faults(sandbox_url, down=True)
        waiting = service.submit("1.001193", example_answers(), send_within_s=5, again=True)
        assert waiting.outcome is SubmissionOutcome.QUEUED and waiting.code is None
        assert waiting.record is not None and "503" in (waiting.record.last_error or "")
        bad = example_answers()
        bad["requester_phone"] = "123"
        refused = service.submit("1.001193", bad, send_within_s=5)
        assert refused.outcome is SubmissionOutcome.INVALID and refused.record is None
        assert [e.field for e in refused.field_errors] == ["requester_phone"]
        assert outbox.counts().queued == 1  # nothing saved for invalid answers
    finally:
        set_faults(sandbox_url)
        outbox.close()


def test_the_worker_sends_a_waiting_residents_application_first(
        tmp_path: Path, sandbox_url: str) -> None:
    """The kiosk's path: the resident's record jumps a backlog, and the caller waits on the
    worker's answer (a future), not by polling the outbox."""
    portal = PortalClient(sandbox_url)
    outbox = _outbox(tmp_path)
    worker = SyncWorker(outbox, portal, idle_wait_s=60)
    service = _service(outbox, worker)
    sent_order: list[str] = []
    worker.on_settled(lambda record: sent_order.append(record.ref))
    try:
        backlog = [outbox.enqueue("1.001193", example_answers(), kiosk_id="TEST-01").ref
                   for _ in range(30)]
        worker.start()
        result = service.submit("1.001193", example_answers(), send_within_s=10, again=True)
        assert result.outcome is SubmissionOutcome.SENT and result.code
        assert result.record is not None and result.record.ref in sent_order[:3]
        assert _wait_for(lambda: outbox.counts().sent == 31)
        assert set(sent_order) == {*backlog, result.record.ref} and len(sent_order) == 31
    finally:
        worker.stop()
        outbox.close()


def test_a_stopped_worker_leaves_the_application_queued_within_the_wait(
        tmp_path: Path, sandbox_url: str) -> None:
    outbox = _outbox(tmp_path)
    worker = SyncWorker(outbox, PortalClient(sandbox_url))  # never started
    service = _service(outbox, worker)
    try:
        started = time.monotonic()
        result = service.submit("1.001193", example_answers(), send_within_s=0.5)
        assert result.outcome is SubmissionOutcome.QUEUED and result.saved
        assert time.monotonic() - started < 5
    finally:
        outbox.close()
