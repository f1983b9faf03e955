"""Is the portal reachable? A background probe of ``GET /health``.

:class:`ConnectivityMonitor` is a plain ``threading.Thread``. It probes every
``interval_s`` (faster, ``offline_interval_s``, while offline), keeps
:attr:`online`, and on every change calls the registered callbacks **on the
monitor thread** (the GUI must forward them to its own thread with a signal).
When the network returns it wakes the sync worker with every backoff cut
short, so queued applications go at once.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from kiosk.portal import PortalClient

log = logging.getLogger(__name__)

ChangeCallback = Callable[[bool], None]


class ConnectivityMonitor(threading.Thread):
    def __init__(
        self,
        portal: PortalClient,
        *,
        interval_s: float = 15.0,
        offline_interval_s: float | None = None,
        probe_timeout_s: float = 3.0,
    ) -> None:
        super().__init__(name="kiosk-connectivity", daemon=True)
        self.portal = portal
        self.interval_s = interval_s
        self.offline_interval_s = offline_interval_s or min(interval_s, 5.0)
        self.probe_timeout_s = probe_timeout_s
        self._online: bool | None = None
        self._callbacks: list[ChangeCallback] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._probe_now = threading.Event()

    @property
    def online(self) -> bool:
        """False until a probe succeeded."""
        return bool(self._online)

    @property
    def known(self) -> bool:
        return self._online is not None

    def on_change(self, callback: ChangeCallback) -> None:
        with self._lock:
            self._callbacks.append(callback)

    def probe(self) -> bool:
        """Probe once now (on the caller's thread) and publish the result."""
        self._set(self.portal.health(timeout=self.probe_timeout_s))
        return self.online

    def probe_soon(self) -> None:
        self._probe_now.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stopping.set()
        self._probe_now.set()
        if self.is_alive():
            self.join(timeout)

    def run(self) -> None:
        while not self._stopping.is_set():
            try:
                self.probe()
            except Exception:  # noqa: BLE001 - keep probing whatever happens
                log.exception("connectivity probe failed")
            wait = self.interval_s if self.online else self.offline_interval_s
            self._probe_now.wait(wait)
            self._probe_now.clear()

    def _set(self, online: bool) -> None:
        with self._lock:
            changed = online != self._online
            self._online = online
            callbacks = list(self._callbacks)
        if not changed:
            return
        log.info("portal is %s", "reachable" if online else "unreachable")
        for callback in callbacks:
            try:
                callback(online)
            except Exception:  # noqa: BLE001
                log.exception("connectivity callback failed")
