"""HTTP requests and replies of the sandbox portal as plain values (no sockets).

The endpoint code in :mod:`kiosk.sandbox.api` takes a :class:`Request` and
returns a :class:`Reply`; :mod:`kiosk.sandbox.server` does the HTTP plumbing.
Every reply says it comes from a simulator (``X-Sandbox: true``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from kiosk.core.text import Text

JSON = "application/json; charset=utf-8"
HTML = "text/html; charset=utf-8"


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: Mapping[str, str]  # names in lower case
    body: bytes = b""
    query: Mapping[str, str] = field(default_factory=dict)  # first value of each field

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes = b""
    content_type: str = JSON
    headers: tuple[tuple[str, str], ...] = field(default_factory=tuple)


class Refusal(Exception):
    """Raised by endpoint code to answer ``reply`` at once (caught by the dispatcher)."""

    def __init__(self, reply: Reply) -> None:
        super().__init__(reply.status)
        self.reply = reply


def json_reply(status: int, data: Any, *headers: tuple[str, str]) -> Reply:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return Reply(status, body, JSON, headers)


def error_reply(status: int, error: str, message: Text, **values: Any) -> Reply:
    """``{"error": "...", "message": vi, "message_en": en, "simulator": true}``."""
    return json_reply(
        status,
        {
            "error": error,
            "message": message("vi", **values),
            "message_en": message("en", **values),
            "simulator": True,
        },
    )


def oauth_error(status: int, error: str, description: str, *headers: tuple[str, str]) -> Reply:
    """An OAuth 2.0 error (RFC 6749 §5.2): ``{"error": ..., "error_description": ...}``."""
    return json_reply(status, {"error": error, "error_description": description}, *headers)


def html_reply(status: int, page: str) -> Reply:
    return Reply(status, page.encode("utf-8"), HTML)


def no_content() -> Reply:
    return Reply(204)


def redirect(location: str) -> Reply:
    """303 See Other to ``location`` (a path on this server)."""
    return Reply(303, b"", HTML, (("Location", location),))
