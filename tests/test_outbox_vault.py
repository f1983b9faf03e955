"""The vault: AES-GCM sealing, and the key in a real OS keyring or nowhere."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from services import service_missing

from kiosk.vault import SERVICE, Vault, VaultError, VaultUnavailable, _usable_backend

ROOT = Path(__file__).resolve().parents[1]


def test_seal_and_open_with_the_ref_as_associated_data() -> None:
    vault = Vault.in_memory_key()
    blob = vault.encrypt("Nguyễn Thị Lan".encode(), b"REF-1|answers")
    assert "Nguyễn".encode() not in blob
    assert vault.decrypt(blob, b"REF-1|answers").decode() == "Nguyễn Thị Lan"
    with pytest.raises(VaultError):
        vault.decrypt(blob, b"REF-2|answers")  # moved onto another record
    tampered = blob[:-1] + bytes([blob[-1] ^ 1])
    with pytest.raises(VaultError):
        vault.decrypt(tampered, b"REF-1|answers")
    with pytest.raises(VaultError):
        Vault.in_memory_key().decrypt(blob, b"REF-1|answers")


def test_every_seal_uses_a_fresh_nonce() -> None:
    vault = Vault.in_memory_key()
    nonces = {vault.encrypt(b"same", b"r")[1:13] for _ in range(200)}
    assert len(nonces) == 200


def test_failing_null_and_plaintext_keyrings_are_refused() -> None:
    from keyring.backends import fail, null
    from keyrings.alt.file import PlaintextKeyring

    for backend in (fail.Keyring(), null.Keyring()):
        with pytest.raises(VaultUnavailable, match="no secure OS keyring"):
            _usable_backend(backend, allow_insecure=True)
    with pytest.raises(VaultUnavailable, match="PlaintextKeyring"):
        _usable_backend(PlaintextKeyring(), allow_insecure=False)
    plain = PlaintextKeyring()
    assert _usable_backend(plain, allow_insecure=True) is plain


def _python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_no_keyring_at_all_refuses_in_a_fresh_process(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    env.pop("KIOSK_ALLOW_INSECURE_KEYRING", None)
    run = _python(
        "from kiosk.vault import Vault, VaultUnavailable\n"
        "try:\n    Vault.from_keyring()\nexcept VaultUnavailable as e:\n    print('refused', e)\n",
        env,
    )
    assert run.stdout.startswith("refused no secure OS keyring"), run.stderr


def test_the_key_survives_a_restart_in_a_file_keyring(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
        "XDG_DATA_HOME": str(tmp_path),
        "KIOSK_ALLOW_INSECURE_KEYRING": "1",
    }
    seal = _python(
        "from kiosk.vault import Vault\n"
        "print(Vault.from_keyring(create=True).encrypt(b'secret', b'r').hex())\n",
        env,
    )
    assert seal.returncode == 0, seal.stderr
    opened = _python(
        "import sys\nfrom kiosk.vault import Vault\n"
        f"print(Vault.from_keyring().decrypt(bytes.fromhex('{seal.stdout.strip()}'), b'r'))\n",
        env,
    )
    assert opened.stdout.strip() == "b'secret'", opened.stderr


def test_real_secret_service_keeps_the_key_between_processes() -> None:
    if os.environ.get("KIOSK_TEST_SECRET_SERVICE") != "1":
        service_missing("needs the headless Secret Service that `make test` starts "
                        "(scripts/with-test-services.sh: gnome-keyring on a private D-Bus)")
    key_id = f"test-{uuid.uuid4().hex}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON_KEYRING")}
    env.pop("KIOSK_ALLOW_INSECURE_KEYRING", None)
    code = (
        "import keyring\nfrom kiosk.vault import Vault\n"
        f"v = Vault.from_keyring({key_id!r}, create=True)\n"
        "print(type(keyring.get_keyring()).__module__)\n"
        "print(v.encrypt(b'Tr\\xe1\\xba\\xa7n', b'ref').hex())\n"
    )
    first = _python(code, env)
    assert first.returncode == 0, first.stderr
    backend_line, blob = first.stdout.split()
    try:
        second = _python(
            f"from kiosk.vault import Vault\nv = Vault.from_keyring({key_id!r})\n"
            f"print(v.decrypt(bytes.fromhex({blob!r}), b'ref').decode())\n",
            env,
        )
        assert second.stdout.strip() == "Trần", second.stderr
        assert "alt" not in backend_line
    finally:
        _python(f"import keyring\nkeyring.delete_password({SERVICE!r}, {key_id!r})\n", env)


def test_no_key_is_made_unless_the_caller_allows_it(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
        "XDG_DATA_HOME": str(tmp_path),
        "KIOSK_ALLOW_INSECURE_KEYRING": "1",
    }
    run = _python(
        "from kiosk.vault import Vault, KeyMissing, KeyMismatch\n"
        "try:\n    Vault.from_keyring()\nexcept KeyMissing as e:\n    print('missing', e)\n"
        "v = Vault.from_keyring(create=True)\n"
        "assert Vault.from_keyring(expect=v.fingerprint).fingerprint == v.fingerprint\n"
        "try:\n    Vault.from_keyring(expect='0' * 32)\nexcept KeyMismatch:\n    print('mismatch')\n",
        env,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("missing the keyring") and "mismatch" in run.stdout
