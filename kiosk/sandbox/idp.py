"""The sandbox identity provider's grants and tokens: device flow, CIBA (poll), userinfo.

:class:`IdentityProvider` keeps, in memory only (a restart forgets every
login), the pending logins (RFC 8628 device codes and CIBA ``auth_req_id``\\ s),
the access tokens issued, and the recent wrong user codes of the guessing
defence. The simulated phone (``/_sandbox/approve``) approves or denies a
login; the kiosk's token polls then get ``authorization_pending``,
``slow_down`` (polled sooner than the interval since the last poll: that
login's interval grows by 5 s, RFC 8628 §3.5), ``access_denied``,
``expired_token``, ``invalid_grant`` or, once, the tokens.

Expiry, intervals and the guessing window use the injected monotonic clock
(``time.monotonic`` unless a test moves one by hand); the id_token's ``iat``,
``exp`` and ``auth_time`` are wall-clock seconds (``time.time``), as a client
checks them against its own clock. Runs on the server's request threads, many
at once: one lock guards all the state; id_tokens are signed outside it.
"""

from __future__ import annotations

import math
import re
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from kiosk.core.text import Text
from kiosk.sandbox import citizens
from kiosk.sandbox.citizens import Citizen
from kiosk.sandbox.identity import CIBA_GRANT, DEVICE_GRANT, DEVICE_PAGE, SCOPE_CLAIMS
from kiosk.sandbox.messages import (
    ALREADY_ANSWERED,
    TOO_MANY_GUESSES,
    UNKNOWN_CITIZEN,
    UNKNOWN_LOGIN,
    WRONG_CITIZEN,
)
from kiosk.sandbox.signing import SigningKey

Monotonic = Callable[[], float]

DEVICE_TTL_S = 600
MAX_PENDING_LOGINS = 1000  # more at once answers 503: memory stays bounded
CIBA_TTL_S = 120
INTERVAL_S = 5
SLOW_DOWN_STEP_S = 5  # RFC 8628 §3.5
ACCESS_TTL_S = 600
ID_TOKEN_TTL_S = 300
FORGET_AFTER_S = 600  # an expired login still answers expired_token this long
GUESS_LIMIT = 10  # wrong user codes allowed per window...
GUESS_WINDOW_S = 60.0  # ...of this many seconds; one more answers 429
BINDING_MESSAGE = re.compile(r"[A-Za-z0-9\-._+/!?#]{1,20}")
_USER_CODE_SEPARATORS = re.compile(r"[\s\-]+")


class Kind(StrEnum):
    DEVICE = "device"
    CIBA = "ciba"


class State(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    DENIED = "denied"


class OAuthError(Exception):
    """An OAuth 2.0 error answer: ``{"error": error, "error_description": description}``."""

    def __init__(self, error: str, description: str, status: int = 400) -> None:
        super().__init__(f"{error}: {description}")
        self.error = error
        self.description = description
        self.status = status


class ControlError(Exception):
    """A ``/_sandbox/`` control's refusal (answered with ``error_reply``)."""

    def __init__(self, status: int, error: str, message: Text) -> None:
        super().__init__(error)
        self.status = status
        self.error = error
        self.message = message


@dataclass
class Login:
    """One pending (or answered, not yet collected) login. Guarded by the provider's lock."""

    kind: Kind
    handle: str = field(repr=False)  # device_code or auth_req_id: what the kiosk polls with
    client_id: str
    scopes: tuple[str, ...]
    expires_at: float
    interval: int = INTERVAL_S
    user_code: str = field(default="", repr=False)  # device flow: nine digits
    citizen: Citizen | None = field(default=None, repr=False)  # CIBA: the hinted; then who said yes
    binding_message: str = ""
    nonce: str | None = field(default=None, repr=False)
    state: State = State.PENDING
    last_poll: float | None = None
    auth_time: int = 0  # wall-clock seconds of the approval

    def json(self, now: float) -> dict[str, Any]:
        """This login as ``GET /_sandbox/logins`` lists it."""
        left = max(0, math.ceil(self.expires_at - now))
        if self.kind is Kind.DEVICE:
            return {"kind": "device", "user_code": show_user_code(self.user_code), "expires_in": left}
        return {
            "kind": "ciba",
            "auth_req_id": self.handle,
            "binding_message": self.binding_message,
            "citizen_name": self.citizen.name if self.citizen else "",
            "expires_in": left,
        }


@dataclass(frozen=True)
class AccessToken:
    citizen: Citizen = field(repr=False)
    client_id: str
    scopes: tuple[str, ...]
    expires_at: float


def show_user_code(digits: str) -> str:
    """``"123456789"`` → ``"123-456-789"``, as the kiosk shows it."""
    return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"


def granted_scopes(scope: str) -> tuple[str, ...]:
    """The supported scopes asked for (others are left out); ``openid`` is required."""
    asked = scope.split()
    if "openid" not in asked:
        raise OAuthError("invalid_scope", "the scope must contain openid")
    return tuple(s for s in dict.fromkeys(asked) if s in SCOPE_CLAIMS)


class IdentityProvider:
    """The logins and tokens of one sandbox, signed by one key generated at start."""

    def __init__(
        self,
        issuer: str,
        *,
        monotonic: Monotonic = time.monotonic,
        wall: Callable[[], float] = time.time,
        key: SigningKey | None = None,
    ) -> None:
        self.issuer = issuer
        self.key = key or SigningKey()
        self._now = monotonic
        self._wall = wall
        self._lock = threading.Lock()
        self._logins: dict[str, Login] = {}  # by handle, oldest first
        self._user_codes: dict[str, str] = {}  # nine digits -> device_code
        self._tokens: dict[str, AccessToken] = {}
        self._wrong_codes: deque[float] = deque()  # when each recent wrong user code came

    # -- starting a login -------------------------------------------------------------

    def start_device(self, client_id: str, scope: str) -> dict[str, Any]:
        """RFC 8628 §3.2: the device authorization answer."""
        scopes = granted_scopes(scope or "openid")
        device_code = secrets.token_urlsafe(32)
        with self._lock:
            self._make_room()
            user_code = f"{secrets.randbelow(10**9):09d}"
            while user_code in self._user_codes:
                user_code = f"{secrets.randbelow(10**9):09d}"
            expires_at = self._now() + DEVICE_TTL_S
            self._logins[device_code] = Login(
                Kind.DEVICE, device_code, client_id, scopes, expires_at, user_code=user_code
            )
            self._user_codes[user_code] = device_code
        page = self.issuer + DEVICE_PAGE
        return {
            "device_code": device_code,
            "user_code": show_user_code(user_code),
            "verification_uri": page,
            "verification_uri_complete": f"{page}?user_code={user_code}",
            "expires_in": DEVICE_TTL_S,
            "interval": INTERVAL_S,
        }

    def start_ciba(
        self, client_id: str, scope: str, login_hint: str, binding_message: str, nonce: str | None
    ) -> dict[str, Any]:
        """CIBA §7.3: the backchannel authentication answer (poll mode)."""
        scopes = granted_scopes(scope)
        citizen = citizens.find(login_hint)
        if citizen is None:
            raise OAuthError("unknown_user_id", "login_hint names no citizen of this sandbox")
        if not BINDING_MESSAGE.fullmatch(binding_message):
            raise OAuthError(
                "invalid_binding_message",
                "binding_message must be 1 to 20 of A-Z a-z 0-9 - . _ + / ! ? #",
            )
        auth_req_id = secrets.token_urlsafe(32)
        with self._lock:
            self._make_room()
            self._logins[auth_req_id] = Login(
                Kind.CIBA, auth_req_id, client_id, scopes, self._now() + CIBA_TTL_S,
                citizen=citizen, binding_message=binding_message, nonce=nonce,
            )  # fmt: skip
        return {"auth_req_id": auth_req_id, "expires_in": CIBA_TTL_S, "interval": INTERVAL_S}

    # -- the kiosk's token polls ------------------------------------------------------

    def poll(self, grant_type: str, handle: str, client_id: str) -> dict[str, Any]:
        """One token request: the token answer, or :class:`OAuthError` saying why not."""
        kinds = {DEVICE_GRANT: Kind.DEVICE, CIBA_GRANT: Kind.CIBA}
        if grant_type not in kinds:
            raise OAuthError("unsupported_grant_type", f"grant_type must be one of {', '.join(kinds)}")
        kind = kinds[grant_type]
        with self._lock:
            self._forget_old()
            login = self._logins.get(handle)
            if login is None or login.kind is not kind or login.client_id != client_id:
                raise OAuthError("invalid_grant", f"unknown or used {_handle_name(kind)}")
            now = self._now()
            if now >= login.expires_at:
                raise OAuthError("expired_token", f"the {_handle_name(kind)} has expired")
            too_soon = login.last_poll is not None and now - login.last_poll < login.interval
            login.last_poll = now
            if too_soon:
                login.interval += SLOW_DOWN_STEP_S
                raise OAuthError(
                    "slow_down", f"polled too often: wait {login.interval} s between polls"
                )
            if login.state is State.PENDING:
                raise OAuthError("authorization_pending", "the resident has not answered yet")
            if login.state is State.DENIED:
                raise OAuthError("access_denied", "the resident declined the login")
            del self._logins[handle]  # usable once
            self._user_codes.pop(login.user_code, None)
            assert login.citizen is not None  # set on approval
            access_token = secrets.token_urlsafe(32)
            self._tokens[access_token] = AccessToken(
                login.citizen, client_id, login.scopes, now + ACCESS_TTL_S
            )
        return {
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": ACCESS_TTL_S,
            "id_token": self._id_token(login),
            "scope": " ".join(login.scopes),
        }

    def _id_token(self, login: Login) -> str:
        assert login.citizen is not None
        issued = int(self._wall())
        claims: dict[str, Any] = {
            "iss": self.issuer,
            "sub": login.citizen.subject,
            "aud": login.client_id,
            "azp": login.client_id,
            "iat": issued,
            "exp": issued + ID_TOKEN_TTL_S,
            "auth_time": login.auth_time,
        }
        if login.nonce is not None:
            claims["nonce"] = login.nonce
        return self.key.sign(claims)

    # -- after the login --------------------------------------------------------------

    def userinfo(self, access_token: str) -> dict[str, Any] | None:
        """The citizen's claims the token's scopes release; None for a dead token."""
        with self._lock:
            token = self._tokens.get(access_token)
            if token is None:
                return None
            if self._now() >= token.expires_at:
                del self._tokens[access_token]
                return None
        return token.citizen.claims(token.scopes)

    def revoke(self, token: str, client_id: str) -> None:
        """RFC 7009: end an access token issued to ``client_id``; anything else is ignored."""
        with self._lock:
            known = self._tokens.get(token)
            if known is not None and known.client_id == client_id:
                del self._tokens[token]

    # -- the simulated phone (sandbox controls) ---------------------------------------

    def approve(
        self,
        *,
        user_code: str | None = None,
        auth_req_id: str | None = None,
        citizen: str | None = None,
        deny: bool = False,
    ) -> None:
        """Answer a pending login as the resident's phone; :class:`ControlError` if not."""
        named = citizens.find(citizen) if citizen is not None else None
        if citizen is not None and named is None:
            raise ControlError(400, "unknown_citizen", UNKNOWN_CITIZEN)
        with self._lock:
            login = self._find(user_code, auth_req_id)
            if login.state is not State.PENDING:
                raise ControlError(409, "already_answered", ALREADY_ANSWERED)
            if login.kind is Kind.CIBA and named is not None and named != login.citizen:
                raise ControlError(400, "wrong_citizen", WRONG_CITIZEN)
            if deny:
                login.state = State.DENIED
                return
            if login.kind is Kind.DEVICE:
                login.citizen = named or citizens.default_approver()
            login.state = State.APPROVED
            login.auth_time = int(self._wall())

    def expire(self, *, user_code: str | None = None, auth_req_id: str | None = None) -> None:
        """Make a pending login expire now (tests of the kiosk's expiry handling)."""
        with self._lock:
            login = self._find(user_code, auth_req_id)
            login.expires_at = self._now()

    def pending(self) -> list[dict[str, Any]]:
        """The logins waiting for an answer, oldest first, as ``/_sandbox/logins`` lists them."""
        with self._lock:
            self._forget_old()
            now = self._now()
            return [
                login.json(now)
                for login in self._logins.values()
                if login.state is State.PENDING and now < login.expires_at
            ]

    def _find(self, user_code: str | None, auth_req_id: str | None) -> Login:
        """The live login a control names; wrong user codes count towards the 429. Locked."""
        self._forget_old()
        now = self._now()
        if user_code is not None:
            while self._wrong_codes and now - self._wrong_codes[0] >= GUESS_WINDOW_S:
                self._wrong_codes.popleft()
            if len(self._wrong_codes) >= GUESS_LIMIT:
                raise ControlError(429, "too_many_guesses", TOO_MANY_GUESSES)
            digits = _USER_CODE_SEPARATORS.sub("", user_code)
            login = self._logins.get(self._user_codes.get(digits, ""))
        else:
            login = self._logins.get(auth_req_id or "")
            if login is not None and login.kind is not Kind.CIBA:
                login = None
        if login is None or now >= login.expires_at:
            if user_code is not None:
                self._wrong_codes.append(now)
            raise ControlError(404, "unknown_login", UNKNOWN_LOGIN)
        return login

    def _make_room(self) -> None:
        """Forget old logins; :class:`OAuthError` 503 if too many are still pending. Locked."""
        self._forget_old()
        if len(self._logins) >= MAX_PENDING_LOGINS:
            raise OAuthError("temporarily_unavailable", "too many logins are pending", 503)

    def _forget_old(self) -> None:
        """Drop logins long expired and access tokens expired. Locked."""
        now = self._now()
        for handle, login in list(self._logins.items()):
            if now >= login.expires_at + FORGET_AFTER_S:
                del self._logins[handle]
                self._user_codes.pop(login.user_code, None)
        for value, token in list(self._tokens.items()):
            if now >= token.expires_at:
                del self._tokens[value]


def _handle_name(kind: Kind) -> str:
    return "device_code" if kind is Kind.DEVICE else "auth_req_id"
