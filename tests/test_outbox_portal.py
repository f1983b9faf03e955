"""The portal client over real HTTP on loopback: the sandbox, and a tiny scripted server."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from outbox_helpers import example_answers
from sandbox_helpers import set_faults

from kiosk.portal import (
    ApplicationNotFound,
    PortalClient,
    PortalRejected,
    PortalRetryLater,
    PortalUnreachable,
)

NOW = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


def _submit(client: PortalClient, key: str, answers: dict[str, object] | None = None):  # type: ignore[no-untyped-def]
    return client.submit(
        "1.001193",
        answers if answers is not None else example_answers(),
        idempotency_key=key,
        kiosk_id="TEST-01",
        local_ref="TEST01-2345-6789A",
        submitted_at=NOW,
    )


def test_submit_then_resubmit_with_the_same_key_gives_the_same_code(sandbox_url: str) -> None:
    client = PortalClient(sandbox_url)
    first = _submit(client, "key-1")
    again = _submit(client, "key-1")
    assert first.code and first.code == again.code
    assert first.received_at is not None and first.appointment_date is not None
    status = client.status(first.code)
    assert status.code == first.code and status.procedure == "1.001193"
    assert status.history and status.history[0].status
    with pytest.raises(ApplicationNotFound):
        client.status("NO-SUCH-CODE")
    assert client.health()
    client.heartbeat({"kiosk_id": "TEST-01", "outbox_depth": 0})


def test_invalid_answers_are_rejected_with_field_reasons(sandbox_url: str) -> None:
    client = PortalClient(sandbox_url)
    answers = example_answers()
    answers["requester_cccd"] = "12"
    with pytest.raises(PortalRejected) as caught:
        _submit(client, "key-2", answers)
    assert caught.value.http_status == 422
    assert "requester_cccd" in {e.field for e in caught.value.errors}


def test_same_key_other_body_is_a_rejection(sandbox_url: str) -> None:
    client = PortalClient(sandbox_url)
    _submit(client, "key-3")
    other = example_answers()
    other["extra_copies"] = 3
    with pytest.raises(PortalRejected) as caught:
        _submit(client, "key-3", other)
    assert caught.value.http_status == 409


def test_a_down_portal_means_retry_later(sandbox_url: str) -> None:
    client = PortalClient(sandbox_url)
    set_faults(sandbox_url, down=True)
    with pytest.raises(PortalRetryLater, match="503"):
        _submit(client, "key-4")
    set_faults(sandbox_url)
    assert _submit(client, "key-4").code


def test_nothing_listening_is_retry_later_and_unreachable() -> None:
    client = PortalClient("http://127.0.0.1:9", connect_timeout=1, read_timeout=1)
    with pytest.raises(PortalRetryLater, match="cannot connect"):
        _submit(client, "k")
    assert not client.health()
    with pytest.raises(PortalUnreachable):
        client.ensure_reachable()
    with pytest.raises(PortalUnreachable):
        client.status("X")


class _Scripted(BaseHTTPRequestHandler):
    replies: list[tuple[int, dict[str, str], bytes]] = []

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        status, headers, body = self.replies.pop(0)
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def scripted() -> Iterator[tuple[str, list[tuple[int, dict[str, str], bytes]]]]:
    replies: list[tuple[int, dict[str, str], bytes]] = []
    handler = type("Handler", (_Scripted,), {"replies": replies})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", replies
    server.shutdown()
    server.server_close()


def test_status_codes_map_to_outcomes(
    scripted: tuple[str, list[tuple[int, dict[str, str], bytes]]],
) -> None:
    url, replies = scripted
    client = PortalClient(url)
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=120), usegmt=True)
    replies.extend(
        [
            (429, {"Retry-After": "30"}, b""),
            (503, {"Retry-After": later}, b""),
            (408, {}, b""),
            (500, {"Retry-After": "soon"}, b"oops"),
            (403, {"Content-Type": "application/json"}, json.dumps({"error": "cấm"}).encode()),
            (201, {}, b"not json"),
            (201, {}, json.dumps({"code": "C-1", "status": "received"}).encode()),
        ]
    )
    with pytest.raises(PortalRetryLater) as r429:
        _submit(client, "k")
    assert r429.value.retry_after == 30
    with pytest.raises(PortalRetryLater) as r503:
        _submit(client, "k")
    assert r503.value.retry_after is not None and 100 < r503.value.retry_after <= 120
    with pytest.raises(PortalRetryLater) as r408:
        _submit(client, "k")
    assert r408.value.retry_after is None
    with pytest.raises(PortalRetryLater) as r500:
        _submit(client, "k")
    assert r500.value.retry_after is None
    with pytest.raises(PortalRejected) as r403:
        _submit(client, "k")
    assert r403.value.errors[0].message == "cấm"
    with pytest.raises(PortalRetryLater, match="not JSON"):
        _submit(client, "k")
    answer = _submit(client, "k")
    assert answer.code == "C-1" and answer.appointment_date is None


def test_a_slow_portal_times_out_as_retry_later(sandbox_url: str) -> None:
    set_faults(sandbox_url, latency_ms=1500)
    client = PortalClient(sandbox_url, connect_timeout=1, read_timeout=0.3)
    with pytest.raises(PortalRetryLater, match="in time"):
        _submit(client, "slow")
    set_faults(sandbox_url)
