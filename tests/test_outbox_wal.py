"""Deleting the ``-wal`` file after a kill must not lose committed records silently: the
outbox merges its WAL when it goes idle and at close, and doctor warns about a stale one."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from outbox_helpers import ROOT, cli_env, kiosk, outbox_list

from kiosk.outbox.store import Outbox
from kiosk.vault import Vault

RUNNING_KIOSK = """
import sys, time
from pathlib import Path
from kiosk.outbox.backoff import Backoff
from kiosk.outbox.store import Outbox
from kiosk.outbox.sync import SyncWorker
from kiosk.portal import PortalClient
from kiosk.vault import Vault
box = Outbox(Path(sys.argv[1]), Vault.in_memory_key(), backoff=Backoff(3600, 3600))
worker = SyncWorker(box, PortalClient("http://127.0.0.1:9", connect_timeout=0.5,
                                      read_timeout=0.5), idle_wait_s=3600)
worker.start()
for i in range(5):
    box.enqueue("1.001193", {"n": i}, kiosk_id="K1")
    worker.wake()
    time.sleep(0.2)
assert worker.wait_idle(60)
print("idle", flush=True)
time.sleep(600)
"""

KILLED_MID_WORK = """
import os, sys
from pathlib import Path
from kiosk.context import build_for_command
from kiosk.config import Config
from forms.loader import load_catalogue
context = build_for_command(Config())
answers = dict(load_catalogue().get("1.001193").example)
for _ in range(3):
    context.submissions.submit("1.001193", answers, again=True)
os._exit(9)  # no close: the WAL stays as a crash leaves it
"""


def test_records_survive_a_deleted_wal_once_the_worker_went_idle(tmp_path: Path) -> None:
    path = tmp_path / "outbox.sqlite3"
    kiosk_process = subprocess.Popen([sys.executable, "-c", RUNNING_KIOSK, str(path)], cwd=ROOT,
                                     stdout=subprocess.PIPE, text=True)
    try:
        assert kiosk_process.stdout is not None
        assert kiosk_process.stdout.readline().strip() == "idle"
    finally:
        kiosk_process.send_signal(signal.SIGKILL if os.name == "posix" else signal.SIGTERM)
        kiosk_process.wait()
    for side in ("-wal", "-shm"):  # what a well-meaning technician "cleans up"
        path.with_name(path.name + side).unlink(missing_ok=True)
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT COUNT(*) FROM records").fetchone() == (5,)


def test_close_merges_the_wal(tmp_path: Path) -> None:
    box = Outbox(tmp_path / "outbox.sqlite3", Vault.in_memory_key())
    box.enqueue("1.001193", {"a": 1}, kiosk_id="K1")
    wal = tmp_path / "outbox.sqlite3-wal"
    assert wal.stat().st_size > 0
    box.close()
    assert not wal.exists() or wal.stat().st_size == 0


def test_doctor_warns_about_a_stale_journal_and_nothing_is_lost(tmp_path: Path) -> None:
    env = cli_env(tmp_path)
    run = subprocess.run([sys.executable, "-c", KILLED_MID_WORK], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 9, run.stderr
    wal = tmp_path / "home" / "outbox.sqlite3-wal"
    assert wal.stat().st_size > 0
    from kiosk.doctor.storage import _stale_journal

    assert _stale_journal(wal.with_name("outbox.sqlite3")) is None  # just written: normal
    old = time.time() - 600
    os.utime(wal, (old, old))  # the kiosk died ten minutes ago
    doctor = kiosk(env, "doctor", "--json")
    checks = {c["name"]: c for c in json.loads(doctor.stdout)["checks"]}
    journal = checks["outbox journal"]
    assert journal["status"] == "warn" and "outbox.sqlite3-wal held" in journal["detail"]
    assert "never delete the -wal file" in journal["hint"]
    assert "this check merged it now" in journal["detail"]
    assert len(outbox_list(env)) == 3
    again = {c["name"]: c for c in json.loads(kiosk(env, "doctor", "--json").stdout)["checks"]}
    assert "outbox journal" not in again
