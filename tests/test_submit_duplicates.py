"""A kill after the save must not invite a second application.

``kiosk submit`` says the reference on stderr the moment the save is durable,
before sending; the same procedure and answers again within 30 minutes are
refused (``--again`` overrides), compared by a keyed digest, never a plain hash.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from outbox_helpers import (
    PERSONAL_NAMES,
    ROOT,
    cli_env,
    example_answers,
    kiosk,
    outbox_list,
    write_json,
)
from sandbox_helpers import applications, set_faults

from forms.loader import load_catalogue
from kiosk.outbox.store import Outbox, canonical_answers
from kiosk.submission import SubmissionOutcome, SubmissionService
from kiosk.vault import Vault


def test_a_submit_killed_while_sending_has_already_printed_its_reference(
        tmp_path: Path, sandbox_process) -> None:  # type: ignore[no-untyped-def]
    env = cli_env(tmp_path)
    set_faults(sandbox_process.url, latency_ms=5000)
    printed = []
    for i in range(3):
        answers = example_answers()
        answers["child_name"] = ["Trần Minh An", "Trần Minh Anh", "Trần Minh Ân"][i]
        path = write_json(tmp_path / f"answers-{i}.json", answers)
        process = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "submit", "--procedure", "1.001193",
             "--answers", str(path), "--portal", sandbox_process.url],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            encoding="utf-8")
        assert process.stderr is not None
        line = process.stderr.readline()  # blocks until the save is durable
        process.kill()  # while it waits for the portal
        process.wait()
        assert line.startswith("kiosk: saved "), line
        printed.append(line.split()[2])
    listed = {r["ref"]: r for r in outbox_list(env)}
    assert set(listed) == set(printed)  # what was said to be saved is saved
    assert {r["status"] for r in listed.values()} <= {"queued", "sending"}


def test_the_same_answers_again_are_refused_unless_again(tmp_path: Path, sandbox_process) -> None:  # type: ignore[no-untyped-def]
    env = cli_env(tmp_path)
    answers = write_json(tmp_path / "answers.json", example_answers())
    args = ("submit", "--procedure", "1.001193", "--answers", str(answers),
            "--portal", sandbox_process.url)
    first = kiosk(env, *args)
    assert first.returncode == 0, first.stderr
    ref = json.loads(first.stdout)["ref"]
    retried = kiosk(env, *args)
    assert retried.returncode == 1 and retried.stdout == "" and "Traceback" not in retried.stderr
    assert f"was saved as {ref} at " in retried.stderr and "--again" in retried.stderr
    assert "nothing new was saved" in retried.stderr
    again = kiosk(env, *args, "--again")
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["ref"] != ref
    assert len(applications(sandbox_process.url)) == 2 and len(outbox_list(env)) == 2
    other = example_answers()
    other["child_name"] = "Trần Minh Anh"
    different = kiosk(env, "submit", "--procedure", "1.001193", "--portal", sandbox_process.url,
                      "--answers", str(write_json(tmp_path / "other.json", other)))
    assert different.returncode == 0, different.stderr  # other answers are another application


def test_the_service_says_duplicate_with_the_earlier_record(tmp_path: Path) -> None:
    now = [datetime(2026, 3, 2, 2, 42, tzinfo=UTC)]
    box = Outbox(tmp_path / "outbox.sqlite3", Vault.in_memory_key(), clock=lambda: now[0])
    service = SubmissionService(box, load_catalogue(), None, kiosk_id="K1")
    saved: list[str] = []
    try:
        first = service.submit("1.001193", example_answers(), on_saved=lambda r: saved.append(r.ref))
        assert first.outcome is SubmissionOutcome.QUEUED and first.record is not None
        assert saved == [first.record.ref]
        now[0] = now[0].replace(minute=59)
        dup = service.submit("1.001193", example_answers(), on_saved=lambda r: saved.append(r.ref))
        assert dup.outcome is SubmissionOutcome.DUPLICATE and not dup.saved
        assert dup.earlier is not None and dup.earlier.ref == first.record.ref
        assert dup.earlier.created_at == first.record.created_at
        assert dup.earlier.answers is None  # the GUI gets the ref and the time, nothing personal
        assert saved == [first.record.ref] and box.counts().queued == 1
        assert service.submit("1.001193", example_answers(), again=True).saved
        now[0] = now[0].replace(hour=3, minute=30)  # 31 minutes after the last one (2:59)
        assert service.submit("1.001193", example_answers()).outcome is SubmissionOutcome.QUEUED
    finally:
        box.close()


def test_the_digest_is_keyed_and_holds_no_personal_data(tmp_path: Path) -> None:
    answers = example_answers()
    box = Outbox(tmp_path / "outbox.sqlite3", Vault.in_memory_key())
    try:
        box.enqueue("1.001193", answers, kiosk_id="K1")
    finally:
        box.close()
    with sqlite3.connect(tmp_path / "outbox.sqlite3") as raw:
        (digest,) = raw.execute("SELECT answers_digest FROM records").fetchone()
    text = canonical_answers(answers)
    plain = {hashlib.sha256(s.encode()).hexdigest() for s in (text, f"1.001193\n{text}")}
    assert len(digest) == 64 and digest not in plain
    assert not any(name in digest for name in PERSONAL_NAMES)
    other = Outbox(tmp_path / "other.sqlite3", Vault.in_memory_key())
    try:
        other.enqueue("1.001193", answers, kiosk_id="K1")
    finally:
        other.close()
    with sqlite3.connect(tmp_path / "other.sqlite3") as raw:
        assert raw.execute("SELECT answers_digest FROM records").fetchone()[0] != digest
