"""Sending queued applications to the portal, and the background sync worker.

:func:`send_record` is one attempt for one claimed record: it records the
outcome (sent / rejected / queued again with backoff) and returns the record.
:func:`drain_due` sends every record that is due now. :class:`SyncWorker` is a
plain ``threading.Thread`` (no Qt) that drains the outbox whenever it is woken
(a new application, the network coming back) or a retry falls due, and stops
cleanly when asked. Nothing here touches widgets: the GUI learns of progress
through :meth:`SyncWorker.on_settled` callbacks, which run on the worker thread and must
hand the news to the GUI thread itself (a Qt signal).

"Send this one now" (a resident waiting on the check-answers page) is
:meth:`Sender.send_now`: the worker takes the record before anything else
and the caller waits on a future the worker completes, bounded by a timeout
(no polling). Where no worker runs (a command), :class:`DirectSender` makes
the one attempt on the caller's thread.

Every sender holds the outbox's sender lock (:mod:`kiosk.outbox.lock`): the
worker for as long as it runs (it waits for the lock if a command has it), a
direct attempt only if the lock is free (else the record waits for whoever
holds it). Each record is sent on its own: an unexpected error with one is
logged (its type only) and that record retried later; the others go on. When
a pass finds nothing due the worker merges the WAL into the database
(``Outbox.checkpoint``).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import CancelledError, Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Protocol

from kiosk.core.errors import KioskError
from kiosk.outbox.lock import SenderLock
from kiosk.outbox.records import OutboxRecord, RecordStatus
from kiosk.outbox.store import Outbox
from kiosk.portal import PortalClient, PortalRejected, PortalRetryLater

log = logging.getLogger(__name__)

RecordCallback = Callable[[OutboxRecord], None]
FAILURES_IN_A_ROW = 3
PURGE_EVERY_S = 3600.0
LOCK_POLL_S = 1.0


@dataclass
class DrainResult:
    sent: int = 0
    rejected: int = 0
    retrying: int = 0
    portal_down: bool = False  # failures in a row: the queue waits out one backoff


class Sender(Protocol):
    """Who makes the immediate attempt for one record: the sync worker, or the caller."""

    def send_now(self, ref: str, timeout_s: float) -> OutboxRecord | None:
        """One attempt within ``timeout_s``; the record as it then is (None: not settled yet)."""

    def wake(self) -> None:
        """Look at the outbox soon (a new record was saved)."""


def send_record(
    outbox: Outbox, portal: PortalClient, record: OutboxRecord, timeout: float | None = None
) -> OutboxRecord:
    """One attempt for a record already claimed (status ``sending``)."""
    if record.answers is None:
        return outbox.mark_rejected(record.ref, [], "the answers were purged before sending")
    try:
        answer = portal.submit(
            record.procedure,
            record.answers,
            idempotency_key=record.idempotency_key,
            kiosk_id=record.kiosk_id,
            local_ref=record.ref,
            submitted_at=record.created_at,
            timeout=timeout,
        )
    except PortalRetryLater as exc:
        log.info("outbox %s: retry later (%s)", record.ref, exc.reason)
        return outbox.mark_retry(record.ref, exc.reason, exc.retry_after)
    except PortalRejected as exc:
        log.warning("outbox %s: rejected by the portal (HTTP %s)", record.ref, exc.http_status)
        return outbox.mark_rejected(record.ref, exc.errors, f"HTTP {exc.http_status}")
    log.info("outbox %s: sent, code %s", record.ref, answer.code)
    return outbox.mark_sent(
        record.ref,
        answer.code,
        received_at=answer.received_at,
        appointment_date=answer.appointment_date,
    )


def drain_due(
    outbox: Outbox,
    portal: PortalClient,
    *,
    batch: int = 20,
    on_record: RecordCallback | None = None,
    should_stop: Callable[[], bool] = lambda: False,
    between: Callable[[], None] | None = None,
) -> DrainResult:
    """Send every due record, batch by batch, until none is due or the portal is failing.

    The portal counts as failing after :data:`FAILURES_IN_A_ROW` retryable
    failures in a row: the records not yet tried are handed back, due when the
    last failed one is, so the whole queue waits out one backoff instead of
    every record hammering a portal that is down. ``between`` runs after each record
    (the worker sends a record someone is waiting for there).
    """
    result = DrainResult()
    in_a_row = 0
    while not should_stop() and not result.portal_down:
        claimed = outbox.claim_due(batch)
        if not claimed:
            break
        for i, record in enumerate(claimed):
            if should_stop():
                outbox.release([r.ref for r in claimed[i:]], outbox.clock())
                break
            done = _send_one(outbox, portal, record)
            _count(result, done)
            in_a_row = in_a_row + 1 if done.status is RecordStatus.QUEUED else 0
            if on_record is not None:
                on_record(done)
            if between is not None:
                between()
            if in_a_row >= FAILURES_IN_A_ROW:
                result.portal_down = True
                outbox.release([r.ref for r in claimed[i + 1 :]], done.next_attempt_at)
                break
    return result


def _send_one(outbox: Outbox, portal: PortalClient, record: OutboxRecord,
              timeout: float | None = None) -> OutboxRecord:
    """:func:`send_record`, but an unexpected error stays with this record: it is retried
    after its backoff and the rest of the queue goes on. Storage errors (a full disk)
    still stop the pass: nothing more can be recorded."""
    try:
        return send_record(outbox, portal, record, timeout)
    except KioskError:
        raise
    except Exception as exc:  # noqa: BLE001 - one record must not stop the others
        log.error("outbox %s: unexpected %s while sending; retried later", record.ref,
                  type(exc).__name__)
        return outbox.mark_retry(record.ref, f"unexpected error: {type(exc).__name__}")


def _count(result: DrainResult, record: OutboxRecord) -> None:
    if record.status is RecordStatus.SENT:
        result.sent += 1
    elif record.status is RecordStatus.REJECTED:
        result.rejected += 1
    else:
        result.retrying += 1


class DirectSender:
    """The immediate attempt on the caller's thread, for commands that run no worker."""

    def __init__(self, outbox: Outbox, portal: PortalClient) -> None:
        self.outbox = outbox
        self.portal = portal

    def send_now(self, ref: str, timeout_s: float) -> OutboxRecord | None:
        lock = SenderLock(self.outbox.path)
        if not lock.acquire():  # the running kiosk (or a sync) sends it: it stays queued
            log.info("outbox %s: another sender holds the outbox; left for it", ref)
            return self.outbox.get(ref)
        try:
            claimed = self.outbox.claim(ref)
            if claimed is None:  # already settled, or set aside as unreadable
                return self.outbox.get(ref)
            return _send_one(self.outbox, self.portal, claimed, timeout=max(timeout_s, 0.5))
        finally:
            lock.release()

    def wake(self) -> None:
        """Nothing runs in the background here: ``kiosk outbox sync`` sends what waits."""


class SyncWorker(threading.Thread):
    """Drains the outbox in the background; wake it with :meth:`wake`, end it with :meth:`stop`."""

    def __init__(
        self,
        outbox: Outbox,
        portal: PortalClient,
        *,
        idle_wait_s: float = 30.0,
        batch: int = 20,
        on_record: RecordCallback | None = None,
        retention_days: int | None = None,
    ) -> None:
        super().__init__(name="kiosk-outbox-sync", daemon=True)
        self.retention_days = retention_days
        self._last_purge = float("-inf")
        self.outbox = outbox
        self.portal = portal
        self.idle_wait_s = idle_wait_s
        self.batch = batch
        self._listeners: list[RecordCallback] = [on_record] if on_record is not None else []
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._idle = threading.Event()
        self._make_due = False  # set from any thread; read and cleared by the worker
        self._lock = threading.Lock()  # guards the two below
        self._first: deque[tuple[str, float]] = deque()  # (ref, timeout): send before the rest
        self._waiting: dict[str, list[Future[OutboxRecord]]] = {}
        self.lock = SenderLock(outbox.path)

    def on_settled(self, callback: RecordCallback) -> None:
        """Call ``callback(record)`` on the worker thread after each record's attempt
        (sent, rejected, queued again): the GUI hands it to its own thread."""
        with self._lock:
            self._listeners.append(callback)

    def wake(self, *, make_due: bool = False) -> None:
        """Look at the outbox now; ``make_due`` also cuts every pending backoff short."""
        if make_due:
            self._make_due = True
        self._idle.clear()
        self._wake.set()

    def send_now(self, ref: str, timeout_s: float) -> OutboxRecord | None:
        """Any thread but the worker's: send ``ref`` before anything else and wait for the
        outcome up to ``timeout_s``. None when it did not settle in time (it stays queued)."""
        future: Future[OutboxRecord] = Future()
        with self._lock:
            self._waiting.setdefault(ref, []).append(future)
            self._first.append((ref, timeout_s))
        self.wake()
        try:
            return future.result(timeout_s + 1.0)  # the attempt itself is bounded by timeout_s
        except (FutureTimeout, CancelledError):
            return None
        finally:
            with self._lock:
                waiting = self._waiting.get(ref, [])
                if future in waiting:
                    waiting.remove(future)
                if not waiting:
                    self._waiting.pop(ref, None)

    def stop(self, timeout: float = 10.0) -> None:
        self._stopping.set()
        self._wake.set()
        if self.is_alive():
            self.join(timeout)
        with self._lock:
            for futures in self._waiting.values():
                for future in futures:
                    future.cancel()

    def wait_idle(self, timeout: float) -> bool:
        """Block until a pass found nothing due (tests, ``send_now``); True if it did."""
        return self._idle.wait(timeout)

    def run(self) -> None:
        if not self._take_lock():
            return  # stopped while another sender held the outbox
        try:
            try:
                self.outbox.requeue_interrupted()
            except Exception:  # noqa: BLE001 - the worker must survive and report, not die
                log.exception("outbox: could not requeue interrupted records")
            while not self._stopping.is_set():
                self._wake.clear()
                wait = self._pass()
                if self._stopping.is_set():
                    break
                self._wake.wait(wait)
        finally:
            self.lock.release()

    def _take_lock(self) -> bool:
        """Wait (until stopped) for the sender lock: one sender per ``KIOSK_HOME``."""
        if self.lock.acquire():
            return True
        log.warning("outbox: another sender (`kiosk outbox sync`?) holds the outbox; waiting")
        while not self._stopping.is_set():
            if self.lock.acquire(LOCK_POLL_S):
                log.info("outbox: the other sender is done; sending from here")
                return True
        return False

    def _purge_now_and_then(self) -> None:
        """Retention runs here too, hourly, for kiosks that stay up for weeks."""
        if self.retention_days is None or time.monotonic() - self._last_purge < PURGE_EVERY_S:
            return
        self._last_purge = time.monotonic()
        purged = self.outbox.purge_sent(self.retention_days)
        if purged:
            log.info("outbox: purged the personal data of %d sent records", purged)

    def _pass(self) -> float:
        """One drain; returns how long to sleep before the next one."""
        try:
            self._purge_now_and_then()
            if self._make_due:
                self._make_due = False
                self.outbox.make_all_due()
            self._send_first()
            drain_due(
                self.outbox,
                self.portal,
                batch=self.batch,
                on_record=self._settled,
                should_stop=self._stopping.is_set,
                between=self._send_first,
            )
            due = self.outbox.next_due()
        except Exception:  # noqa: BLE001
            log.exception("outbox: sync pass failed")
            return self.idle_wait_s
        delay = None if due is None else (due - self.outbox.clock()).total_seconds()
        if delay is None or delay > 0:  # nothing due: idle
            self._merge_wal()
            self._idle.set()
        if delay is None:
            return self.idle_wait_s
        return min(max(delay, 0.05), self.idle_wait_s)

    def _merge_wal(self) -> None:
        """Idle: the WAL into the database, so a deleted ``-wal`` file loses nothing."""
        try:
            self.outbox.checkpoint()
        except Exception as exc:  # noqa: BLE001 - retried at the next idle pass
            log.warning("outbox: WAL checkpoint failed (%s)", type(exc).__name__)

    def _send_first(self) -> None:
        """Worker thread: the records someone waits for, before the rest of the queue."""
        while not self._stopping.is_set():
            with self._lock:
                if not self._first:
                    return
                ref, timeout_s = self._first.popleft()
            claimed = self.outbox.claim(ref)
            if claimed is not None:
                self._settled(_send_one(self.outbox, self.portal, claimed,
                                        timeout=max(timeout_s, 0.5)))
                continue
            current = self.outbox.get(ref)
            # In this drain's batch, or sent by another process: settled when that is done.
            if current is not None and current.status is not RecordStatus.SENDING:
                self._settled(current)

    def _settled(self, record: OutboxRecord) -> None:
        """Worker thread: one record's attempt is over; tell whoever waits for it."""
        with self._lock:
            futures = self._waiting.pop(record.ref, [])
        for future in futures:
            if not future.done():
                future.set_result(record)
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            listener(record)
