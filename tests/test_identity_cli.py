"""``kiosk identity keygen`` and ``kiosk identity test``, as a technician runs them."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from outbox_helpers import ROOT, cli_env, kiosk
from sandbox_helpers import SandboxProcess, approve_login, pending_logins


def test_keygen_keeps_the_key_and_prints_the_public_half(tmp_path: Path) -> None:
    env = cli_env(tmp_path)
    first = kiosk(env, "identity", "keygen")
    assert first.returncode == 0, first.stderr
    jwks = json.loads(first.stdout)
    (jwk,) = jwks["keys"]
    assert jwk["kty"] == "EC" and jwk["alg"] == "ES256" and "d" not in jwk  # public only
    again = kiosk(env, "identity", "keygen")
    assert json.loads(again.stdout)["keys"][0]["kid"] == jwk["kid"] and "--force" in again.stderr
    fresh = kiosk(env, "identity", "keygen", "--force")
    assert json.loads(fresh.stdout)["keys"][0]["kid"] != jwk["kid"]
    assert not list((tmp_path / "home").rglob("*.pem"))  # the private key is in the keyring


def test_a_whole_qr_login_in_the_terminal(tmp_path: Path, sandbox_process: SandboxProcess
                                          ) -> None:
    env = cli_env(tmp_path)
    url = sandbox_process.url
    run = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "identity", "test", "--issuer", url, "--auth", "none",
         "--timeout", "60"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, encoding="utf-8")
    try:
        deadline = time.monotonic() + 30
        while not pending_logins(url) and time.monotonic() < deadline:
            time.sleep(0.1)
        (waiting,) = pending_logins(url)
        approve_login(url, user_code=waiting["user_code"])
        out, err = run.communicate(timeout=60)
    finally:
        run.kill()
    assert run.returncode == 0, err
    assert f"{url}/oidc/device" in out and waiting["user_code"] in out  # written out beside
    assert "Nguyễn Thị Lan" in out and "********2345" in out and "001190012345" not in out
    assert "Traceback" not in err


def test_no_issuer_is_a_plain_message(tmp_path: Path) -> None:
    run = kiosk(cli_env(tmp_path), "identity", "test")
    assert run.returncode == 2 and "--issuer" in run.stderr and "Traceback" not in run.stderr


def test_an_issuer_that_does_not_answer_fails_with_the_reason(tmp_path: Path) -> None:
    run = kiosk(cli_env(tmp_path), "identity", "test", "--issuer", "http://127.0.0.1:9",
                "--auth", "none")
    assert run.returncode == 1 and "cannot reach" in run.stderr and "Traceback" not in run.stderr
