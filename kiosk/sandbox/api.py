"""The sandbox portal's endpoints (../shared/CONTRACT.md), socket-free.

:class:`SandboxPortal` holds the state (store, catalogue, fault switches, clock,
identity provider) and answers the portal API and the status pages: each
endpoint turns a :class:`~kiosk.sandbox.replies.Request` into a
:class:`~kiosk.sandbox.replies.Reply`. :mod:`kiosk.sandbox.routes` picks the
endpoint; :mod:`kiosk.sandbox.controls` has the sandbox-only ones and
:mod:`kiosk.sandbox.idp_routes` the identity provider's. Runs on the server's
request threads, many at once: the store, the fault switches and the identity
provider lock for themselves, the rest is immutable.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime
from importlib import resources
from typing import Any
from urllib.parse import quote

from kiosk.sandbox import bodies, codes, identity, pages
from kiosk.sandbox.catalogue import ProcedureBook
from kiosk.sandbox.faults import Faults
from kiosk.sandbox.heartbeats import HeartbeatLog
from kiosk.sandbox.idp import IdentityProvider
from kiosk.sandbox.messages import (
    BAD_JSON,
    BAD_KEY,
    BAD_KEY_TEXT,
    BAD_TIMESTAMP,
    CONFLICT,
    MISSING_FIELD,
    NO_KEY,
    UNKNOWN_CODE,
)
from kiosk.sandbox.replies import (
    JSON,
    Reply,
    Request,
    error_reply,
    html_reply,
    json_reply,
    no_content,
    redirect,
)
from kiosk.sandbox.store import (
    HistoryEvent,
    NewApplication,
    Outcome,
    SandboxStore,
    StoredApplication,
)
from kiosk.sandbox.timeline import VIETNAM, Clock, Timeline

MAX_KEY_LENGTH = 200
MAX_CODE_LENGTH = 64  # an application code or a local reference, on the status pages
_PRINTABLE_ASCII = re.compile(r"[\x20-\x7e]+")


def body_hash(body: dict[str, Any]) -> str:
    """Two bodies are "the same" when their JSON is equal, whatever the key order."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def parse_object(body: bytes) -> dict[str, Any] | None:
    """A JSON object body, or None; :class:`~kiosk.sandbox.replies.Refusal` if unsafe
    (too deep, a key twice, a lone surrogate: :func:`kiosk.sandbox.bodies.load_object`)."""
    return bodies.load_object(body)


def openapi_document() -> bytes:
    """The portal API's OpenAPI 3.1 document, shipped beside this module."""
    return resources.files("kiosk.sandbox").joinpath("openapi.json").read_bytes()


class SandboxPortal:
    """The endpoints, over one store, catalogue, fault switches and clock."""

    def __init__(
        self,
        store: SandboxStore,
        book: ProcedureBook,
        *,
        clock: Clock,
        timeline: Timeline,
        issuer: str,
        idp: IdentityProvider | None = None,
    ) -> None:
        self.store = store
        self.book = book
        self.faults = Faults()
        self.clock = clock
        self.timeline = timeline
        self.issuer = issuer
        self.idp = idp if idp is not None else IdentityProvider(issuer)
        self.heartbeats = HeartbeatLog()

    def now(self) -> datetime:
        return self.clock().astimezone(VIETNAM).replace(microsecond=0)

    # -- applications -----------------------------------------------------------

    def submit(self, request: Request, _: re.Match[str]) -> Reply:
        key = (request.header("Idempotency-Key") or "").strip()
        if not key:
            return error_reply(400, "idempotency_key_required", NO_KEY)
        if len(key) > MAX_KEY_LENGTH:
            return error_reply(400, "idempotency_key_too_long", BAD_KEY, limit=MAX_KEY_LENGTH)
        if not _PRINTABLE_ASCII.fullmatch(key):
            return error_reply(400, "idempotency_key_not_ascii", BAD_KEY_TEXT)
        body = parse_object(request.body)
        if body is None:
            return error_reply(400, "malformed_json", BAD_JSON)
        digest = body_hash(body)
        known = self.store.find_by_key(key)
        if known is not None:  # a retry: answer without validating again
            return _admitted(
                Outcome.REPLAYED if known.body_hash == digest else Outcome.CONFLICT, known
            )
        errors = self._problems(body)
        if errors:
            return json_reply(422, {"errors": errors, "simulator": True})
        procedure = self.book.find(body["procedure"])
        if procedure is None:  # checked by _problems; kept for the type checker
            return error_reply(404, "not_found", UNKNOWN_CODE, code=body["procedure"])
        admission = self.store.admit(
            NewApplication(
                idempotency_key=key,
                body_hash=digest,
                procedure=procedure.code,
                level=procedure.level.value,
                processing_days=procedure.processing_days,
                local_ref=body["local_ref"],
                kiosk_id=body["kiosk_id"],
                received_at=self.now(),
            )
        )
        return _admitted(admission.outcome, admission.application)

    def _problems(self, body: dict[str, Any]) -> list[dict[str, str]]:
        missing = [
            bodies.field_problem(name, MISSING_FIELD)
            for name in ("procedure", "kiosk_id", "local_ref", "submitted_at")
            if not isinstance(body.get(name), str) or not body[name].strip()
        ]
        if missing:
            return missing
        too_big = bodies.submission_problems(body)
        if too_big:
            return too_big
        if not _is_timestamp(body["submitted_at"]):
            return [bodies.field_problem("submitted_at", BAD_TIMESTAMP)]
        return self.book.check(body["procedure"], body.get("answers"))

    def application(self, _: Request, match: re.Match[str]) -> Reply:
        app = self.store.get(match["code"])
        if app is None:
            return error_reply(404, "not_found", UNKNOWN_CODE, code=match["code"])
        history = self.history(app)
        return json_reply(
            200,
            {
                "code": app.code,
                "status": history[-1].status.value,
                "procedure": app.procedure,
                "received_at": app.received_at.isoformat(),
                "appointment_date": app.appointment_date.isoformat(),
                "history": [_event_json(e) for e in history],
                "simulator": True,
            },
        )

    def history(self, app: StoredApplication) -> list[HistoryEvent]:
        """The history, after adding the simulated events due by now."""
        history = self.store.history(app.code)
        due = self.timeline.due(app, {e.status for e in history}, self.now())
        if due:
            self.store.add_events(app.code, due)
            history = self.store.history(app.code)
        return history

    def status_page(self, _: Request, match: re.Match[str]) -> Reply:
        """By code; a receipt printed offline carries the kiosk's local reference instead."""
        wanted = match["code"]
        if len(wanted) > MAX_CODE_LENGTH:  # neither a code nor a local reference
            return html_reply(404, pages.not_found_page(wanted[:MAX_CODE_LENGTH] + "…"))
        app = self.store.get(wanted)
        if app is None:
            sent = self.store.find_by_local_ref(wanted)
            if sent is not None:
                return redirect(f"/tra-cuu/{quote(sent.code, safe='')}")
            page = (
                pages.not_found_page(wanted)
                if codes.is_code(wanted)
                else pages.not_sent_page(wanted)
            )
            return html_reply(404, page)
        procedure = self.book.find(app.procedure)
        name = procedure.name.vi if procedure else app.procedure
        return html_reply(200, pages.status_page(app, name, self.history(app)))

    def lookup_form(self, request: Request, _: re.Match[str]) -> Reply:
        """``/tra-cuu``: a box to type the code in; ``?ma=CODE`` goes to its page."""
        code = request.query.get("ma", "").strip().upper()
        if len(code) > MAX_CODE_LENGTH:
            return html_reply(404, pages.not_found_page(code[:MAX_CODE_LENGTH] + "…"))
        if code:
            return redirect(f"/tra-cuu/{quote(code, safe='')}")
        return html_reply(200, pages.lookup_page())

    # -- small endpoints --------------------------------------------------------

    def health(self, _: Request, __: re.Match[str]) -> Reply:
        return json_reply(200, {"status": "ok", "simulator": True})

    def catalogue(self, _: Request, __: re.Match[str]) -> Reply:
        return json_reply(200, self.book.catalogue_json())

    def heartbeat(self, request: Request, __: re.Match[str]) -> Reply:
        body = parse_object(request.body)
        if body is None:
            return error_reply(400, "malformed_json", BAD_JSON)
        errors = bodies.heartbeat_problems(body)
        if errors:
            return json_reply(422, {"errors": errors, "simulator": True})
        known = {k: v for k, v in body.items() if k in bodies.HEARTBEAT_FIELDS}
        self.heartbeats.record(known, self.now())
        return no_content()

    def openapi(self, _: Request, __: re.Match[str]) -> Reply:
        return Reply(200, openapi_document(), JSON)

    def openid_configuration(self, _: Request, __: re.Match[str]) -> Reply:
        return json_reply(200, identity.metadata(self.issuer))


def _is_timestamp(text: str) -> bool:
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def _admitted(outcome: Outcome, app: StoredApplication) -> Reply:
    if outcome is Outcome.CONFLICT:
        return error_reply(409, "idempotency_key_conflict", CONFLICT)
    return json_reply(201 if outcome is Outcome.CREATED else 200, app.response)


def _event_json(event: HistoryEvent) -> dict[str, str]:
    return {
        "at": event.at.isoformat(),
        "status": event.status.value,
        "note": event.status.note("vi"),
        "note_en": event.status.note("en"),
    }
