"""How a simulated application advances over time, and the sandbox's clock.

A real application moves from "received" to "being processed" when an officer
picks it up, and to "result ready" by the appointment date. The simulator plays
that back lazily: whenever an application is looked up, the events that are due
by then are added to its history. Demos see an application move to
"processing" a couple of minutes after submission, and "ready" on the
appointment date (for a same-day procedure, as long again after "processing");
``POST /_sandbox/advance`` moves it on at once. Times are Vietnam time (UTC+7, no daylight saving).
Pure functions, safe from any thread.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone

from kiosk.sandbox.store import HistoryEvent, Status, StoredApplication

VIETNAM = timezone(timedelta(hours=7), "ICT")
OFFICE_OPENS = time(8, 0)

Clock = Callable[[], datetime]


def vietnam_now() -> datetime:
    """Now, in Vietnam time, to the second."""
    return datetime.now(VIETNAM).replace(microsecond=0)


@dataclass(frozen=True)
class Timeline:
    processing_after: timedelta = timedelta(minutes=2)

    def due(
        self, app: StoredApplication, known: Collection[Status], now: datetime
    ) -> list[HistoryEvent]:
        """The events of ``app`` that should have happened by ``now`` and are missing."""
        processing = app.received_at + self.processing_after
        ready = max(
            datetime.combine(app.appointment_date, OFFICE_OPENS, tzinfo=VIETNAM),
            processing + self.processing_after,
        )
        plan = [HistoryEvent(processing, Status.PROCESSING), HistoryEvent(ready, Status.READY)]
        return [e for e in plan if e.at <= now and e.status not in known]


def advance_to(target: Status, known: Collection[Status], now: datetime) -> list[HistoryEvent]:
    """Events that move an application straight to ``target`` now (sandbox only)."""
    order = list(Status)
    wanted = order[1 : order.index(target) + 1]
    return [HistoryEvent(now, status) for status in wanted if status not in known]
