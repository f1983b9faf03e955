"""A real, independent OpenID provider for the login tests (panva's ``oidc-provider``).

* :func:`start_oidc_provider`: ``node tests/oidc/provider.mjs --port 0`` on loopback; waits
  for its "listening" line and returns an :class:`OidcProvider` (``.url`` is the issuer).
* :func:`approve_device`: the resident's phone for the device flow, with plain HTTP and a
  cookie jar: enter the code, confirm (or abort), sign in as a citizen, consent.
* :func:`ciba_pending` / :func:`approve_ciba`: the resident's phone for CIBA, through the
  harness's test-only routes (``/_test/ciba/...``).

Clients: ``kiosk-public`` (no client authentication) and, when ``kiosk_jwks`` is given,
``kiosk`` (``private_key_jwt`` with those public keys). Both may use the device flow and CIBA
in poll mode. Accounts (the 12-digit CCCD number): :data:`LAN` ``001190012345`` (identity
level 2) and :data:`BINH` ``001085004321`` (level 1). Needs ``node`` and
``tests/oidc/node_modules`` (``make test`` runs ``npm ci`` there); without them a test skips,
or fails under CI (:func:`services.service_missing`).
"""

from __future__ import annotations

import json
import queue
import re
import shutil
import subprocess
import threading
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import IO, Any
from urllib.parse import urljoin

import requests
from services import service_missing

OIDC_DIR = Path(__file__).resolve().parent / "oidc"
LISTENING = "oidc-provider listening on "
START_TIMEOUT_S = 30.0
TIMEOUT = 10

PUBLIC_CLIENT = "kiosk-public"
KEY_CLIENT = "kiosk"
LAN = "001190012345"  # Nguyễn Thị Lan, identity level 2
BINH = "001085004321"  # Trần Văn Bình, identity level 1
SCOPE = "openid profile phone address cccd"
DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
CIBA_GRANT = "urn:openid:params:grant-type:ciba"


@dataclass
class OidcProvider:
    """A running ``provider.mjs``: ``url`` (= the issuer), the process, its stderr log."""

    url: str
    process: subprocess.Popen[str]
    log_file: Path

    def stderr(self) -> str:
        """What the provider printed on stderr so far."""
        return self.log_file.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> int:
        """Terminate it (SIGTERM), wait, kill if it lingers; return the exit code."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if self.process.stdout:
            self.process.stdout.close()
        return self.process.returncode


def start_oidc_provider(
    workdir: Path,
    *,
    kiosk_jwks: dict[str, Any] | None = None,
    device_ttl: int = 600,
    ciba_ttl: int = 120,
) -> OidcProvider:
    """Start the provider on a free loopback port and wait for its "listening" line.

    ``kiosk_jwks``: a public JWKS (``{"keys": [...]}``) for the ``kiosk`` client
    (private_key_jwt); without it only ``kiosk-public`` exists. Files go in ``workdir``."""
    node = shutil.which("node")
    if node is None or not (OIDC_DIR / "node_modules" / "oidc-provider" / "package.json").is_file():
        service_missing(
            "the OpenID provider tests need Node.js (apt-get install nodejs npm) and the "
            "harness's modules: cd tests/oidc && npm ci (make test does it)"
        )
        raise AssertionError("unreachable")  # service_missing skips or fails
    workdir.mkdir(parents=True, exist_ok=True)
    command = [node, "provider.mjs", "--port", "0"]
    command += ["--device-ttl", str(device_ttl), "--ciba-ttl", str(ciba_ttl)]
    if kiosk_jwks is not None:
        jwks_file = workdir / "kiosk-jwks.json"
        jwks_file.write_text(json.dumps(kiosk_jwks), encoding="utf-8")
        command += ["--kiosk-jwks", str(jwks_file)]
    log_file = workdir / "oidc-provider-stderr.log"
    with open(log_file, "w", encoding="utf-8") as stderr:
        process = subprocess.Popen(
            command,
            cwd=OIDC_DIR,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            encoding="utf-8",
        )
    line = _first_line(process, START_TIMEOUT_S)
    if not line.startswith(LISTENING):
        if process.poll() is None:
            process.kill()
        process.wait()
        raise RuntimeError(
            f"oidc-provider did not start (first line {line!r}); stderr: "
            + log_file.read_text(encoding="utf-8", errors="replace")[-3000:]
        )
    return OidcProvider(line.removeprefix(LISTENING).strip(), process, log_file)


def _first_line(process: subprocess.Popen[str], timeout: float) -> str:
    """The first stdout line of ``process`` ("" if it exits or stays silent)."""
    lines: queue.Queue[str] = queue.Queue()
    stdout: IO[str] | None = process.stdout
    assert stdout is not None

    def read() -> None:
        lines.put(stdout.readline())

    threading.Thread(target=read, daemon=True).start()
    try:
        return lines.get(timeout=timeout)
    except queue.Empty:
        return ""


# ---- the resident's phone: device flow ---------------------------------------------------


@dataclass
class Form:
    """One ``<form>`` of a page: its id, action, method and named fields."""

    id: str
    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[Form] = []
        self._open: Form | None = None
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._open = Form(a.get("id", ""), a.get("action", ""), a.get("method", "get").lower())
            self.forms.append(self._open)
        elif tag == "input" and self._open is not None and a.get("name"):
            self._open.fields[a["name"]] = a.get("value", "")
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._open = None
        elif tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def parse_forms(html: str) -> tuple[str, list[Form]]:
    """The page's ``<title>`` and its forms."""
    parser = _FormParser()
    parser.feed(html)
    parser.close()
    return parser.title.strip(), parser.forms


def _page_text(response: requests.Response) -> str:
    text = re.sub(r"<style.*?</style>|<script.*?</script>", " ", response.text, flags=re.S)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)).strip()
    return f"{response.status_code} {response.url}: {text[:600]}"


def _form(response: requests.Response, has_field: str) -> Form:
    _, forms = parse_forms(response.text)
    for form in forms:
        if has_field in form.fields:
            return form
    raise AssertionError(f"no form with a {has_field!r} field on {_page_text(response)}")


def _submit(
    session: requests.Session, page: requests.Response, form: Form, **values: str
) -> requests.Response:
    assert form.method == "post", f"expected a POST form, got {form}"
    response = session.post(
        urljoin(page.url, form.action), data={**form.fields, **values}, timeout=TIMEOUT
    )
    if response.status_code >= 500:
        raise AssertionError(f"the provider failed: {_page_text(response)}")
    return response


def approve_device(verification_uri_complete: str, account_id: str, *, deny: bool = False) -> None:
    """Play the resident's phone: open ``verification_uri_complete``, confirm the code (or
    abort it when ``deny``), sign in as ``account_id`` (a CCCD number), consent.

    Raises AssertionError unless the provider shows "Sign-in Success" (or, when ``deny``,
    says the sign-in was interrupted)."""
    with requests.Session() as phone:
        page = phone.get(verification_uri_complete, timeout=TIMEOUT)
        page.raise_for_status()
        # The auto-submitting form: hidden xsrf, the user_code filled in from the link.
        page = _submit(phone, page, _form(page, "user_code"))
        confirm = _form(page, "confirm")  # "Confirm Device": xsrf, user_code, confirm=yes
        if deny:
            # The page's "[ Abort ]" button adds abort=yes to the same form.
            page = _submit(phone, page, confirm, abort="yes")
            if "Sign-in request was interrupted" not in page.text:
                raise AssertionError(f"the code was not aborted: {_page_text(page)}")
            return
        page = _submit(phone, page, confirm)
        for _ in range(5):  # the login page, then the consent page, then success
            title, forms = parse_forms(page.text)
            if title == "Sign-in Success":
                return
            prompt = next((f for f in forms if "prompt" in f.fields), None)
            if prompt is None:
                break
            if prompt.fields["prompt"] == "login":
                page = _submit(phone, page, prompt, login=account_id, password="x")
            elif prompt.fields["prompt"] == "consent":
                page = _submit(phone, page, prompt)
            else:
                break
        raise AssertionError(f"the device sign-in did not succeed: {_page_text(page)}")


# ---- the resident's phone: CIBA ------------------------------------------------------------


def ciba_pending(url: str) -> list[dict[str, Any]]:
    """The CIBA requests waiting for the resident: auth_req_id, login_hint, binding_message."""
    response = requests.get(f"{url}/_test/ciba/pending", timeout=TIMEOUT)
    response.raise_for_status()
    pending: list[dict[str, Any]] = response.json()["pending"]
    return pending


def approve_ciba(url: str, auth_req_id: str, *, deny: bool = False) -> None:
    """Approve (or deny) the pending CIBA request ``auth_req_id`` as the resident would."""
    action = "deny" if deny else "approve"
    response = requests.post(
        f"{url}/_test/ciba/{action}", json={"auth_req_id": auth_req_id}, timeout=TIMEOUT
    )
    if response.status_code != 204:
        raise AssertionError(f"CIBA {action} failed: {response.status_code} {response.text}")
