"""The resident's phone, played by the kiosk in demo and training mode (the sandbox's controls).

A volunteer teaching a weekend class approves (or declines) a login on the
kiosk itself, as a fictional citizen, through the sandbox's
``POST /_sandbox/approve``; ``GET /_sandbox/citizens`` lists who can. Never
used with a real provider: the kiosk offers it only in demo and training mode,
where the sandbox is the provider. Blocking (HTTP): call it off the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass

import requests

from kiosk.core.errors import OperationFailed

TIMEOUT_S = 5.0


@dataclass(frozen=True)
class Citizen:
    id_number: str
    full_name: str
    level: int


def citizens(sandbox_url: str) -> list[Citizen]:
    """The sandbox's fictional citizens."""
    response = _call("GET", f"{sandbox_url}/_sandbox/citizens")
    data = response.json()
    rows = data.get("citizens", data) if isinstance(data, dict) else data
    return [Citizen(str(row["cccd_number"]), str(row["name"]), int(row["identity_level"]))
            for row in rows]


def answer(sandbox_url: str, *, user_code: str | None = None, auth_req_id: str | None = None,
           citizen: str | None = None, deny: bool = False) -> None:
    """Approve (or, ``deny``, decline) the login waiting on ``user_code`` / ``auth_req_id``."""
    body: dict[str, object] = {"deny": deny}
    if user_code is not None:
        body["user_code"] = user_code
    if auth_req_id is not None:
        body["auth_req_id"] = auth_req_id
    if citizen is not None:
        body["citizen"] = citizen
    _call("POST", f"{sandbox_url}/_sandbox/approve", body)


def _call(method: str, url: str, body: dict[str, object] | None = None) -> requests.Response:
    try:
        response = requests.request(method, url, json=body, timeout=TIMEOUT_S)
    except requests.RequestException as exc:
        raise OperationFailed(f"the sandbox does not answer ({type(exc).__name__})") from None
    if response.status_code >= 300:
        raise OperationFailed(f"the sandbox refused: HTTP {response.status_code}")
    return response
