"""Fault switches (sandbox only) that let tests and training play a bad network.

``POST /_sandbox/faults`` sets any of:

* ``down`` (bool): the portal is down; everything but ``/_sandbox/`` answers 503.
* ``fail_rate`` (0..1): that share of ``/api/`` calls answers 500 before anything
  is stored.
* ``latency_ms`` (int >= 0): every answer (but ``/_sandbox/``) is delayed.
* ``seed`` (int): restart the random draws for ``fail_rate`` from this seed, so a
  test sees the same sequence of failures every run.

Fields left out keep their value. Shared by every request thread: a lock guards
the settings and the random generator.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from kiosk.core.errors import BadInput


@dataclass(frozen=True)
class FaultSettings:
    down: bool = False
    fail_rate: float = 0.0
    latency_ms: int = 0

    def as_json(self) -> dict[str, Any]:
        return {"down": self.down, "fail_rate": self.fail_rate, "latency_ms": self.latency_ms}


class Faults:
    """The current fault settings and the seeded random draws for ``fail_rate``."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._settings = FaultSettings()
        self._random = random.Random()

    @property
    def settings(self) -> FaultSettings:
        with self._lock:
            return self._settings

    def update(self, body: Mapping[str, Any]) -> FaultSettings:
        """Apply a ``/_sandbox/faults`` body; :class:`BadInput` names a bad field."""
        changes, seed = parse(body)
        with self._lock:
            self._settings = replace(self._settings, **changes)
            if seed is not None:
                self._random = random.Random(seed)
            return self._settings

    def should_fail(self) -> bool:
        """One draw: whether this ``/api/`` call answers 500."""
        with self._lock:
            rate = self._settings.fail_rate
            return rate > 0 and self._random.random() < rate


def parse(body: Mapping[str, Any]) -> tuple[dict[str, Any], int | None]:
    unknown = sorted(set(body) - {"down", "fail_rate", "latency_ms", "seed"})
    if unknown:
        raise BadInput(f"unknown fault field(s): {', '.join(unknown)}")
    changes: dict[str, Any] = {}
    if "down" in body:
        if not isinstance(body["down"], bool):
            raise BadInput("field 'down' must be true or false")
        changes["down"] = body["down"]
    if "fail_rate" in body:
        rate = body["fail_rate"]
        if isinstance(rate, bool) or not isinstance(rate, int | float) or not 0 <= rate <= 1:
            raise BadInput("field 'fail_rate' must be a number from 0 to 1")
        changes["fail_rate"] = float(rate)
    if "latency_ms" in body:
        latency = body["latency_ms"]
        if isinstance(latency, bool) or not isinstance(latency, int) or not 0 <= latency <= 60_000:
            raise BadInput("field 'latency_ms' must be a whole number from 0 to 60000")
        changes["latency_ms"] = latency
    seed = body.get("seed")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
        raise BadInput("field 'seed' must be a whole number")
    return changes, seed
