"""Looking an application up by the code on its receipt (tra cứu hồ sơ), Qt-free.

The code may be the portal's application code or, for an application still
in this kiosk's outbox, its local reference: the outbox is asked first, then
the portal. The answer is a :class:`Lookup` whose outcome says what the
resident is told. Blocking (SQLite, HTTP): call it off the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

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


def look_up(outbox: Outbox, portal: PortalClient | None, code: str) -> Lookup:
    record = outbox.get(code)
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
