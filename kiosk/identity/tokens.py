"""Checking the identity provider's id_token before anything it says is believed.

:func:`validate_id_token` refuses, with :class:`TokenRefused` naming why: a
signing algorithm other than the one registered (``alg: none`` included), a
signature that does not verify against the provider's JWKS (an unknown
``kid`` refetches the JWKS once, for key rotation: PyJWT's ``PyJWKClient``),
another issuer, another audience, an ``azp`` that is not this kiosk (required
when there are several audiences), an expired token or one issued in the
future (a small leeway for clocks), and a ``nonce`` other than the one sent
(CIBA carries one; the device flow cannot). Any thread.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

import jwt

from kiosk.core.errors import OperationFailed
from kiosk.core.text import Text

LEEWAY_S = 60
REFUSED = Text(
    "Máy chưa nhận được xác thực từ VNeID. Bác nhờ tình nguyện viên giúp nhé.",
    "The kiosk could not accept the VNeID login. Please ask a volunteer for help.",
)


class TokenRefused(OperationFailed):
    """The id_token cannot be trusted; ``str()`` says why, for the technician."""

    resident_message = REFUSED


def validate_id_token(
    token: str,
    jwks: jwt.PyJWKClient,
    *,
    issuer: str,
    client_id: str,
    algorithm: str,
    nonce: str | None = None,
    leeway: int = LEEWAY_S,
    now: float | None = None,
) -> dict[str, Any]:
    """The id_token's claims, once every check above has passed. ``now``: the time to check
    ``exp``, ``iat`` and ``nbf`` against (tests; the clock by default)."""
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError:
        raise TokenRefused("the id_token is not a JWT") from None
    if header.get("alg") != algorithm:
        raise TokenRefused(f"the id_token is signed with {header.get('alg')!r}, "
                           f"not the registered {algorithm}")
    try:
        key = jwks.get_signing_key_from_jwt(token)
    except jwt.PyJWKClientError as exc:
        raise TokenRefused(f"no key of the provider's JWKS verifies the id_token ({exc})") from None
    try:
        claims: dict[str, Any] = jwt.decode(
            token, key, algorithms=[algorithm], audience=client_id, issuer=issuer,
            options={"require": ["iss", "aud", "exp", "iat", "sub"], "verify_exp": False,
                     "verify_iat": False, "verify_nbf": False},
        )
    except jwt.InvalidAudienceError:
        raise TokenRefused(f"the id_token is not meant for {client_id!r}") from None
    except jwt.InvalidIssuerError:
        raise TokenRefused(f"the id_token was issued by another issuer than {issuer}") from None
    except jwt.InvalidSignatureError:
        raise TokenRefused("the id_token's signature does not verify") from None
    except jwt.PyJWTError as exc:
        raise TokenRefused(f"the id_token is not valid ({type(exc).__name__}: {exc})") from None
    _check_party(claims, client_id)
    _check_times(claims, time.time() if now is None else now, leeway)
    if nonce is not None and claims.get("nonce") != nonce:
        raise TokenRefused("the id_token's nonce is not the one this kiosk sent")
    return claims


def _check_party(claims: Mapping[str, Any], client_id: str) -> None:
    audience = claims.get("aud")
    several = isinstance(audience, list) and len(audience) > 1
    if "azp" in claims and claims["azp"] != client_id:
        raise TokenRefused("the id_token was issued to another party (azp)")
    if several and "azp" not in claims:
        raise TokenRefused("the id_token has several audiences and no azp")


def _check_times(claims: Mapping[str, Any], now: float, leeway: int) -> None:
    exp, iat, nbf = claims.get("exp"), claims.get("iat"), claims.get("nbf", 0)
    if not (isinstance(exp, int | float) and isinstance(iat, int | float)
            and isinstance(nbf, int | float)):
        raise TokenRefused("the id_token's times are not numbers")
    if exp + leeway < now:
        raise TokenRefused("the id_token has expired")
    if iat - leeway > now or nbf - leeway > now:
        raise TokenRefused("the id_token is not valid yet (issued in the future)")
