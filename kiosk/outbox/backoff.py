"""Retry delays: exponential backoff with full jitter, and ``Retry-After`` honoured.

``delay = uniform(0, min(cap, base * 2 ** (attempt - 1)))`` (AWS "full jitter"),
and never shorter than what the portal asked for in ``Retry-After`` (itself
capped at an hour so a broken header cannot park a record for a week).
The random source is injected so tests can pin the schedule.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

MAX_RETRY_AFTER_S = 3600.0


@dataclass(frozen=True)
class Backoff:
    base_s: float = 2.0
    cap_s: float = 300.0

    def ceiling(self, attempt: int) -> float:
        """The upper bound of the delay after the ``attempt``-th failed try (1-based)."""
        exponent = min(max(attempt, 1) - 1, 30)
        return float(min(self.cap_s, self.base_s * (2.0**exponent)))

    def delay(
        self, attempt: int, rng: random.Random, retry_after: float | None = None
    ) -> float:
        jittered = rng.uniform(0.0, self.ceiling(attempt))
        if retry_after is not None and retry_after > 0:
            return max(jittered, min(retry_after, MAX_RETRY_AFTER_S))
        return jittered
