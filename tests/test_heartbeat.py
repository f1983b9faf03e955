"""The heartbeat: what a commune IT officer sees of a kiosk, with no personal data.

A real sandbox process receives the beats; its ``/_sandbox/heartbeats`` lists them;
``heartbeat.json`` tells ``kiosk doctor`` (another process) when one was last accepted.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import requests
from outbox_helpers import PERSONAL_NAMES, PERSONAL_NUMBERS, cli_env, example_answers

from kiosk import __version__
from kiosk.config import Config, KioskSection, PortalSection
from kiosk.context import build
from kiosk.core.mode import Mode
from kiosk.heartbeat import STATE_FILE, HeartbeatSender, collector, read_state
from kiosk.portal import PortalClient
from kiosk.vault import Vault
from printing.settings import PrinterSettings

ROOT = Path(__file__).resolve().parents[1]


def beats(url: str) -> list[dict[str, Any]]:
    answer = requests.get(f"{url}/_sandbox/heartbeats", timeout=10)
    assert answer.status_code == 200
    return list(answer.json()["heartbeats"])


def test_a_kiosk_with_a_queued_application_beats_what_the_officer_needs(
        tmp_path: Path, sandbox_process: Any) -> None:
    config = Config(kiosk=KioskSection(id="HN-HK-03", heartbeat_s=300),
                    portal=PortalSection(url=sandbox_process.url),
                    printer=PrinterSettings(backend="pdf-folder"))
    ctx = build(config, Mode.REAL, home=tmp_path / "home", threads=False, login=False,
                vault=Vault.in_memory_key())
    try:
        answers = example_answers()
        ctx.outbox.enqueue("1.001193", answers, kiosk_id="HN-HK-03")  # waiting, not sent
        sender = HeartbeatSender(
            collector("HN-HK-03", __version__, ctx.outbox, ctx.printing.state),
            PortalClient(sandbox_process.url), interval_s=300, state=tmp_path / STATE_FILE)
        assert sender.beat_once()
    finally:
        ctx.close()
    [beat] = [b for b in beats(sandbox_process.url) if b["kiosk_id"] == "HN-HK-03"]
    assert beat["version"] == __version__ and beat["outbox_depth"] == 1
    assert beat["oldest_queued_s"] is not None and 0 <= beat["oldest_queued_s"] < 60
    assert beat["printer"] and beat["last_error"] is None and beat["received_at"]
    said = json.dumps(beat, ensure_ascii=False)
    assert not any(marker in said for marker in (*PERSONAL_NAMES, *PERSONAL_NUMBERS))
    state = read_state(tmp_path / STATE_FILE)
    assert state is not None and state.accepted_at is not None and state.error is None


def test_a_beat_the_portal_does_not_take_is_remembered_and_said_next_time(
        tmp_path: Path, sandbox_process: Any) -> None:
    class Down:
        calls: list[dict[str, Any]] = []

        def heartbeat(self, body: dict[str, Any], timeout: float | None = None) -> None:
            self.calls.append(body)
            if len(self.calls) == 1:
                from kiosk.portal import PortalUnreachable
                raise PortalUnreachable("the portal did not answer")

    from kiosk.heartbeat import Beat

    portal = Down()
    sender = HeartbeatSender(lambda error: Beat("K", "v", 0, None, None, error), portal,
                             interval_s=300, state=tmp_path / STATE_FILE)
    assert not sender.beat_once()
    state = read_state(tmp_path / STATE_FILE)
    assert state is not None and state.accepted_at is None and "did not answer" in state.error
    assert sender.beat_once() and "did not answer" in portal.calls[1]["last_error"]


def test_the_running_kiosk_beats_soon_after_it_starts(tmp_path: Path,
                                                      sandbox_process: Any) -> None:
    config = Config(kiosk=KioskSection(id="HN-HK-04", heartbeat_s=300),
                    portal=PortalSection(url=sandbox_process.url),
                    printer=PrinterSettings(backend="pdf-folder"))
    ctx = build(config, Mode.REAL, home=tmp_path / "home", login=False,
                vault=Vault.in_memory_key())
    assert ctx.heartbeat is not None
    ctx.heartbeat.first_after_s = 0.05
    ctx.start()
    try:
        deadline = datetime.now(UTC) + timedelta(seconds=20)
        while not any(b["kiosk_id"] == "HN-HK-04" for b in beats(sandbox_process.url)):
            assert datetime.now(UTC) < deadline, "no heartbeat within 20 s"
    finally:
        ctx.close()
    assert not ctx.heartbeat.is_alive()


def test_doctor_says_when_the_last_heartbeat_was_accepted(tmp_path: Path) -> None:
    env = cli_env(tmp_path)
    home = Path(env["KIOSK_HOME"])
    home.mkdir(parents=True)

    def heartbeat_check() -> dict[str, str]:
        done = subprocess.run([sys.executable, "-m", "kiosk", "doctor", "--json"], cwd=ROOT,
                              env=env, capture_output=True, text=True, timeout=120)
        checks = json.loads(done.stdout)["checks"]
        return next(c for c in checks if c["name"] == "heartbeat")

    assert heartbeat_check()["status"] == "warn"  # none sent yet
    now = datetime.now(UTC)
    (home / STATE_FILE).write_text(json.dumps(
        {"attempted_at": now.isoformat(), "accepted_at": (now - timedelta(minutes=2)).isoformat(),
         "error": None}), encoding="utf-8")
    check = heartbeat_check()
    assert check["status"] == "ok" and "last accepted 2 min ago" in check["detail"]


class _SkewedHealth(BaseHTTPRequestHandler):
    skew = timedelta(minutes=-10)  # the portal's clock 10 minutes behind: ours is ahead

    def do_GET(self) -> None:  # noqa: N802 - http.server API
        self.send_response_only(200)
        self.send_header("Date", format_datetime(datetime.now(UTC) + self.skew, usegmt=True))
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *_args: Any) -> None:
        pass


def test_the_clocks_are_compared_with_the_portals_date(sandbox_process: Any) -> None:
    from kiosk.doctor.base import DoctorInputs, Status
    from kiosk.doctor.network import check_clock

    assert abs(PortalClient(sandbox_process.url).clock_skew_s()) < 5
    server = ThreadingHTTPServer(("127.0.0.1", 0), _SkewedHealth)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        skew = PortalClient(url).clock_skew_s()
        assert 595 < skew < 605
        given = DoctorInputs(Config(portal=PortalSection(url=url)), None, None, Path("."))
        result = check_clock(given)
        assert result.status is Status.FAIL and "ahead of the portal" in result.detail
        given = DoctorInputs(Config(portal=PortalSection(url=sandbox_process.url)), None, None,
                             Path("."))
        assert check_clock(given).status is Status.OK
    finally:
        server.shutdown()
        server.server_close()
