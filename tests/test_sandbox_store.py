"""The sandbox store on disk: atomic admission, daily sequences, a closed store."""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path

import pytest

from kiosk.sandbox.store import NewApplication, Outcome, SandboxStore, StoreClosed
from kiosk.sandbox.timeline import VIETNAM


def new(key: str, body_hash: str = "h1", level: str = "commune") -> NewApplication:
    return NewApplication(
        idempotency_key=key,
        body_hash=body_hash,
        procedure="1.001193",
        level=level,
        processing_days=3,
        local_ref=f"REF-{key}",
        kiosk_id="K1",
        received_at=datetime(2026, 11, 23, 10, 0, tzinfo=VIETNAM),
    )


def test_admission_outcomes(tmp_path: Path) -> None:
    store = SandboxStore(tmp_path / "s.sqlite3")
    created = store.admit(new("a"))
    assert created.outcome is Outcome.CREATED
    assert created.application.code == "H99.01.01-261123-0001"
    assert created.application.appointment_date.isoformat() == "2026-11-26"
    assert store.admit(new("a")).outcome is Outcome.REPLAYED
    assert store.admit(new("a", body_hash="h2")).outcome is Outcome.CONFLICT
    assert store.admit(new("b", level="province")).application.code == "H99.01-261123-0001"
    assert [a.idempotency_key for a in store.applications()] == ["a", "b"]
    assert store.find_by_local_ref("REF-b") == store.get("H99.01-261123-0001")
    store.close()


def test_threads_admitting_one_key_store_it_once(tmp_path: Path) -> None:
    store = SandboxStore(tmp_path / "s.sqlite3")
    start = threading.Barrier(8)
    outcomes: list[Outcome] = []

    def admit() -> None:
        start.wait()
        outcomes.append(store.admit(new("same")).outcome)

    threads = [threading.Thread(target=admit) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(o.value for o in outcomes) == ["created"] + ["replayed"] * 7
    assert len(store.applications()) == 1
    store.close()


def test_a_closed_store_says_so(tmp_path: Path) -> None:
    store = SandboxStore(tmp_path / "s.sqlite3")
    store.close()
    with pytest.raises(StoreClosed):
        store.get("H99.01.01-261123-0001")
    with pytest.raises(StoreClosed):
        store.admit(new("a"))
    store.close()  # closing twice is harmless
