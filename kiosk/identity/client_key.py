"""The kiosk's own key pair for ``private_key_jwt`` client authentication at the identity provider.

``kiosk identity keygen`` makes an EC P-256 key (ES256), keeps the private key
(PKCS#8 PEM) in the OS keyring beside the outbox key, and prints the public
JWK for the technician to register the kiosk with the province's identity
provider. At each token, device or backchannel request the kiosk signs a
short-lived client assertion (RFC 7523: iss = sub = client id, the provider as
audience, a fresh ``jti``, one minute of life). The private key is read from
the keyring into memory and never written anywhere else. Any thread.
"""

from __future__ import annotations

import base64
import hashlib
import json
import time
import uuid
from dataclasses import dataclass
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from kiosk.core.errors import OperationFailed
from kiosk.vault import SERVICE, VaultUnavailable, backend_name, secure_keyring

KEY_ID = "identity-client-key-1"  # the keyring entry's user name, under SERVICE
ALGORITHM = "ES256"
ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
ASSERTION_LIFETIME_S = 60


class ClientKeyMissing(OperationFailed):
    """No key pair in the keyring: the technician runs ``kiosk identity keygen``."""


@dataclass(frozen=True)
class ClientKey:
    private_key: ec.EllipticCurvePrivateKey

    @classmethod
    def generate(cls) -> ClientKey:
        return cls(ec.generate_private_key(ec.SECP256R1()))

    @classmethod
    def from_pem(cls, pem: bytes) -> ClientKey:
        key = serialization.load_pem_private_key(pem, password=None)
        if not isinstance(key, ec.EllipticCurvePrivateKey):
            raise ValueError("not an EC private key")
        return cls(key)

    def pem(self) -> bytes:
        return self.private_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption())

    def public_jwk(self) -> dict[str, str]:
        """The public key as a JWK with its RFC 7638 thumbprint as ``kid``."""
        jwk: dict[str, str] = json.loads(jwt.algorithms.ECAlgorithm.to_jwk(
            self.private_key.public_key()))
        members = {name: jwk[name] for name in ("crv", "kty", "x", "y")}
        digest = hashlib.sha256(json.dumps(members, separators=(",", ":"),
                                           sort_keys=True).encode()).digest()
        kid = base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
        return {**members, "kid": kid, "alg": ALGORITHM, "use": "sig"}

    def assertion(self, client_id: str, audience: str, now: float | None = None) -> str:
        """A one-minute client assertion for one request to ``audience``."""
        issued = int(time.time() if now is None else now)
        claims: dict[str, Any] = {"iss": client_id, "sub": client_id, "aud": audience,
                                  "jti": uuid.uuid4().hex, "iat": issued,
                                  "exp": issued + ASSERTION_LIFETIME_S}
        return jwt.encode(claims, self.private_key, algorithm=ALGORITHM,
                          headers={"kid": self.public_jwk()["kid"]})


def load_client_key(allow_insecure: bool | None = None) -> ClientKey:
    """The kiosk's key pair from the OS keyring; :class:`ClientKeyMissing` if none was made."""
    backend = secure_keyring(allow_insecure)
    try:
        stored = backend.get_password(SERVICE, KEY_ID)
    except Exception as exc:  # noqa: BLE001 - D-Bus and OS errors from backends vary widely
        raise VaultUnavailable(f"the keyring ({backend_name(backend)}) failed: "
                               f"{type(exc).__name__}") from None
    if stored is None:
        raise ClientKeyMissing(f"no login key in the keyring ({SERVICE}/{KEY_ID}): run "
                               "`kiosk identity keygen` and register its public key with the "
                               "identity provider")
    try:
        return ClientKey.from_pem(stored.encode("ascii"))
    except ValueError:
        raise ClientKeyMissing(f"the keyring entry {SERVICE}/{KEY_ID} is not a kiosk login key; "
                               "run `kiosk identity keygen --force`") from None


def save_client_key(key: ClientKey, allow_insecure: bool | None = None) -> None:
    backend = secure_keyring(allow_insecure)
    backend.set_password(SERVICE, KEY_ID, key.pem().decode("ascii"))
    if backend.get_password(SERVICE, KEY_ID) is None:
        raise VaultUnavailable(f"the keyring ({backend_name(backend)}) did not keep the login key")


def has_client_key(allow_insecure: bool | None = None) -> bool:
    try:
        load_client_key(allow_insecure)
    except ClientKeyMissing:
        return False
    return True
