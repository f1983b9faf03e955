"""The provider rotates its signing key: an id_token with a new ``kid`` refetches the JWKS once.

A real JWKS served over HTTP on loopback by the test; the tokens are signed here.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from threading import Thread
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from kiosk.identity.tokens import TokenRefused, validate_id_token

ISSUER = "https://id.example.gov.vn"


class Keys:
    """What the JWKS endpoint serves right now, and how often it was asked."""

    def __init__(self) -> None:
        self.served: list[dict[str, Any]] = []
        self.fetches = 0


def _key(kid: str) -> tuple[rsa.RSAPrivateKey, dict[str, Any]]:
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(private.public_key()))
    return private, {**public, "kid": kid, "alg": "RS256", "use": "sig"}


@pytest.fixture
def jwks() -> Iterator[tuple[Keys, str]]:
    keys = Keys()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server API
            keys.fetches += 1
            body = json.dumps({"keys": keys.served}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    Thread(target=server.serve_forever, daemon=True).start()
    yield keys, f"http://127.0.0.1:{server.server_address[1]}/jwks"
    server.shutdown()
    server.server_close()


def _token(private: rsa.RSAPrivateKey, kid: str) -> str:
    now = int(time.time())
    claims = {"iss": ISSUER, "aud": "kiosk", "sub": "s-1", "iat": now, "exp": now + 300}
    return jwt.encode(claims, private, algorithm="RS256", headers={"kid": kid})


def test_a_rotated_key_is_fetched_once_and_an_unknown_one_refused(
        jwks: tuple[Keys, str]) -> None:
    keys, url = jwks
    old, old_public = _key("2026-11")
    new, new_public = _key("2026-12")
    keys.served = [old_public]
    client = jwt.PyJWKClient(url, cache_jwk_set=True, lifespan=3600, cooldown_duration=0)
    check = dict(issuer=ISSUER, client_id="kiosk", algorithm="RS256")
    assert validate_id_token(_token(old, "2026-11"), client, **check)["sub"] == "s-1"
    assert validate_id_token(_token(old, "2026-11"), client, **check)
    assert keys.fetches == 1  # cached
    keys.served = [old_public, new_public]  # the provider rotates
    assert validate_id_token(_token(new, "2026-12"), client, **check)["sub"] == "s-1"
    assert keys.fetches == 2  # the unknown kid refetched, once
    stranger, _ = _key("nobody")
    with pytest.raises(TokenRefused, match="JWKS"):
        validate_id_token(_token(stranger, "nobody"), client, **check)
