"""The sandbox portal's HTTP API over real HTTP on loopback (../shared/CONTRACT.md)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
import requests
from sandbox_helpers import TIMEOUT, advance, applications, body, procedure, submit

from forms.loader import load_catalogue
from forms.model import Procedure
from kiosk.sandbox import codes, workdays
from kiosk.sandbox.server import start_sandbox
from kiosk.sandbox.timeline import VIETNAM, Timeline


class Clock:
    """A clock the test moves by hand (Vietnam time)."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 11, 23, 9, 30, tzinfo=VIETNAM))  # a Monday morning


@pytest.fixture
def clocked_url(tmp_path: Path, clock: Clock) -> Iterator[str]:
    running = start_sandbox(
        tmp_path, clock=clock, timeline=Timeline(processing_after=timedelta(minutes=5))
    )
    yield running.url
    running.stop()


def test_health_says_ok_and_that_it_is_a_simulator(sandbox_url: str) -> None:
    response = requests.get(f"{sandbox_url}/health", timeout=TIMEOUT)
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.headers["X-Sandbox"] == "true"
    assert response.headers["Content-Type"] == "application/json; charset=utf-8"


def test_catalogue_lists_every_procedure_with_its_facts(sandbox_url: str) -> None:
    response = requests.get(f"{sandbox_url}/api/v1/procedures", timeout=TIMEOUT)
    assert response.status_code == 200
    published = {p["code"]: p for p in response.json()["procedures"]}
    catalogue = load_catalogue()
    assert set(published) == {p.code for p in catalogue.procedures}
    for proc in catalogue.procedures:
        entry = published[proc.code]
        assert entry["name_vi"] == proc.name.vi
        assert entry["name_en"] == proc.name.en
        assert entry["fee_vnd"] == proc.fee_vnd
        assert entry["processing_days"] == proc.processing_days
        assert entry["deliveries"] == [d.value for d in proc.deliveries]
        assert [p["id"] for p in entry["papers"]] == [p.id for p in proc.papers]
        assert [q["id"] for q in entry["questions"]] == [q.id for q in proc.questions]


def test_a_valid_submission_gets_a_code_and_an_appointment(clocked_url: str) -> None:
    proc = procedure()
    response = submit(clocked_url, body(proc))
    assert response.status_code == 201, response.text
    answer = response.json()
    assert answer["code"] == f"{codes.unit_for(proc.level.value)}-261123-0001"
    assert answer["status"] == "received"
    assert answer["simulator"] is True
    assert datetime.fromisoformat(answer["received_at"]) == datetime(
        2026, 11, 23, 9, 30, tzinfo=VIETNAM
    )
    expected = workdays.add_working_days(date(2026, 11, 23), proc.processing_days)
    assert answer["appointment_date"] == expected.isoformat()
    stored = applications(clocked_url)
    assert [(a["code"], a["idempotency_key"], a["local_ref"]) for a in stored] == [
        (answer["code"], "key-1", "R-0001")
    ]


def test_codes_count_up_within_a_day_and_restart_the_next(clocked_url: str, clock: Clock) -> None:
    first = submit(clocked_url, body(), key="a").json()["code"]
    second = submit(clocked_url, body(), key="b").json()["code"]
    clock.now += timedelta(days=1)
    third = submit(clocked_url, body(), key="c").json()["code"]
    assert first.endswith("-261123-0001")
    assert second.endswith("-261123-0002")
    assert third.endswith("-261124-0001")


def test_status_lookup_gives_the_history(clocked_url: str) -> None:
    code = submit(clocked_url, body()).json()["code"]
    response = requests.get(f"{clocked_url}/api/v1/applications/{code}", timeout=TIMEOUT)
    assert response.status_code == 200
    data = response.json()
    assert (data["code"], data["status"], data["procedure"]) == (
        code,
        "received",
        procedure().code,
    )
    assert [h["status"] for h in data["history"]] == ["received"]
    assert data["history"][0]["note"].startswith("Hồ sơ đã được tiếp nhận")
    assert data["history"][0]["at"] == "2026-11-23T09:30:00+07:00"


def test_status_advances_with_time_and_on_request(clocked_url: str, clock: Clock) -> None:
    code = submit(clocked_url, body()).json()["code"]

    def status() -> list[str]:
        data = requests.get(f"{clocked_url}/api/v1/applications/{code}", timeout=TIMEOUT).json()
        assert data["status"] == data["history"][-1]["status"]
        return [h["status"] for h in data["history"]]

    clock.now += timedelta(minutes=4)
    assert status() == ["received"]
    clock.now += timedelta(minutes=2)
    assert status() == ["received", "processing"]
    advance(clocked_url, code)
    assert status() == ["received", "processing", "ready"]


def test_status_reaches_ready_on_the_appointment_date(clocked_url: str, clock: Clock) -> None:
    answer = submit(clocked_url, body()).json()
    appointment = date.fromisoformat(answer["appointment_date"])
    # 16:00 on the appointment date: past opening time, and past "processing" too.
    clock.now = datetime.combine(appointment, datetime.min.time(), tzinfo=VIETNAM) + timedelta(
        hours=16
    )
    data = requests.get(
        f"{clocked_url}/api/v1/applications/{answer['code']}", timeout=TIMEOUT
    ).json()
    assert [h["status"] for h in data["history"]] == ["received", "processing", "ready"]


def test_advance_refuses_unknown_codes_and_statuses(sandbox_url: str) -> None:
    code = submit(sandbox_url, body()).json()["code"]
    post = f"{sandbox_url}/_sandbox/advance"
    assert requests.post(post, json={"code": "H99-000000-0001"}, timeout=TIMEOUT).status_code == 404
    bad = requests.post(post, json={"code": code, "status": "lost"}, timeout=TIMEOUT)
    assert bad.status_code == 400
    assert "lost" in bad.json()["message"]
    assert requests.post(post, json={"code": code, "status": "ready"}, timeout=TIMEOUT).ok
    data = requests.get(f"{sandbox_url}/api/v1/applications/{code}", timeout=TIMEOUT).json()
    assert [h["status"] for h in data["history"]] == ["received", "processing", "ready"]


def test_unknown_application_is_404(sandbox_url: str) -> None:
    response = requests.get(
        f"{sandbox_url}/api/v1/applications/H99.01.01-261122-9999", timeout=TIMEOUT
    )
    assert response.status_code == 404
    assert "H99.01.01-261122-9999" in response.json()["message"]


def test_invalid_answers_are_422_per_field_and_nothing_is_stored(sandbox_url: str) -> None:
    proc = procedure()
    first = proc.questions[0]
    answers = {k: v for k, v in proc.example.items() if k != first.id}
    response = submit(sandbox_url, body(proc, answers=answers))
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert first.id in {e["field"] for e in errors}
    for error in errors:
        assert error["message"] and error["message_en"]
        assert error["message"] != error["message_en"]
    assert applications(sandbox_url) == []


def test_unknown_procedure_is_422_on_the_procedure_field(sandbox_url: str) -> None:
    response = submit(sandbox_url, body(procedure="9.999999"))
    assert response.status_code == 422
    (error,) = response.json()["errors"]
    assert error["field"] == "procedure"
    assert "9.999999" in error["message"]
    assert applications(sandbox_url) == []


@pytest.mark.parametrize("missing", ["kiosk_id", "local_ref", "submitted_at"])
def test_envelope_fields_are_required(sandbox_url: str, missing: str) -> None:
    data = body()
    del data[missing]
    response = submit(sandbox_url, data)
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == [missing]


def test_submitted_at_must_be_a_timestamp(sandbox_url: str) -> None:
    response = submit(sandbox_url, body(submitted_at="yesterday"))
    assert response.status_code == 422
    (error,) = response.json()["errors"]
    assert error["field"] == "submitted_at"
    assert "ISO 8601" in error["message"]


def test_answers_that_are_not_an_object_are_422(sandbox_url: str) -> None:
    response = submit(sandbox_url, body(answers=["not", "a", "mapping"]))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "answers"


def test_missing_idempotency_key_is_400(sandbox_url: str) -> None:
    response = submit(sandbox_url, body(), key=None)
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()["message"]
    assert applications(sandbox_url) == []


@pytest.mark.parametrize(
    "raw", [b"{not json", b"[1, 2]", b"\xff\xfe", b""], ids=["broken", "array", "binary", "empty"]
)
def test_malformed_json_is_400(sandbox_url: str, raw: bytes) -> None:
    response = requests.post(
        f"{sandbox_url}/api/v1/applications",
        data=raw,
        headers={"Idempotency-Key": "k", "Content-Type": "application/json"},
        timeout=TIMEOUT,
    )
    assert response.status_code == 400
    assert response.json()["error"] == "malformed_json"


def test_heartbeat_is_204(sandbox_url: str) -> None:
    response = requests.post(
        f"{sandbox_url}/api/v1/heartbeat", json={"kiosk_id": "K"}, timeout=TIMEOUT
    )
    assert response.status_code == 204
    assert response.content == b""


def test_openid_metadata_points_at_this_server(sandbox_url: str) -> None:
    response = requests.get(f"{sandbox_url}/.well-known/openid-configuration", timeout=TIMEOUT)
    assert response.status_code == 200
    meta = response.json()
    assert meta["issuer"] == sandbox_url
    names = [
        "device_authorization_endpoint",
        "backchannel_authentication_endpoint",
        "token_endpoint",
        "jwks_uri",
        "revocation_endpoint",
        "userinfo_endpoint",
    ]
    for name in names:
        assert meta[name].startswith(sandbox_url + "/"), name
    assert "urn:ietf:params:oauth:grant-type:device_code" in meta["grant_types_supported"]
    # The endpoints answer as OAuth endpoints do (the flows: tests/test_sandbox_identity.py).
    token = requests.post(meta["token_endpoint"], data={"grant_type": "x", "client_id": "k"},
                          timeout=TIMEOUT)
    assert token.status_code == 400 and token.json()["error"] == "unsupported_grant_type"
    approve = requests.post(
        f"{sandbox_url}/_sandbox/approve", json={"user_code": "ABCD"}, timeout=TIMEOUT
    )
    assert approve.status_code == 404


def test_unknown_address_is_404_and_wrong_method_is_405(sandbox_url: str) -> None:
    assert requests.get(f"{sandbox_url}/nowhere", timeout=TIMEOUT).status_code == 404
    wrong = requests.get(f"{sandbox_url}/api/v1/applications", timeout=TIMEOUT)
    assert wrong.status_code == 405
    assert wrong.headers["Allow"] == "POST"


def test_applications_survive_a_restart(tmp_path: Path) -> None:
    with start_sandbox(tmp_path) as first:
        created = submit(first.url, body()).json()
    with start_sandbox(tmp_path) as second:
        replay = submit(second.url, body())
        assert replay.status_code == 200
        assert replay.json() == created
        assert len(applications(second.url)) == 1


def test_a_folder_it_made_itself_is_removed_on_stop() -> None:
    running = start_sandbox()
    assert (running.data_dir / "sandbox.sqlite3").is_file()
    running.stop()
    assert not running.data_dir.exists()


def test_a_given_folder_is_kept_on_stop(tmp_path: Path) -> None:
    start_sandbox(tmp_path / "kept").stop()
    assert (tmp_path / "kept" / "sandbox.sqlite3").is_file()


def _raw_request(url: str, request: bytes) -> bytes:
    host, port = url.removeprefix("http://").rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=10) as conn:
        conn.sendall(request)
        chunks = []
        while chunk := conn.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def test_a_bad_content_length_is_400(sandbox_url: str) -> None:
    answer = _raw_request(
        sandbox_url,
        b"POST /api/v1/applications HTTP/1.1\r\nHost: x\r\nContent-Length: many\r\n\r\n{}",
    )
    assert answer.startswith(b"HTTP/1.1 400 ")
    assert b'"bad_length"' in answer


def test_a_body_over_the_limit_is_413(sandbox_url: str) -> None:
    answer = _raw_request(
        sandbox_url,
        b"POST /api/v1/applications HTTP/1.1\r\nHost: x\r\nIdempotency-Key: k\r\n"
        b"Content-Length: 5000000\r\n\r\n{}",
    )
    assert answer.startswith(b"HTTP/1.1 413 ")
    assert applications(sandbox_url) == []


@pytest.mark.parametrize("proc", load_catalogue().procedures, ids=lambda p: p.slug)
def test_every_example_is_accepted_with_its_unit_and_working_day_appointment(
    tmp_path: Path, proc: Procedure
) -> None:
    friday_afternoon = Clock(datetime(2026, 11, 27, 15, 0, tzinfo=VIETNAM))
    with start_sandbox(tmp_path, clock=friday_afternoon) as sandbox:
        response = submit(sandbox.url, body(proc))
    assert response.status_code == 201, response.text
    answer = response.json()
    assert answer["code"] == f"{codes.unit_for(proc.level.value)}-261127-0001"
    expected = workdays.add_working_days(date(2026, 11, 27), proc.processing_days)
    assert answer["appointment_date"] == expected.isoformat()
    assert workdays.is_working_day(date.fromisoformat(answer["appointment_date"]))


def test_after_stop_a_kept_alive_connection_is_not_served(tmp_path: Path) -> None:
    running = start_sandbox(tmp_path)
    with requests.Session() as session:
        assert session.get(f"{running.url}/health", timeout=TIMEOUT).ok
        running.stop()
        with pytest.raises(requests.ConnectionError):
            session.get(f"{running.url}/health", timeout=TIMEOUT)
