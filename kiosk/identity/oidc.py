"""The OpenID Connect client: discovery, device flow, CIBA, token polls, userinfo, revocation.

One :class:`OidcClient` per kiosk talks to the configured issuer
(``[identity]``). Every call is one HTTP exchange and blocks: the login screens
run them off the GUI thread, one poll per tick (:mod:`kiosk.identity.login`
keeps the timing). Client authentication is ``private_key_jwt`` (a fresh
assertion signed with the kiosk's key for each request) or ``none``.

Outcomes are typed: a token poll answers :class:`TokenPoll` (pending, slow
down, denied, expired, issued); a network failure or a 5xx is
:class:`IdentityUnreachable` (retry later); anything the provider refuses, or
an answer that cannot be trusted, is :class:`IdentityRefused`. Tokens are held
in memory only and never printed (:class:`Tokens` hides them in ``repr``).
Thread-safe: discovery is cached under a lock; ``requests`` sessions are per
thread.
"""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit

import jwt
import requests

from kiosk.config import IdentitySection
from kiosk.core.errors import OperationFailed
from kiosk.core.text import Text
from kiosk.identity.client_key import ASSERTION_TYPE, ClientKey
from kiosk.identity.tokens import validate_id_token

DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
CIBA_GRANT = "urn:openid:params:grant-type:ciba"
DEFAULT_INTERVAL_S = 5  # RFC 8628 §3.2: when the answer names no interval

UNREACHABLE = Text(
    "Chưa kết nối được với VNeID. Máy đang thử lại…",
    "Cannot reach VNeID. The kiosk is trying again…",
)
REFUSED = Text(
    "VNeID chưa nhận yêu cầu đăng nhập của máy. Bác nhờ tình nguyện viên giúp nhé.",
    "VNeID did not accept the kiosk's login request. Please ask a volunteer for help.",
)


class IdentityError(OperationFailed):
    """Base of every login failure; ``str()`` is for the technician (no personal data)."""


class IdentityUnreachable(IdentityError):
    resident_message = UNREACHABLE


class IdentityRefused(IdentityError):
    resident_message = REFUSED

    def __init__(self, message: str, error: str = "") -> None:
        super().__init__(message)
        self.error = error  # the provider's OAuth error code, when it gave one


@dataclass(frozen=True)
class ProviderInfo:
    """What the discovery document says about the issuer."""

    issuer: str
    token_endpoint: str
    jwks_uri: str
    device_authorization_endpoint: str | None = None
    backchannel_authentication_endpoint: str | None = None
    userinfo_endpoint: str | None = None
    revocation_endpoint: str | None = None
    ciba_poll: bool = False
    auth_methods: tuple[str, ...] = ()

    @property
    def device_flow(self) -> bool:
        return self.device_authorization_endpoint is not None

    @property
    def ciba(self) -> bool:
        """CIBA in poll mode is offered (the only mode a kiosk behind a village router can use)."""
        return self.backchannel_authentication_endpoint is not None and self.ciba_poll


@dataclass(frozen=True)
class DeviceGrant:
    device_code: str = field(repr=False)
    user_code: str
    verification_uri: str
    verification_uri_complete: str
    expires_in: int
    interval: int


@dataclass(frozen=True)
class CibaGrant:
    auth_req_id: str = field(repr=False)
    expires_in: int
    interval: int
    binding_message: str
    nonce: str = field(repr=False)


Grant = DeviceGrant | CibaGrant


@dataclass(frozen=True)
class Tokens:
    access_token: str = field(repr=False)
    id_token: str = field(repr=False)
    token_type: str = "Bearer"
    refresh_token: str | None = field(default=None, repr=False)


class PollOutcome(StrEnum):
    PENDING = "pending"  # authorization_pending: the resident has not answered yet
    SLOW_DOWN = "slow_down"  # polled too often: wait 5 s longer from now on
    DENIED = "denied"  # access_denied: the resident declined on the phone
    EXPIRED = "expired"  # expired_token: the code is dead, a fresh one is needed
    ISSUED = "issued"


@dataclass(frozen=True)
class TokenPoll:
    outcome: PollOutcome
    tokens: Tokens | None = None


_POLL_ERRORS = {
    "authorization_pending": PollOutcome.PENDING,
    "slow_down": PollOutcome.SLOW_DOWN,
    "access_denied": PollOutcome.DENIED,
    "expired_token": PollOutcome.EXPIRED,
    # A code the provider no longer knows is as dead as an expired one (oidc-provider says
    # invalid_grant once an expired code is past its clock tolerance): a fresh one is needed.
    "invalid_grant": PollOutcome.EXPIRED,
}


class OidcClient:
    def __init__(self, settings: IdentitySection, key: ClientKey | None = None) -> None:
        if not settings.issuer:
            raise IdentityError("no identity provider configured ([identity] issuer)")
        if settings.auth == "private_key_jwt" and key is None:
            raise IdentityError("[identity] auth = \"private_key_jwt\" needs the kiosk's key "
                                "(kiosk identity keygen)")
        self.settings = settings
        self.key = key if settings.auth == "private_key_jwt" else None
        self._provider: ProviderInfo | None = None
        self._jwks: jwt.PyJWKClient | None = None
        self._lock = threading.Lock()
        self._local = threading.local()

    # -- discovery -------------------------------------------------------------------------
    def provider(self) -> ProviderInfo:
        """The issuer's discovery document, fetched once (and again after a failure)."""
        with self._lock:
            if self._provider is None:
                self._provider = self._discover()
                # An unknown kid (the provider rotated its key) refetches the JWKS once,
                # at most every 5 s (PyJWT's default waits 30 s after any fetch).
                self._jwks = jwt.PyJWKClient(self._provider.jwks_uri, cache_jwk_set=True,
                                             lifespan=3600, timeout=int(self.settings.timeout_s),
                                             cooldown_duration=5)
            return self._provider

    def _discover(self) -> ProviderInfo:
        issuer = self.settings.issuer.rstrip("/")
        data = self._json(self._get(f"{issuer}/.well-known/openid-configuration"))
        if str(data.get("issuer", "")).rstrip("/") != issuer:
            raise IdentityRefused(f"the discovery document names issuer {data.get('issuer')!r}, "
                                  f"not {issuer}")
        try:
            return ProviderInfo(
                issuer=str(data["issuer"]),
                token_endpoint=str(data["token_endpoint"]),
                jwks_uri=str(data["jwks_uri"]),
                device_authorization_endpoint=data.get("device_authorization_endpoint"),
                backchannel_authentication_endpoint=data.get(
                    "backchannel_authentication_endpoint"),
                userinfo_endpoint=data.get("userinfo_endpoint"),
                revocation_endpoint=data.get("revocation_endpoint"),
                ciba_poll="poll" in data.get("backchannel_token_delivery_modes_supported", []),
                auth_methods=tuple(data.get("token_endpoint_auth_methods_supported", [])),
            )
        except KeyError as exc:
            raise IdentityRefused(f"the discovery document has no {exc.args[0]}") from None

    # -- starting a login ----------------------------------------------------------------------
    def request_device_code(self) -> DeviceGrant:
        """RFC 8628 §3.1: a device code, and the address and user code the phone will use."""
        provider = self.provider()
        if provider.device_authorization_endpoint is None:
            raise IdentityRefused("the identity provider offers no device flow (QR login)")
        data = self._json(self._post(provider.device_authorization_endpoint,
                                     {"scope": self.settings.scope}))
        try:
            uri = str(data["verification_uri"])
            grant = DeviceGrant(
                device_code=str(data["device_code"]), user_code=str(data["user_code"]),
                verification_uri=uri,
                verification_uri_complete=str(data.get("verification_uri_complete") or uri),
                expires_in=int(data["expires_in"]),
                interval=int(data.get("interval") or DEFAULT_INTERVAL_S),
            )
        except (KeyError, TypeError, ValueError):
            raise IdentityRefused("the device authorization answer cannot be read") from None
        for address in (grant.verification_uri, grant.verification_uri_complete):
            if _origin(address) != _origin(provider.issuer):
                # The QR code must lead only to the configured provider, never elsewhere.
                raise IdentityRefused(f"the verification address is not on {provider.issuer}")
        return grant

    def request_ciba(self, login_hint: str, binding_message: str) -> CibaGrant:
        """CIBA §7.1 (poll mode): ask the resident's phone, known by the ID number, to approve."""
        provider = self.provider()
        if not provider.ciba or provider.backchannel_authentication_endpoint is None:
            raise IdentityRefused("the identity provider offers no backchannel login (poll mode)")
        nonce = secrets.token_urlsafe(16)
        data = self._json(self._post(provider.backchannel_authentication_endpoint, {
            "scope": self.settings.scope, "login_hint": login_hint,
            "binding_message": binding_message, "nonce": nonce,
        }, audience=provider.issuer))
        try:
            return CibaGrant(auth_req_id=str(data["auth_req_id"]),
                             expires_in=int(data["expires_in"]),
                             interval=int(data.get("interval") or DEFAULT_INTERVAL_S),
                             binding_message=binding_message, nonce=nonce)
        except (KeyError, TypeError, ValueError):
            raise IdentityRefused("the backchannel answer cannot be read") from None

    # -- waiting for the phone ----------------------------------------------------------------
    def poll(self, grant: Grant) -> TokenPoll:
        """One token request for a grant: the resident's answer so far."""
        provider = self.provider()
        form = ({"grant_type": DEVICE_GRANT, "device_code": grant.device_code}
                if isinstance(grant, DeviceGrant)
                else {"grant_type": CIBA_GRANT, "auth_req_id": grant.auth_req_id})
        response = self._post(provider.token_endpoint, form)
        if response.status_code == 200:
            data = self._json(response)
            try:
                tokens = Tokens(access_token=str(data["access_token"]),
                                id_token=str(data["id_token"]),
                                token_type=str(data.get("token_type", "Bearer")),
                                refresh_token=data.get("refresh_token"))
            except KeyError as exc:
                raise IdentityRefused(f"the token answer has no {exc.args[0]}") from None
            return TokenPoll(PollOutcome.ISSUED, tokens)
        error = _error_code(response)
        if error in _POLL_ERRORS and response.status_code in (400, 401, 403):
            return TokenPoll(_POLL_ERRORS[error])
        raise self._refusal(response)

    # -- after the phone said yes -------------------------------------------------------------
    def claims(self, tokens: Tokens, nonce: str | None) -> dict[str, Any]:
        """The validated id_token's claims, with userinfo's on top (the same ``sub`` only)."""
        provider = self.provider()
        assert self._jwks is not None
        claims = validate_id_token(tokens.id_token, self._jwks, issuer=provider.issuer,
                                   client_id=self.settings.client_id,
                                   algorithm=self.settings.algorithm, nonce=nonce)
        if provider.userinfo_endpoint is None:
            return claims
        response = self._call("GET", provider.userinfo_endpoint,
                              headers={"Authorization": f"Bearer {tokens.access_token}"})
        info = self._json(response)
        if info.get("sub") != claims.get("sub"):
            raise IdentityRefused("userinfo describes another subject than the id_token")
        return {**claims, **info}

    def revoke(self, tokens: Tokens) -> bool:
        """RFC 7009: end the tokens at the provider, when it offers revocation. Never raises."""
        try:
            provider = self.provider()
            if provider.revocation_endpoint is None:
                return False
            for token, kind in ((tokens.refresh_token, "refresh_token"),
                                (tokens.access_token, "access_token")):
                if token:
                    self._post(provider.revocation_endpoint,
                               {"token": token, "token_type_hint": kind})
        except IdentityError:
            return False
        return True

    def close(self) -> None:
        session = getattr(self._local, "session", None)
        if session is not None:
            session.close()

    # -- HTTP ---------------------------------------------------------------------------------
    def _session(self) -> requests.Session:
        session: requests.Session | None = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            session.headers["Accept"] = "application/json"
            self._local.session = session
        return session

    def _get(self, url: str) -> requests.Response:
        response = self._call("GET", url)
        if response.status_code != 200:
            raise self._refusal(response)
        return response

    def _post(self, url: str, form: dict[str, str], audience: str | None = None) -> requests.Response:
        """A form POST with the client's authentication; 5xx is :class:`IdentityUnreachable`,
        any other answer is the caller's to read. ``audience``: the assertion's ``aud``
        (the token endpoint by default, as OpenID Connect Core §9 says; CIBA names the issuer)."""
        body = {**form, "client_id": self.settings.client_id}
        if self.key is not None:
            body["client_assertion_type"] = ASSERTION_TYPE
            body["client_assertion"] = self.key.assertion(
                self.settings.client_id, audience or self.provider().token_endpoint)
        response = self._call("POST", url, data=body)
        if response.status_code >= 500:
            raise IdentityUnreachable(f"{url} answered HTTP {response.status_code}")
        return response

    def _call(self, method: str, url: str, **options: Any) -> requests.Response:
        try:
            return self._session().request(method, url, timeout=self.settings.timeout_s,
                                           **options)
        except requests.RequestException as exc:
            raise IdentityUnreachable(f"cannot reach {url} ({type(exc).__name__})") from None

    def _json(self, response: requests.Response) -> dict[str, Any]:
        if response.status_code >= 500:
            raise IdentityUnreachable(f"{response.url} answered HTTP {response.status_code}")
        if response.status_code != 200:
            raise self._refusal(response)
        try:
            data = response.json()
        except ValueError:
            raise IdentityRefused(f"{response.url} answered something that is not JSON") from None
        if not isinstance(data, dict):
            raise IdentityRefused(f"{response.url} answered unexpected JSON")
        return data

    def _refusal(self, response: requests.Response) -> IdentityError:
        if response.status_code >= 500:
            return IdentityUnreachable(f"{response.url} answered HTTP {response.status_code}")
        error = _error_code(response)
        return IdentityRefused(f"{response.url} refused the request (HTTP {response.status_code}"
                               f"{': ' + error if error else ''})", error)


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()


def _error_code(response: requests.Response) -> str:
    try:
        data = response.json()
    except ValueError:
        return ""
    return str(data.get("error", "")) if isinstance(data, dict) else ""
