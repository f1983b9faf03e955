"""The client for the province's public-service portal (or the sandbox), over HTTP.

The portal API is in ../shared/CONTRACT.md. Answers map to three outcomes:

* 2xx → a :class:`PortalAnswer` (code, status, received time, appointment date);
* retry later (:class:`PortalRetryLater`): timeouts, connection errors, 5xx,
  408 and 429, or a 2xx whose body cannot be read; ``retry_after`` carries the
  portal's ``Retry-After`` (seconds or an HTTP date) when it sent one;
* rejected (:class:`PortalRejected`): any other 4xx, with the portal's reasons.

Thread-safe: each thread gets its own ``requests.Session`` (keep-alive per
thread), because the sync worker, the connectivity monitor and the GUI's
status lookups call the same client.
"""

from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import quote

import requests

from kiosk import __version__
from kiosk.config import Config
from kiosk.core.errors import OperationFailed
from kiosk.outbox.records import FieldProblem


@dataclass(frozen=True)
class PortalAnswer:
    code: str
    status: str
    received_at: datetime | None
    appointment_date: date | None


@dataclass(frozen=True)
class StatusEvent:
    at: str
    status: str
    note: str


@dataclass(frozen=True)
class ApplicationStatus:
    code: str
    status: str
    procedure: str
    history: tuple[StatusEvent, ...]


class PortalError(OperationFailed):
    """Base of every portal failure; ``str()`` is a technician-readable reason."""


class PortalUnreachable(PortalError):
    """The portal cannot be reached at all (health checks, the status lookup)."""


class PortalRetryLater(PortalError):
    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


class PortalRejected(PortalError):
    def __init__(self, http_status: int, errors: list[FieldProblem]) -> None:
        listed = "; ".join(f"{e.field}: {e.message}" if e.field else e.message for e in errors)
        super().__init__(f"the portal refused the application (HTTP {http_status}): {listed}")
        self.http_status = http_status
        self.errors = errors


class ApplicationNotFound(PortalError):
    pass


_RETRYABLE = {408, 429}


class PortalClient:
    def __init__(
        self,
        base_url: str,
        *,
        connect_timeout: float = 5.0,
        read_timeout: float = 20.0,
        ca_bundle: str | None = None,
    ) -> None:
        if not base_url.startswith(("http://", "https://")):
            raise ValueError(f"portal url must start with https:// (got {base_url!r})")
        self.base_url = base_url.rstrip("/")
        self.timeout = (connect_timeout, read_timeout)
        self.verify: bool | str = ca_bundle or True
        self._local = threading.local()

    # -- API ---------------------------------------------------------------------------------

    def health(self, timeout: float | None = None) -> bool:
        """True when ``GET /health`` answers 200; never raises."""
        try:
            self.ensure_reachable(timeout)
        except PortalUnreachable:
            return False
        return True

    def ensure_reachable(self, timeout: float | None = None) -> None:
        """Raise :class:`PortalUnreachable` with the reason when ``/health`` is not 200."""
        try:
            response = self._request("GET", "/health", timeout=timeout)
        except PortalRetryLater as exc:
            raise PortalUnreachable(f"{self.base_url}: {exc.reason}") from None
        if response.status_code != 200:
            raise PortalUnreachable(f"{self.base_url}/health answered HTTP {response.status_code}")

    def clock_skew_s(self, timeout: float | None = None) -> float:
        """This PC's clock minus the portal's (its ``Date`` header on ``/health``), in
        seconds, within a second; :class:`PortalUnreachable` when it cannot be told."""
        from email.utils import parsedate_to_datetime

        try:
            sent = time.time()
            response = self._request("GET", "/health", timeout=timeout)
            received = time.time()
        except PortalRetryLater as exc:
            raise PortalUnreachable(f"{self.base_url}: {exc.reason}") from None
        header = response.headers.get("Date", "")
        try:
            portal = parsedate_to_datetime(header).timestamp()
        except (TypeError, ValueError, IndexError):
            raise PortalUnreachable(f"{self.base_url}/health sent no usable Date header") from None
        return (sent + received) / 2 - portal

    def submit(
        self,
        procedure: str,
        answers: dict[str, Any],
        *,
        idempotency_key: str,
        kiosk_id: str,
        local_ref: str,
        submitted_at: datetime,
        timeout: float | None = None,
    ) -> PortalAnswer:
        body = {
            "procedure": procedure,
            "answers": answers,
            "kiosk_id": kiosk_id,
            "local_ref": local_ref,
            "submitted_at": submitted_at.astimezone(UTC).isoformat(),
        }
        response = self._request(
            "POST",
            "/api/v1/applications",
            json_body=body,
            headers={"Idempotency-Key": idempotency_key},
            timeout=timeout,
        )
        data = self._outcome(response)
        try:
            return PortalAnswer(
                code=str(data["code"]),
                status=str(data.get("status", "")),
                received_at=_datetime(data.get("received_at")),
                appointment_date=_date(data.get("appointment_date")),
            )
        except (KeyError, TypeError, ValueError):
            raise PortalRetryLater("the portal's answer has no readable application code") from None

    def status(self, code: str, timeout: float | None = None) -> ApplicationStatus:
        """The status and history of an application (the lookup screen)."""
        try:
            response = self._request(
                "GET", f"/api/v1/applications/{quote(code, safe='')}", timeout=timeout
            )
        except PortalRetryLater as exc:
            raise PortalUnreachable(exc.reason) from None
        if response.status_code == 404:
            raise ApplicationNotFound(f"{code}: the portal knows no such application")
        try:
            data = self._outcome(response)
            history = tuple(
                StatusEvent(str(h.get("at", "")), str(h.get("status", "")), str(h.get("note", "")))
                for h in data.get("history", [])
            )
            return ApplicationStatus(
                str(data["code"]), str(data["status"]), str(data.get("procedure", "")), history
            )
        except PortalRetryLater as exc:
            raise PortalUnreachable(exc.reason) from None
        except (KeyError, TypeError, AttributeError):
            raise PortalUnreachable("the portal's status answer cannot be read") from None

    def heartbeat(self, body: dict[str, Any], timeout: float | None = None) -> None:
        """How the kiosk is doing (:mod:`kiosk.heartbeat`; no personal data)."""
        response = self._request("POST", "/api/v1/heartbeat", json_body=body, timeout=timeout)
        if response.status_code >= 300:
            self._outcome(response)

    def close(self) -> None:
        session = getattr(self._local, "session", None)
        if session is not None:
            session.close()

    # -- internals ---------------------------------------------------------------------------

    def _session(self) -> requests.Session:
        session: requests.Session | None = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            session.headers["User-Agent"] = f"cultural-house-kiosk/{__version__}"
            self._local.session = session
        return session

    def _request(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        headers: dict[str, str] | None = None,
        timeout: float | None = None,
    ) -> requests.Response:
        limit = self.timeout if timeout is None else (min(self.timeout[0], timeout), timeout)
        data = None
        send_headers = dict(headers or {})
        if json_body is not None:
            data = json.dumps(json_body, ensure_ascii=False).encode("utf-8")
            send_headers["Content-Type"] = "application/json; charset=utf-8"
        try:
            # verify per request: a session-level value loses to REQUESTS_CA_BUNDLE.
            return self._session().request(
                method,
                self.base_url + path,
                data=data,
                headers=send_headers,
                timeout=limit,
                verify=self.verify,
            )
        except requests.Timeout:
            raise PortalRetryLater("the portal did not answer in time") from None
        except requests.exceptions.SSLError as exc:
            raise PortalRetryLater(f"TLS problem with the portal ({_short(exc)})") from None
        except requests.ConnectionError as exc:
            raise PortalRetryLater(
                f"cannot connect to the portal at {self.base_url} ({_short(exc)})"
            ) from None
        except requests.RequestException as exc:
            raise PortalRetryLater(f"request failed ({type(exc).__name__})") from None

    def _outcome(self, response: requests.Response) -> dict[str, Any]:
        """The JSON body of a 2xx answer, or the matching exception."""
        code = response.status_code
        if 200 <= code < 300:
            try:
                data = response.json()
            except ValueError:
                raise PortalRetryLater(f"HTTP {code} with a body that is not JSON") from None
            if not isinstance(data, dict):
                raise PortalRetryLater(f"HTTP {code} with an unexpected JSON body")
            return data
        if code >= 500 or code in _RETRYABLE:
            raise PortalRetryLater(f"the portal answered HTTP {code}", retry_after(response))
        raise PortalRejected(code, _problems(response))


def retry_after(response: requests.Response, now: datetime | None = None) -> float | None:
    """``Retry-After`` in seconds (either delta-seconds or an HTTP date), or None."""
    value = response.headers.get("Retry-After")
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _problems(response: requests.Response) -> list[FieldProblem]:
    try:
        data = response.json()
    except ValueError:
        return [FieldProblem("", f"HTTP {response.status_code}")]
    errors = data.get("errors") if isinstance(data, dict) else None
    if isinstance(errors, list) and errors:
        return [
            FieldProblem(str(e.get("field", "")), str(e.get("message", "")))
            if isinstance(e, dict)
            else FieldProblem("", str(e))
            for e in errors
        ]
    message = data.get("error") or data.get("message") if isinstance(data, dict) else None
    return [FieldProblem("", str(message or f"HTTP {response.status_code}"))]


def _datetime(value: Any) -> datetime | None:
    if not value:
        return None
    parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _date(value: Any) -> date | None:
    return date.fromisoformat(str(value)[:10]) if value else None


def _short(exc: Exception) -> str:
    """The root cause in a few words ("Connection refused"), not urllib3's whole chain."""
    text = str(exc)
    verify = re.search(r"certificate verify failed: ([^(')\]]+)", text)
    if verify:
        return "certificate verify failed: " + verify.group(1).strip()
    errno_text = re.search(r"\[Errno -?\d+\] ([^'\")\]]+)", text)
    if errno_text:
        return errno_text.group(1).strip()
    return text if len(text) < 120 else text[:117] + "..."


def make_portal(config: Config) -> PortalClient | None:
    """The portal client for ``[portal]`` (None when no url is configured)."""
    if not config.portal.url:
        return None
    return PortalClient(
        config.portal.url,
        connect_timeout=config.portal.connect_timeout_s,
        read_timeout=config.portal.read_timeout_s,
        ca_bundle=config.portal.ca_bundle or None,
    )
