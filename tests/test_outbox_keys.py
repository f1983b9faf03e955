"""A lost or replaced outbox key never silently destroys the queue.

Against the real Secret Service that scripts/with-test-services.sh starts
(gnome-keyring on a private D-Bus): the key is deleted (or replaced) while
applications are queued; no command makes a new key, the kiosk refuses to
start, doctor fails with the way out, and ``kiosk outbox retire --unreadable``
lists what is lost and, with ``--yes``, retires it so a new key can be made.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from outbox_helpers import ROOT, enqueue_many, example_answers, kiosk, outbox_list, write_json
from sandbox_helpers import applications
from services import service_missing

from kiosk.outbox import keys
from kiosk.outbox.records import RecordStatus
from kiosk.outbox.store import Outbox
from kiosk.vault import DEFAULT_KEY_ID, SERVICE, KeyMismatch, Vault

V1_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE records (
    ref TEXT PRIMARY KEY, idempotency_key TEXT NOT NULL UNIQUE, procedure TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'rejected')),
    kiosk_id TEXT NOT NULL, created_at TEXT NOT NULL, next_attempt_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0, code TEXT, appointment_date TEXT, received_at TEXT,
    sent_at TEXT, last_error TEXT, errors BLOB, answers BLOB, volunteer BLOB, purged_at TEXT
);
CREATE INDEX records_due ON records (status, next_attempt_at);
CREATE INDEX records_created ON records (created_at);
INSERT INTO meta VALUES ('schema_version', '1');
"""


@pytest.fixture
def real_keyring_env(tmp_path: Path):  # type: ignore[no-untyped-def]
    if os.environ.get("KIOSK_TEST_SECRET_SERVICE") != "1":
        service_missing("needs the headless Secret Service that `make test` starts "
                        "(scripts/with-test-services.sh: gnome-keyring on a private D-Bus)")
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHON_KEYRING", "KIOSK_CONFIG", "KIOSK_ALLOW_INSECURE"))}
    env.update(KIOSK_HOME=str(tmp_path / "home"), PYTHONIOENCODING="utf-8")
    _keyring(env, "delete")  # this run's private keyring; start without an outbox key
    yield env
    _keyring(env, "delete")


def _keyring(env: dict[str, str], action: str, value: str = "") -> str:
    code = {
        "get": f"print(keyring.get_password({SERVICE!r}, {DEFAULT_KEY_ID!r}))",
        "delete": "import contextlib\nwith contextlib.suppress(keyring.errors.PasswordDeleteError):"
                  f"\n    keyring.delete_password({SERVICE!r}, {DEFAULT_KEY_ID!r})",
        "set": f"keyring.set_password({SERVICE!r}, {DEFAULT_KEY_ID!r}, {value!r})",
    }[action]
    run = subprocess.run([sys.executable, "-c", "import keyring, keyring.errors\n" + code],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    return run.stdout.strip()


def _checks(run: subprocess.CompletedProcess[str]) -> dict[str, dict[str, str]]:
    assert "Traceback" not in run.stderr, run.stderr
    return {c["name"]: c for c in json.loads(run.stdout)["checks"]}


def test_a_deleted_key_is_never_replaced_while_records_are_sealed(
        tmp_path: Path, real_keyring_env: dict[str, str], sandbox_process) -> None:  # type: ignore[no-untyped-def]
    env = real_keyring_env
    refs = enqueue_many(env, 31)
    assert _keyring(env, "get") != "None"
    _keyring(env, "delete")  # the key is lost; 31 applications wait

    doctor = kiosk(env, "doctor", "--json", "--portal", sandbox_process.url)
    check = _checks(doctor)["keyring"]
    assert doctor.returncode == 1 and check["status"] == "fail"
    assert "missing from the keyring" in check["detail"] and "31 records" in check["detail"]
    assert "31 of them not yet sent" in check["detail"]
    assert "kiosk outbox retire --unreadable" in check["hint"]
    assert _keyring(env, "get") == "None", "doctor must not make a key"

    answers = write_json(tmp_path / "answers.json", example_answers())
    submit = kiosk(env, "submit", "--procedure", "1.001193", "--answers", str(answers),
                   "--portal", sandbox_process.url)
    sync = kiosk(env, "outbox", "sync", "--portal", sandbox_process.url)
    for refused in (submit, sync):
        assert refused.returncode == 1 and "Traceback" not in refused.stderr
        assert "missing from the keyring" in refused.stderr
        assert "retire --unreadable" in refused.stderr
    assert _keyring(env, "get") == "None", "no command may make a key over sealed records"
    assert applications(sandbox_process.url) == []
    assert [r["status"] for r in outbox_list(env)] == ["queued"] * 31  # listing still works

    preview = kiosk(env, "outbox", "retire", "--unreadable")
    assert preview.returncode == 1 and "Traceback" not in preview.stderr
    assert all(ref in preview.stdout for ref in refs)
    assert "31 applications that never reached the portal are lost" in preview.stdout
    assert "nothing was changed" in preview.stdout and "--yes" in preview.stdout
    assert {r["status"] for r in outbox_list(env)} == {"queued"}

    retired = kiosk(env, "outbox", "retire", "--unreadable", "--yes")
    assert retired.returncode == 0, retired.stderr
    listed = outbox_list(env)
    assert {r["status"] for r in listed} == {"retired"} and len(listed) == 31
    assert all("missing from the keyring" in r["reason"] for r in listed)

    again = kiosk(env, "submit", "--procedure", "1.001193", "--answers", str(answers),
                  "--portal", sandbox_process.url)
    assert again.returncode == 0, again.stderr  # a new key, made now that nothing is sealed
    assert _keyring(env, "get") != "None"
    assert [a["local_ref"] for a in applications(sandbox_process.url)] == [
        json.loads(again.stdout)["ref"]]
    ok = _checks(kiosk(env, "doctor", "--json", "--portal", sandbox_process.url))
    assert ok["keyring"]["status"] == "ok", ok["keyring"]
    assert ok["outbox records"]["status"] == "ok" and "31 retired" in ok["outbox records"]["detail"]


def test_a_replaced_key_is_refused_and_restoring_the_old_one_brings_everything_back(
        tmp_path: Path, real_keyring_env: dict[str, str], sandbox_process) -> None:  # type: ignore[no-untyped-def]
    env = real_keyring_env
    enqueue_many(env, 5)
    original = _keyring(env, "get")
    _keyring(env, "set", "A" * 43 + "=")  # another 32-byte key under the same name
    doctor = _checks(kiosk(env, "doctor", "--json"))
    assert doctor["keyring"]["status"] == "fail"
    assert "is not the one that sealed 5 records" in doctor["keyring"]["detail"]
    sync = kiosk(env, "outbox", "sync", "--portal", sandbox_process.url)
    assert sync.returncode == 1 and "is not the one that sealed" in sync.stderr
    _keyring(env, "set", original)  # the technician restored the key
    sync = kiosk(env, "outbox", "sync", "--until-empty", "--timeout", "60",
                 "--portal", sandbox_process.url)
    assert sync.returncode == 0, sync.stderr
    assert {r["status"] for r in outbox_list(env)} == {"sent"}
    assert len(applications(sandbox_process.url)) == 5


def test_the_fingerprint_says_which_key_without_revealing_it(tmp_path: Path) -> None:
    vault = Vault(bytes(range(32)))
    assert vault.fingerprint == Vault(bytes(range(32))).fingerprint
    assert vault.fingerprint != Vault(bytes(32)).fingerprint
    assert bytes(range(32)).hex()[:16] not in vault.fingerprint
    box = Outbox(tmp_path / "outbox.sqlite3", vault)
    try:
        box.enqueue("1.001193", {"a": 1}, kiosk_id="K1")
        state = box.key_state()
        assert state == keys.KeyState(vault.fingerprint, 1, 1)
    finally:
        box.close()


def test_a_version_1_file_is_migrated_in_place_and_adopts_its_key(tmp_path: Path) -> None:
    """A file from before issue 10: rebuilt with the new statuses, rows intact, and the key
    that opens its records is recorded as its key; another key is refused."""
    path = tmp_path / "outbox.sqlite3"
    vault = Vault.in_memory_key()
    with sqlite3.connect(path) as raw:
        raw.executescript(V1_SCHEMA)
        for i in range(3):
            ref = f"K1-AAAA-AAAA{i}"
            raw.execute(
                "INSERT INTO records (ref, idempotency_key, procedure, status, kiosk_id,"
                " created_at, next_attempt_at, answers) VALUES (?, ?, '1.001193', 'queued',"
                " 'K1', ?, ?, ?)",
                (ref, f"key-{i}", f"2026-03-02T08:00:0{i}.000000Z", "2026-03-02T08:00:00.000000Z",
                 vault.encrypt(json.dumps({"n": i}).encode(), f"{ref}|answers".encode())),
            )
    stranger = Outbox(path, Vault.in_memory_key())  # migrates the file on opening
    try:
        with pytest.raises(KeyMismatch):
            stranger.enqueue("1.001193", {"x": 1}, kiosk_id="K1")
    finally:
        stranger.close()
    box = Outbox(path, vault)
    try:
        assert [r.answers for r in box.claim_due()] == [{"n": 0}, {"n": 1}, {"n": 2}]
        assert box.key_state().fingerprint == vault.fingerprint
        box.set_aside("K1-AAAA-AAAA0", "test")  # the new status passes the new CHECK
        assert box.counts().unreadable == 1
    finally:
        box.close()
    with sqlite3.connect(path) as raw:
        version = raw.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        sql = raw.execute("SELECT sql FROM sqlite_master WHERE name = 'records'").fetchone()[0]
        indexes = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert version == ("2",) and "'unreadable'" in sql and "answers_digest" in sql
    assert {"records_due", "records_created", "records_digest"} <= indexes


def test_retire_with_the_key_present_takes_only_the_damaged_records(tmp_path: Path) -> None:
    from kiosk.outbox import retire

    box = Outbox(tmp_path / "outbox.sqlite3", Vault.in_memory_key())
    try:
        good = box.enqueue("1.001193", {"a": 1}, kiosk_id="K1").ref
        bad = box.enqueue("1.001193", {"a": 2}, kiosk_id="K1").ref
        box.set_aside(bad, "answers: not a sealed kiosk record")
        planned = retire.RetirePlan(None, tuple(
            retire.RetireItem(r, retire.NEVER_SENT) for r in box.list(RecordStatus.UNREADABLE)))
        assert retire.carry_out(box, planned) == 1
        assert box.get(bad).status is RecordStatus.RETIRED  # type: ignore[union-attr]
        assert box.get(good).answers == {"a": 1}  # type: ignore[union-attr]
        assert box.key_state().fingerprint == box.vault.fingerprint  # the key is still in use
    finally:
        box.close()
