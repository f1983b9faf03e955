"""One sender per KIOSK_HOME: two syncs never send the same records twice.

The sender lock is a real OS file lock taken by real processes; leases are
honoured: a record another live sender is sending is never requeued under it.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from outbox_helpers import (
    ROOT,
    cli_env,
    enqueue_many,
    example_answers,
    kiosk,
    outbox_list,
    write_json,
)
from sandbox_helpers import applications, set_faults

from kiosk.outbox.backoff import Backoff
from kiosk.outbox.records import RecordStatus
from kiosk.outbox.store import Outbox
from kiosk.outbox.sync import SyncWorker
from kiosk.portal import PortalClient
from kiosk.vault import Vault

HOLD = """
import sys, time
from pathlib import Path
from kiosk.outbox.lock import SenderLock
lock = SenderLock(Path(sys.argv[1]))  # kept: a collected lock is released
assert lock.acquire()
print("held", flush=True)
time.sleep(600)
"""


@contextmanager
def lock_held_elsewhere(db_path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holds the outbox's sender lock until the block ends (then it is
    killed: the OS releases its lock)."""
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(db_path)], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield holder
    finally:
        holder.kill()
        holder.wait()


def _wait_for(condition: Callable[[], bool], limit_s: float = 60.0) -> bool:
    end = time.monotonic() + limit_s
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def test_a_second_sync_refuses_while_the_first_sends(tmp_path: Path, sandbox_process) -> None:  # type: ignore[no-untyped-def]
    env = cli_env(tmp_path)
    refs = enqueue_many(env, 31)
    set_faults(sandbox_process.url, latency_ms=150)
    first = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "outbox", "sync", "--until-empty", "--timeout", "90",
         "--portal", sandbox_process.url],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert _wait_for(lambda: len(applications(sandbox_process.url)) >= 2)
        second = kiosk(env, "outbox", "sync", "--portal", sandbox_process.url)
        assert second.returncode == 1 and "Traceback" not in second.stderr
        assert "another sender is already at work on this outbox" in second.stderr
        assert "this command sent nothing" in second.stderr
        out, err = first.communicate(timeout=120)
    finally:
        first.kill()
    assert first.returncode == 0, err
    assert out.startswith("sent 31,"), out
    listed = outbox_list(env)
    assert {r["status"] for r in listed} == {"sent"}
    assert {r["attempts"] for r in listed} == {1}, "a record was claimed (sent) twice"
    assert sorted(a["local_ref"] for a in applications(sandbox_process.url)) == sorted(refs)


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def test_records_in_flight_are_requeued_only_when_no_sender_has_them(tmp_path: Path) -> None:
    clock = Clock()
    box = Outbox(tmp_path / "outbox.sqlite3", Vault.in_memory_key(), clock=clock, lease_s=120)
    try:
        ref = box.enqueue("1.001193", {"a": 1}, kiosk_id="K1").ref
        assert [r.ref for r in box.claim_due()] == [ref]
        with lock_held_elsewhere(box.path):
            assert box.requeue_interrupted() == 0  # a live sender's lease: left alone
            clock.now += timedelta(seconds=121)
            assert box.requeue_interrupted() == 1  # its lease ran out
            assert [r.ref for r in box.claim_due()] == [ref]
        # The holder is gone: whatever is in `sending` was left by a dead sender.
        assert box.requeue_interrupted() == 1
        assert box.get(ref).status is RecordStatus.QUEUED  # type: ignore[union-attr]
    finally:
        box.close()


def test_the_kiosks_worker_waits_for_a_running_sync(tmp_path: Path, sandbox_url: str) -> None:
    box = Outbox(tmp_path / "outbox.sqlite3", Vault.in_memory_key(), backoff=Backoff(0.05, 0.2))
    worker = SyncWorker(box, PortalClient(sandbox_url), idle_wait_s=0.2)
    try:
        ref = box.enqueue("1.001193", example_answers(), kiosk_id="K1").ref
        with lock_held_elsewhere(box.path):
            worker.start()
            time.sleep(1.5)
            record = box.get(ref)
            assert record is not None and record.status is RecordStatus.QUEUED
            assert record.attempts == 0 and applications(sandbox_url) == []
        assert _wait_for(lambda: box.get(ref).status is RecordStatus.SENT)  # type: ignore[union-attr]
    finally:
        worker.stop()
        box.close()
    assert [a["local_ref"] for a in applications(sandbox_url)] == [ref]


def test_submit_saves_and_leaves_the_send_to_the_running_kiosk(tmp_path: Path, sandbox_process) -> None:  # type: ignore[no-untyped-def]
    env = cli_env(tmp_path)
    answers = write_json(tmp_path / "answers.json", example_answers())
    enqueue_many(env, 1)  # the outbox (and its key) exist, as beside a running kiosk
    with lock_held_elsewhere(tmp_path / "home" / "outbox.sqlite3"):
        run = kiosk(env, "submit", "--procedure", "1.001193", "--answers", str(answers),
                    "--again", "--portal", sandbox_process.url)
        assert run.returncode == 1 and "Traceback" not in run.stderr
        line = json.loads(run.stdout)
        assert line["status"] == "queued"
        assert f"kiosk: saved {line['ref']}" in run.stderr
        assert "the running kiosk" in run.stderr and "will send it" in run.stderr
        assert applications(sandbox_process.url) == []
        retry = kiosk(env, "outbox", "retry", line["ref"], "--portal", sandbox_process.url)
        assert retry.returncode == 1 and "back in the queue" in retry.stderr
    sync = kiosk(env, "outbox", "sync", "--portal", sandbox_process.url)
    assert sync.returncode == 0 and sync.stdout.startswith("sent 2"), sync.stdout + sync.stderr


def test_killed_senders_leave_no_lock_behind(tmp_path: Path) -> None:
    db_path = tmp_path / "outbox.sqlite3"
    for _ in range(3):
        with lock_held_elsewhere(db_path) as holder:
            assert holder.poll() is None
        from kiosk.outbox.lock import SenderLock

        lock = SenderLock(db_path)
        assert _wait_for(lambda: lock.acquire(random.uniform(0, 0.1)), 10)  # noqa: B023
        lock.release()
