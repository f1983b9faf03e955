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
from kiosk.identity.person import Identity, Source
from kiosk.outbox.records import OutboxRecord


@dataclass
class Session:
    procedure: Procedure
    flow: FlowRunner
    identity: Identity | None = None  # who logged in (or scanned their card), if anyone
    record: OutboxRecord | None = None  # the application once saved in the outbox

    @classmethod
    def start(cls, procedure: Procedure, identity: Identity | None = None) -> Session:
        """A journey, with what the resident's login (or card) says already filled in:
        locked where the procedure says so for a login, editable for a card."""
        if identity is None:
            return cls(procedure=procedure, flow=FlowRunner(procedure))
        flow = FlowRunner(procedure, prefill=identity.prefill(),
                          lock_prefill=identity.source is Source.VNEID)
        return cls(procedure=procedure, flow=flow, identity=identity)

    def wipe(self) -> None:
        self.flow.clear()
        self.record = None
