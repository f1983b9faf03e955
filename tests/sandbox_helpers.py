"""Helpers for tests that need the sandbox portal (area 2: sandbox).

* :func:`start_sandbox_process`: a real ``python -m kiosk sandbox --port 0``
  subprocess; waits for its "listening" line and returns its URL.
* :func:`set_faults`: the ``/_sandbox/faults`` switches, every field sent (so one
  call also resets what it does not mention to "no fault").
* :func:`applications`: what the sandbox stored (``/_sandbox/applications``).
* :func:`advance`: move an application's status on (``/_sandbox/advance``).
* The identity provider's simulated phone: :func:`approve_login` (``/_sandbox/approve``),
  :func:`pending_logins` (``/_sandbox/logins``), :func:`expire_login`
  (``/_sandbox/logins/expire``); :class:`ManualMonotonic`, a monotonic clock a test
  moves by hand (``start_sandbox(monotonic=...)``), so logins expire without sleeping.
* The kiosk's side of a login, as plain HTTP: :func:`start_device_login`,
  :func:`start_ciba_login`, :func:`poll_token`.
* Raw HTTP for broken, hostile or slow clients: :func:`raw_request`, :func:`connect`,
  :func:`read_answer` (a :class:`RawAnswer`), :func:`closed_by_server`, :func:`post_bytes`,
  :func:`nested`; :func:`assert_calm`: a sandbox process still answers, and its stderr
  has no traceback and no 500.

Loopback only. Used by the ``sandbox_process`` / ``sandbox_url`` fixtures in
``tests/conftest.py`` and by other areas' tests.
"""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import requests

from forms.loader import load_catalogue
from forms.model import Procedure

ROOT = Path(__file__).resolve().parents[1]
LISTENING = "kiosk sandbox listening on "
START_TIMEOUT_S = 30.0


@dataclass
class SandboxProcess:
    """A ``kiosk sandbox`` subprocess: ``url``, its data folder and stderr log file."""

    url: str
    process: subprocess.Popen[str]
    data_dir: Path
    log_file: Path
    rest_of_stdout: str = ""  # what it printed after the ready line (read by stop())

    def stop(self) -> int:
        """Ask it to stop (SIGTERM; Ctrl+Break on Windows) and return the exit code."""
        if self.process.poll() is None:
            if sys.platform == "win32":
                self.process.send_signal(signal.CTRL_BREAK_EVENT)
            else:
                self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if self.process.stdout:
            self.rest_of_stdout = self.process.stdout.read()
            self.process.stdout.close()
        return self.process.returncode


def sandbox_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "kiosk", "sandbox", *args]


def start_sandbox_process(data_dir: Path, *args: str) -> SandboxProcess:
    """Start ``kiosk sandbox --port 0 --data DATA_DIR [args]`` and wait for its line."""
    data_dir.mkdir(parents=True, exist_ok=True)
    log_file = data_dir / "sandbox-stderr.log"
    with open(log_file, "w", encoding="utf-8") as stderr:
        process = subprocess.Popen(
            sandbox_command("--port", "0", "--data", str(data_dir), *args),
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            encoding="utf-8",
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
            # Its own group on Windows, so Ctrl+Break reaches it and not the tests.
            creationflags=getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0),
        )
    line = first_line(process, START_TIMEOUT_S)
    if not line.startswith(LISTENING):
        process.kill()
        process.wait()
        raise RuntimeError(
            f"kiosk sandbox did not start: {line!r}; stderr: "
            + log_file.read_text(encoding="utf-8", errors="replace")[-2000:]
        )
    return SandboxProcess(line.removeprefix(LISTENING).strip(), process, data_dir, log_file)


def first_line(process: subprocess.Popen[str], timeout: float) -> str:
    """The first stdout line of ``process`` ("" if it exits or stays silent)."""
    lines: queue.Queue[str] = queue.Queue()
    stdout: IO[str] | None = process.stdout
    assert stdout is not None

    def read() -> None:
        lines.put(stdout.readline())

    threading.Thread(target=read, daemon=True).start()
    try:
        return lines.get(timeout=timeout)
    except queue.Empty:
        return ""


def set_faults(
    url: str,
    *,
    down: bool = False,
    fail_rate: float = 0.0,
    latency_ms: int = 0,
    seed: int | None = None,
) -> None:
    """Set every fault switch of the sandbox at ``url`` (defaults: no fault)."""
    body: dict[str, Any] = {"down": down, "fail_rate": fail_rate, "latency_ms": latency_ms}
    if seed is not None:
        body["seed"] = seed
    response = requests.post(f"{url}/_sandbox/faults", json=body, timeout=10)
    response.raise_for_status()


def applications(url: str) -> list[dict[str, Any]]:
    """Everything the sandbox stored, oldest first."""
    response = requests.get(f"{url}/_sandbox/applications", timeout=10)
    response.raise_for_status()
    result: list[dict[str, Any]] = response.json()["applications"]
    return result


def advance(url: str, code: str, status: str | None = None) -> None:
    """Move application ``code`` on to ``status`` (default: the next one)."""
    body: dict[str, Any] = {"code": code}
    if status is not None:
        body["status"] = status
    response = requests.post(f"{url}/_sandbox/advance", json=body, timeout=10)
    response.raise_for_status()


def approve_login(
    url: str,
    *,
    user_code: str | None = None,
    auth_req_id: str | None = None,
    citizen: str | None = None,
    deny: bool = False,
) -> None:
    """Play the resident's phone: approve (or deny) a pending device or CIBA login."""
    data: dict[str, Any] = {"deny": deny}
    if user_code is not None:
        data["user_code"] = user_code
    if auth_req_id is not None:
        data["auth_req_id"] = auth_req_id
    if citizen is not None:
        data["citizen"] = citizen
    response = requests.post(f"{url}/_sandbox/approve", json=data, timeout=10)
    response.raise_for_status()


def pending_logins(url: str) -> list[dict[str, Any]]:
    """The logins waiting for the phone's answer, oldest first."""
    response = requests.get(f"{url}/_sandbox/logins", timeout=10)
    response.raise_for_status()
    result: list[dict[str, Any]] = response.json()["logins"]
    return result


def expire_login(url: str, *, user_code: str | None = None, auth_req_id: str | None = None) -> None:
    """Make one pending login expire now."""
    data = {"user_code": user_code} if user_code is not None else {"auth_req_id": auth_req_id}
    response = requests.post(f"{url}/_sandbox/logins/expire", json=data, timeout=10)
    response.raise_for_status()


LOGIN_CLIENT = "kiosk-test"
LOGIN_SCOPE = "openid profile phone address cccd"
DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
CIBA_GRANT = "urn:openid:params:grant-type:ciba"


def start_device_login(url: str, scope: str = LOGIN_SCOPE) -> dict[str, Any]:
    """RFC 8628 device authorization as the kiosk asks for it; the answer's JSON."""
    response = requests.post(f"{url}/oidc/device_authorization",
                             data={"client_id": LOGIN_CLIENT, "scope": scope}, timeout=10)
    response.raise_for_status()
    result: dict[str, Any] = response.json()
    return result


def start_ciba_login(url: str, login_hint: str, binding_message: str = "NVH-01-4821",
                     **extra: str) -> requests.Response:
    """A CIBA backchannel request (poll mode); ``extra`` adds (or, as "", blanks) fields."""
    form = {"client_id": LOGIN_CLIENT, "scope": LOGIN_SCOPE, "login_hint": login_hint,
            "binding_message": binding_message, **extra}
    return requests.post(f"{url}/oidc/backchannel",
                         data={k: v for k, v in form.items() if v != ""}, timeout=10)


def poll_token(url: str, *, device_code: str | None = None, auth_req_id: str | None = None,
               client_id: str = LOGIN_CLIENT) -> requests.Response:
    """One token poll for a device code or a CIBA auth_req_id."""
    form = ({"grant_type": DEVICE_GRANT, "device_code": device_code or ""}
            if auth_req_id is None else {"grant_type": CIBA_GRANT, "auth_req_id": auth_req_id})
    return requests.post(f"{url}/oidc/token", data={**form, "client_id": client_id}, timeout=10)


class ManualMonotonic:
    """A monotonic clock (seconds) that only moves when the test says so."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


TIMEOUT = 10


def procedure() -> Procedure:
    """The first procedure of the catalogue that has example answers."""
    return next(p for p in load_catalogue().procedures if p.example)


def body(proc: Procedure | None = None, **changes: Any) -> dict[str, Any]:
    """An application's request body (the procedure's example answers), with changes."""
    proc = proc or procedure()
    data = {
        "procedure": proc.code,
        "answers": dict(proc.example),
        "kiosk_id": "NVH-TEST-01",
        "local_ref": "R-0001",
        "submitted_at": "2026-11-23T03:00:00+00:00",
    }
    data.update(changes)
    return data


def submit(url: str, data: Any, key: str | None = "key-1") -> requests.Response:
    headers = {"Idempotency-Key": key} if key is not None else {}
    return requests.post(f"{url}/api/v1/applications", json=data, headers=headers, timeout=TIMEOUT)


# ---- raw HTTP: clients that are broken, hostile or slow (tests/test_sandbox_hardening.py) ----


@dataclass
class RawAnswer:
    """One HTTP answer read off a socket: status, headers (lower-case names), body."""

    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8"))


def address(url: str) -> tuple[str, int]:
    """``http://HOST:PORT`` → ``(HOST, PORT)``."""
    host, port = url.removeprefix("http://").rsplit(":", 1)
    return host.strip("[]"), int(port)


def connect(url: str, timeout: float = TIMEOUT) -> socket.socket:
    return socket.create_connection(address(url), timeout=timeout)


def read_answer(conn: socket.socket) -> RawAnswer:
    """Read one answer (status line, headers, ``Content-Length`` bytes of body)."""
    reader = conn.makefile("rb")
    try:
        status_line = reader.readline(65537)
        if not status_line:
            raise ConnectionError("the server closed the connection without an answer")
        status = int(status_line.split()[1])
        headers: dict[str, str] = {}
        while (line := reader.readline(65537)) not in (b"\r\n", b"\n", b""):
            name, _, value = line.decode("iso-8859-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        length = int(headers.get("content-length", "0"))
        return RawAnswer(status, headers, reader.read(length) if length else b"")
    finally:
        reader.close()


def raw_request(url: str, data: bytes, timeout: float = TIMEOUT) -> RawAnswer:
    """Send ``data`` as it is on a new connection and read one answer."""
    with connect(url, timeout) as conn:
        conn.sendall(data)
        return read_answer(conn)


def closed_by_server(conn: socket.socket, timeout: float = TIMEOUT) -> bool:
    """Whether the server ends the connection (EOF or reset) within ``timeout`` seconds."""
    conn.settimeout(timeout)
    try:
        while conn.recv(65536):
            pass
    except ConnectionError:
        return True
    except TimeoutError:
        return False
    return True


def assert_calm(process: SandboxProcess) -> None:
    """It still answers at once, and its stderr has no traceback and no 500."""
    assert requests.get(f"{process.url}/health", timeout=2).status_code == 200
    log = process.log_file.read_text(encoding="utf-8")
    assert "Traceback" not in log
    assert not re.search(r" 500 \d+\.\d ms$", log, re.MULTILINE), log[-2000:]


def post_bytes(url: str, path: str, data: bytes, kind: str = "application/json",
               key: str = "hardening") -> requests.Response:
    """POST ``data`` as it is (with an Idempotency-Key, which only submissions read)."""
    return requests.post(url + path, data=data, timeout=TIMEOUT,
                         headers={"Idempotency-Key": key, "Content-Type": kind})


def nested(depth: int) -> str:
    """``[[[...]]]``: JSON arrays nested ``depth`` levels deep."""
    return "[" * depth + "]" * depth
