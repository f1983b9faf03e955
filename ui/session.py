"""One resident's session: the chosen procedure, the journey, the answers (GUI thread).

The window holds at most one :class:`Session`; the idle wipe and "Xong" call
:meth:`Session.wipe` and drop the object, so no answer outlives the resident.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from forms.flow import FlowRunner
from forms.model import Answers, Delivery, Procedure


@dataclass
class Session:
    procedure: Procedure
    flow: FlowRunner
    # The reserved keys chosen on the check-answers page (forms/model.py).
    delivery: str | None = None
    delivery_address: dict[str, str] | None = None
    declaration: bool = False
    record: Any = None  # kiosk.outbox.OutboxRecord once submitted
    receipt_path: str | None = None

    @classmethod
    def start(cls, procedure: Procedure) -> Session:
        session = cls(procedure=procedure, flow=FlowRunner(procedure))
        if len(procedure.deliveries) == 1:
            session.delivery = str(procedure.deliveries[0])
        return session

    def answers(self) -> Answers:
        """The journey's answers plus the reserved keys, ready for validation."""
        answers: Answers = dict(self.flow.answers)
        if self.delivery is not None:
            answers["delivery"] = self.delivery
        if self.delivery == Delivery.POST and self.delivery_address is not None:
            answers["delivery_address"] = self.delivery_address
        answers["declaration"] = self.declaration
        return answers

    def wipe(self) -> None:
        self.flow.clear()
        self.delivery = None
        self.delivery_address = None
        self.declaration = False
        self.record = None
        self.receipt_path = None
