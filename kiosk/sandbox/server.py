"""The sandbox portal's HTTP server, in-process or as ``kiosk sandbox``.

:func:`start_sandbox` binds a :class:`ThreadingHTTPServer` and serves it on a
background (daemon) thread: one more thread per connection runs
:func:`kiosk.sandbox.routes.dispatch`. ``RunningSandbox.stop()`` shuts it down and
closes the store. Each request is logged (method, path, status, duration),
never its query, body or headers (no token, code, ID number or name reaches the log).
"""

from __future__ import annotations

import contextlib
import errno
import logging
import shutil
import socket
import sqlite3
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from kiosk.core.errors import BadInput
from kiosk.core.text import Text
from kiosk.sandbox.api import SandboxPortal
from kiosk.sandbox.catalogue import ProcedureBook
from kiosk.sandbox.idp import IdentityProvider, Monotonic
from kiosk.sandbox.replies import Reply, Request, error_reply
from kiosk.sandbox.routes import dispatch
from kiosk.sandbox.store import SandboxStore, StoreClosed
from kiosk.sandbox.timeline import Clock, Timeline, vietnam_now

DB_NAME = "sandbox.sqlite3"
MAX_BODY = 1_000_000  # bytes; a submission is a few kilobytes

log = logging.getLogger("kiosk.sandbox")

PortalFactory = Callable[[str], SandboxPortal]  # the server's URL -> the portal behind it

TOO_LARGE = Text("Nội dung yêu cầu quá lớn.", "The request body is too large.")
BAD_LENGTH = Text("Tiêu đề Content-Length không hợp lệ.", "The Content-Length header is invalid.")
STOPPING = Text("Cổng thử nghiệm đang dừng.", "The sandbox portal is stopping.")
CRASHED = Text("Lỗi máy chủ thử nghiệm.", "Sandbox server error.")


class SandboxRequestHandler(BaseHTTPRequestHandler):
    """Runs on a connection thread; hands each request to the portal."""

    protocol_version = "HTTP/1.1"  # keep-alive, as clients with pools expect
    server_version = "KioskSandbox/1"
    timeout = 30  # seconds an idle keep-alive connection may stay open
    # Headers and body go out in two writes: without TCP_NODELAY, Nagle's algorithm
    # and the client's delayed ACK hold every answer back by about 40 ms.
    disable_nagle_algorithm = True
    server: SandboxHTTPServer

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's naming
        self._serve("GET")

    def do_POST(self) -> None:  # noqa: N802
        self._serve("POST")

    def do_PUT(self) -> None:  # noqa: N802
        self._serve("PUT")

    def do_DELETE(self) -> None:  # noqa: N802
        self._serve("DELETE")

    def _serve(self, method: str) -> None:
        started = time.perf_counter()
        target = urlsplit(self.path)
        path = unquote(target.path)
        reply = self._reply(method, path, target.query)
        self._send(reply)
        elapsed_ms = (time.perf_counter() - started) * 1000
        log.info("%s %s %d %.1f ms", method, path, reply.status, elapsed_ms)

    def _reply(self, method: str, path: str, query: str) -> Reply:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0:
            self.close_connection = True
            return error_reply(400, "bad_length", BAD_LENGTH)
        if length > MAX_BODY:
            self.close_connection = True
            return error_reply(413, "too_large", TOO_LARGE)
        body = self.rfile.read(length) if length > 0 else b""
        headers = {name.lower(): value for name, value in self.headers.items()}
        try:
            fields = {name: values[0] for name, values in parse_qs(query).items()}
            return dispatch(self.server.portal, Request(method, path, headers, body, fields))
        except StoreClosed:  # a late request while stopping: like a portal going down
            return error_reply(503, "stopping", STOPPING)
        except Exception:  # noqa: BLE001 - a 500 for the client, the details in the log
            log.exception("%s %s failed", method, path)
            return error_reply(500, "server_error", CRASHED)

    def _send(self, reply: Reply) -> None:
        self.send_response(reply.status)
        self.send_header("X-Sandbox", "true")
        if reply.status != 204:
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(reply.body)))
        for name, value in reply.headers:
            self.send_header(name, value)
        self.end_headers()
        if reply.status != 204:
            self.wfile.write(reply.body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Silence the stdlib's per-request stderr lines: :meth:`_serve` logs."""


class SandboxHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    # On Windows SO_REUSEADDR lets a second server take a port in use: never there.
    allow_reuse_address = sys.platform != "win32"

    def __init__(self, address: tuple[str, int], portal_factory: PortalFactory) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self._open: set[socket.socket] = set()  # connections being served
        self._open_lock = threading.Lock()
        super().__init__(address, SandboxRequestHandler)
        self.portal = portal_factory(self.url)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._open_lock:
            self._open.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._open_lock:
            self._open.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that went away is routine; anything else goes to the log, not stderr."""
        problem = sys.exc_info()[1]
        if isinstance(problem, ConnectionError | TimeoutError):
            log.debug("connection ended early: %s", type(problem).__name__)
        else:
            log.exception("error while serving a connection")

    def close_connections(self) -> None:
        """End idle keep-alive connections, so nothing is served after a stop."""
        with self._open_lock:
            connections = list(self._open)
        for connection in connections:
            with contextlib.suppress(OSError):  # already closed by the client
                connection.shutdown(socket.SHUT_RDWR)

    def server_bind(self) -> None:
        exclusive = getattr(socket, "SO_EXCLUSIVEADDRUSE", None)  # Windows only
        if exclusive is not None:
            self.socket.setsockopt(socket.SOL_SOCKET, exclusive, 1)
        super().server_bind()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        name = host.decode() if isinstance(host, bytes) else str(host)
        shown = f"[{name}]" if ":" in name else name
        return f"http://{shown}:{port}"


@dataclass
class RunningSandbox:
    """A sandbox portal serving on a background thread."""

    url: str
    data_dir: Path
    portal: SandboxPortal
    _server: SandboxHTTPServer = field(repr=False)
    _thread: threading.Thread = field(repr=False)
    _throwaway: bool = field(default=False, repr=False)  # data_dir was made for it

    def stop(self) -> None:
        """Stop serving, wait for the serving thread, close the store. Idempotent.

        A data folder that :func:`start_sandbox` made itself is removed too.
        """
        if self._thread.is_alive():
            self._server.shutdown()
            self._thread.join()
        self._server.close_connections()
        self._server.server_close()
        self.portal.store.close()
        if self._throwaway:
            shutil.rmtree(self.data_dir, ignore_errors=True)

    def __enter__(self) -> RunningSandbox:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def start_sandbox(
    data_dir: Path | None = None,
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    clock: Clock = vietnam_now,
    timeline: Timeline | None = None,
    book: ProcedureBook | None = None,
    monotonic: Monotonic = time.monotonic,
) -> RunningSandbox:
    """Bind ``host:port`` (0: a free port), then serve on a background thread.

    ``data_dir`` holds the SQLite store (default: a new temporary folder,
    removed again by ``stop()``). ``clock`` is the portal's wall clock (receipt
    times, appointment dates); ``monotonic`` drives the identity provider's
    expiries, poll intervals and guessing window (a test passes a clock it moves
    by hand). A new id_token signing key is generated each start. Raises :class:`BadInput` when the folder, its
    database or the address cannot be used (port in use...), or when a procedure
    definition is broken.
    """
    procedures = book if book is not None else ProcedureBook.load()
    folder = Path(data_dir) if data_dir is not None else Path(tempfile.mkdtemp(prefix="sandbox-"))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BadInput(
            f"--data {folder}: cannot create the sandbox data folder ({exc.strerror or exc})"
        ) from None
    try:
        store = SandboxStore(folder / DB_NAME)
    except sqlite3.Error as exc:  # the file cannot even be opened
        raise BadInput(f"--data {folder}: cannot open {DB_NAME} there ({exc})") from None

    def make_portal(url: str) -> SandboxPortal:
        return SandboxPortal(
            store, procedures, clock=clock, timeline=timeline or Timeline(), issuer=url,
            idp=IdentityProvider(url, monotonic=monotonic),
        )

    try:
        server = SandboxHTTPServer((host, port), make_portal)
    except OSError as exc:
        store.close()
        if data_dir is None:
            shutil.rmtree(folder, ignore_errors=True)
        raise BadInput(_bind_problem(host, port, exc)) from None
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.1}, name="sandbox-http", daemon=True
    )
    thread.start()
    log.info("sandbox portal listening on %s (data in %s)", server.url, folder)
    return RunningSandbox(server.url, folder, server.portal, server, thread, data_dir is None)


def _bind_problem(host: str, port: int, exc: OSError) -> str:
    if exc.errno in (errno.EADDRINUSE, 10048) or getattr(exc, "winerror", None) == 10048:
        return (
            f"--port {port}: address {host}:{port} is already in use; "
            "stop the other program or choose another port (--port 0 picks a free one)"
        )
    return f"--host {host} --port {port}: cannot listen there ({exc.strerror or exc})"
