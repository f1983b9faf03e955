"""The sandbox portal's HTTP server, in-process or as ``kiosk sandbox``.

:func:`start_sandbox` binds a :class:`ThreadingHTTPServer` and serves it on a
background (daemon) thread: one more thread per connection runs
:class:`~kiosk.sandbox.handler.SandboxRequestHandler`, within the server's
:class:`~kiosk.sandbox.wire.Limits` (a listen backlog of 128, so a burst of
connections is not dropped and retried a second later; at most
``max_connections`` open, the next ones answered 503 on the accepting thread).
``RunningSandbox.stop()`` shuts it down and closes the store. Each request is
logged (method, path, status, duration), never its query, body or headers (no
token, code, ID number or name reaches the log).
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
from http.server import ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any

from kiosk.core.errors import BadInput
from kiosk.sandbox.api import SandboxPortal
from kiosk.sandbox.catalogue import ProcedureBook
from kiosk.sandbox.handler import SandboxRequestHandler, where
from kiosk.sandbox.idp import IdentityProvider, Monotonic
from kiosk.sandbox.messages import BUSY
from kiosk.sandbox.replies import error_reply
from kiosk.sandbox.store import SandboxStore
from kiosk.sandbox.timeline import Clock, Timeline, vietnam_now
from kiosk.sandbox.wire import Limits

DB_NAME = "sandbox.sqlite3"

log = logging.getLogger("kiosk.sandbox")

PortalFactory = Callable[[str], SandboxPortal]  # the server's URL -> the portal behind it


class SandboxHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    # On Windows SO_REUSEADDR lets a second server take a port in use: never there.
    allow_reuse_address = sys.platform != "win32"

    def __init__(
        self, address: tuple[str, int], portal_factory: PortalFactory, limits: Limits | None = None
    ) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.limits = limits or Limits()
        self.request_queue_size = self.limits.backlog  # socketserver's default is 5
        self._open: set[socket.socket] = set()  # connections being served
        self._open_lock = threading.Lock()
        super().__init__(address, SandboxRequestHandler)
        self.portal = portal_factory(self.url)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._open_lock:
            full = len(self._open) >= self.limits.max_connections
            if not full:
                self._open.add(request)
        if full:  # no thread for it: a short answer from this (the accepting) thread
            _turn_away(request)
            super().shutdown_request(request)
            return
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
        elif problem is not None:  # the type and place only: no traceback, no message
            log.error("error while serving a connection: %s", where(problem))

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
    limits: Limits | None = None,
) -> RunningSandbox:
    """Bind ``host:port`` (0: a free port), then serve on a background thread.

    ``data_dir`` holds the SQLite store (default: a new temporary folder,
    removed again by ``stop()``). ``clock`` is the portal's wall clock (receipt
    times, appointment dates); ``monotonic`` drives the identity provider's
    expiries, poll intervals and guessing window (a test passes a clock it moves
    by hand). ``limits``: sizes and time limits (default :class:`Limits`; a test passes
    shorter ones). A new id_token signing key is generated each start. Raises :class:`BadInput` when the folder, its
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
        server = SandboxHTTPServer((host, port), make_portal, limits)
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


def _turn_away(connection: socket.socket) -> None:
    """503 with Retry-After on a connection over the cap; never blocks the accepting thread."""
    reply = error_reply(503, "busy", BUSY)
    head = (
        "HTTP/1.1 503 Service Unavailable\r\nX-Sandbox: true\r\nRetry-After: 1\r\n"
        f"Content-Type: {reply.content_type}\r\nContent-Length: {len(reply.body)}\r\n"
        "Connection: close\r\n\r\n"
    )
    with contextlib.suppress(OSError):  # a full buffer or a client gone: just close
        connection.setblocking(False)
        connection.send(head.encode("ascii") + reply.body)
        connection.recv(65536)  # what already came: unread, closing would send a reset
    log.info("- - 503 0.0 ms (too many connections)")


def _bind_problem(host: str, port: int, exc: OSError) -> str:
    if exc.errno in (errno.EADDRINUSE, 10048) or getattr(exc, "winerror", None) == 10048:
        return (
            f"--port {port}: address {host}:{port} is already in use; "
            "stop the other program or choose another port (--port 0 picks a free one)"
        )
    return f"--host {host} --port {port}: cannot listen there ({exc.strerror or exc})"
