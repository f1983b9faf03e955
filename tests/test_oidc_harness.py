"""The OpenID provider harness (tests/oidc, tests/oidc_helpers.py) against the real provider.

Plain HTTP with ``requests``, no project code: the device flow and CIBA as the kiosk will
run them, the resident's phone played by the helpers, and private_key_jwt client
authentication with a key made here.
"""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jwt
import pytest
import requests
from cryptography.hazmat.primitives.asymmetric import ec
from oidc_helpers import (
    BINH,
    CIBA_GRANT,
    DEVICE_GRANT,
    KEY_CLIENT,
    LAN,
    PUBLIC_CLIENT,
    SCOPE,
    OidcProvider,
    approve_ciba,
    approve_device,
    ciba_pending,
    start_oidc_provider,
)

TIMEOUT = 10
ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
RUNTIME_WARNING = "oidc-provider WARNING: Unsupported runtime."


def stop_quietly(provider: OidcProvider) -> None:
    """Stop it: exit code 0, and nothing on stderr but Node 20's runtime warning."""
    assert provider.stop() == 0
    noise = [
        ln for ln in provider.stderr().splitlines() if ln and not ln.startswith(RUNTIME_WARNING)
    ]
    assert noise == [], f"the provider printed on stderr: {noise}"


@pytest.fixture(scope="module")
def oidc(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OidcProvider]:
    provider = start_oidc_provider(tmp_path_factory.mktemp("oidc"))
    yield provider
    stop_quietly(provider)


@pytest.fixture(scope="module")
def meta(oidc: OidcProvider) -> dict[str, Any]:
    response = requests.get(f"{oidc.url}/.well-known/openid-configuration", timeout=TIMEOUT)
    response.raise_for_status()
    config: dict[str, Any] = response.json()
    assert config["issuer"] == oidc.url
    return config


def post(url: str, **data: str) -> requests.Response:
    return requests.post(url, data=data, timeout=TIMEOUT)


def error_of(response: requests.Response) -> str:
    assert 400 <= response.status_code < 500, (response.status_code, response.text)
    error: str = response.json()["error"]
    return error


def checked_id_token(meta: dict[str, Any], id_token: str, client_id: str) -> dict[str, Any]:
    """The id_token's claims, its RS256 signature checked against the provider's JWKS."""
    assert jwt.get_unverified_header(id_token)["alg"] == "RS256"
    key = jwt.PyJWKClient(meta["jwks_uri"]).get_signing_key_from_jwt(id_token)
    claims: dict[str, Any] = jwt.decode(
        id_token, key, algorithms=["RS256"], audience=client_id, issuer=meta["issuer"]
    )
    return claims


def userinfo(meta: dict[str, Any], access_token: str) -> dict[str, Any]:
    response = requests.get(
        meta["userinfo_endpoint"],
        headers={"Authorization": f"Bearer {access_token}"},
        timeout=TIMEOUT,
    )
    assert response.status_code == 200, response.text
    claims: dict[str, Any] = response.json()
    return claims


def device_authorization(meta: dict[str, Any], **extra: str) -> dict[str, Any]:
    response = post(meta["device_authorization_endpoint"], scope=SCOPE, **extra)
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


# ---- (a), (b) the device flow -------------------------------------------------------------


def test_device_flow_signs_the_resident_in(meta: dict[str, Any]) -> None:
    auth = device_authorization(meta, client_id=PUBLIC_CLIENT)
    assert re.fullmatch(r"\d{3}-\d{3}-\d{3}", auth["user_code"]), auth
    assert auth["expires_in"] == 600
    poll = {
        "grant_type": DEVICE_GRANT,
        "device_code": auth["device_code"],
        "client_id": PUBLIC_CLIENT,
    }
    assert error_of(post(meta["token_endpoint"], **poll)) == "authorization_pending"

    approve_device(auth["verification_uri_complete"], LAN)

    response = post(meta["token_endpoint"], **poll)
    assert response.status_code == 200, response.text
    tokens = response.json()
    assert tokens["token_type"].lower() == "bearer"
    assert tokens["access_token"]
    id_claims = checked_id_token(meta, tokens["id_token"], PUBLIC_CLIENT)
    assert id_claims["sub"] == LAN
    assert "cccd_number" not in id_claims  # conformIdTokenClaims: the rest is in userinfo

    me = userinfo(meta, tokens["access_token"])
    assert me["sub"] == LAN
    assert me["cccd_number"] == "001190012345"
    assert me["name"] == "Nguyễn Thị Lan"
    assert me["identity_level"] == 2
    assert me["birthdate"] == "1990-03-15"
    assert me["phone_number"] == "0912345678"
    assert me["address"]["locality"] == "Phường Ba Đình"
    # The device code is spent.
    assert error_of(post(meta["token_endpoint"], **poll)) == "invalid_grant"


def test_device_flow_denied_on_the_phone(meta: dict[str, Any]) -> None:
    auth = device_authorization(meta, client_id=PUBLIC_CLIENT)
    approve_device(auth["verification_uri_complete"], LAN, deny=True)
    response = post(
        meta["token_endpoint"],
        grant_type=DEVICE_GRANT,
        device_code=auth["device_code"],
        client_id=PUBLIC_CLIENT,
    )
    assert error_of(response) == "access_denied"


def test_device_flow_scopes_limit_userinfo(meta: dict[str, Any]) -> None:
    response = post(
        meta["device_authorization_endpoint"], client_id=PUBLIC_CLIENT, scope="openid cccd"
    )
    assert response.status_code == 200, response.text
    auth = response.json()
    approve_device(auth["verification_uri_complete"], BINH)
    tokens = post(
        meta["token_endpoint"],
        grant_type=DEVICE_GRANT,
        device_code=auth["device_code"],
        client_id=PUBLIC_CLIENT,
    ).json()
    me = userinfo(meta, tokens["access_token"])
    assert me == {"sub": BINH, "cccd_number": BINH, "identity_level": 1}


# ---- (c), (d) CIBA ------------------------------------------------------------------------


def backchannel(meta: dict[str, Any], **data: str) -> requests.Response:
    return post(meta["backchannel_authentication_endpoint"], scope=SCOPE, **data)


def test_ciba_approved_on_the_phone(oidc: OidcProvider, meta: dict[str, Any]) -> None:
    response = backchannel(
        meta, client_id=PUBLIC_CLIENT, login_hint=LAN, binding_message="4821", nonce="n-123"
    )
    assert response.status_code == 200, response.text
    answer = response.json()
    auth_req_id = answer["auth_req_id"]
    assert answer["expires_in"] == 120
    poll = {"grant_type": CIBA_GRANT, "auth_req_id": auth_req_id, "client_id": PUBLIC_CLIENT}
    assert error_of(post(meta["token_endpoint"], **poll)) == "authorization_pending"

    mine = [p for p in ciba_pending(oidc.url) if p["auth_req_id"] == auth_req_id]
    assert mine == [{"auth_req_id": auth_req_id, "login_hint": LAN, "binding_message": "4821"}]
    approve_ciba(oidc.url, auth_req_id)
    assert auth_req_id not in [p["auth_req_id"] for p in ciba_pending(oidc.url)]

    response = post(meta["token_endpoint"], **poll)
    assert response.status_code == 200, response.text
    tokens = response.json()
    id_claims = checked_id_token(meta, tokens["id_token"], PUBLIC_CLIENT)
    assert id_claims["sub"] == LAN
    assert id_claims["nonce"] == "n-123"
    me = userinfo(meta, tokens["access_token"])
    assert (me["cccd_number"], me["name"], me["identity_level"]) == (LAN, "Nguyễn Thị Lan", 2)


def test_ciba_denied_on_the_phone(oidc: OidcProvider, meta: dict[str, Any]) -> None:
    response = backchannel(meta, client_id=PUBLIC_CLIENT, login_hint=BINH, binding_message="77")
    assert response.status_code == 200, response.text
    auth_req_id = response.json()["auth_req_id"]
    approve_ciba(oidc.url, auth_req_id, deny=True)
    response = post(
        meta["token_endpoint"],
        grant_type=CIBA_GRANT,
        auth_req_id=auth_req_id,
        client_id=PUBLIC_CLIENT,
    )
    assert error_of(response) == "access_denied"
    with pytest.raises(AssertionError, match="404"):
        approve_ciba(oidc.url, auth_req_id)  # no longer pending


@pytest.mark.parametrize(
    ("login_hint", "binding_message", "error"),
    [
        ("079200000000", "4821", "unknown_user_id"),  # well-formed, but no such citizen
        ("lan@example", "4821", "invalid_request"),  # not a CCCD number
        (LAN, "Mã 4821", "invalid_binding_message"),  # the default rule: no Vietnamese letters
    ],
)
def test_ciba_refused(
    oidc: OidcProvider, meta: dict[str, Any], login_hint: str, binding_message: str, error: str
) -> None:
    response = backchannel(
        meta, client_id=PUBLIC_CLIENT, login_hint=login_hint, binding_message=binding_message
    )
    assert response.status_code == 400
    assert error_of(response) == error
    assert login_hint not in [p["login_hint"] for p in ciba_pending(oidc.url)]


def test_ttl_flags_expire_codes(tmp_path: Path) -> None:
    provider = start_oidc_provider(tmp_path, device_ttl=1, ciba_ttl=1)
    try:
        base = provider.url
        device = post(f"{base}/device/auth", client_id=PUBLIC_CLIENT, scope=SCOPE).json()
        ciba = post(
            f"{base}/backchannel", client_id=PUBLIC_CLIENT, scope=SCOPE, login_hint=LAN
        ).json()
        assert (device["expires_in"], ciba["expires_in"]) == (1, 1)
        time.sleep(2.1)
        token = f"{base}/token"
        common = {"client_id": PUBLIC_CLIENT}
        dev = post(token, grant_type=DEVICE_GRANT, device_code=device["device_code"], **common)
        cib = post(token, grant_type=CIBA_GRANT, auth_req_id=ciba["auth_req_id"], **common)
        assert (error_of(dev), error_of(cib)) == ("expired_token", "expired_token")
        assert ciba_pending(base) == []
        with pytest.raises(AssertionError, match="404"):
            approve_ciba(base, ciba["auth_req_id"])  # too late for the resident
    finally:
        stop_quietly(provider)


def test_bad_kiosk_jwks_stops_the_start(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="invalid_client_metadata"):
        start_oidc_provider(tmp_path, kiosk_jwks={"keys": "not a list"})


# ---- (e) private_key_jwt ------------------------------------------------------------------


class Kiosk:
    """The kiosk's EC P-256 key and client assertions (RFC 7523) signed with it."""

    def __init__(self) -> None:
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.kid = "kiosk-" + secrets.token_hex(4)

    def public_jwks(self) -> dict[str, Any]:
        jwk = jwt.algorithms.ECAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
        return {"keys": [{**jwk, "kid": self.kid, "alg": "ES256", "use": "sig"}]}

    def assertion(self, aud: str, key: ec.EllipticCurvePrivateKey | None = None) -> str:
        now = int(time.time())
        claims = {
            "iss": KEY_CLIENT,
            "sub": KEY_CLIENT,
            "aud": aud,
            "jti": secrets.token_urlsafe(16),
            "iat": now,
            "exp": now + 60,
        }
        return jwt.encode(claims, key or self.key, algorithm="ES256", headers={"kid": self.kid})

    def auth(self, aud: str, **more: str) -> dict[str, str]:
        return {
            "client_id": KEY_CLIENT,
            "client_assertion_type": ASSERTION_TYPE,
            "client_assertion": self.assertion(aud),
            **more,
        }


@pytest.fixture
def kiosk_oidc(tmp_path: Path) -> Iterator[tuple[OidcProvider, dict[str, Any], Kiosk]]:
    kiosk = Kiosk()
    provider = start_oidc_provider(tmp_path, kiosk_jwks=kiosk.public_jwks())
    try:
        config = requests.get(f"{provider.url}/.well-known/openid-configuration", timeout=TIMEOUT)
        yield provider, config.json(), kiosk
    finally:
        stop_quietly(provider)


def test_private_key_jwt_device_authorization(
    kiosk_oidc: tuple[OidcProvider, dict[str, Any], Kiosk],
) -> None:
    provider, meta, kiosk = kiosk_oidc
    endpoint = meta["device_authorization_endpoint"]
    assertion = kiosk.assertion(provider.url)
    signed_in = {
        "client_id": KEY_CLIENT,
        "client_assertion_type": ASSERTION_TYPE,
        "client_assertion": assertion,
        "scope": SCOPE,
    }
    response = requests.post(endpoint, data=signed_in, timeout=TIMEOUT)
    assert response.status_code == 200, response.text
    assert response.json()["device_code"]

    replayed = requests.post(endpoint, data=signed_in, timeout=TIMEOUT)
    assert replayed.status_code == 401
    assert error_of(replayed) == "invalid_client"

    bare = post(endpoint, client_id=KEY_CLIENT, scope=SCOPE)  # no assertion at all
    assert bare.status_code == 401
    assert error_of(bare) == "invalid_client"


@pytest.mark.parametrize("aud", ["issuer", "token_endpoint", "device_authorization_endpoint"])
def test_private_key_jwt_audiences_accepted(
    kiosk_oidc: tuple[OidcProvider, dict[str, Any], Kiosk], aud: str
) -> None:
    _, meta, kiosk = kiosk_oidc
    response = post(meta["device_authorization_endpoint"], **kiosk.auth(meta[aud], scope=SCOPE))
    assert response.status_code == 200, response.text


def test_private_key_jwt_refused(kiosk_oidc: tuple[OidcProvider, dict[str, Any], Kiosk]) -> None:
    provider, meta, kiosk = kiosk_oidc
    endpoint = meta["device_authorization_endpoint"]
    wrong_aud = post(endpoint, **kiosk.auth(meta["userinfo_endpoint"], scope=SCOPE))
    assert wrong_aud.status_code == 401
    other_key = ec.generate_private_key(ec.SECP256R1())
    forged = post(
        endpoint,
        client_id=KEY_CLIENT,
        client_assertion_type=ASSERTION_TYPE,
        client_assertion=kiosk.assertion(provider.url, key=other_key),
        scope=SCOPE,
    )
    assert forged.status_code == 401
    assert error_of(wrong_aud) == error_of(forged) == "invalid_client"


def test_private_key_jwt_ciba_round_trip(
    kiosk_oidc: tuple[OidcProvider, dict[str, Any], Kiosk],
) -> None:
    provider, meta, kiosk = kiosk_oidc
    response = post(
        meta["backchannel_authentication_endpoint"],
        **kiosk.auth(provider.url, scope=SCOPE, login_hint=BINH, binding_message="1234"),
    )
    assert response.status_code == 200, response.text
    auth_req_id = response.json()["auth_req_id"]
    approve_ciba(provider.url, auth_req_id)
    response = post(
        meta["token_endpoint"],
        **kiosk.auth(meta["token_endpoint"], grant_type=CIBA_GRANT, auth_req_id=auth_req_id),
    )
    assert response.status_code == 200, response.text
    tokens = response.json()
    assert checked_id_token(meta, tokens["id_token"], KEY_CLIENT)["sub"] == BINH
    assert userinfo(meta, tokens["access_token"])["identity_level"] == 1
