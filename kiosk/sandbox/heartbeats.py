"""The heartbeats the sandbox portal received: the last few per kiosk (thread-safe).

What a commune IT officer watches for many cultural houses: ``GET
/_sandbox/heartbeats`` lists, per kiosk, its last :data:`KEPT` heartbeats with
the time each was received. Heartbeats carry no personal data (the kiosk's id,
version, outbox depth and age, printer state, last error code).
"""

from __future__ import annotations

import threading
from collections import deque
from datetime import datetime
from typing import Any

KEPT = 20
UNNAMED = "(no kiosk_id)"


class HeartbeatLog:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_kiosk: dict[str, deque[dict[str, Any]]] = {}

    def record(self, body: dict[str, Any], received_at: datetime) -> None:
        kiosk = str(body.get("kiosk_id") or UNNAMED)
        beat = {**body, "kiosk_id": kiosk, "received_at": received_at.isoformat()}
        with self._lock:
            self._by_kiosk.setdefault(kiosk, deque(maxlen=KEPT)).append(beat)

    def listing(self) -> list[dict[str, Any]]:
        """Every kept heartbeat, kiosk by kiosk, oldest first within each."""
        with self._lock:
            return [dict(beat) for kiosk in sorted(self._by_kiosk)
                    for beat in self._by_kiosk[kiosk]]
