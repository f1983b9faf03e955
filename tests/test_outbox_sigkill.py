"""Exactly once through crashes: ``kiosk outbox sync`` killed (SIGKILL) at random moments.

The sandbox fails 30% of calls and adds latency. After at least 20 kills and a
final uninterrupted sync, every application is at the sandbox exactly once.
"""

from __future__ import annotations

import random
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from outbox_helpers import ROOT, cli_env, enqueue_many, kiosk, outbox_list
from sandbox_helpers import applications, set_faults

RECORDS = 150
KILLS = 20


@pytest.mark.slow
def test_sync_killed_20_times_still_delivers_each_application_once(
    tmp_path: Path, sandbox_process  # type: ignore[no-untyped-def]
) -> None:
    env = cli_env(tmp_path)
    config = tmp_path / "kiosk.toml"
    config.write_text(
        f'[kiosk]\nid = "KILL-01"\n[portal]\nurl = "{sandbox_process.url}"\n'
        "read_timeout_s = 5.0\n[outbox]\nbackoff_base_s = 0.05\nbackoff_max_s = 0.4\n",
        encoding="utf-8",
    )
    env["KIOSK_CONFIG"] = str(config)
    refs = enqueue_many(env, RECORDS)
    set_faults(sandbox_process.url, fail_rate=0.3, latency_ms=25, seed=11)
    rng = random.Random(2026)
    kills = 0
    progress = []
    while kills < KILLS:
        process = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "outbox", "sync", "--until-empty"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if kills % 4 == 0:
            time.sleep(rng.uniform(0.1, 1.5))  # anywhere, start-up included
        else:  # mid-send: once this process has stored something
            _wait_for_progress(sandbox_process.url, before=len(applications(sandbox_process.url)))
            time.sleep(rng.uniform(0.0, 0.4))
        if process.poll() is not None:
            break  # it finished everything before this kill
        process.kill()  # SIGKILL on POSIX, TerminateProcess on Windows
        process.wait()
        kills += 1
        progress.append(len(applications(sandbox_process.url)))
    assert kills >= KILLS, f"the sync finished after only {kills} kills: make RECORDS larger"
    assert progress[-1] < RECORDS, "every kill should land while work is left"
    set_faults(sandbox_process.url, fail_rate=0.3, latency_ms=25, seed=12)
    final = kiosk(env, "outbox", "sync", "--until-empty", "--timeout", "60", timeout=90)
    assert final.returncode == 0, final.stderr
    stored = applications(sandbox_process.url)
    by_ref = Counter(a["local_ref"] for a in stored)
    assert set(by_ref) == set(refs), "none missing, none foreign"
    assert max(by_ref.values()) == 1, [r for r, n in by_ref.items() if n > 1]
    assert len({a["idempotency_key"] for a in stored}) == RECORDS
    listed = outbox_list(env)
    assert len(listed) == RECORDS and {r["status"] for r in listed} == {"sent"}
    assert {r["code"] for r in listed} == {a["code"] for a in stored}


def _wait_for_progress(url: str, before: int, limit_s: float = 15.0) -> None:
    end = time.monotonic() + limit_s
    while time.monotonic() < end and len(applications(url)) == before:
        time.sleep(0.02)
