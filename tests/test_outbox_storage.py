"""The outbox on disk: damaged files moved aside, a full disk, no personal data in clear."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import uuid
from pathlib import Path

import pytest
from outbox_helpers import PERSONAL_NAMES, PERSONAL_NUMBERS, example_answers

from kiosk.doctor import Status, inputs, run_checks
from kiosk.outbox.records import RecordStatus
from kiosk.outbox.store import Outbox, StorageFull
from kiosk.vault import Vault


def test_a_damaged_database_is_moved_aside_and_doctor_reports_it(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    damaged = b"this is not SQLite at all \x00\xff" * 200
    (home / "outbox.sqlite3").write_bytes(damaged)
    box = Outbox(home / "outbox.sqlite3", Vault.in_memory_key())
    try:
        moved = box.moved_aside
        assert moved is not None and moved.name.startswith("outbox.sqlite3.damaged-")
        assert moved.read_bytes() == damaged  # kept, never deleted
        record = box.enqueue("1.001193", {"a": 1}, kiosk_id="K1")
        assert box.get(record.ref) is not None  # the fresh database works
    finally:
        box.close()
    checks = {r.name: r for r in run_checks(inputs(None, None, home))}
    # Nothing could be read from it: doctor cannot say how many were lost, and fails.
    assert checks["outbox database"].status is Status.FAIL
    assert moved.name in checks["outbox database"].detail
    assert "lost: an unknown number" in checks["outbox database"].detail
    moved.unlink()
    checks = {r.name: r for r in run_checks(inputs(None, None, home))}
    assert checks["outbox database"].status is Status.OK


def test_a_scribbled_database_page_is_detected_and_what_still_reads_is_kept(
        tmp_path: Path) -> None:
    path = tmp_path / "outbox.sqlite3"
    vault = Vault.in_memory_key()
    box = Outbox(path, vault)
    refs = [box.enqueue("1.001193", {"text": "x" * 500}, kiosk_id="K1").ref for _ in range(50)]
    box.close()
    data = bytearray(path.read_bytes())
    data[4096 : 3 * 4096] = b"\xa5" * (2 * 4096)  # scribble over the second and third pages
    path.write_bytes(bytes(data))
    box = Outbox(path, vault)
    try:
        assert box.moved_aside is not None
        report = box.salvage_report()
        assert report is not None and report.saved + report.damaged + report.lost == 50
        assert report.lost_known and report.saved > 0  # not the whole queue dropped
        kept = {r.ref for r in box.list()}
        assert kept <= set(refs) and len(kept) == report.saved + report.damaged
        assert box.counts().queued == report.saved
        for record in box.list(RecordStatus.QUEUED):
            assert box.get(record.ref).answers == {"text": "x" * 500}  # type: ignore[union-attr]
    finally:
        box.close()


def _mount_tiny_tmpfs(where: Path) -> bool:
    if os.name != "posix" or os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    where.mkdir()
    run = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(where)], capture_output=True
    )
    return run.returncode == 0


def test_a_full_disk_raises_storage_full_and_leaves_no_half_record(tmp_path: Path) -> None:
    disk = tmp_path / "tiny"
    if not _mount_tiny_tmpfs(disk):
        pytest.skip("needs root and `mount -t tmpfs` to make a real 256 KB disk")
    try:
        vault = Vault.in_memory_key()
        box = Outbox(disk / "outbox.sqlite3", vault)
        saved: list[str] = []
        big = {"note": os.urandom(6000).hex()}
        with pytest.raises(StorageFull) as caught:
            for _ in range(500):
                saved.append(box.enqueue("1.001193", big, kiosk_id="K1").ref)
        assert "full" in str(caught.value)
        assert caught.value.resident_message("vi").startswith("Không lưu được hồ sơ")
        assert saved, "some records fit before the disk filled"
        assert {r.ref for r in box.list()} == set(saved)
        box.close()
        reopened = Outbox(disk / "outbox.sqlite3", vault)
        try:
            assert reopened.moved_aside is None
            assert {r.ref for r in reopened.list()} == set(saved)
            assert all(reopened.get(ref).answers == big for ref in saved)  # type: ignore[union-attr]
        finally:
            reopened.close()
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)


def test_the_outbox_file_holds_no_personal_data_in_clear(tmp_path: Path) -> None:
    path = tmp_path / "outbox.sqlite3"
    box = Outbox(path, Vault.in_memory_key())
    answers = example_answers()
    refs = [
        box.enqueue("1.001193", answers, kiosk_id="K1", volunteer="Phạm Văn Tình").ref
        for _ in range(5)
    ]
    claimed = box.claim_due()
    box.mark_rejected(claimed[0].ref, [], "HTTP 422")
    # Keep the WAL: read both files while the connection is open.
    blobs = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    assert "outbox.sqlite3-wal" in blobs and len(blobs["outbox.sqlite3-wal"]) > 0
    secrets = [*PERSONAL_NAMES, *PERSONAL_NUMBERS, "Phạm Văn Tình", "Hàng Bạc"]
    for name, blob in blobs.items():
        for secret in secrets:
            for form in _encodings(secret):
                assert form not in blob, f"{secret!r} found in {name}"
    assert all(box.get(ref).answers == answers for ref in refs)  # type: ignore[union-attr]
    # Metadata stays readable for listing without the key.
    with sqlite3.connect(path) as raw:
        statuses = {row[0] for row in raw.execute("SELECT status FROM records")}
    assert statuses == {RecordStatus.SENDING.value, RecordStatus.REJECTED.value}
    box.close()


def _encodings(text: str) -> list[bytes]:
    import unicodedata

    forms = {text.encode("utf-8"), unicodedata.normalize("NFD", text).encode("utf-8")}
    forms.add(text.encode("utf-16-le"))
    return sorted(forms)


def test_records_do_not_open_with_another_key(tmp_path: Path) -> None:
    path = tmp_path / "outbox.sqlite3"
    box = Outbox(path, Vault.in_memory_key())
    ref = box.enqueue("1.001193", {"a": 1}, kiosk_id="K1").ref
    box.close()
    other = Outbox(path, Vault(bytes(32), key_id=str(uuid.uuid4())))
    try:
        from kiosk.vault import VaultError

        assert other.list()[0].ref == ref  # listing needs no key
        with pytest.raises(VaultError):
            other.get(ref)
    finally:
        other.close()


def test_another_key_neither_seals_nor_claims_nor_sets_records_aside(tmp_path: Path) -> None:
    """The keyring entry was replaced: the outbox refuses the new key instead of mixing
    keys in one file or marking every record it cannot open."""
    from kiosk.vault import KeyMismatch

    path = tmp_path / "outbox.sqlite3"
    box = Outbox(path, Vault.in_memory_key())
    lost = box.enqueue("1.001193", {"a": 1}, kiosk_id="K1").ref
    box.close()
    box = Outbox(path, Vault.in_memory_key())
    try:
        with pytest.raises(KeyMismatch, match="outbox retire --unreadable"):
            box.enqueue("1.001193", {"b": 2}, kiosk_id="K1")
        with pytest.raises(KeyMismatch):
            box.claim_due()
        with pytest.raises(KeyMismatch):
            box.claim(lost)
        assert [(r.ref, r.status) for r in box.list()] == [(lost, RecordStatus.QUEUED)]
        assert box.list()[0].attempts == 0
    finally:
        box.close()


def test_a_damaged_record_is_set_aside_and_does_not_block_the_queue(tmp_path: Path) -> None:
    path = tmp_path / "outbox.sqlite3"
    box = Outbox(path, Vault.in_memory_key())
    try:
        # 25 damaged records first, more than a batch: the fresh one must still be reached.
        damaged = [box.enqueue("1.001193", {"a": i}, kiosk_id="K1").ref for i in range(25)]
        fresh = box.enqueue("1.001193", {"b": 2}, kiosk_id="K1").ref
        with sqlite3.connect(path) as raw:
            raw.executemany("UPDATE records SET answers = X'0102030405' WHERE ref = ?",
                            [(ref,) for ref in damaged])
        assert [r.ref for r in box.claim_due(20)] == [fresh]
        aside = box.list(RecordStatus.UNREADABLE)
        assert {r.ref for r in aside} == set(damaged)
        assert all("answers: not a sealed kiosk record" in (r.last_error or "") for r in aside)
        assert box.claim_due() == [] and box.next_due() is not None  # fresh is in sending
        assert box.counts().unreadable == 25 and box.counts().pending == 1
    finally:
        box.close()
