"""The sandbox's demo identity provider over real HTTP on loopback: discovery, the device
flow (RFC 8628), CIBA in poll mode, token, JWKS, userinfo, revocation (RFC 7009), the
simulated phone's controls and the fictional citizens. Time moves by hand
(``start_sandbox(monotonic=...)``): nothing here sleeps."""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jwt
import pytest
import requests
from sandbox_helpers import (
    CIBA_GRANT,
    DEVICE_GRANT,
    LOGIN_CLIENT,
    LOGIN_SCOPE,
    TIMEOUT,
    ManualMonotonic,
    approve_login,
    expire_login,
    pending_logins,
    poll_token,
    start_ciba_login,
    start_device_login,
)

from forms import address, engine, validators
from kiosk.config import ClaimNames
from kiosk.sandbox.citizens import CITIZENS
from kiosk.sandbox.server import start_sandbox

LAN, BAY, DUC = "001190012345", "046053001357", "079201004567"  # levels 2, 2 (born 1953), 1


@pytest.fixture
def clock() -> ManualMonotonic:
    return ManualMonotonic()


@pytest.fixture
def url(tmp_path: Path, clock: ManualMonotonic) -> Iterator[str]:
    with start_sandbox(tmp_path, monotonic=clock) as running:
        yield running.url


def error_of(response: requests.Response, status: int = 400) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error", "error_description"} and body["error_description"]
    return str(body["error"])


def approve(url: str, **fields: Any) -> requests.Response:
    return requests.post(f"{url}/_sandbox/approve", json=fields, timeout=TIMEOUT)


def verified(url: str, id_token: str, nonce: str | None = None) -> dict[str, Any]:
    """The id_token's claims, checked with PyJWT against the provider's JWKS."""
    meta = requests.get(f"{url}/.well-known/openid-configuration", timeout=TIMEOUT).json()
    key = jwt.PyJWKClient(meta["jwks_uri"]).get_signing_key_from_jwt(id_token)
    claims: dict[str, Any] = jwt.decode(
        id_token, key, algorithms=["RS256"], audience=LOGIN_CLIENT, issuer=meta["issuer"],
        options={"require": ["iss", "sub", "aud", "iat", "exp"]})
    assert claims.get("nonce") == nonce
    return claims


def userinfo(url: str, access_token: str) -> requests.Response:
    return requests.get(f"{url}/oidc/userinfo", timeout=TIMEOUT,
                        headers={"Authorization": f"Bearer {access_token}"})


def test_discovery_advertises_exactly_what_is_served(url: str) -> None:
    meta = requests.get(f"{url}/.well-known/openid-configuration", timeout=TIMEOUT).json()
    assert meta["issuer"] == url and meta["simulator"] is True
    paths = {"device_authorization_endpoint": "/oidc/device_authorization",
             "backchannel_authentication_endpoint": "/oidc/backchannel",
             "token_endpoint": "/oidc/token", "jwks_uri": "/oidc/jwks",
             "revocation_endpoint": "/oidc/revoke", "userinfo_endpoint": "/oidc/userinfo"}
    assert {name: meta[name] for name in paths} == {n: url + p for n, p in paths.items()}
    assert meta["grant_types_supported"] == [DEVICE_GRANT, CIBA_GRANT]
    assert meta["token_endpoint_auth_methods_supported"] == ["none"]
    assert meta["backchannel_token_delivery_modes_supported"] == ["poll"]
    assert meta["id_token_signing_alg_values_supported"] == ["RS256"]
    assert set(LOGIN_SCOPE.split()) <= set(meta["scopes_supported"])
    kiosk_claims = {getattr(ClaimNames(), name) for name in ClaimNames.__dataclass_fields__}
    assert kiosk_claims <= set(meta["claims_supported"])
    (key,) = requests.get(meta["jwks_uri"], timeout=TIMEOUT).json()["keys"]
    assert (key["kty"], key["alg"], key["use"]) == ("RSA", "RS256", "sig") and key["kid"]
    assert "d" not in key and "p" not in key  # the public half only


def test_device_login_approved_gives_a_verified_id_token_and_userinfo(url: str) -> None:
    grant = start_device_login(url)
    assert re.fullmatch(r"\d{3}-\d{3}-\d{3}", grant["user_code"])
    digits = grant["user_code"].replace("-", "")
    assert grant["verification_uri"] == f"{url}/oidc/device"
    assert grant["verification_uri_complete"] == f"{url}/oidc/device?user_code={digits}"
    assert (grant["expires_in"], grant["interval"]) == (600, 5)
    assert len(grant["device_code"]) >= 32
    assert approve(url, user_code=grant["user_code"]).status_code == 204  # Lan, by default
    response = poll_token(url, device_code=grant["device_code"])
    assert response.status_code == 200, response.text
    assert response.headers["Cache-Control"] == "no-store"
    tokens = response.json()
    assert tokens["token_type"] == "Bearer" and tokens["expires_in"] > 0
    assert tokens["scope"].split() == LOGIN_SCOPE.split()
    claims = verified(url, tokens["id_token"])
    assert set(claims) == {"iss", "sub", "aud", "azp", "iat", "exp", "auth_time"}
    assert claims["azp"] == LOGIN_CLIENT and claims["exp"] - claims["iat"] == 300
    assert claims["sub"] != LAN and LAN not in tokens["id_token"]
    kid = requests.get(f"{url}/oidc/jwks", timeout=TIMEOUT).json()["keys"][0]["kid"]
    assert jwt.get_unverified_header(tokens["id_token"])["kid"] == kid
    info = userinfo(url, tokens["access_token"]).json()
    assert info == {
        "sub": claims["sub"], "name": "Nguyễn Thị Lan", "birthdate": "1990-03-15",
        "gender": "female", "phone_number": "0912345678", "cccd_number": LAN,
        "identity_level": 2,
        "address": {"province_code": "01", "ward_code": "00004",
                    "street_address": "Số 12, ngõ 34 phố Đội Cấn",
                    "formatted": "Số 12, ngõ 34 phố Đội Cấn, Phường Ba Đình, Thành phố Hà Nội"},
    }


def test_a_named_citizen_approves_and_the_code_may_be_typed_any_way(url: str) -> None:
    grant = start_device_login(url, scope="openid profile")
    typed = " ".join(grant["user_code"].replace("-", ""))  # "1 2 3 4 5 6 7 8 9"
    approve_login(url, user_code=typed, citizen=DUC)
    tokens = poll_token(url, device_code=grant["device_code"]).json()
    info = userinfo(url, tokens["access_token"]).json()
    assert (info["name"], info["identity_level"]) == ("Phạm Minh Đức", 1)
    assert "cccd_number" not in info and "address" not in info  # not in the scope asked for


def test_pending_until_the_phone_answers_then_denied(url: str, clock: ManualMonotonic) -> None:
    grant = start_device_login(url)
    assert error_of(poll_token(url, device_code=grant["device_code"])) == "authorization_pending"
    approve_login(url, user_code=grant["user_code"], deny=True)
    clock.advance(5)
    assert error_of(poll_token(url, device_code=grant["device_code"])) == "access_denied"
    assert approve(url, user_code=grant["user_code"]).status_code == 409  # answered already


def test_polling_too_fast_is_slow_down_and_the_interval_grows(
    url: str, clock: ManualMonotonic
) -> None:
    code = start_device_login(url)["device_code"]
    assert error_of(poll_token(url, device_code=code)) == "authorization_pending"
    clock.advance(1)
    assert error_of(poll_token(url, device_code=code)) == "slow_down"  # interval now 10 s
    clock.advance(5)
    assert error_of(poll_token(url, device_code=code)) == "slow_down"  # 5 < 10; now 15 s
    clock.advance(14.5)
    assert error_of(poll_token(url, device_code=code)) == "slow_down"  # now 20 s
    clock.advance(20)
    assert error_of(poll_token(url, device_code=code)) == "authorization_pending"


def test_a_device_code_expires_with_time(url: str, clock: ManualMonotonic) -> None:
    grant = start_device_login(url)
    clock.advance(599)
    assert error_of(poll_token(url, device_code=grant["device_code"])) == "authorization_pending"
    clock.advance(1)
    assert error_of(poll_token(url, device_code=grant["device_code"])) == "expired_token"
    assert approve(url, user_code=grant["user_code"]).status_code == 404
    assert pending_logins(url) == []


def test_the_expire_control_ends_a_device_or_ciba_login_now(url: str) -> None:
    grant = start_device_login(url)
    auth_req_id = start_ciba_login(url, LAN).json()["auth_req_id"]
    expire_login(url, user_code=grant["user_code"])
    expire_login(url, auth_req_id=auth_req_id)
    assert error_of(poll_token(url, device_code=grant["device_code"])) == "expired_token"
    assert error_of(poll_token(url, auth_req_id=auth_req_id)) == "expired_token"
    again = requests.post(f"{url}/_sandbox/logins/expire", json={"auth_req_id": auth_req_id},
                          timeout=TIMEOUT)
    assert again.status_code == 404 and again.json()["error"] == "unknown_login"


def test_a_device_code_is_usable_once_and_only_by_its_client(
    url: str, clock: ManualMonotonic
) -> None:
    grant = start_device_login(url)
    approve_login(url, user_code=grant["user_code"])
    other = poll_token(url, device_code=grant["device_code"], client_id="someone-else")
    assert error_of(other) == "invalid_grant"
    assert poll_token(url, device_code=grant["device_code"]).status_code == 200
    clock.advance(5)
    assert error_of(poll_token(url, device_code=grant["device_code"])) == "invalid_grant"
    assert error_of(poll_token(url, device_code="never-issued")) == "invalid_grant"


def test_token_requests_that_are_not_understood(url: str) -> None:
    post = f"{url}/oidc/token"
    wrong_grant = requests.post(post, data={"grant_type": "password", "client_id": "k"},
                                timeout=TIMEOUT)
    assert error_of(wrong_grant) == "unsupported_grant_type"
    no_client = requests.post(post, data={"grant_type": DEVICE_GRANT, "device_code": "x"},
                              timeout=TIMEOUT)
    assert error_of(no_client) == "invalid_client"
    no_code = requests.post(post, data={"grant_type": DEVICE_GRANT, "client_id": "k"},
                            timeout=TIMEOUT)
    assert error_of(no_code) == "invalid_request"
    twice = requests.post(post, data=[("grant_type", DEVICE_GRANT), ("client_id", "k"),
                                      ("client_id", "j"), ("device_code", "x")], timeout=TIMEOUT)
    assert error_of(twice) == "invalid_request"
    asked = requests.post(f"{url}/oidc/device_authorization",
                          data={"client_id": "k", "scope": "profile"}, timeout=TIMEOUT)
    assert error_of(asked) == "invalid_scope"


def test_ciba_login_approved_on_the_named_citizens_phone(url: str) -> None:
    started = start_ciba_login(url, BAY, binding_message="NVH-01-4821", nonce="n-0S6_WzA2Mj")
    assert started.status_code == 200, started.text
    grant = started.json()
    assert (grant["expires_in"], grant["interval"]) == (120, 5) and grant["auth_req_id"]
    assert error_of(poll_token(url, auth_req_id=grant["auth_req_id"])) == "authorization_pending"
    wrong = approve(url, auth_req_id=grant["auth_req_id"], citizen=LAN)
    assert wrong.status_code == 400 and wrong.json()["error"] == "wrong_citizen"
    assert approve(url, auth_req_id=grant["auth_req_id"], citizen=BAY).status_code == 204


def test_ciba_tokens_carry_the_nonce_and_the_hinted_citizen(
    url: str, clock: ManualMonotonic
) -> None:
    auth_req_id = start_ciba_login(url, BAY, nonce="n-0S6_WzA2Mj").json()["auth_req_id"]
    approve_login(url, auth_req_id=auth_req_id)  # no citizen named: the hinted one
    response = poll_token(url, auth_req_id=auth_req_id)
    assert response.status_code == 200, response.text
    tokens = response.json()
    claims = verified(url, tokens["id_token"], nonce="n-0S6_WzA2Mj")
    info = userinfo(url, tokens["access_token"]).json()
    assert info["sub"] == claims["sub"] and info["name"] == "Lê Văn Bảy"
    assert info["birthdate"] == "1953-06-02" and info["identity_level"] == 2
    clock.advance(5)
    assert error_of(poll_token(url, auth_req_id=auth_req_id)) == "invalid_grant"  # used


def test_ciba_refusals(url: str, clock: ManualMonotonic) -> None:
    assert error_of(start_ciba_login(url, "001190099999")) == "unknown_user_id"
    assert error_of(start_ciba_login(url, "không phải số")) == "unknown_user_id"
    for bad in ("x" * 21, "Mã-123", "NVH 01", "a;b"):
        assert error_of(start_ciba_login(url, LAN, binding_message=bad)) == (
            "invalid_binding_message"), bad
    assert error_of(start_ciba_login(url, LAN, binding_message="")) == "invalid_request"
    assert error_of(start_ciba_login(url, "")) == "invalid_request"
    assert error_of(start_ciba_login(url, LAN, scope="")) == "invalid_request"
    assert error_of(start_ciba_login(url, LAN, scope="profile")) == "invalid_scope"
    assert error_of(start_ciba_login(url, LAN, client_id="")) == "invalid_client"
    auth_req_id = start_ciba_login(url, LAN, binding_message="a-Z.0_9+/!?#").json()["auth_req_id"]
    approve_login(url, auth_req_id=auth_req_id, citizen=LAN, deny=True)
    assert error_of(poll_token(url, auth_req_id=auth_req_id)) == "access_denied"
    other = start_ciba_login(url, LAN).json()["auth_req_id"]
    clock.advance(120)
    assert error_of(poll_token(url, auth_req_id=other)) == "expired_token"


def test_a_revoked_or_expired_access_token_is_refused_by_userinfo(
    url: str, clock: ManualMonotonic
) -> None:
    def login() -> str:
        grant = start_device_login(url)
        approve_login(url, user_code=grant["user_code"])
        return str(poll_token(url, device_code=grant["device_code"]).json()["access_token"])

    revoked, aged = login(), login()
    assert userinfo(url, revoked).status_code == 200
    for token in (revoked, "not-a-token"):
        answer = requests.post(f"{url}/oidc/revoke", timeout=TIMEOUT,
                               data={"token": token, "token_type_hint": "access_token",
                                     "client_id": LOGIN_CLIENT})
        assert answer.status_code == 200
    for refused in (userinfo(url, revoked), userinfo(url, "not-a-token")):
        assert refused.status_code == 401
        assert refused.headers["WWW-Authenticate"] == 'Bearer error="invalid_token"'
        assert refused.json()["error"] == "invalid_token"
    assert userinfo(url, aged).status_code == 200
    clock.advance(600)
    assert userinfo(url, aged).status_code == 401
    bare = requests.get(f"{url}/oidc/userinfo", timeout=TIMEOUT)
    assert bare.status_code == 401 and bare.headers["WWW-Authenticate"].startswith("Bearer")


def test_logins_lists_the_pending_ones_then_forgets_them(url: str, clock: ManualMonotonic) -> None:
    grant = start_device_login(url)
    auth_req_id = start_ciba_login(url, BAY, binding_message="NVH-7").json()["auth_req_id"]
    clock.advance(30)
    assert pending_logins(url) == [
        {"kind": "device", "user_code": grant["user_code"], "expires_in": 570},
        {"kind": "ciba", "auth_req_id": auth_req_id, "binding_message": "NVH-7",
         "citizen_name": "Lê Văn Bảy", "expires_in": 90},
    ]
    approve_login(url, auth_req_id=auth_req_id)
    assert [login["kind"] for login in pending_logins(url)] == ["device"]
    approve_login(url, user_code=grant["user_code"], deny=True)
    assert pending_logins(url) == []


def test_many_wrong_user_codes_are_429_for_a_minute(url: str, clock: ManualMonotonic) -> None:
    grant = start_device_login(url)
    right = grant["user_code"]
    wrong = "000-000-000" if right != "000-000-000" else "000-000-001"
    for _ in range(10):
        assert approve(url, user_code=wrong).status_code == 404
    refused = approve(url, user_code=wrong)
    assert refused.status_code == 429 and refused.json()["error"] == "too_many_guesses"
    assert approve(url, user_code=right).status_code == 429  # even the right one, for now
    clock.advance(60)
    assert approve(url, user_code=right).status_code == 204
    assert poll_token(url, device_code=grant["device_code"]).status_code == 200


def test_the_simulated_phone_page_approves_a_device_login(url: str) -> None:
    grant = start_device_login(url)
    page = requests.get(grant["verification_uri_complete"], timeout=TIMEOUT)
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    assert grant["user_code"] in page.text and "mô phỏng" in page.text
    answer = requests.post(f"{url}/oidc/device", timeout=TIMEOUT,
                           data={"user_code": grant["user_code"], "citizen": BAY,
                                 "answer": "approve"})
    assert answer.status_code == 200 and "Đã đồng ý" in answer.text
    tokens = poll_token(url, device_code=grant["device_code"]).json()
    assert userinfo(url, tokens["access_token"]).json()["name"] == "Lê Văn Bảy"


def test_the_controls_work_while_the_provider_is_down(url: str) -> None:
    grant = start_device_login(url)
    requests.post(f"{url}/_sandbox/faults", json={"down": True}, timeout=TIMEOUT)
    assert poll_token(url, device_code=grant["device_code"]).status_code == 503
    approve_login(url, user_code=grant["user_code"])
    assert len(pending_logins(url)) == 0
    requests.post(f"{url}/_sandbox/faults", json={"down": False}, timeout=TIMEOUT)
    assert poll_token(url, device_code=grant["device_code"]).status_code == 200


def test_the_request_log_names_no_code_token_or_person(
    url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="kiosk.sandbox")
    grant = start_device_login(url)
    requests.get(grant["verification_uri_complete"], timeout=TIMEOUT)
    approve_login(url, user_code=grant["user_code"])
    tokens = poll_token(url, device_code=grant["device_code"]).json()
    userinfo(url, tokens["access_token"])
    auth_req_id = start_ciba_login(url, LAN).json()["auth_req_id"]
    logged = caplog.text
    assert "POST /oidc/token 200" in logged
    secrets = [grant["device_code"], grant["user_code"], grant["user_code"].replace("-", ""),
               tokens["access_token"], tokens["id_token"][:40], auth_req_id, LAN, "Lan"]
    assert [s for s in secrets if s in logged] == []


def test_logins_started_at_once_on_many_threads_all_differ(url: str) -> None:
    grants: list[dict[str, Any]] = []
    threads = [threading.Thread(target=lambda: grants.append(start_device_login(url)))
               for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({g["user_code"] for g in grants}) == len({g["device_code"] for g in grants}) == 16
    assert len(pending_logins(url)) == 16


def test_the_fictional_citizens_are_consistent(url: str) -> None:
    listed = requests.get(f"{url}/_sandbox/citizens", timeout=TIMEOUT).json()["citizens"]
    assert [c["cccd_number"] for c in listed] == [c.number for c in CITIZENS]
    assert len(CITIZENS) >= 4 and {c.level for c in CITIZENS} == {1, 2}
    assert any(c.level == 2 and 1950 <= c.birthdate.year < 1960 for c in CITIZENS)
    assert len({c.subject for c in CITIZENS}) == len(CITIZENS)
    for c in CITIZENS:
        assert unicodedata.is_normalized("NFC", c.name) and c.name != c.name.encode(
            "ascii", "ignore").decode()  # diacritics
        assert validators.person_name(c.name).value == c.name
        assert validators.cccd(c.number, birth_date=c.birthdate, gender=c.gender).ok, c.number
        assert int(c.number[:3]) == int(c.province_code)  # born where they live
        assert validators.phone(c.phone).value == c.phone
        claim = c.address_claim()
        checked = engine.check_address({**claim, "street": claim["street_address"]})
        assert checked.ok, c.name
        assert c.subject != c.number and c.number not in c.subject
    ward = address.ward("00004")
    assert ward is not None and (ward.name, ward.province_code) == ("Phường Ba Đình", "01")
    lan = CITIZENS[0]
    assert (lan.number, lan.name, lan.birthdate.isoformat(), lan.gender, lan.level, lan.phone,
            lan.ward_code, lan.street) == (LAN, "Nguyễn Thị Lan", "1990-03-15", "female", 2,
                                           "0912345678", "00004", "Số 12, ngõ 34 phố Đội Cấn")
    assert {c.number: c.level for c in CITIZENS}[DUC] == 1
