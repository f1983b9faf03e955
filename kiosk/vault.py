"""Encryption of personal data at rest: AES-GCM with a key kept in the OS keyring.

The key (256 bits) is stored through ``keyring`` (Credential Manager on
Windows, Secret Service on Linux) under the service ``cultural-house-kiosk``
with a key id as the user name. Each record is sealed with a fresh random
96-bit nonce and its outbox reference as associated data, so a blob copied
onto another record does not decrypt.

:meth:`Vault.from_keyring` makes a new key only when told it may
(``create=True``): whoever holds data sealed with a key decides that, never the
vault (the outbox does, in :mod:`kiosk.outbox.keys`: only while no record is
sealed). A missing key is :class:`KeyMissing`; a key other than the expected
one (its :attr:`Vault.fingerprint`, an HMAC of a fixed label under the key, so
it says nothing about the key) is :class:`KeyMismatch`.

When no keyring is usable (no backend, the fail/null backends, or the
plaintext ``keyrings.alt`` backends outside tests) :meth:`Vault.from_keyring`
raises :class:`VaultUnavailable`: the kiosk then refuses to store personal
data. It never falls back to plaintext. Demo and training mode use
:meth:`Vault.in_memory`, a key that dies with the process.

Thread-safe: AESGCM objects hold no per-call state.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import secrets
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from kiosk.core.errors import OperationFailed
from kiosk.core.text import Text

SERVICE = "cultural-house-kiosk"
DEFAULT_KEY_ID = "outbox-key-1"
_VERSION = b"\x01"
_NONCE_BYTES = 12
_FINGERPRINT_LABEL = b"kiosk-outbox-key-id"
_DIGEST_LABEL = b"kiosk-outbox-answers-digest"
PROBE_ID = "doctor-probe"
# Set only by the test-suite: lets keyrings.alt's plaintext file stand in for a real keyring.
ALLOW_INSECURE_ENV = "KIOSK_ALLOW_INSECURE_KEYRING"
_INSECURE_BACKENDS = ("keyrings.alt.file", "keyring.backends.fail", "keyring.backends.null")

UNAVAILABLE = Text(
    "Máy chưa có nơi cất khóa bảo mật, nên không thể lưu hồ sơ. Xin nhờ tình nguyện viên.",
    "This computer has no secure key store, so applications cannot be saved. "
    "Please ask a volunteer.",
)


class VaultUnavailable(OperationFailed):
    """No usable OS keyring: personal data must not be stored."""

    resident_message = UNAVAILABLE


KEY_PROBLEM = Text(
    "Máy chưa mở được khóa bảo mật của hộp hồ sơ, nên chưa nhận hồ sơ mới. "
    "Xin nhờ tình nguyện viên.",
    "This computer cannot open the security key of its outbox, so it cannot take "
    "applications. Please ask a volunteer.",
)


class KeyMissing(VaultUnavailable):
    """The keyring has no key under this id, and nobody allowed making one."""

    resident_message = KEY_PROBLEM


class KeyMismatch(VaultUnavailable):
    """The keyring holds a key, but not the one the data was sealed with."""

    resident_message = KEY_PROBLEM


class VaultError(OperationFailed):
    """A blob that does not decrypt with this key (tampered, or another key)."""


class Vault:
    """Seals and opens byte strings with one AES-256-GCM key."""

    def __init__(self, key: bytes, *, key_id: str = DEFAULT_KEY_ID, in_memory: bool = False):
        if len(key) != 32:
            raise ValueError("the vault key must be 32 bytes")
        self._aead = AESGCM(key)
        self.key_id = key_id
        self.in_memory = in_memory
        # Which key this is, without revealing it: stored beside the sealed records.
        self.fingerprint = hmac.new(key, _FINGERPRINT_LABEL, hashlib.sha256).hexdigest()[:32]
        self._digest_key = hmac.new(key, _DIGEST_LABEL, hashlib.sha256).digest()

    @classmethod
    def in_memory_key(cls) -> Vault:
        """A fresh key that lives only in this process (demo and training mode)."""
        return cls(AESGCM.generate_key(bit_length=256), key_id="memory", in_memory=True)

    @classmethod
    def from_keyring(
        cls,
        key_id: str = DEFAULT_KEY_ID,
        *,
        create: bool = False,
        expect: str | None = None,
        allow_insecure: bool | None = None,
    ) -> Vault:
        """The key stored in the OS keyring.

        ``create``: make and store one when there is none (else :class:`KeyMissing`);
        only a caller that knows no data is sealed with an earlier key may say so.
        ``expect``: the fingerprint the key must have (else :class:`KeyMismatch`).
        """
        import keyring.errors

        backend = secure_keyring(allow_insecure)
        where = f"{SERVICE}/{key_id}"
        try:
            stored = backend.get_password(SERVICE, key_id)
            if stored is None and not create:
                raise KeyMissing(f"the keyring ({_name(backend)}) has no key {where}")
            if stored is None:
                key = AESGCM.generate_key(bit_length=256)
                backend.set_password(SERVICE, key_id, base64.b64encode(key).decode("ascii"))
                # Read it back: a keyring that silently drops writes would lose every record.
                stored = backend.get_password(SERVICE, key_id)
                if stored is None:
                    raise VaultUnavailable(f"the keyring ({_name(backend)}) did not keep the key")
            key = base64.b64decode(stored.encode("ascii"), validate=True)
        except keyring.errors.KeyringError as exc:
            raise VaultUnavailable(f"the keyring ({_name(backend)}) failed: {exc}") from None
        except (binascii.Error, ValueError):
            raise VaultUnavailable(
                f"the keyring entry {where} is not a kiosk key; remove it or restore it"
            ) from None
        except VaultUnavailable:
            raise
        except Exception as exc:  # noqa: BLE001 - D-Bus and OS errors from backends vary widely
            raise VaultUnavailable(
                f"the keyring ({_name(backend)}) failed: {type(exc).__name__}: {exc}"
            ) from None
        if len(key) != 32:
            raise VaultUnavailable(f"the keyring entry {where} has a wrong-size key")
        vault = cls(key, key_id=key_id)
        if expect is not None and vault.fingerprint != expect:
            raise KeyMismatch(f"the keyring's key {where} is not the expected one")
        return vault

    def digest(self, message: bytes) -> str:
        """A keyed digest (HMAC-SHA256 under a key derived from this one), hex: equal
        messages give equal digests, and nobody without the key can test a guess."""
        return hmac.new(self._digest_key, message, hashlib.sha256).hexdigest()

    def encrypt(self, plaintext: bytes, aad: bytes) -> bytes:
        """``version | nonce | ciphertext+tag``; ``aad`` must be given again to decrypt."""
        nonce = secrets.token_bytes(_NONCE_BYTES)
        return _VERSION + nonce + self._aead.encrypt(nonce, plaintext, aad)

    def decrypt(self, blob: bytes, aad: bytes) -> bytes:
        if len(blob) < 1 + _NONCE_BYTES + 16 or blob[:1] != _VERSION:
            raise VaultError("not a sealed kiosk record")
        nonce = blob[1 : 1 + _NONCE_BYTES]
        try:
            return self._aead.decrypt(nonce, blob[1 + _NONCE_BYTES :], aad)
        except InvalidTag:
            raise VaultError(
                "a record does not decrypt with this kiosk's key (another key, or damaged)"
            ) from None


def secure_keyring(allow_insecure: bool | None = None) -> Any:
    """The OS keyring's backend, refusing those that would lose or expose a key
    (:class:`VaultUnavailable`): where the outbox key and the kiosk's login key live."""
    if allow_insecure is None:
        allow_insecure = os.environ.get(ALLOW_INSECURE_ENV) == "1"
    import keyring  # imported here: its backend discovery is slow and has side effects

    return _usable_backend(keyring.get_keyring(), allow_insecure)


def probe_keyring(allow_insecure: bool | None = None) -> str:
    """Store, read back and remove a throwaway entry: the keyring can keep a key.
    Returns the backend's name; :class:`VaultUnavailable` when it cannot."""
    backend = secure_keyring(allow_insecure)
    value = secrets.token_hex(8)
    try:
        backend.set_password(SERVICE, PROBE_ID, value)
        kept = backend.get_password(SERVICE, PROBE_ID)
        backend.delete_password(SERVICE, PROBE_ID)
    except Exception as exc:  # noqa: BLE001 - D-Bus and OS errors from backends vary widely
        raise VaultUnavailable(
            f"the keyring ({_name(backend)}) cannot store a key: {type(exc).__name__}: {exc}"
        ) from None
    if kept != value:
        raise VaultUnavailable(f"the keyring ({_name(backend)}) did not keep a test entry")
    return _name(backend)


def backend_name(backend: object) -> str:
    return _name(backend)


def _usable_backend(backend: Any, allow_insecure: bool) -> Any:
    """Refuse backends that would lose or expose the key; unwrap a chainer."""
    backends = getattr(backend, "backends", None)
    candidates = list(backends) if backends is not None else [backend]
    for candidate in candidates:
        module = type(candidate).__module__
        if module.startswith(_INSECURE_BACKENDS[1:]):
            continue
        if module.startswith(_INSECURE_BACKENDS[0]) and not allow_insecure:
            continue
        return candidate
    found = ", ".join(_name(c) for c in candidates) or "none"
    raise VaultUnavailable(
        "no secure OS keyring is usable (found: "
        + found
        + "). On Linux install and unlock a Secret Service (gnome-keyring); "
        "on Windows the Credential Manager is used"
    )


def _name(backend: object) -> str:
    return f"{type(backend).__module__}.{type(backend).__name__}"
