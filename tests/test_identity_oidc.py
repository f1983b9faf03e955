"""The kiosk's OpenID Connect client against a real, independent provider (oidc-provider 9.13.3).

Device flow (the QR login) and CIBA (the ID number approved on the phone), with
``none`` and ``private_key_jwt`` client authentication; the identity that comes
back; and the id_token checks refusing a wrong issuer, a wrong audience, an
expired token, a tampered one, ``alg: none`` and a wrong nonce.
"""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import jwt
import pytest
from oidc_helpers import (
    BINH,
    KEY_CLIENT,
    LAN,
    PUBLIC_CLIENT,
    OidcProvider,
    approve_ciba,
    approve_device,
    ciba_pending,
    start_oidc_provider,
)

from forms.model import IdentityLevel
from kiosk.config import IdentitySection
from kiosk.identity.client_key import ClientKey
from kiosk.identity.login import LoginStatus
from kiosk.identity.oidc import DeviceGrant, IdentityRefused, OidcClient, PollOutcome, Tokens
from kiosk.identity.service import IdentityService, TooManyRequests
from kiosk.identity.tokens import TokenRefused, validate_id_token

KEY = ClientKey.generate()


@pytest.fixture(scope="module")
def provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OidcProvider]:
    running = start_oidc_provider(tmp_path_factory.mktemp("oidc"),
                                  kiosk_jwks={"keys": [KEY.public_jwk()]})
    yield running
    running.stop()


def _settings(provider: OidcProvider, *, keyed: bool = False) -> IdentitySection:
    return IdentitySection(issuer=provider.url, client_id=KEY_CLIENT if keyed else PUBLIC_CLIENT,
                           auth="private_key_jwt" if keyed else "none")


def _service(provider: OidcProvider, *, keyed: bool = False) -> IdentityService:
    return IdentityService(_settings(provider, keyed=keyed), KEY if keyed else None)


def _grant(login: object) -> DeviceGrant:
    grant = getattr(login, "grant", None)
    assert isinstance(grant, DeviceGrant)
    return grant


@pytest.mark.parametrize("keyed", [False, True], ids=["none", "private_key_jwt"])
def test_qr_login_fills_the_identity(provider: OidcProvider, keyed: bool) -> None:
    service = _service(provider, keyed=keyed)
    login = service.device_login()
    state = login.start()
    grant = _grant(login)
    assert state.status is LoginStatus.WAITING and 0 < state.seconds_left <= 600
    assert grant.verification_uri_complete.startswith(provider.url + "/")
    assert state.next_poll_s == 5  # no interval in the answer: RFC 8628's default
    assert login.poll().status is LoginStatus.WAITING  # not approved yet
    approve_device(grant.verification_uri_complete, LAN)
    done = login.poll()
    assert done.status is LoginStatus.DONE and done.identity is not None
    person = done.identity
    assert (person.id_number, person.full_name, person.gender) == (LAN, "Nguyễn Thị Lan", "female")
    assert person.birth_date == date(1990, 3, 15) and person.phone == "0912345678"
    assert person.level is IdentityLevel.LEVEL2 and person.meets(IdentityLevel.LEVEL2)
    assert person.address is not None and person.address["street"] == "Số 12, ngõ 34 phố Đội Cấn"
    login.end()  # revoked at the provider
    service.close()


def test_a_declined_qr_login_says_so(provider: OidcProvider) -> None:
    login = _service(provider).device_login()
    login.start()
    approve_device(_grant(login).verification_uri_complete, LAN, deny=True)
    assert login.poll().status is LoginStatus.DENIED


def test_an_expired_code_is_expired(tmp_path: Path) -> None:
    short = start_oidc_provider(tmp_path, device_ttl=1)
    try:
        client = OidcClient(IdentitySection(issuer=short.url, client_id=PUBLIC_CLIENT,
                                            auth="none"))
        grant = client.request_device_code()
        time.sleep(2.5)
        assert client.poll(grant).outcome is PollOutcome.EXPIRED
    finally:
        short.stop()


def test_a_level_1_account_is_known_as_level_1(provider: OidcProvider) -> None:
    login = _service(provider).device_login()
    login.start()
    approve_device(_grant(login).verification_uri_complete, BINH)
    done = login.poll()
    assert done.identity is not None and done.identity.level is IdentityLevel.LEVEL1
    assert not done.identity.meets(IdentityLevel.LEVEL2)


@pytest.mark.parametrize("keyed", [False, True], ids=["none", "private_key_jwt"])
def test_the_id_number_login_is_approved_on_the_phone(provider: OidcProvider, keyed: bool
                                                     ) -> None:
    service = _service(provider, keyed=keyed)
    login = service.ciba_login(LAN)
    assert login.binding_message.isdigit() and len(login.binding_message) == 4
    assert login.start().status is LoginStatus.WAITING
    pending = [p for p in ciba_pending(provider.url) if p["binding_message"] ==
               login.binding_message]
    assert len(pending) == 1 and pending[0]["login_hint"] == LAN
    assert login.poll().status is LoginStatus.WAITING
    approve_ciba(provider.url, pending[0]["auth_req_id"])
    done = login.poll()  # the id_token's nonce is the one this login sent
    assert done.status is LoginStatus.DONE and done.identity is not None
    assert done.identity.id_number == LAN


def test_a_declined_id_number_login_says_so(provider: OidcProvider) -> None:
    login = _service(provider).ciba_login(BINH)
    login.start()
    request = next(p for p in ciba_pending(provider.url)
                   if p["binding_message"] == login.binding_message)
    approve_ciba(provider.url, request["auth_req_id"], deny=True)
    assert login.poll().status is LoginStatus.DENIED


def test_an_unknown_id_number_is_refused(provider: OidcProvider) -> None:
    login = _service(provider).ciba_login("001190099999")
    with pytest.raises(IdentityRefused) as refused:
        login.start()
    assert refused.value.error == "unknown_user_id"


def test_three_requests_per_number_in_ten_minutes(provider: OidcProvider) -> None:
    service = _service(provider)
    for _ in range(3):
        service.ciba_login(BINH)
    with pytest.raises(TooManyRequests):
        service.ciba_login(BINH)
    service.ciba_login(LAN)  # another number is not held back


def test_a_key_the_provider_does_not_know_is_refused(provider: OidcProvider) -> None:
    client = OidcClient(_settings(provider, keyed=True), ClientKey.generate())
    with pytest.raises(IdentityRefused) as refused:
        client.request_device_code()
    assert refused.value.error == "invalid_client"


# -- the id_token checks, on a real token of the real provider -------------------------------
@pytest.fixture(scope="module")
def real_tokens(provider: OidcProvider) -> tuple[OidcClient, Tokens]:
    client = OidcClient(_settings(provider))
    grant = client.request_device_code()
    approve_device(grant.verification_uri_complete, LAN)
    answer = client.poll(grant)
    assert answer.tokens is not None
    return client, answer.tokens


def _check(client: OidcClient, token: str, **changes: object) -> dict[str, object]:
    options: dict[str, object] = dict(issuer=client.provider().issuer,
                                      client_id=client.settings.client_id, algorithm="RS256",
                                      nonce=None)
    options.update(changes)
    assert client._jwks is not None
    return validate_id_token(token, client._jwks, **options)  # type: ignore[arg-type]


def test_the_real_token_passes(real_tokens: tuple[OidcClient, Tokens]) -> None:
    client, tokens = real_tokens
    assert _check(client, tokens.id_token)["sub"]


@pytest.mark.parametrize(("changes", "words"), [
    ({"issuer": "https://id.example.gov.vn"}, "another issuer"),
    ({"client_id": "another-kiosk"}, "not meant for"),
    ({"now": time.time() + 2 * 86400}, "expired"),  # checked two days later
    ({"now": time.time() - 3600}, "not valid yet"),  # a clock an hour behind
    ({"nonce": "what-was-sent"}, "nonce"),
    ({"algorithm": "ES256"}, "not the registered ES256"),
])
def test_a_token_not_for_this_kiosk_is_refused(real_tokens: tuple[OidcClient, Tokens],
                                               changes: dict[str, object], words: str) -> None:
    client, tokens = real_tokens
    with pytest.raises(TokenRefused, match=words):
        _check(client, tokens.id_token, **changes)


def test_a_tampered_token_is_refused(real_tokens: tuple[OidcClient, Tokens]) -> None:
    client, tokens = real_tokens
    header, payload, signature = tokens.id_token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["sub"] = "someone-else"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    with pytest.raises(TokenRefused, match="signature"):
        _check(client, f"{header}.{forged}.{signature}")


def test_an_unsigned_token_is_refused(real_tokens: tuple[OidcClient, Tokens]) -> None:
    client, tokens = real_tokens
    claims = jwt.decode(tokens.id_token, options={"verify_signature": False})
    unsigned = jwt.encode(claims, key=None, algorithm="none")
    with pytest.raises(TokenRefused, match="'none'"):
        _check(client, unsigned)


def test_the_qr_only_leads_to_the_configured_provider() -> None:
    """A device answer whose verification address is on another host is refused: the QR
    code shown to residents may only lead to the configured provider."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from threading import Thread

    class Provider(BaseHTTPRequestHandler):
        def _json(self, data: object) -> None:
            body = json.dumps(data).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: N802 - http.server API
            issuer = f"http://127.0.0.1:{self.server.server_address[1]}"
            self._json({"issuer": issuer, "token_endpoint": f"{issuer}/token",
                        "jwks_uri": f"{issuer}/jwks",
                        "device_authorization_endpoint": f"{issuer}/device"})

        def do_POST(self) -> None:  # noqa: N802 - http.server API
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self._json({"device_code": "d", "user_code": "123-456-789",
                        "verification_uri": "https://phishing.example/device",
                        "verification_uri_complete": "https://phishing.example/device?c=1",
                        "expires_in": 600})

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Provider)
    Thread(target=server.serve_forever, daemon=True).start()
    try:
        issuer = f"http://127.0.0.1:{server.server_address[1]}"
        client = OidcClient(IdentitySection(issuer=issuer, client_id="k", auth="none"))
        with pytest.raises(IdentityRefused, match="verification address"):
            client.request_device_code()
    finally:
        server.shutdown()
        server.server_close()
