"""One login on the resident's phone, as the screens drive it: start, then one poll at a time.

:class:`DeviceLogin` (QR code, RFC 8628) and :class:`CibaLogin` (the ID number
typed at the kiosk, approved on the phone: OIDC CIBA in poll mode) share
:class:`PhoneLogin`. ``start()`` and ``poll()`` block (one HTTP exchange each)
and run on a worker; the screen calls ``poll()`` again after the
:attr:`LoginState.next_poll_s` it was told, shows
:attr:`LoginState.seconds_left` as a countdown, and reads the outcome:

* waiting: the phone has not answered (``authorization_pending``);
  ``slow_down`` adds 5 s to the interval for the rest of the login;
* retrying: the network failed; the next try waits longer each time (capped);
* denied / expired / failed / done (with the :class:`Identity`).

The tokens stay in memory, in this object, only until :meth:`end` revokes
them (the end of the session, the idle wipe). The clock is injectable.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from kiosk.config import ClaimNames
from kiosk.core.errors import KioskError
from kiosk.core.text import Text
from kiosk.identity.claims import identity_from_claims
from kiosk.identity.oidc import (
    CibaGrant,
    DeviceGrant,
    Grant,
    IdentityError,
    IdentityUnreachable,
    OidcClient,
    PollOutcome,
    Tokens,
)
from kiosk.identity.person import Identity

log = logging.getLogger(__name__)

Clock = Callable[[], float]
SLOW_DOWN_STEP_S = 5
MAX_RETRY_S = 60.0
OTHER_PERSON = Text(
    "Tài khoản VNeID vừa xác nhận không phải của số định danh đã nhập. Bác thử lại nhé.",
    "The VNeID account that approved is not the one of the ID number typed. Please try again.",
)
FAILED = Text(
    "Chưa đăng nhập được bằng VNeID. Bác thử lại, hoặc nhờ tình nguyện viên giúp.",
    "The VNeID login did not work. Please try again, or ask a volunteer.",
)


class LoginStatus(StrEnum):
    WAITING = "waiting"
    RETRYING = "retrying"
    DENIED = "denied"
    EXPIRED = "expired"
    FAILED = "failed"
    DONE = "done"


@dataclass(frozen=True)
class LoginState:
    status: LoginStatus
    next_poll_s: float = 0.0  # WAITING / RETRYING: when to call poll() again
    seconds_left: int = 0  # until the code or request expires
    identity: Identity | None = None  # DONE
    problem: Text | None = None  # FAILED, RETRYING: what the resident is told

    @property
    def over(self) -> bool:
        return self.status not in (LoginStatus.WAITING, LoginStatus.RETRYING)


class PhoneLogin:
    """What the two logins share: the grant's clock, the polls, the tokens' end."""

    def __init__(self, client: OidcClient, names: ClaimNames, clock: Clock = time.monotonic
                 ) -> None:
        self.client = client
        self.names = names
        self.clock = clock
        self.grant: Grant | None = None
        self._interval = 0.0
        self._expires_at = 0.0
        self._failures = 0
        self._tokens: Tokens | None = None
        self._lock = threading.Lock()

    def _request(self) -> Grant:
        raise NotImplementedError

    def start(self) -> LoginState:
        """Worker thread: ask the provider for a code (or a request to the phone)."""
        grant = self._request()
        with self._lock:
            self.grant = grant
            self._interval = float(grant.interval)
            self._expires_at = self.clock() + grant.expires_in
            self._failures = 0
        return self._waiting(self._interval)

    def seconds_left(self) -> int:
        return max(0, int(self._expires_at - self.clock() + 0.999))

    def poll(self) -> LoginState:
        """Worker thread: one token request; what the screen shows next."""
        grant = self.grant
        if grant is None:
            raise KioskError("poll() before start()")
        if self.seconds_left() <= 0:
            return LoginState(LoginStatus.EXPIRED)
        try:
            answer = self.client.poll(grant)
        except IdentityUnreachable as exc:
            self._failures += 1
            wait = min(self._interval * 2 ** (self._failures - 1), MAX_RETRY_S)
            log.info("login poll: provider unreachable, retrying in %.0f s", wait)
            return LoginState(LoginStatus.RETRYING, wait, self.seconds_left(),
                              problem=exc.resident_message)
        except IdentityError as exc:
            log.warning("login poll refused: %s", exc)
            return LoginState(LoginStatus.FAILED, problem=exc.resident_message or FAILED)
        self._failures = 0
        if answer.outcome is PollOutcome.SLOW_DOWN:
            self._interval += SLOW_DOWN_STEP_S  # RFC 8628 §3.5: for the rest of this login
        if answer.outcome in (PollOutcome.PENDING, PollOutcome.SLOW_DOWN):
            return self._waiting(self._interval)
        if answer.outcome is PollOutcome.DENIED:
            return LoginState(LoginStatus.DENIED)
        if answer.outcome is PollOutcome.EXPIRED:
            return LoginState(LoginStatus.EXPIRED)
        assert answer.tokens is not None
        return self._finish(answer.tokens, grant)

    def _finish(self, tokens: Tokens, grant: Grant) -> LoginState:
        self._tokens = tokens
        nonce = grant.nonce if isinstance(grant, CibaGrant) else None
        try:
            claims = self.client.claims(tokens, nonce)
        except KioskError as exc:
            log.warning("login refused after approval: %s", exc)
            self.end()
            return LoginState(LoginStatus.FAILED, problem=exc.resident_message or FAILED)
        log.info("login approved (%s)", type(grant).__name__)
        return LoginState(LoginStatus.DONE, identity=identity_from_claims(claims, self.names))

    def _waiting(self, wait: float) -> LoginState:
        return LoginState(LoginStatus.WAITING, wait, self.seconds_left())

    def end(self) -> None:
        """Worker thread: revoke the tokens (when the provider offers it) and forget them."""
        with self._lock:
            tokens, self._tokens = self._tokens, None
            self.grant = None
        if tokens is not None:
            self.client.revoke(tokens)


class DeviceLogin(PhoneLogin):
    """The QR login: the phone scans ``verification_uri_complete``, the resident approves."""

    def _request(self) -> DeviceGrant:
        return self.client.request_device_code()

    @property
    def device_grant(self) -> DeviceGrant | None:
        return self.grant if isinstance(self.grant, DeviceGrant) else None


class CibaLogin(PhoneLogin):
    """The ID number typed at the kiosk; the phone shows :attr:`binding_message` to approve."""

    def __init__(self, client: OidcClient, names: ClaimNames, id_number: str,
                 clock: Clock = time.monotonic) -> None:
        super().__init__(client, names, clock)
        self.id_number = id_number
        # Digits only: many providers accept [A-Za-z0-9-._+/!?#] and nothing Vietnamese.
        self.binding_message = f"{secrets.randbelow(10_000):04d}"

    def _request(self) -> CibaGrant:
        return self.client.request_ciba(self.id_number, self.binding_message)

    def _finish(self, tokens: Tokens, grant: Grant) -> LoginState:
        """The identity that comes back must be the one whose number was typed."""
        state = super()._finish(tokens, grant)
        identity = state.identity
        if identity is not None and identity.id_number and identity.id_number != self.id_number:
            self.end()
            return LoginState(LoginStatus.FAILED, problem=OTHER_PERSON)
        return state


class RequestLimit:
    """At most ``limit`` backchannel requests per ID number per ``window_s`` (a CCCD
    number is not a secret: nobody may flood a resident's phone from the kiosk).
    Numbers are kept hashed, in memory only. Thread-safe."""

    def __init__(self, limit: int = 3, window_s: float = 600.0, clock: Clock = time.monotonic
                 ) -> None:
        self.limit = limit
        self.window_s = window_s
        self.clock = clock
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, id_number: str) -> bool:
        key = hashlib.sha256(id_number.encode("ascii", "ignore")).hexdigest()
        now = self.clock()
        with self._lock:
            times = self._seen.setdefault(key, deque())
            while times and now - times[0] >= self.window_s:
                times.popleft()
            if len(times) >= self.limit:
                return False
            times.append(now)
            return True
