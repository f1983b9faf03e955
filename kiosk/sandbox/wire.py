"""What the sandbox's HTTP server allows a connection: sizes and time limits.

:class:`Limits` holds them (``start_sandbox(limits=...)``; a test passes shorter
ones). :class:`RequestReader` is a connection's incoming bytes: every read waits
at most ``silence_s`` once a request has begun, and a whole request (line,
headers, body) must arrive within ``request_s`` of its first byte, so a client
that drips one byte at a time is cut off (``TimeoutError``) instead of holding a
thread forever; between requests a kept-alive connection waits ``keep_alive_s``
(``silence_s`` before its first). While the header section is read it also
counts its bytes against ``max_header_bytes``. :func:`body_length` reads the
framing headers strictly. Plain sockets and timeouts: the same on Windows and
Linux. One reader per connection, used by that connection's thread only.
"""

from __future__ import annotations

import http.client
import io
import re
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message
from typing import TYPE_CHECKING
from urllib.parse import quote

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

_DIGITS = re.compile(r"[0-9]{1,18}")  # ASCII only: int() also takes "1_0", "+5" and "٥"


@dataclass(frozen=True)
class Limits:
    """Sizes and time limits of one sandbox server (the defaults suit a real portal)."""

    silence_s: float = 5.0  # the longest pause inside a request (and before the first one)
    request_s: float = 20.0  # a whole request, from its first byte to its last
    keep_alive_s: float = 15.0  # an idle kept-alive connection waits this long for the next
    write_s: float = 10.0  # sending one answer to a client that does not read
    max_connections: int = 256  # open at once; more are answered 503 and closed
    backlog: int = 128  # connections the OS queues before they are accepted
    max_body: int = 1_000_000  # bytes; a submission is a few kilobytes
    max_request_line: int = 8192  # bytes of "METHOD TARGET HTTP/1.1"
    max_header_bytes: int = 32768  # bytes of the whole header section (at most 100 fields)


class RequestReader(io.BufferedReader):
    """A connection's incoming bytes under the silence and whole-request time limits."""

    def __init__(self, connection: socket.socket, limits: Limits,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._raw = _TimedSocket(connection, limits, clock)
        super().__init__(self._raw)
        self.header_budget: int | None = None  # bytes left while the headers are read

    @property
    def request_begun(self) -> bool:
        """Whether a byte of the current request has arrived (then a timeout answers 408)."""
        return self._raw.deadline is not None

    def next_request(self) -> None:
        """The previous answer is sent: wait (``keep_alive_s``) for the next request."""
        self._raw.next_request()

    def readline(self, size: int | None = -1) -> bytes:
        if self.header_budget is None:
            return super().readline(size)
        cap = self.header_budget + 1
        line = super().readline(cap if size is None or size < 0 else min(size, cap))
        self.header_budget -= len(line)
        if self.header_budget < 0:  # BaseHTTPRequestHandler answers 431
            raise http.client.LineTooLong("header section")
        return line


class _TimedSocket(io.RawIOBase):
    def __init__(self, connection: socket.socket, limits: Limits,
                 clock: Callable[[], float]) -> None:
        super().__init__()
        self._connection = connection
        self._limits = limits
        self._clock = clock
        self._wait = limits.silence_s  # for the first byte of the next request
        self.deadline: float | None = None  # the current request's, once it has begun

    def readable(self) -> bool:
        return True

    def next_request(self) -> None:
        self._wait = self._limits.keep_alive_s
        self.deadline = None

    def readinto(self, buffer: WriteableBuffer) -> int:
        if self.deadline is None:
            wait = self._wait
        else:
            wait = min(self._limits.silence_s, self.deadline - self._clock())
            if wait <= 0:
                raise TimeoutError("the request took too long to arrive")
        self._connection.settimeout(wait)
        count = self._connection.recv_into(buffer)
        if count and self.deadline is None:
            self.deadline = self._clock() + self._limits.request_s
        return count


@dataclass(frozen=True)
class Framing:
    """How long the body is, or why that cannot be known (``error``: an HTTP status)."""

    length: int = 0
    error: int = 0


def body_length(headers: Message, max_body: int) -> Framing:
    """Strict ``Content-Length``: one header, ASCII digits; no ``Transfer-Encoding`` (411)."""
    if headers.get_all("Transfer-Encoding"):
        return Framing(error=411)
    values = headers.get_all("Content-Length") or []
    if not values:
        return Framing()
    if len(values) > 1 or not _DIGITS.fullmatch(values[0].strip()):
        if len(values) == 1 and values[0].strip().isascii() and values[0].strip().isdigit():
            return Framing(error=413)  # only digits, but more of them than any body has
        return Framing(error=400)
    length = int(values[0])
    return Framing(error=413) if length > max_body else Framing(length)


def shown_path(path: str) -> str:
    """A request path as the log shows it: percent-encoded ASCII, never a control
    character, a space or a forged line; at most 200 characters."""
    shown = quote(path, safe="/-._~!$&'()*+,;=:@")
    return shown if len(shown) <= 200 else shown[:200] + "..."
