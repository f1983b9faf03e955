"""The volunteers' PIN: which PIN opens the panel, and the wait after wrong tries.

Qt-free; the PIN screen (``ui/screens/volunteer_pin.py``) holds one
:class:`PinGate` for the life of the window, so going back to the welcome page
(or an idle wipe) does not reset the count of wrong tries. The PIN is compared
in constant time (:func:`hmac.compare_digest`) and never logged. The clock is
injectable (tests). GUI thread only (no locking).
"""

from __future__ import annotations

import hmac
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from kiosk.config import Config

DEMO_PIN = "0000"  # demo and training mode with no volunteer_pin configured
MAX_TRIES = 5
WAIT_S = 60.0


class PinCheck(StrEnum):
    OPEN = "open"  # the right PIN
    WRONG = "wrong"  # try again
    WAIT = "wait"  # too many wrong tries: wait (seconds_left) before the next one


def panel_pin(config: Config, *, fictional: bool) -> str | None:
    """The PIN that opens the panel; None when it stays closed (real kiosk, no PIN set).

    ``fictional``: demo or training mode, where an empty PIN means :data:`DEMO_PIN`.
    """
    pin = config.kiosk.volunteer_pin.strip()
    if pin:
        return pin
    return DEMO_PIN if fictional else None


@dataclass
class PinGate:
    """Checks typed PINs; after ``max_tries`` wrong ones in a row, refuses for ``wait_s``."""

    pin: str
    max_tries: int = MAX_TRIES
    wait_s: float = WAIT_S
    clock: Callable[[], float] = time.monotonic
    wrong: int = 0
    locked_until: float | None = field(default=None)

    def seconds_left(self) -> int:
        """Whole seconds before the next try is allowed (0: allowed now)."""
        if self.locked_until is None:
            return 0
        left = self.locked_until - self.clock()
        if left <= 0:
            self.locked_until = None
            self.wrong = 0
            return 0
        return math.ceil(left)

    def check(self, typed: str) -> PinCheck:
        if self.seconds_left():
            return PinCheck.WAIT
        if hmac.compare_digest(typed.strip().encode("utf-8"), self.pin.encode("utf-8")):
            self.wrong = 0
            return PinCheck.OPEN
        self.wrong += 1
        if self.wrong >= self.max_tries:
            self.locked_until = self.clock() + self.wait_s
            return PinCheck.WAIT
        return PinCheck.WRONG

    @property
    def tries_left(self) -> int:
        return max(0, self.max_tries - self.wrong)
