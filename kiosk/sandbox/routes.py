"""Which endpoint answers a request, after the fault switches have had their say.

:func:`dispatch` is what the HTTP server calls for every request, on its
request threads. Faults never touch ``/_sandbox/`` (so a test can always switch
them off again).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.sandbox import controls, idp_routes
from kiosk.sandbox.api import SandboxPortal
from kiosk.sandbox.messages import DOWN, FAILED, NO_METHOD, NO_ROUTE
from kiosk.sandbox.replies import Refusal, Reply, Request, error_reply

Handler = Callable[[SandboxPortal, Request, re.Match[str]], Reply]


@dataclass(frozen=True)
class Route:
    method: str
    pattern: re.Pattern[str]
    handler: Handler


def dispatch(portal: SandboxPortal, request: Request) -> Reply:
    """Faults first (never for ``/_sandbox/``), then the matching route."""
    if not request.path.startswith("/_sandbox/"):
        settings = portal.faults.settings
        if settings.latency_ms:
            time.sleep(settings.latency_ms / 1000)
        if settings.down:
            return error_reply(503, "down", DOWN)
        if request.path.startswith("/api/") and portal.faults.should_fail():
            return error_reply(500, "simulated_failure", FAILED)
    try:
        return route(portal, request)
    except Refusal as refused:  # a body refused before the endpoint could act on it
        return refused.reply


CODE = r"(?P<code>[^/]{1,64})"
ROUTES: tuple[Route, ...] = (
    Route("GET", re.compile(r"/health"), SandboxPortal.health),
    Route("GET", re.compile(r"/openapi\.json"), SandboxPortal.openapi),
    Route("GET", re.compile(r"/api/v1/procedures"), SandboxPortal.catalogue),
    Route("POST", re.compile(r"/api/v1/applications"), SandboxPortal.submit),
    Route("GET", re.compile(rf"/api/v1/applications/{CODE}"), SandboxPortal.application),
    Route("POST", re.compile(r"/api/v1/heartbeat"), SandboxPortal.heartbeat),
    Route("GET", re.compile(r"/tra-cuu/(?P<code>[^/]+)"), SandboxPortal.status_page),
    Route("GET", re.compile(r"/tra-cuu/?"), SandboxPortal.lookup_form),
    Route(
        "GET",
        re.compile(r"/\.well-known/openid-configuration"),
        SandboxPortal.openid_configuration,
    ),
    Route("POST", re.compile(r"/oidc/device_authorization"), idp_routes.device_authorization),
    Route("GET", re.compile(r"/oidc/device"), idp_routes.device_page),
    Route("POST", re.compile(r"/oidc/device"), idp_routes.device_answer),
    Route("POST", re.compile(r"/oidc/backchannel"), idp_routes.backchannel),
    Route("POST", re.compile(r"/oidc/token"), idp_routes.token),
    Route("GET", re.compile(r"/oidc/jwks"), idp_routes.jwks),
    Route("GET", re.compile(r"/oidc/userinfo"), idp_routes.userinfo),
    Route("POST", re.compile(r"/oidc/userinfo"), idp_routes.userinfo),
    Route("POST", re.compile(r"/oidc/revoke"), idp_routes.revoke),
    Route("GET", re.compile(r"/_sandbox/applications"), controls.list_applications),
    Route("GET", re.compile(r"/_sandbox/faults"), controls.get_faults),
    Route("POST", re.compile(r"/_sandbox/faults"), controls.set_faults),
    Route("POST", re.compile(r"/_sandbox/advance"), controls.advance),
    Route("GET", re.compile(r"/_sandbox/heartbeats"), controls.list_heartbeats),
    Route("POST", re.compile(r"/_sandbox/approve"), idp_routes.approve),
    Route("GET", re.compile(r"/_sandbox/logins"), idp_routes.logins),
    Route("POST", re.compile(r"/_sandbox/logins/expire"), idp_routes.expire),
    Route("GET", re.compile(r"/_sandbox/citizens"), idp_routes.list_citizens),
)


_GROUP = re.compile(r"\(\?P<(\w+)>[^)]*\)")


def template(path: str) -> str | None:
    """The route ``path`` matches, as the log shows it (``/tra-cuu/{code}``: never the code)."""
    for candidate in ROUTES:
        if candidate.pattern.fullmatch(path):
            shown = _GROUP.sub(lambda group: "{" + group[1] + "}", candidate.pattern.pattern)
            return shown.replace("\\", "").removesuffix("/?")
    return None


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
