"""Outbox speed: durable enqueue (encryption, WAL, synchronous=FULL) and drain rate.

* ``outbox.enqueue_p50`` / ``outbox.enqueue_p99``: ``Outbox.enqueue`` of the
  birth-registration example answers, sealed with AES-GCM and committed, 500 times.
* ``outbox.bare_commit_*``: the floor on this disk at this moment, a bare SQLite
  INSERT + COMMIT with the same settings (the enqueue figures move with it).
* ``outbox.drain_rate``: 500 queued records sent by ``drain_due`` to a local
  ``kiosk sandbox`` process (its own process, no injected latency), one
  keep-alive connection, each answer recorded durably.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import Result
from forms.loader import load_catalogue
from kiosk.outbox.store import Outbox
from kiosk.outbox.sync import drain_due
from kiosk.portal import PortalClient
from kiosk.vault import Vault

ENQUEUES = 500
DRAIN = 500


def _answers() -> dict[str, object]:
    return dict(load_catalogue().get("1.001193").example)


def _enqueue_times(folder: Path) -> list[float]:
    box = Outbox(folder / "outbox.sqlite3", Vault.in_memory_key())
    answers = _answers()
    times = []
    try:
        for _ in range(ENQUEUES):
            start = time.perf_counter()
            box.enqueue("1.001193", answers, kiosk_id="BENCH-01", volunteer="Chị Mai")
            times.append((time.perf_counter() - start) * 1000)
    finally:
        box.close()
    return sorted(times)


def _bare_commit_times(folder: Path) -> list[float]:
    """The floor: one INSERT + COMMIT with the same durability settings, nothing else."""
    conn = sqlite3.connect(folder / "bare.sqlite3", isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE t (a BLOB)")
    times = []
    for _ in range(ENQUEUES):
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO t VALUES (?)", (os.urandom(1500),))
        conn.execute("COMMIT")
        times.append((time.perf_counter() - start) * 1000)
    conn.close()
    return sorted(times)


def _start_sandbox(folder: Path) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "sandbox", "--port", "0", "--data", str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    return process, line.rsplit(" ", 1)[-1].strip()


def _drain_rate(folder: Path) -> float:
    process, url = _start_sandbox(folder / "sandbox")
    box = Outbox(folder / "drain.sqlite3", Vault.in_memory_key())
    portal = PortalClient(url)
    try:
        answers = _answers()
        for _ in range(DRAIN):
            box.enqueue("1.001193", answers, kiosk_id="BENCH-01")
        portal.health()  # open the keep-alive connection outside the timing
        start = time.perf_counter()
        result = drain_due(box, portal, batch=50)
        elapsed = time.perf_counter() - start
        assert result.sent == DRAIN, result
    finally:
        portal.close()
        box.close()
        process.terminate()
        process.wait(10)
    return DRAIN / elapsed


def run() -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="bench-outbox-") as tmp:
        folder = Path(tmp)
        times = _enqueue_times(folder)
        p50 = statistics.median(times)
        p99 = times[int(len(times) * 0.99) - 1]
        bare = _bare_commit_times(folder)
        rate = _drain_rate(folder)
    return [
        Result("outbox.bare_commit_p50", statistics.median(bare), "ms"),
        Result("outbox.bare_commit_p99", bare[int(len(bare) * 0.99) - 1], "ms"),
        Result("outbox.enqueue_p50", p50, "ms"),
        Result("outbox.enqueue_p99", p99, "ms", "<= 10 ms", p99 <= 10),
        Result("outbox.drain_rate", rate, "per_s", ">= 100 per s", rate >= 100),
    ]
