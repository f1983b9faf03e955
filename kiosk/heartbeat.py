"""The kiosk's heartbeat: every few minutes, how it is doing, to the portal (no personal data).

What a commune IT officer responsible for many cultural houses watches: the
kiosk's id and version, how many applications wait in its outbox and for how
long the oldest has waited, the printer's state and the last error (a short
code or sentence of the kiosk's own, never a resident's data). Sent by
:class:`HeartbeatSender`, a background thread, every ``[kiosk] heartbeat_s``
seconds (0: never) to ``POST /api/v1/heartbeat``; each attempt is written to
``KIOSK_HOME/heartbeat.json`` so ``kiosk doctor`` (another process) can say when
the portal last accepted one.

Threads: the sender's own; :meth:`HeartbeatSender.stop` from any thread.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from kiosk.core.errors import KioskError
from kiosk.outbox.records import RecordStatus

if TYPE_CHECKING:
    from kiosk.outbox.store import Outbox
    from printing.backends.base import PrinterState

log = logging.getLogger("kiosk.heartbeat")
FIRST_AFTER_S = 5.0  # the first beat soon after start: the officer sees the kiosk is back
STATE_FILE = "heartbeat.json"


@dataclass(frozen=True)
class Beat:
    kiosk_id: str
    version: str
    outbox_depth: int
    oldest_queued_s: float | None
    printer: str | None
    last_error: str | None

    def body(self) -> dict[str, Any]:
        return asdict(self)


class Portal(Protocol):
    def heartbeat(self, body: dict[str, Any], timeout: float | None = None) -> None: ...


@dataclass(frozen=True)
class LastBeat:
    """What ``heartbeat.json`` says: the last attempt, the last acceptance."""

    attempted_at: datetime
    accepted_at: datetime | None
    error: str | None


def read_state(path: Path) -> LastBeat | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        accepted = data.get("accepted_at")
        return LastBeat(datetime.fromisoformat(data["attempted_at"]),
                        datetime.fromisoformat(accepted) if accepted else None,
                        data.get("error"))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def collector(kiosk_id: str, version: str, outbox: Outbox,
              printer_state: Callable[[], PrinterState],
              clock: Callable[[], datetime] = lambda: datetime.now(UTC),
              ) -> Callable[[str | None], Beat]:
    """What a beat says, read when it is sent (``last_error``: the previous beat's)."""

    def collect(last_error: str | None) -> Beat:
        queued = outbox.list(RecordStatus.QUEUED)
        oldest = (clock() - queued[-1].created_at).total_seconds() if queued else None
        try:
            state = printer_state()
            printer: str | None = " ".join([state.status.value, *state.reasons])[:200]
        except Exception as exc:  # noqa: BLE001 - a printer driver's failure is news too
            printer = f"unknown ({type(exc).__name__})"
        return Beat(kiosk_id, version, outbox.counts().pending,
                    None if oldest is None else round(max(0.0, oldest), 1), printer, last_error)

    return collect


class HeartbeatSender(threading.Thread):
    def __init__(self, collect: Callable[[str | None], Beat], portal: Portal, *,
                 interval_s: float,
                 state: Path, first_after_s: float = FIRST_AFTER_S,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        super().__init__(name="kiosk-heartbeat", daemon=True)
        self.collect, self.portal, self.interval_s = collect, portal, interval_s
        self.state, self.first_after_s, self.clock = state, first_after_s, clock
        self._stopping = threading.Event()
        self._accepted: datetime | None = None
        self._error: str | None = None
        previous = read_state(state)
        if previous is not None:
            self._accepted = previous.accepted_at

    def stop(self, timeout: float = 10.0) -> None:
        self._stopping.set()
        if self.is_alive():
            self.join(timeout)

    def run(self) -> None:
        wait = self.first_after_s
        while not self._stopping.wait(wait):
            self.beat_once()
            wait = self.interval_s

    def beat_once(self) -> bool:
        """Send one heartbeat now; True if the portal accepted it."""
        error: str | None = None
        try:
            self.portal.heartbeat(self.collect(self._error).body(), timeout=10.0)
            self._accepted = self.clock()
        except KioskError as exc:
            error = str(exc)[:200]
        except Exception as exc:  # noqa: BLE001 - a heartbeat must never take the kiosk down
            error = type(exc).__name__
        if error is not None:
            log.warning("heartbeat not accepted: %s", error)
        self._error = error
        self._write(error)
        return error is None

    def _write(self, error: str | None) -> None:
        state = {"attempted_at": self.clock().isoformat(),
                 "accepted_at": self._accepted.isoformat() if self._accepted else None,
                 "error": error}
        try:
            self.state.write_text(json.dumps(state), encoding="utf-8")
        except OSError as exc:
            log.warning("heartbeat: cannot write %s: %s", self.state.name, exc.strerror)
