"""Looking an application up by the code on its receipt (tra cứu hồ sơ), Qt-free.

The code may be the portal's application code or, for an application still
in this kiosk's outbox, its local reference: the outbox is asked first, then
the portal. It may come typed any way (lower case, spaces, without its dots and
dashes: matched against this kiosk's applications) or scanned from the receipt's
QR code (a status address ending ``/tra-cuu/CODE`` or ``?ma=CODE``, typed by a
USB scanner like a keyboard). The answer is a :class:`Lookup` whose outcome says what the
resident is told. Blocking (SQLite, HTTP): call it off the GUI thread.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import parse_qs, unquote, urlsplit

from kiosk.outbox import refs
from kiosk.outbox.store import Outbox
from kiosk.portal import ApplicationNotFound, PortalClient, PortalUnreachable, StatusEvent

QUEUED = "queued"  # the status of an application that has not left this kiosk yet


class LookupOutcome(StrEnum):
    FOUND = "found"
    NOT_FOUND = "not_found"  # neither this kiosk nor the portal knows the code
    UNREACHABLE = "unreachable"  # the portal cannot be asked now


@dataclass(frozen=True)
class Lookup:
    outcome: LookupOutcome
    code: str
    status: str = ""  # the portal's status word, or QUEUED
    history: tuple[StatusEvent, ...] = ()


_SPACES = re.compile(r"\s+")


def typed_code(typed: str) -> str:
    """The code in what was typed or scanned: a status address's code, without spaces,
    in upper case (``" h99.01.01-261122-0007 "`` → ``"H99.01.01-261122-0007"``)."""
    text = unicodedata.normalize("NFKC", typed).strip()
    if "/tra-cuu" in text or "://" in text:
        parts = urlsplit(text)
        asked = parse_qs(parts.query).get("ma")
        path = unquote(parts.path).rstrip("/")
        if asked:
            text = asked[0]
        elif "/tra-cuu/" in path:
            text = path.rsplit("/tra-cuu/", 1)[1]
    return _SPACES.sub("", text).upper()


def look_up(outbox: Outbox, portal: PortalClient | None, typed: str) -> Lookup:
    code = typed_code(typed)
    record = outbox.get(refs.normalise(code)) if refs.is_valid(code) else outbox.by_code(code)
    if record is not None:
        if not record.code:
            return Lookup(LookupOutcome.FOUND, record.ref, QUEUED)
        code = record.code
    if portal is None:
        return Lookup(LookupOutcome.UNREACHABLE, code)
    try:
        found = portal.status(code)
    except ApplicationNotFound:
        return Lookup(LookupOutcome.NOT_FOUND, code)
    except PortalUnreachable:
        return Lookup(LookupOutcome.UNREACHABLE, code)
    return Lookup(LookupOutcome.FOUND, found.code, found.status, found.history)
