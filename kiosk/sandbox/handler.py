"""One connection of the sandbox's HTTP server: read requests within limits, answer JSON.

:class:`SandboxRequestHandler` runs on that connection's own thread. It reads
through a :class:`~kiosk.sandbox.wire.RequestReader` (silence, whole-request and
header-size limits), frames bodies strictly (one ``Content-Length``; chunked
bodies are refused with 411 rather than misread as the next request), hands
each request to :func:`kiosk.sandbox.routes.dispatch`, and answers every error,
the stdlib's own included (400, 408, 413, 414, 431, 505), as the portal's
JSON error body. Each request is logged as one line: method, path (the route's
template, ``/api/v1/applications/{code}``, so no code reaches the log; an unknown
path percent-encoded), status, duration; never its query, headers or body, and an
endpoint's crash only by the exception's type and place (its message could
hold personal data), never as a traceback.
"""

from __future__ import annotations

import contextlib
import logging
import re
import time
import traceback
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, unquote, urlsplit

from kiosk.core.text import Text
from kiosk.sandbox import messages, routes
from kiosk.sandbox.replies import Reply, Request, error_reply
from kiosk.sandbox.store import StoreClosed
from kiosk.sandbox.wire import RequestReader, body_length, shown_path

if TYPE_CHECKING:
    from kiosk.sandbox.server import SandboxHTTPServer

log = logging.getLogger("kiosk.sandbox")

# Headers that must come once: a second one would make the request mean two things.
SINGLE_HEADERS = ("idempotency-key", "authorization", "content-type", "host", "expect")
FRAMING_ERRORS: dict[int, tuple[str, Text]] = {
    400: ("bad_length", messages.BAD_LENGTH),
    411: ("length_required", messages.LENGTH_REQUIRED),
    413: ("too_large", messages.TOO_LARGE),
}
# Any method name is routed: an endpoint, else 405 with Allow, else 404.
METHOD = re.compile(r"[A-Z][A-Z0-9_-]{0,23}")
# BaseHTTPRequestHandler's own refusals (send_error), as the portal's JSON errors.
HTTP_ERRORS: dict[int, tuple[str, Text]] = {
    400: ("bad_request", messages.BAD_HTTP),
    414: ("request_line_too_long", messages.LINE_TOO_LONG),
    431: ("headers_too_large", messages.HEADERS_TOO_LARGE),
    505: ("http_version_not_supported", messages.BAD_VERSION),
}


class SandboxRequestHandler(BaseHTTPRequestHandler):
    """Runs on a connection thread; hands each request to the portal."""

    protocol_version = "HTTP/1.1"  # keep-alive, as clients with pools expect
    server_version = "KioskSandbox/1"
    # Headers and body go out in two writes: without TCP_NODELAY, Nagle's algorithm
    # and the client's delayed ACK hold every answer back by about 40 ms.
    disable_nagle_algorithm = True
    server: SandboxHTTPServer
    reader: RequestReader

    def setup(self) -> None:
        super().setup()
        self.connection.settimeout(self.server.limits.silence_s)  # each read sets its own
        self.rfile.close()  # the stdlib's reader (not the socket): replaced by a timed one
        self.reader = RequestReader(self.connection, self.server.limits)
        self.rfile = self.reader
        self.answered = False

    def handle_one_request(self) -> None:
        """Read and answer one request; a client too slow is cut off (408 once begun)."""
        self.answered, self.command, self.path, self.requestline = False, "", "", ""
        self.request_version = "HTTP/1.1"  # until parse_request reads the client's
        try:
            self._one_request()
        except TimeoutError:
            self.close_connection = True
            if self.reader.request_begun and not self.answered:
                with contextlib.suppress(OSError):  # the client may be gone as well
                    self._answer_and_log(
                        error_reply(408, "request_timeout", messages.TIMED_OUT), time.perf_counter()
                    )
        self.reader.next_request()

    def _one_request(self) -> None:
        limits = self.server.limits
        self.raw_requestline = self.reader.readline(limits.max_request_line + 1)
        if len(self.raw_requestline) > limits.max_request_line:
            self.send_error(414)
            return
        if not self.raw_requestline:
            self.close_connection = True
            return
        self.reader.header_budget = limits.max_header_bytes
        try:
            parsed = self.parse_request()
        finally:
            self.reader.header_budget = None
        if not parsed:
            return
        if self.request_version == "HTTP/0.9":  # "GET /": no headers to frame a body with
            self.send_error(400)
            return
        if not METHOD.fullmatch(self.command):  # not a method name: nothing to route or log
            self.send_error(400)
            return
        self._serve("GET" if self.command == "HEAD" else self.command)  # HEAD: no body sent
        self.wfile.flush()

    def handle_expect_100(self) -> bool:
        """No "100 Continue" for a body that will be refused: its final answer comes at once."""
        if body_length(self.headers, self.server.limits.max_body).error:
            return True
        return super().handle_expect_100()

    def _serve(self, method: str) -> None:
        started = time.perf_counter()
        try:
            target = urlsplit(self.path)
        except ValueError:  # e.g. "http://[::1/": no valid address at all
            self.close_connection = True
            self._answer_and_log(error_reply(400, "bad_target", messages.BAD_TARGET), started)
            return
        self._answer_and_log(self._reply(method, unquote(target.path), target.query), started,
                             unquote(target.path))

    def _reply(self, method: str, path: str, query: str) -> Reply:
        framing = body_length(self.headers, self.server.limits.max_body)
        if framing.error:
            self.close_connection = True  # where this body ends is unknown
            error, text = FRAMING_ERRORS[framing.error]
            return error_reply(framing.error, error, text)
        body = self.reader.read(framing.length) if framing.length else b""
        if len(body) < framing.length:
            self.close_connection = True
            return error_reply(400, "incomplete_body", messages.INCOMPLETE)
        for name in SINGLE_HEADERS:
            if len(self.headers.get_all(name) or ()) > 1:
                self.close_connection = True
                return error_reply(400, "repeated_header", messages.REPEATED_HEADER,
                                   header=name.title())
        headers = {name.lower(): value for name, value in self.headers.items()}
        try:
            fields = {name: values[0] for name, values in parse_qs(query).items()}
            return routes.dispatch(self.server.portal, Request(method, path, headers, body, fields))
        except StoreClosed:  # a late request while stopping: like a portal going down
            return error_reply(503, "stopping", messages.STOPPING)
        except Exception as exc:  # noqa: BLE001 - a 500 for the client, a line in the log
            log.error("%s %s failed: %s", method, routes.template(path) or shown_path(path),
                      where(exc))
            return error_reply(500, "server_error", messages.CRASHED)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """The stdlib's refusals (bad request line, headers too large...) as JSON; then close."""
        self.close_connection = True
        if self.request_version == "HTTP/0.9":  # the stdlib's default: answer with a status line
            self.request_version = "HTTP/1.1"
        error, text = HTTP_ERRORS.get(code, HTTP_ERRORS[400])
        self._answer_and_log(error_reply(code, error, text), time.perf_counter())

    def _answer_and_log(self, reply: Reply, started: float, path: str | None = None) -> None:
        self.answered = True
        try:
            self._send(reply)
        finally:
            elapsed_ms = (time.perf_counter() - started) * 1000
            plain = path if path is not None else urlsplit_path(self.path)
            shown = routes.template(plain) or shown_path(plain)
            method = self.command if METHOD.fullmatch(self.command or "") else "-"
            log.info("%s %s %d %.1f ms", method, shown, reply.status, elapsed_ms)

    def _send(self, reply: Reply) -> None:
        self.connection.settimeout(self.server.limits.write_s)  # a client that never reads
        self.send_response(reply.status)
        self.send_header("X-Sandbox", "true")
        if reply.status != 204:
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(reply.body)))
        for name, value in reply.headers:
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if reply.status != 204 and self.command != "HEAD":
            self.wfile.write(reply.body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Silence the stdlib's per-request stderr lines: :meth:`_answer_and_log` logs."""


def urlsplit_path(target: str) -> str:
    """The path of a request target, or "-" when there is none (or it cannot be read)."""
    if not target:
        return "-"
    try:
        return unquote(urlsplit(target).path)
    except ValueError:
        return "-"


def where(exc: BaseException) -> str:
    """``ValueError at api.py:120 in submit``: the type and the innermost frame, no message."""
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return type(exc).__name__
    last = frames[-1]
    return f"{type(exc).__name__} at {Path(last.filename).name}:{last.lineno} in {last.name}"
