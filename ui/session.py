"""One resident's session: the chosen procedure, its journey, the saved application (GUI thread).

The window holds at most one :class:`Session`; the idle wipe and "Xong" call
:meth:`Session.wipe` and drop the object, so no answer outlives the resident.
The journey's whole state, the review page's choices included, is the
:class:`~forms.flow.FlowRunner`'s.
"""

from __future__ import annotations

from dataclasses import dataclass

from forms.flow import FlowRunner
from forms.model import Procedure
from kiosk.outbox.records import OutboxRecord


@dataclass
class Session:
    procedure: Procedure
    flow: FlowRunner
    record: OutboxRecord | None = None  # the application once saved in the outbox

    @classmethod
    def start(cls, procedure: Procedure) -> Session:
        return cls(procedure=procedure, flow=FlowRunner(procedure))

    def wipe(self) -> None:
        self.flow.clear()
        self.record = None
