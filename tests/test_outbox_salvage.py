"""One damaged page must not drop the whole queue: what still reads is salvaged, doctor says
how many were saved and lost. Real SQLite files on disk, damaged where SQLite keeps rows."""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path

from outbox_helpers import cli_env, enqueue_many, kiosk, outbox_list

from kiosk.doctor import Status, inputs, run_checks
from kiosk.outbox.records import RecordStatus
from kiosk.outbox.store import Outbox
from kiosk.vault import Vault

RECORDS = 120


def _fill(path: Path, vault: Vault, n: int = RECORDS) -> list[str]:
    box = Outbox(path, vault)
    try:
        return [box.enqueue("1.001193", {"note": f"application {i}", "pad": "x" * 700},
                            kiosk_id="K1").ref for i in range(n)]
    finally:
        box.close()


def _pages(path: Path, name: str, kind: str) -> list[int]:
    with sqlite3.connect(path) as raw:
        return [row[0] for row in raw.execute(
            "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = ? ORDER BY pageno",
            (name, kind))]


def _refs_on_page(path: Path, page: int) -> set[str]:
    """The references whose rows a table leaf page holds (read before it is damaged)."""
    with sqlite3.connect(path) as raw:
        size = raw.execute("PRAGMA page_size").fetchone()[0]
        refs = [r[0] for r in raw.execute("SELECT ref FROM records ORDER BY rowid")]
    blob = path.read_bytes()[(page - 1) * size : page * size]
    return {ref for ref in refs if ref.encode() in blob}


def _scribble(path: Path, page: int, seed: int = 7) -> None:
    with sqlite3.connect(path) as raw:
        size = raw.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(path.read_bytes())
    data[(page - 1) * size : page * size] = random.Random(seed).randbytes(size)
    path.write_bytes(bytes(data))


def test_random_bytes_in_one_leaf_page_lose_only_that_pages_records(tmp_path: Path) -> None:
    path = tmp_path / "outbox.sqlite3"
    vault = Vault.in_memory_key()
    refs = _fill(path, vault)
    leaves = _pages(path, "records", "leaf")
    assert len(leaves) > 10
    page = leaves[len(leaves) // 2]
    on_page = _refs_on_page(path, page)
    assert 0 < len(on_page) < RECORDS // 4
    _scribble(path, page)
    damaged_bytes = path.read_bytes()
    box = Outbox(path, vault)
    try:
        moved = box.moved_aside
        assert moved is not None and moved.read_bytes() == damaged_bytes  # kept, unchanged
        report = box.salvage_report()
        assert report is not None and report.lost_known
        assert report.saved + report.damaged + report.lost == RECORDS
        assert report.lost + report.damaged <= len(on_page)
        kept = {r.ref for r in box.list(RecordStatus.QUEUED)}
        assert kept >= set(refs) - on_page  # every row off the damaged page was saved
        assert len(kept) == report.saved
        for ref in kept:  # and each saved one opens and can be sent
            assert box.get(ref).answers["pad"] == "x" * 700  # type: ignore[union-attr,index]
        fresh = box.enqueue("1.001193", {"note": "after"}, kiosk_id="K1")  # same key adopted
        assert box.get(fresh.ref) is not None
    finally:
        box.close()
    checks = {r.name: r for r in run_checks(inputs(None, None, tmp_path))}
    database = checks["outbox database"]
    assert moved.name in database.detail
    assert f"Saved from it: {report.saved} records" in database.detail
    assert f"lost: {report.lost}" in database.detail
    assert database.status is (Status.FAIL if report.lost else Status.WARN)


def test_a_damaged_index_page_loses_nothing(tmp_path: Path) -> None:
    """Before issue 10 this moved the whole file aside and started empty, though every row
    still read: the damage was in an index."""
    path = tmp_path / "outbox.sqlite3"
    vault = Vault.in_memory_key()
    refs = _fill(path, vault)
    _scribble(path, _pages(path, "records_created", "leaf")[0])
    box = Outbox(path, vault)
    try:
        report = box.salvage_report()
        assert box.moved_aside is not None and report is not None
        assert (report.saved, report.damaged, report.lost) == (RECORDS, 0, 0)
        assert {r.ref for r in box.list()} == set(refs)
        assert [r.ref for r in box.claim_due(RECORDS)] and box.counts().sending == RECORDS
    finally:
        box.close()
    checks = {r.name: r for r in run_checks(inputs(None, None, tmp_path))}
    assert checks["outbox database"].status is Status.WARN
    assert "lost: 0" in checks["outbox database"].detail


def test_a_row_whose_answers_overflow_into_a_damaged_page_is_kept_as_unreadable(
        tmp_path: Path) -> None:
    """Big answers spill into overflow pages: with one of those damaged the row's clear
    columns still read, so the record stays listed (unreadable) instead of vanishing."""
    path = tmp_path / "outbox.sqlite3"
    vault = Vault.in_memory_key()
    box = Outbox(path, vault)
    small = [box.enqueue("1.001193", {"n": i}, kiosk_id="K1").ref for i in range(10)]
    big = box.enqueue("1.001193", {"scan": random.Random(1).randbytes(20000).hex()},
                      kiosk_id="K1").ref
    box.close()
    overflow = _pages(path, "records", "overflow")
    assert overflow
    _scribble(path, overflow[len(overflow) // 2])
    box = Outbox(path, vault)
    try:
        report = box.salvage_report()
        assert report is not None and (report.saved, report.damaged, report.lost) == (10, 1, 0)
        aside = box.list(RecordStatus.UNREADABLE)
        assert [r.ref for r in aside] == [big] and "without its sealed data" in aside[0].last_error
        assert {r.ref for r in box.list(RecordStatus.QUEUED)} == set(small)
    finally:
        box.close()


def test_doctor_in_a_fresh_process_reports_the_salvage(tmp_path: Path) -> None:
    env = cli_env(tmp_path)
    refs = enqueue_many(env, 60)
    path = tmp_path / "home" / "outbox.sqlite3"
    page = _pages(path, "records", "leaf")[2]
    _scribble(path, page)
    doctor = kiosk(env, "doctor", "--json")
    assert "Traceback" not in doctor.stderr
    checks = {c["name"]: c for c in json.loads(doctor.stdout)["checks"]}
    database = checks["outbox database"]
    assert database["status"] in ("warn", "fail") and ".damaged-" in database["detail"]
    assert "Saved from it:" in database["detail"] and "lost:" in database["detail"]
    listed = outbox_list(env)
    assert 40 < len(listed) <= 60 and {r["ref"] for r in listed} <= set(refs)
