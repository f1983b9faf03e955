"""The sandbox portal's endpoints (../shared/CONTRACT.md), socket-free.

:class:`SandboxPortal` turns a :class:`~kiosk.sandbox.replies.Request` into a
:class:`~kiosk.sandbox.replies.Reply`. It runs on the server's request threads,
many at once: the store and the fault switches lock for themselves, and
everything else here is immutable.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import quote

from kiosk.errors import BadInput
from kiosk.i18n import Text
from kiosk.sandbox import codes, identity, pages
from kiosk.sandbox.catalogue import ProcedureBook
from kiosk.sandbox.faults import Faults
from kiosk.sandbox.replies import (
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
    Status,
    StoredApplication,
)
from kiosk.sandbox.timeline import VIETNAM, Clock, Timeline, advance_to

MAX_KEY_LENGTH = 200

NO_KEY = Text(
    "Thiếu tiêu đề Idempotency-Key (bắt buộc khi nộp hồ sơ).",
    "The Idempotency-Key header is required to submit an application.",
)
BAD_KEY = Text(
    "Idempotency-Key quá dài (tối đa {limit} ký tự).",
    "The Idempotency-Key is too long (at most {limit} characters).",
)
BAD_JSON = Text(
    "Nội dung yêu cầu không phải là JSON hợp lệ (UTF-8) dạng đối tượng.",
    "The request body is not a valid JSON object (UTF-8).",
)
CONFLICT = Text(
    "Idempotency-Key này đã được dùng cho một hồ sơ khác.",
    "This Idempotency-Key was already used for a different application.",
)
MISSING_FIELD = Text(
    "Thiếu trường “{field}” hoặc trường này không phải là chuỗi ký tự.",
    "The field “{field}” is missing or is not a string.",
)
BAD_TIMESTAMP = Text(
    "Trường “{field}” phải là thời điểm theo ISO 8601, ví dụ 2026-11-22T09:30:00+07:00.",
    "The field “{field}” must be an ISO 8601 time, e.g. 2026-11-22T09:30:00+07:00.",
)
UNKNOWN_CODE = Text("Không tìm thấy hồ sơ có mã “{code}”.", "No application has the code “{code}”.")
DOWN = Text(
    "Cổng dịch vụ công đang tạm ngừng (mô phỏng sự cố).",
    "The portal is down (simulated fault).",
)
FAILED = Text("Lỗi máy chủ (mô phỏng sự cố).", "Server error (simulated fault).")
BAD_FIELD = Text("Trường không hợp lệ: {problem}", "Invalid field: {problem}")
NOT_YET = Text(
    "Chức năng đăng nhập của cổng thử nghiệm chưa được xây dựng.",
    "The sandbox's login endpoints are not built yet.",
)
BAD_STATUS = Text(
    "Trạng thái “{value}” không hợp lệ; dùng một trong: {known}.",
    "Unknown status “{value}”; use one of: {known}.",
)

Handler = Callable[["SandboxPortal", Request, re.Match[str]], Reply]


@dataclass(frozen=True)
class Route:
    method: str
    pattern: re.Pattern[str]
    handler: Handler


def body_hash(body: dict[str, Any]) -> str:
    """Two bodies are "the same" when their JSON is equal, whatever the key order."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def parse_object(body: bytes) -> dict[str, Any] | None:
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    return data if isinstance(data, dict) else None


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
    ) -> None:
        self.store = store
        self.book = book
        self.faults = Faults()
        self.clock = clock
        self.timeline = timeline
        self.issuer = issuer

    def dispatch(self, request: Request) -> Reply:
        """Faults first (never for ``/_sandbox/``), then the matching route."""
        if not request.path.startswith("/_sandbox/"):
            settings = self.faults.settings
            if settings.latency_ms:
                time.sleep(settings.latency_ms / 1000)
            if settings.down:
                return error_reply(503, "down", DOWN)
            if request.path.startswith("/api/") and self.faults.should_fail():
                return error_reply(500, "simulated_failure", FAILED)
        return route(self, request)

    def now(self) -> datetime:
        return self.clock().astimezone(VIETNAM).replace(microsecond=0)

    # -- applications -----------------------------------------------------------

    def submit(self, request: Request, _: re.Match[str]) -> Reply:
        key = (request.header("Idempotency-Key") or "").strip()
        if not key:
            return error_reply(400, "idempotency_key_required", NO_KEY)
        if len(key) > MAX_KEY_LENGTH:
            return error_reply(400, "idempotency_key_too_long", BAD_KEY, limit=MAX_KEY_LENGTH)
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
            _field_problem(name, MISSING_FIELD)
            for name in ("procedure", "kiosk_id", "local_ref", "submitted_at")
            if not isinstance(body.get(name), str) or not body[name].strip()
        ]
        if missing:
            return missing
        if not _is_timestamp(body["submitted_at"]):
            return [_field_problem("submitted_at", BAD_TIMESTAMP)]
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
        if code:
            return redirect(f"/tra-cuu/{quote(code, safe='')}")
        return html_reply(200, pages.lookup_page())

    # -- small endpoints --------------------------------------------------------

    def health(self, _: Request, __: re.Match[str]) -> Reply:
        return json_reply(200, {"status": "ok", "simulator": True})

    def catalogue(self, _: Request, __: re.Match[str]) -> Reply:
        return json_reply(200, self.book.catalogue_json())

    def heartbeat(self, _: Request, __: re.Match[str]) -> Reply:
        return no_content()

    def openid_configuration(self, _: Request, __: re.Match[str]) -> Reply:
        return json_reply(200, identity.metadata(self.issuer))

    def not_yet(self, _: Request, __: re.Match[str]) -> Reply:
        return error_reply(501, "not_implemented", NOT_YET)

    # -- sandbox only -----------------------------------------------------------

    def list_applications(self, _: Request, __: re.Match[str]) -> Reply:
        apps = [
            {"code": a.code, "idempotency_key": a.idempotency_key, "procedure": a.procedure,
             "local_ref": a.local_ref, "kiosk_id": a.kiosk_id,
             "received_at": a.received_at.isoformat()}
            for a in self.store.applications()
        ]  # fmt: skip
        return json_reply(200, {"applications": apps, "simulator": True})

    def set_faults(self, request: Request, _: re.Match[str]) -> Reply:
        body = parse_object(request.body)
        if body is None:
            return error_reply(400, "malformed_json", BAD_JSON)
        try:
            self.faults.update(body)
        except BadInput as exc:
            return error_reply(400, "bad_field", BAD_FIELD, problem=str(exc))
        return no_content()

    def get_faults(self, _: Request, __: re.Match[str]) -> Reply:
        return json_reply(200, self.faults.settings.as_json())

    def advance(self, request: Request, _: re.Match[str]) -> Reply:
        """``{"code", "status"?}``: move an application on now (default: one step)."""
        body = parse_object(request.body)
        if body is None or not isinstance(body.get("code"), str):
            return error_reply(400, "malformed_json", BAD_JSON)
        app = self.store.get(body["code"])
        if app is None:
            return error_reply(404, "not_found", UNKNOWN_CODE, code=body["code"])
        known = {e.status for e in self.history(app)}
        target = body.get("status") or _next_status(known)
        if target not in {s.value for s in Status}:
            known_names = ", ".join(s.value for s in Status)
            return error_reply(400, "bad_status", BAD_STATUS, value=target, known=known_names)
        self.store.add_events(app.code, advance_to(Status(target), known, self.now()))
        return no_content()


def _field_problem(name: str, message: Text) -> dict[str, str]:
    return {
        "field": name,
        "message": message("vi", field=name),
        "message_en": message("en", field=name),
    }


def _is_timestamp(text: str) -> bool:
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def _next_status(known: set[Status]) -> str:
    order = list(Status)
    reached = max(order.index(s) for s in known) if known else 0
    return order[min(reached + 1, len(order) - 1)].value


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


CODE = r"(?P<code>[^/]{1,64})"
ROUTES: tuple[Route, ...] = (
    Route("GET", re.compile(r"/health"), SandboxPortal.health),
    Route("GET", re.compile(r"/api/v1/procedures"), SandboxPortal.catalogue),
    Route("POST", re.compile(r"/api/v1/applications"), SandboxPortal.submit),
    Route("GET", re.compile(rf"/api/v1/applications/{CODE}"), SandboxPortal.application),
    Route("POST", re.compile(r"/api/v1/heartbeat"), SandboxPortal.heartbeat),
    Route("GET", re.compile(rf"/tra-cuu/{CODE}"), SandboxPortal.status_page),
    Route("GET", re.compile(r"/tra-cuu/?"), SandboxPortal.lookup_form),
    Route(
        "GET",
        re.compile(r"/\.well-known/openid-configuration"),
        SandboxPortal.openid_configuration,
    ),
    Route("GET", re.compile(rf"{identity.PREFIX}/.*"), SandboxPortal.not_yet),
    Route("POST", re.compile(rf"{identity.PREFIX}/.*"), SandboxPortal.not_yet),
    Route("GET", re.compile(r"/_sandbox/applications"), SandboxPortal.list_applications),
    Route("GET", re.compile(r"/_sandbox/faults"), SandboxPortal.get_faults),
    Route("POST", re.compile(r"/_sandbox/faults"), SandboxPortal.set_faults),
    Route("POST", re.compile(r"/_sandbox/advance"), SandboxPortal.advance),
    Route("POST", re.compile(r"/_sandbox/approve"), SandboxPortal.not_yet),
)

NO_ROUTE = Text("Không có địa chỉ này.", "No such address.")
NO_METHOD = Text("Phương thức không được hỗ trợ.", "Method not allowed.")


def route(portal: SandboxPortal, request: Request) -> Reply:
    allowed: list[str] = []
    for candidate in ROUTES:
        match = candidate.pattern.fullmatch(request.path)
        if match is None:
            continue
        if candidate.method == request.method:
            return candidate.handler(portal, request, match)
        allowed.append(candidate.method)
    if allowed:
        reply = error_reply(405, "method_not_allowed", NO_METHOD)
        return Reply(reply.status, reply.body, reply.content_type, (("Allow", ", ".join(allowed)),))
    return error_reply(404, "not_found", NO_ROUTE)
