"""The sandbox identity provider's id_token signing key (RSA-2048, RS256).

A fresh key is generated with ``cryptography`` each time a sandbox starts (a
restart is a key rotation; nothing is written to disk). ``GET /oidc/jwks``
serves its public JWK with ``kid`` (the RFC 7638 thumbprint), ``alg`` and
``use``; :meth:`SigningKey.sign` signs claims with PyJWT, the ``kid`` in the
header. Immutable after construction and safe from any request thread.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Mapping
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from kiosk.sandbox.identity import SIGNING_ALG

KEY_BITS = 2048


class SigningKey:
    def __init__(self, private_key: rsa.RSAPrivateKey | None = None) -> None:
        self._private = private_key or rsa.generate_private_key(
            public_exponent=65537, key_size=KEY_BITS
        )
        public: dict[str, Any] = RSAAlgorithm.to_jwk(self._private.public_key(), as_dict=True)
        self.kid = thumbprint(public)
        self._public_jwk = {**public, "kid": self.kid, "alg": SIGNING_ALG, "use": "sig"}

    def jwks(self) -> dict[str, Any]:
        """The JWK Set: this key's public half only."""
        return {"keys": [dict(self._public_jwk)]}

    def sign(self, claims: Mapping[str, Any]) -> str:
        """A compact JWS (RS256) of ``claims``, with this key's ``kid`` in the header."""
        return jwt.encode(dict(claims), self._private, algorithm=SIGNING_ALG,
                          headers={"kid": self.kid})


def thumbprint(jwk: Mapping[str, Any]) -> str:
    """RFC 7638 JWK thumbprint (SHA-256, base64url) of an RSA public key."""
    members = {name: jwk[name] for name in ("e", "kty", "n")}
    canonical = json.dumps(members, separators=(",", ":"), sort_keys=True).encode("ascii")
    digest = hashlib.sha256(canonical).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
