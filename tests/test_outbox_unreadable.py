"""One malformed row must not block every send: each record is read, parsed and sent on its
own, and what cannot be read is set aside as ``unreadable`` with its reason."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from outbox_helpers import cli_env, enqueue_many, kiosk, outbox_list
from sandbox_helpers import applications

from kiosk.outbox.store import Outbox
from kiosk.vault import Vault


def test_sync_sends_the_rest_and_sets_malformed_rows_aside(tmp_path: Path, sandbox_process) -> None:  # type: ignore[no-untyped-def]
    env = cli_env(tmp_path)
    refs = enqueue_many(env, 31)
    path = tmp_path / "home" / "outbox.sqlite3"
    with sqlite3.connect(path) as raw:
        # The tester's case: the sealed bytes stored as TEXT. The seal still authenticates
        # them, so this one is read as it is and sent.
        raw.execute("UPDATE records SET answers = CAST(answers AS TEXT) WHERE ref = ?",
                    (refs[0],))
        raw.execute("UPDATE records SET answers = 'plain text, no seal' WHERE ref = ?",
                    (refs[1],))
        raw.execute("UPDATE records SET answers = 42 WHERE ref = ?", (refs[2],))
        other = raw.execute("SELECT answers FROM records WHERE ref = ?", (refs[5],)).fetchone()
        raw.execute("UPDATE records SET answers = ? WHERE ref = ?", (other[0], refs[3]))
        raw.execute("UPDATE records SET volunteer = X'00' WHERE ref = ?", (refs[4],))
    bad = set(refs[1:5])
    sync = kiosk(env, "outbox", "sync", "--until-empty", "--timeout", "60",
                 "--portal", sandbox_process.url)
    assert "Traceback" not in sync.stderr, sync.stderr
    assert sync.returncode == 0, sync.stderr
    assert sync.stdout.startswith("sent 27, rejected 0; queued 0"), sync.stdout
    listed = {r["ref"]: r for r in outbox_list(env)}
    assert {ref for ref, r in listed.items() if r["status"] == "unreadable"} == bad
    assert {ref for ref, r in listed.items() if r["status"] == "sent"} == set(refs) - bad
    assert not [r for r in listed.values() if r["status"] == "sending"]
    reasons = {ref: listed[ref]["reason"] for ref in bad}
    assert "answers: not a sealed kiosk record" in reasons[refs[1]]
    assert "answers: not a sealed kiosk record" in reasons[refs[2]]
    assert "answers: a record does not decrypt" in reasons[refs[3]]  # moved from another row
    assert "volunteer:" in reasons[refs[4]]
    assert {a["local_ref"] for a in applications(sandbox_process.url)} == set(refs) - bad
    text = kiosk(env, "outbox", "list", "--status", "unreadable")
    assert text.returncode == 0 and all(ref in text.stdout for ref in bad)
    assert "not a sealed kiosk record" in text.stdout
    doctor = json.loads(kiosk(env, "doctor", "--json", "--portal", sandbox_process.url).stdout)
    records = {c["name"]: c for c in doctor["checks"]}["outbox records"]
    assert records["status"] == "fail" and "4 unreadable" in records["detail"]
    assert "retire --unreadable" in records["hint"]
    again = kiosk(env, "outbox", "sync", "--portal", sandbox_process.url)
    assert again.returncode == 0 and again.stdout.startswith("sent 0"), again.stdout
    retire = kiosk(env, "outbox", "retire", "--unreadable", "--yes")
    assert retire.returncode == 0, retire.stderr
    assert "4 records cannot be read (their sealed data cannot be opened" in retire.stdout
    assert "retired 4 records" in retire.stdout
    assert "new key" not in retire.stdout  # the key is fine and stays in use
    statuses = {r["ref"]: r["status"] for r in outbox_list(env)}
    assert {statuses[ref] for ref in bad} == {"retired"}
    doctor = json.loads(kiosk(env, "doctor", "--json", "--portal", sandbox_process.url).stdout)
    checks = {c["name"]: c for c in doctor["checks"]}
    assert checks["outbox records"]["status"] == "ok" and checks["keyring"]["status"] != "fail"


def test_answers_that_open_but_do_not_parse_are_set_aside(tmp_path: Path) -> None:
    vault = Vault.in_memory_key()
    box = Outbox(tmp_path / "outbox.sqlite3", vault)
    try:
        a, b, c, good = (box.enqueue("1.001193", {"n": i}, kiosk_id="K1").ref for i in range(4))
        with sqlite3.connect(box.path) as raw:
            for ref, text in ((a, "[1, 2]"), (b, "{not json"), (c, '{"n": ' + "7" * 5000 + "}")):
                raw.execute("UPDATE records SET answers = ? WHERE ref = ?",
                            (vault.encrypt(text.encode(), f"{ref}|answers".encode()), ref))
        assert [r.ref for r in box.claim_due()] == [good]
        reasons = {r.ref: r.last_error for r in box.list() if r.ref != good}
        assert "a JSON list, not a dict" in reasons[a]  # type: ignore[operator]
        assert "not valid JSON (JSONDecodeError)" in reasons[b]  # type: ignore[operator]
        assert "not valid JSON (ValueError)" in reasons[c]  # type: ignore[operator]
        assert box.get(a) is not None and box.get(a).answers is None  # type: ignore[union-attr]
    finally:
        box.close()
