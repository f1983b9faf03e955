"""The sandbox portal under broken, hostile and slow clients (issue 10, item 14).

A province's portal never answers 500 to garbage, never hangs, never lets one client
hold the others up; the sandbox stands in for one. Most tests talk to one real
``kiosk sandbox --port 0`` process and check its stderr (no traceback, no 500); tests
of the time limits use a sandbox on a thread with shorter limits (seconds, not minutes).
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from sandbox_helpers import (
    TIMEOUT,
    SandboxProcess,
    applications,
    assert_calm,
    body,
    closed_by_server,
    connect,
    nested,
    post_bytes,
    procedure,
    raw_request,
    read_answer,
    start_sandbox_process,
    submit,
)

from kiosk.sandbox import routes
from kiosk.sandbox.bodies import FIELD_LIMITS, MAX_ANSWER_TEXT, MAX_ANSWERS, MAX_DEPTH
from kiosk.sandbox.idp import MAX_PENDING_LOGINS, IdentityProvider, OAuthError
from kiosk.sandbox.server import start_sandbox
from kiosk.sandbox.wire import Limits

JSON_POSTS = ["/api/v1/applications", "/api/v1/heartbeat", "/_sandbox/faults",
              "/_sandbox/advance", "/_sandbox/approve", "/_sandbox/logins/expire"]
FORM_POSTS = ["/oidc/device_authorization", "/oidc/backchannel", "/oidc/token", "/oidc/revoke",
              "/oidc/device", "/oidc/userinfo"]
GETS = ["/health", "/api/v1/procedures", "/api/v1/applications/H99-000000-0001", "/tra-cuu",
        "/tra-cuu/X", "/.well-known/openid-configuration", "/oidc/jwks", "/oidc/device",
        "/oidc/userinfo", "/_sandbox/applications", "/_sandbox/faults", "/_sandbox/logins",
        "/_sandbox/citizens", "/openapi.json", "/nowhere"]
KEY = {"Idempotency-Key": "hardening"}


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxProcess]:
    process = start_sandbox_process(tmp_path_factory.mktemp("hardening") / "data")
    yield process
    process.stop()


# -- JSON bodies ----------------------------------------------------------------------


@pytest.mark.parametrize("path", JSON_POSTS)
@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 100_000])
def test_deeply_nested_json_is_400_naming_the_problem(portal: SandboxProcess, path: str,
                                                      depth: int) -> None:
    response = post_bytes(portal.url, path, f'{{"answers": {nested(depth)}}}'.encode())
    assert response.status_code == 400
    assert response.json()["error"] == "too_deep"
    assert f"at most {MAX_DEPTH} levels" in response.json()["message_en"]
    assert_calm(portal)


def test_deeply_nested_answers_of_a_real_submission_are_400(portal: SandboxProcess) -> None:
    data = body()
    data["answers"][procedure().questions[0].id] = json.loads(nested(MAX_DEPTH))
    response = submit(portal.url, data, key="deep-answers")
    assert (response.status_code, response.json()["error"]) == (400, "too_deep")
    # Depth allowed: the envelope, the answers and an address object are far from it.
    assert submit(portal.url, body(), key="shallow").status_code == 201


@pytest.mark.parametrize("path", JSON_POSTS)
@pytest.mark.parametrize("raw", [b"[]", b'"text"', b"12", b"null", b"true", b"\xff\xfe{}",
                                 b'{"a": "\xe9"}', b'\xef\xbb\xbf{}', b'{"a": NaN}',
                                 b'{"a": Infinity}', b"1" * 5000])
def test_bodies_that_are_not_a_utf8_json_object_are_400(portal: SandboxProcess, path: str,
                                                        raw: bytes) -> None:
    response = post_bytes(portal.url, path, raw)
    assert response.status_code == 400
    assert response.json()["error"] == "malformed_json"


@pytest.mark.parametrize("path", JSON_POSTS)
def test_a_lone_surrogate_is_400_not_500(portal: SandboxProcess, path: str) -> None:
    data = json.dumps(body(kiosk_id="\ud800", code="\udfff", user_code="\ud83d"))
    response = post_bytes(portal.url, path, data.encode("ascii"))
    assert (response.status_code, response.json()["error"]) == (400, "invalid_text")
    assert_calm(portal)


@pytest.mark.parametrize("path", JSON_POSTS)
def test_a_key_twice_in_one_object_is_400_naming_it(portal: SandboxProcess, path: str) -> None:
    response = post_bytes(portal.url, path, b'{"down": false, "deny": true, "down": true}')
    assert (response.status_code, response.json()["error"]) == (400, "duplicate_key")
    assert "down" in response.json()["message_en"]


# -- sizes ----------------------------------------------------------------------------


@pytest.mark.parametrize("field", sorted(FIELD_LIMITS))
def test_an_overlong_envelope_field_is_422_and_nothing_is_stored(portal: SandboxProcess,
                                                                 field: str) -> None:
    size = 900_000 if field == "local_ref" else FIELD_LIMITS[field] + 1
    response = submit(portal.url, body(**{field: "R" * size}), key=f"long-{field}")
    assert response.status_code == 422
    (error,) = response.json()["errors"]
    assert error["field"] == field
    assert f"at most {FIELD_LIMITS[field]} characters" in error["message_en"]
    assert all(a["idempotency_key"] != f"long-{field}" for a in applications(portal.url))


@pytest.mark.parametrize("key", ["k" * 201, "khóa-tiếng-việt", "tab\tinside"])
def test_an_idempotency_key_too_long_or_not_printable_ascii_is_400(portal: SandboxProcess,
                                                                   key: str) -> None:
    response = requests.post(f"{portal.url}/api/v1/applications", json=body(), timeout=TIMEOUT,
                             headers={"Idempotency-Key": key.encode("utf-8").decode("latin-1")})
    assert response.status_code == 400
    assert response.json()["error"].startswith("idempotency_key_")


def test_too_many_answers_is_422_on_answers(portal: SandboxProcess) -> None:
    answers = {f"q{i}": "x" for i in range(MAX_ANSWERS + 1)}
    response = submit(portal.url, body(answers=answers), key="many-answers")
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["answers"]
    assert f"at most {MAX_ANSWERS}" in response.json()["errors"][0]["message_en"]


def test_an_overlong_answer_is_422_on_that_answer(portal: SandboxProcess) -> None:
    first = procedure().questions[0].id
    for value in ("x" * (MAX_ANSWER_TEXT + 1), {"street": "x" * (MAX_ANSWER_TEXT + 1)}):
        data = body()
        data["answers"][first] = value
        response = submit(portal.url, data, key="long-answer")
        assert response.status_code == 422
        (error,) = response.json()["errors"]
        assert error["field"] == first
        assert f"at most {MAX_ANSWER_TEXT} characters" in error["message_en"]


def test_a_body_over_the_limit_is_413_to_an_ordinary_client(portal: SandboxProcess) -> None:
    response = post_bytes(portal.url, "/api/v1/applications", b"{" + b" " * 2_000_000 + b"}")
    assert (response.status_code, response.json()["error"]) == (413, "too_large")


def test_a_body_over_the_limit_is_refused_before_100_continue(portal: SandboxProcess) -> None:
    answer = raw_request(portal.url, b"POST /api/v1/applications HTTP/1.1\r\nHost: x\r\n"
                         b"Expect: 100-continue\r\nContent-Length: 9000000\r\n\r\n")
    assert answer.status == 413  # not "100 Continue" first


# -- HTTP framing ---------------------------------------------------------------------


def test_a_chunked_body_is_411_and_nothing_is_smuggled(portal: SandboxProcess) -> None:
    smuggled = b"GET /_sandbox/applications HTTP/1.1\r\nHost: x\r\n\r\n"
    with connect(portal.url) as conn:
        conn.sendall(b"POST /api/v1/heartbeat HTTP/1.1\r\nHost: x\r\n"
                     b"Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n" + smuggled)
        answer = read_answer(conn)
        assert (answer.status, answer.json()["error"]) == (411, "length_required")
        assert answer.headers["connection"] == "close"
        assert closed_by_server(conn, 2)  # the smuggled request is never answered


@pytest.mark.parametrize("lengths", [["1_0"], ["+5"], ["-1"], ["٥"], ["0x10"], ["5, 5"],
                                     ["2", "5"], ["2", "2"], [""]])
def test_a_bad_content_length_is_400(portal: SandboxProcess, lengths: list[str]) -> None:
    headers = "".join(f"Content-Length: {value}\r\n" for value in lengths).encode("utf-8")
    answer = raw_request(portal.url, b"POST /api/v1/heartbeat HTTP/1.1\r\nHost: x\r\n" + headers
                         + b"\r\n{}\r\n\r\n")
    assert (answer.status, answer.json()["error"]) == (400, "bad_length")


@pytest.mark.parametrize(("head", "status"), [
    (b"".join(b"X-%d: 1\r\n" % i for i in range(150)), 431),  # too many header fields
    (b"X-Big: " + b"a" * 70_000 + b"\r\n", 431),  # one huge header line
    (b"".join(b"X-%d: %s\r\n" % (i, b"a" * 1000) for i in range(60)), 431),  # 60 KB in all
])
def test_oversized_headers_are_431(portal: SandboxProcess, head: bytes, status: int) -> None:
    answer = raw_request(portal.url, b"GET /health HTTP/1.1\r\nHost: x\r\n" + head + b"\r\n")
    assert (answer.status, answer.json()["error"]) == (status, "headers_too_large")
    assert_calm(portal)


@pytest.mark.parametrize(("request_line", "status"), [
    (b"GET /" + b"a" * 20_000 + b" HTTP/1.1", 414),
    (b"PATCH /health HTTP/1.1", 405),
    (b"OPTIONS /nowhere HTTP/1.1", 404),
    (b"BREW /pot HTTP/1.1", 404),
    (b"QUERY /health HTTP/1.1", 405),
    (b"G\x1b[31mET /health HTTP/1.1", 400),  # no escape sequence reaches the log
    (b"GET /health HTTP/9.9", 505),
    (b"GET /health HTTP/1.1 extra", 400),
    (b"GET", 400),
    (b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 400),  # a TLS hello on the plain port
    (b"GET http://[::1/health HTTP/1.1", 400),  # a target urlsplit cannot read
])
def test_garbage_request_lines_get_a_json_4xx(portal: SandboxProcess, request_line: bytes,
                                                     status: int) -> None:
    answer = raw_request(portal.url, request_line + b"\r\nHost: x\r\n\r\n")
    assert answer.status == status
    assert answer.headers["content-type"].startswith("application/json")
    assert answer.json()["error"]
    assert_calm(portal)


def test_head_is_get_without_the_body_on_a_connection_that_stays_usable(
    portal: SandboxProcess,
) -> None:
    with requests.Session() as session:
        head = session.head(f"{portal.url}/health", timeout=TIMEOUT)
        assert (head.status_code, head.content) == (200, b"")
        assert int(head.headers["Content-Length"]) > 0
        assert session.get(f"{portal.url}/health", timeout=TIMEOUT).json()["status"] == "ok"


def test_a_request_with_a_repeated_idempotency_key_is_400(portal: SandboxProcess) -> None:
    data = json.dumps(body()).encode("utf-8")
    answer = raw_request(portal.url, b"POST /api/v1/applications HTTP/1.1\r\nHost: x\r\n"
                         b"Idempotency-Key: a\r\nIdempotency-Key: b\r\n"
                         b"Content-Length: %d\r\n\r\n%s" % (len(data), data))
    assert (answer.status, answer.json()["error"]) == (400, "repeated_header")


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("path", sorted({*JSON_POSTS, *FORM_POSTS, *GETS}))
def test_every_endpoint_survives_garbage(portal: SandboxProcess, method: str, path: str) -> None:
    garbage: list[tuple[bytes, str]] = [
        (b"", "application/json"), (b"\xff\x00", "application/json"),
        (nested(50_000).encode(), "application/json"), (b'{"a":1,"a":2}', "application/json"),
        (b"a=1&a=2&client_id=" + b"c" * 50_000, "application/x-www-form-urlencoded"),
        (b"&".join(b"f%d=1" % i for i in range(5000)), "application/x-www-form-urlencoded"),
        (b"%ff%fe=%00", "application/x-www-form-urlencoded"), (b"\x00" * 1000, "text/plain"),
    ]
    for data, kind in garbage:
        response = requests.request(method, portal.url + path, data=data, timeout=TIMEOUT,
                                    headers={**KEY, "Content-Type": kind,
                                             "Authorization": "Bearer \x7f" + "x" * 5000})
        assert response.status_code < 500, (data[:40], response.text[:300])
    assert_calm(portal)


def test_the_request_log_is_one_clean_line_per_request(portal: SandboxProcess) -> None:
    requests.get(f"{portal.url}/nowhere%0A1999-01-01 INFO GET /forged 200 0.1 ms", timeout=TIMEOUT)
    requests.get(f"{portal.url}/api/v1/applications/H99.01.01-261122-0042", timeout=TIMEOUT)
    log = portal.log_file.read_text(encoding="utf-8")
    assert "GET /nowhere%0A1999-01-01%20INFO%20GET%20/forged%20200%200.1%20ms 404" in log
    assert "\n1999-01-01" not in log
    assert "GET /api/v1/applications/{code} 404" in log and "261122-0042" not in log


# -- many and slow clients -------------------------------------------------------------


def test_a_burst_of_connections_is_served_at_once(portal: SandboxProcess) -> None:
    clients = 60
    barrier = threading.Barrier(clients)
    took: list[float] = []

    def one() -> None:
        barrier.wait()
        started = time.perf_counter()
        answer = raw_request(portal.url, b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        took.append(time.perf_counter() - started)
        assert answer.status == 200

    threads = [threading.Thread(target=one) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(took) == clients
    assert max(took) < 0.9  # a dropped SYN is retried after 1 s: none was dropped


def test_a_silent_client_is_cut_off_after_a_few_seconds(portal: SandboxProcess) -> None:
    with connect(portal.url) as conn:
        conn.sendall(b"POST /api/v1/applications HTTP/1.1\r\nContent-Le")
        started = time.monotonic()
        assert requests.get(f"{portal.url}/health", timeout=1).ok  # others are served meanwhile
        answer = read_answer(conn)
        waited = time.monotonic() - started
        assert (answer.status, answer.json()["error"]) == (408, "request_timeout")
        assert closed_by_server(conn, 2)
    assert Limits().silence_s - 0.5 < waited < Limits().silence_s + 2


@pytest.fixture
def strict(tmp_path: Path) -> Iterator[str]:
    """A sandbox on a thread with short time limits and room for four connections."""
    limits = Limits(silence_s=1, request_s=3, keep_alive_s=1.5, write_s=1, max_connections=4)
    with start_sandbox(tmp_path, limits=limits) as running:
        yield running.url


def test_a_client_dripping_bytes_is_cut_off_at_the_request_deadline(strict: str) -> None:
    request = b"POST /api/v1/heartbeat HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}"
    with connect(strict) as conn:
        started = time.monotonic()
        for byte in request[:-1]:  # one byte every 0.25 s: never silent for a second
            try:
                conn.sendall(bytes([byte]))
            except ConnectionError:
                break
            assert requests.get(f"{strict}/health", timeout=1).ok
            time.sleep(0.25)
            if time.monotonic() - started > 6:
                pytest.fail("the dripping client was never cut off")
        answer = read_answer(conn)
        assert (answer.status, answer.json()["error"]) == (408, "request_timeout")
        assert 2.5 < time.monotonic() - started < 4.5


def test_an_idle_kept_alive_connection_is_closed_after_keep_alive_s(strict: str) -> None:
    with connect(strict) as conn:
        conn.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        assert read_answer(conn).status == 200
        started = time.monotonic()
        assert closed_by_server(conn, 5)  # silently: no request had begun
        assert 1.0 < time.monotonic() - started < 3.0


def test_connections_over_the_cap_are_told_to_come_back(strict: str) -> None:
    held = [connect(strict) for _ in range(4)]
    try:
        time.sleep(0.2)
        with connect(strict) as fifth:  # answered on arrival: no request needed
            answer = read_answer(fifth)
        assert (answer.status, answer.json()["error"]) == (503, "busy")
        assert "retry-after" in answer.headers
    finally:
        for conn in held:
            conn.close()
    deadline = time.monotonic() + 3
    while requests.get(f"{strict}/health", timeout=1).status_code != 200:
        assert time.monotonic() < deadline


def test_a_client_that_never_reads_its_answers_is_let_go(strict: str) -> None:
    with connect(strict) as conn:
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        conn.sendall(b"GET /api/v1/procedures HTTP/1.1\r\nHost: x\r\n\r\n" * 200)
        time.sleep(2.5)  # write_s is 1 s: the server gave up on this one
        assert requests.get(f"{strict}/health", timeout=1).ok
        assert closed_by_server(conn, 5)


# -- the identity provider -------------------------------------------------------------


@pytest.mark.parametrize("form", [{"client_id": "c" * 50_000, "scope": "openid"},
                                  {"client_id": "kiosk", **{f"x{i}": "1" for i in range(500)}}])
def test_oversized_login_forms_are_400(portal: SandboxProcess, form: dict[str, str]) -> None:
    response = requests.post(f"{portal.url}/oidc/device_authorization", data=form, timeout=10)
    assert (response.status_code, response.json()["error"]) == (400, "invalid_request")


def test_pending_logins_are_capped() -> None:
    idp = IdentityProvider("http://127.0.0.1:1")
    for _ in range(MAX_PENDING_LOGINS):
        idp.start_device("kiosk", "openid")
    with pytest.raises(OAuthError) as refused:
        idp.start_device("kiosk", "openid")
    assert (refused.value.status, refused.value.error) == (503, "temporarily_unavailable")


# -- a failure inside an endpoint -----------------------------------------------------


def test_an_endpoint_crash_is_500_with_no_traceback_and_no_data_in_the_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def crash(*_: Any) -> Any:
        raise ValueError("Nguyễn Văn A 001203004567")

    broken = routes.Route("POST", re.compile("/api/v1/heartbeat"), crash)
    monkeypatch.setattr(routes, "ROUTES", (broken, *routes.ROUTES))
    caplog.set_level("INFO", logger="kiosk.sandbox")
    with start_sandbox(tmp_path) as running:
        response = requests.post(f"{running.url}/api/v1/heartbeat", json={}, timeout=TIMEOUT)
    assert (response.status_code, response.json()["error"]) == (500, "server_error")
    assert not [r for r in caplog.records if r.exc_info]
    assert "Nguyễn" not in caplog.text and "001203004567" not in caplog.text
    assert "ValueError" in caplog.text
