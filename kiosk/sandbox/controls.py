"""Sandbox-only endpoints (``/_sandbox/``), for tests and training; never in a real portal.

* ``GET /_sandbox/applications``: everything stored.
* ``GET``/``POST /_sandbox/faults``: the fault switches (:mod:`kiosk.sandbox.faults`).
* ``POST /_sandbox/advance`` ``{"code", "status"?}``: move an application's status on now.
* ``GET /_sandbox/heartbeats``: the last heartbeats received, per kiosk.

Run on the server's request threads, like :mod:`kiosk.sandbox.api`.
"""

from __future__ import annotations

import re

from kiosk.core.errors import BadInput
from kiosk.sandbox.api import SandboxPortal, parse_object
from kiosk.sandbox.messages import BAD_FIELD, BAD_JSON, BAD_STATUS, UNKNOWN_CODE
from kiosk.sandbox.replies import Reply, Request, error_reply, json_reply, no_content
from kiosk.sandbox.store import Status
from kiosk.sandbox.timeline import advance_to


def list_applications(portal: SandboxPortal, _: Request, __: re.Match[str]) -> Reply:
    apps = [
        {"code": a.code, "idempotency_key": a.idempotency_key, "procedure": a.procedure,
         "local_ref": a.local_ref, "kiosk_id": a.kiosk_id,
         "received_at": a.received_at.isoformat()}
        for a in portal.store.applications()
    ]  # fmt: skip
    return json_reply(200, {"applications": apps, "simulator": True})


def set_faults(portal: SandboxPortal, request: Request, _: re.Match[str]) -> Reply:
    body = parse_object(request.body)
    if body is None:
        return error_reply(400, "malformed_json", BAD_JSON)
    try:
        portal.faults.update(body)
    except BadInput as exc:
        return error_reply(400, "bad_field", BAD_FIELD, problem=str(exc))
    return no_content()


def get_faults(portal: SandboxPortal, _: Request, __: re.Match[str]) -> Reply:
    return json_reply(200, portal.faults.settings.as_json())


def advance(portal: SandboxPortal, request: Request, _: re.Match[str]) -> Reply:
    """``{"code", "status"?}``: move an application on now (default: one step)."""
    body = parse_object(request.body)
    if body is None or not isinstance(body.get("code"), str):
        return error_reply(400, "malformed_json", BAD_JSON)
    app = portal.store.get(body["code"])
    if app is None:
        return error_reply(404, "not_found", UNKNOWN_CODE, code=body["code"])
    known = {e.status for e in portal.history(app)}
    target = body.get("status") or _next_status(known)
    if not isinstance(target, str) or target not in {s.value for s in Status}:
        known_names = ", ".join(s.value for s in Status)
        return error_reply(400, "bad_status", BAD_STATUS, value=str(target), known=known_names)
    portal.store.add_events(app.code, advance_to(Status(target), known, portal.now()))
    return no_content()


def _next_status(known: set[Status]) -> str:
    order = list(Status)
    reached = max(order.index(s) for s in known) if known else 0
    return order[min(reached + 1, len(order) - 1)].value


def list_heartbeats(portal: SandboxPortal, _: Request, __: re.Match[str]) -> Reply:
    return json_reply(200, {"heartbeats": portal.heartbeats.listing(), "simulator": True})
