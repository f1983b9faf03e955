"""``kiosk submit`` / ``outbox`` / ``doctor`` end to end, against a ``kiosk sandbox`` process."""

from __future__ import annotations

import json
from pathlib import Path

from outbox_helpers import (
    PERSONAL_NAMES,
    PERSONAL_NUMBERS,
    cli_env,
    example_answers,
    kiosk,
    outbox_list,
    write_json,
)
from sandbox_helpers import applications

CLOSED = "http://127.0.0.1:9"


def test_good_answers_are_sent_and_printed_as_one_json_line(tmp_path: Path, sandbox_process) -> None:  # type: ignore[no-untyped-def]
    env = cli_env(tmp_path)
    answers = write_json(tmp_path / "answers.json", example_answers())
    run = kiosk(env, "submit", "--procedure", "1.001193", "--answers", str(answers),
                "--portal", sandbox_process.url)
    assert run.returncode == 0, run.stderr
    line = json.loads(run.stdout)
    assert set(line) == {"ref", "code", "status"} and line["status"] == "sent" and line["code"]
    stored = applications(sandbox_process.url)
    assert [(a["code"], a["local_ref"]) for a in stored] == [(line["code"], line["ref"])]
    listed = outbox_list(env)
    assert [(r["ref"], r["status"], r["code"]) for r in listed] == [
        (line["ref"], "sent", line["code"])
    ]
    text = json.dumps(listed, ensure_ascii=False)
    assert not any(p in text for p in (*PERSONAL_NAMES, *PERSONAL_NUMBERS))
    shown = kiosk(env, "outbox", "show", line["ref"].lower(), "--json")
    assert json.loads(shown.stdout)["code"] == line["code"], shown.stderr


def test_bad_answers_exit_2_naming_each_field(tmp_path: Path, sandbox_process) -> None:  # type: ignore[no-untyped-def]
    env = cli_env(tmp_path)
    answers = example_answers()
    answers["requester_cccd"] = "12345"
    answers["child_birth_date"] = "31/02/2025"
    del answers["declaration"]
    path = write_json(tmp_path / "bad.json", answers)
    run = kiosk(env, "submit", "--procedure", "1.001193", "--answers", str(path),
                "--portal", sandbox_process.url)
    assert run.returncode == 2
    assert run.stdout == "" and "Traceback" not in run.stderr
    lines = run.stderr.splitlines()
    for field in ("requester_cccd", "child_birth_date", "declaration"):
        assert sum(line.strip().startswith(field + ":") for line in lines) == 1, run.stderr
    assert applications(sandbox_process.url) == []
    assert outbox_list(env) == []


def test_files_and_codes_that_cannot_be_used_exit_2(tmp_path: Path) -> None:
    env = cli_env(tmp_path)
    good = write_json(tmp_path / "good.json", example_answers())
    latin1 = tmp_path / "latin1.json"
    latin1.write_bytes('{"requester_name": "Lê"}'.encode("latin-1"))
    broken = tmp_path / "broken.json"
    broken.write_text('{"requester_name": ', encoding="utf-8")
    listing = write_json(tmp_path / "list.json", [1, 2])
    cases = [
        (["--answers", str(latin1)], "latin1.json: not UTF-8"),
        (["--answers", str(broken)], "broken.json: not valid JSON (line 1"),
        (["--answers", str(listing)], "list.json: must be a JSON object"),
        (["--answers", str(tmp_path / "missing.json")], "missing.json: file not found"),
    ]
    for extra, message in cases:
        run = kiosk(env, "submit", "--procedure", "1.001193", "--portal", CLOSED, *extra)
        assert run.returncode == 2 and message in run.stderr, run.stderr
        assert "Traceback" not in run.stderr
    unknown = kiosk(env, "submit", "--procedure", "9.999", "--answers", str(good),
                    "--portal", CLOSED)
    assert unknown.returncode == 2 and "unknown procedure" in unknown.stderr
    assert "1.001193" in unknown.stderr
    no_portal = kiosk(env, "submit", "--procedure", "1.001193", "--answers", str(good))
    assert no_portal.returncode == 2 and "--portal URL" in no_portal.stderr


def test_unreachable_portal_keeps_it_queued_then_sync_sends_it(tmp_path: Path, sandbox_process) -> None:  # type: ignore[no-untyped-def]
    env = cli_env(tmp_path)
    answers = write_json(tmp_path / "answers.json", example_answers())
    run = kiosk(env, "submit", "--procedure", "1.001193", "--answers", str(answers),
                "--portal", CLOSED)
    assert run.returncode == 1, run.stderr
    line = json.loads(run.stdout)
    assert line["status"] == "queued" and line["code"] is None
    assert "could not be reached" in run.stderr and line["ref"] in run.stderr
    # The same answers a moment later: refused unless --again (a second application).
    saved = kiosk(env, "submit", "--procedure", "1.001193", "--answers", str(answers), "--no-send",
                  "--again")
    assert saved.returncode == 0 and json.loads(saved.stdout)["status"] == "queued"
    sync = kiosk(env, "outbox", "sync", "--until-empty", "--timeout", "30",
                 "--portal", sandbox_process.url)
    assert sync.returncode == 0, sync.stderr
    assert sync.stdout.startswith("sent 2, rejected 0; queued 0")
    assert {r["status"] for r in outbox_list(env)} == {"sent"}
    assert len(applications(sandbox_process.url)) == 2


def test_doctor_reports_the_portal_and_fails_when_unreachable(tmp_path: Path, sandbox_process) -> None:  # type: ignore[no-untyped-def]
    env = cli_env(tmp_path)
    ok = kiosk(env, "doctor", "--json", "--portal", sandbox_process.url)
    checks = {c["name"]: c for c in json.loads(ok.stdout)["checks"]}
    assert ok.returncode == 0, ok.stdout
    portal = [c for name, c in checks.items() if "portal" in name]
    assert portal and portal[0]["status"] == "ok"
    assert checks["outbox database"]["status"] == "ok"
    # the test suite's plaintext keyring works, but the doctor says it must not stay
    assert checks["keyring"]["status"] == "warn"
    assert "KIOSK_ALLOW_INSECURE_KEYRING" in checks["keyring"]["hint"]
    down = kiosk(env, "doctor", "--json", "--portal", CLOSED)
    assert down.returncode == 1
    failed = [c for c in json.loads(down.stdout)["checks"] if c["status"] == "fail"]
    assert [c["name"] for c in failed] == ["portal reachable"] and failed[0]["hint"]
    env.pop("KIOSK_ALLOW_INSECURE_KEYRING")
    no_keyring = kiosk(env, "doctor", "--portal", sandbox_process.url)
    assert no_keyring.returncode == 1 and "[FAIL] keyring" in no_keyring.stdout
    refused = kiosk(env, "submit", "--procedure", "1.001193", "--no-send",
                    "--answers", str(write_json(tmp_path / "a.json", example_answers())))
    assert refused.returncode == 1 and "no secure OS keyring" in refused.stderr


def test_rejected_record_is_kept_and_retry_sends_it_again(tmp_path: Path, sandbox_process) -> None:  # type: ignore[no-untyped-def]
    """A record the portal refuses stays, visible; ``retry`` resends it after the fix."""
    env = cli_env(tmp_path)
    answers = write_json(tmp_path / "answers.json", example_answers())
    saved = json.loads(kiosk(env, "submit", "--procedure", "1.001193", "--answers",
                             str(answers), "--no-send").stdout)
    # A portal address whose applications endpoint answers 404: a refusal, not a retry.
    bogus = sandbox_process.url + "/no-such-prefix"
    sync = kiosk(env, "outbox", "sync", "--portal", bogus)
    assert sync.returncode == 0, sync.stderr
    listed = {r["ref"]: r for r in outbox_list(env)}
    assert listed[saved["ref"]]["status"] == "rejected"
    assert listed[saved["ref"]]["last_error"] == "HTTP 404"
    shown = kiosk(env, "outbox", "show", saved["ref"])
    assert shown.returncode == 0 and "status            rejected" in shown.stdout
    assert "reason" in shown.stdout, shown.stdout
    doctor = json.loads(kiosk(env, "doctor", "--json", "--portal", sandbox_process.url).stdout)
    records = [c for c in doctor["checks"] if c["name"] == "outbox records"][0]
    assert records["status"] == "warn" and "1 rejected" in records["detail"]
    retried = kiosk(env, "outbox", "retry", saved["ref"], "--portal", sandbox_process.url)
    assert retried.returncode == 0, retried.stderr
    assert json.loads(retried.stdout)["status"] == "sent"
    assert len(applications(sandbox_process.url)) == 1


def test_bad_input_is_exit_2_even_where_no_keyring_is_usable(tmp_path: Path) -> None:
    """Checking the answers needs no storage: a technician sees the field, not the keyring."""
    env = cli_env(tmp_path)
    env.pop("KIOSK_ALLOW_INSECURE_KEYRING")  # the plaintext keyring is refused again
    answers = example_answers()
    answers["requester_cccd"] = "12345"
    path = write_json(tmp_path / "bad.json", answers)
    run = kiosk(env, "submit", "--procedure", "1.001193", "--answers", str(path),
                "--portal", CLOSED)
    assert run.returncode == 2, run.stderr
    assert "requester_cccd:" in run.stderr and "keyring" not in run.stderr
    unknown = kiosk(env, "submit", "--procedure", "9.999", "--answers", str(path),
                    "--portal", CLOSED)
    assert unknown.returncode == 2 and "9.999" in unknown.stderr
    good = write_json(tmp_path / "good.json", example_answers())
    refused = kiosk(env, "submit", "--procedure", "1.001193", "--answers", str(good),
                    "--portal", CLOSED)
    assert refused.returncode == 1 and "keyring" in refused.stderr  # never plaintext
