"""The identity provider's HTTP endpoints (``/oidc/...``) and its sandbox controls.

Protocol endpoints (form-encoded requests, client authentication ``none``: a
non-empty ``client_id`` form field; any other client authentication fields are
ignored, this is a simulator), answering JSON with OAuth 2.0 errors
``{"error", "error_description"}``:

* ``POST /oidc/device_authorization`` ``client_id, scope?`` (RFC 8628 §3.1)
* ``GET``/``POST /oidc/device``: the simulated phone's page (:mod:`kiosk.sandbox.idp_pages`)
* ``POST /oidc/backchannel`` ``client_id, scope, login_hint, binding_message, nonce?`` (CIBA)
* ``POST /oidc/token`` ``grant_type, device_code | auth_req_id, client_id``
* ``GET /oidc/jwks``; ``GET``/``POST /oidc/userinfo`` (``Authorization: Bearer``)
* ``POST /oidc/revoke`` ``token, token_type_hint?, client_id`` (RFC 7009)

Sandbox controls (JSON, ``error_reply`` messages, never faulted):
``POST /_sandbox/approve``, ``GET /_sandbox/logins``, ``POST /_sandbox/logins/expire``,
``GET /_sandbox/citizens``. Run on the server's request threads; the state is
:class:`~kiosk.sandbox.idp.IdentityProvider`'s, behind its lock.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs

from kiosk.sandbox import citizens, idp_pages
from kiosk.sandbox.api import SandboxPortal, parse_object
from kiosk.sandbox.identity import CIBA_GRANT, DEVICE_GRANT
from kiosk.sandbox.idp import ControlError, OAuthError
from kiosk.sandbox.messages import BAD_FIELD, BAD_JSON, ONE_LOGIN_FIELD
from kiosk.sandbox.replies import (
    Reply,
    Request,
    error_reply,
    html_reply,
    json_reply,
    no_content,
    oauth_error,
)

Handler = Callable[[SandboxPortal, Request, re.Match[str]], Reply]
NO_STORE = (("Cache-Control", "no-store"), ("Pragma", "no-cache"))  # RFC 6749 §5.1
FORM = "application/x-www-form-urlencoded"
MAX_FORM_FIELDS = 30  # a login request has six or so
MAX_FORM_VALUE = 2000  # characters of a field not named below
FORM_LIMITS = {  # characters of each field a login form uses (kiosk/sandbox/openapi.json)
    "client_id": 200, "scope": 500, "login_hint": 64, "nonce": 200, "device_code": 200,
    "auth_req_id": 200, "token": 200, "token_type_hint": 40, "user_code": 64, "citizen": 64,
}


def read_form(request: Request) -> dict[str, str]:
    """The form fields of a POST body; each may appear once (RFC 6749 §3.1), within sizes."""
    kind = (request.header("Content-Type") or FORM).split(";")[0].strip().lower()
    if request.body and kind != FORM:
        raise OAuthError("invalid_request", f"the body must be {FORM}")
    try:
        fields = parse_qs(request.body.decode("utf-8"), keep_blank_values=True,
                          errors="strict", max_num_fields=MAX_FORM_FIELDS)
    except UnicodeDecodeError:
        raise OAuthError("invalid_request", "the body is not UTF-8") from None
    except ValueError:  # parse_qs: more than max_num_fields
        raise OAuthError("invalid_request", f"at most {MAX_FORM_FIELDS} parameters") from None
    repeated = sorted(name[:40] for name, values in fields.items() if len(values) > 1)
    if repeated:
        raise OAuthError("invalid_request", f"parameter(s) sent more than once: {repeated}")
    for name, values in fields.items():
        limit = FORM_LIMITS.get(name, MAX_FORM_VALUE)
        if len(name) > MAX_FORM_VALUE or len(values[0]) > limit:
            raise OAuthError("invalid_request", f"{name[:40]} is over {limit} characters")
    return {name: values[0] for name, values in fields.items()}


def client_id(form: dict[str, str]) -> str:
    client = form.get("client_id", "").strip()
    if not client:
        raise OAuthError("invalid_client", "client_id is required (authentication method none)")
    return client


def required(form: dict[str, str], *names: str) -> list[str]:
    missing = [name for name in names if not form.get(name, "").strip()]
    if missing:
        raise OAuthError("invalid_request", f"missing parameter(s): {', '.join(missing)}")
    return [form[name].strip() for name in names]


def oauth(handler: Handler) -> Handler:
    """Answer an :class:`OAuthError` raised by ``handler`` as RFC 6749 §5.2 says."""

    def answer(portal: SandboxPortal, request: Request, match: re.Match[str]) -> Reply:
        try:
            return handler(portal, request, match)
        except OAuthError as exc:
            return oauth_error(exc.status, exc.error, exc.description, *NO_STORE)

    return answer


# -- protocol endpoints ----------------------------------------------------------------


@oauth
def device_authorization(portal: SandboxPortal, request: Request, _: re.Match[str]) -> Reply:
    form = read_form(request)
    answer = portal.idp.start_device(client_id(form), form.get("scope", ""))
    return json_reply(200, answer, *NO_STORE)


@oauth
def backchannel(portal: SandboxPortal, request: Request, _: re.Match[str]) -> Reply:
    form = read_form(request)
    client = client_id(form)
    if form.get("login_hint_token") or form.get("id_token_hint"):
        raise OAuthError("invalid_request", "only login_hint is supported as the user's hint")
    scope, hint, binding = required(form, "scope", "login_hint", "binding_message")
    nonce = form.get("nonce") or None
    answer = portal.idp.start_ciba(client, scope, hint, binding, nonce)
    return json_reply(200, answer, *NO_STORE)


@oauth
def token(portal: SandboxPortal, request: Request, _: re.Match[str]) -> Reply:
    form = read_form(request)
    client = client_id(form)
    (grant_type,) = required(form, "grant_type")
    handle_field = {DEVICE_GRANT: "device_code", CIBA_GRANT: "auth_req_id"}.get(grant_type)
    if handle_field is None:
        raise OAuthError("unsupported_grant_type", "use the device_code or the CIBA grant")
    (handle,) = required(form, handle_field)
    return json_reply(200, portal.idp.poll(grant_type, handle, client), *NO_STORE)


def jwks(portal: SandboxPortal, _: Request, __: re.Match[str]) -> Reply:
    return json_reply(200, portal.idp.key.jwks())


def userinfo(portal: SandboxPortal, request: Request, _: re.Match[str]) -> Reply:
    scheme, _space, value = (request.header("Authorization") or "").strip().partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return oauth_error(401, "invalid_request", "an access token is required "
                           "(Authorization: Bearer ...)", ("WWW-Authenticate", "Bearer"))
    claims = portal.idp.userinfo(value.strip())
    if claims is None:
        return oauth_error(401, "invalid_token", "the access token is unknown, revoked or "
                           "expired", ("WWW-Authenticate", 'Bearer error="invalid_token"'))
    return json_reply(200, claims, *NO_STORE)


@oauth
def revoke(portal: SandboxPortal, request: Request, _: re.Match[str]) -> Reply:
    """RFC 7009 §2.2: 200 whether or not the token was known."""
    form = read_form(request)
    client = client_id(form)
    (value,) = required(form, "token")
    portal.idp.revoke(value, client)
    return json_reply(200, {})


def device_page(_: SandboxPortal, request: Request, __: re.Match[str]) -> Reply:
    return html_reply(200, idp_pages.device_page(request.query.get("user_code", "")))


def device_answer(portal: SandboxPortal, request: Request, _: re.Match[str]) -> Reply:
    """The phone page's form: approve or decline the login with that user code."""
    try:
        form = read_form(request)
    except OAuthError:
        form = {}
    denied = form.get("answer") == "deny"
    try:
        portal.idp.approve(user_code=form.get("user_code", ""), citizen=form.get("citizen") or None,
                           deny=denied)
    except ControlError as exc:
        return html_reply(exc.status, idp_pages.result_page(exc.message))
    return html_reply(200, idp_pages.answered_page(denied))


# -- sandbox controls: the simulated phone ---------------------------------------------


def approve(portal: SandboxPortal, request: Request, _: re.Match[str]) -> Reply:
    """``{"user_code" | "auth_req_id", "citizen"?, "deny"?}`` → 204."""
    body = parse_object(request.body)
    if body is None:
        return error_reply(400, "malformed_json", BAD_JSON)
    which = _login_field(body)
    if which is None:
        return error_reply(400, "bad_field", ONE_LOGIN_FIELD)
    user_code, auth_req_id = which
    citizen, deny = body.get("citizen"), body.get("deny", False)
    if citizen is not None and not isinstance(citizen, str):
        return error_reply(400, "bad_field", BAD_FIELD, problem="'citizen' must be a string")
    if not isinstance(deny, bool):
        return error_reply(400, "bad_field", BAD_FIELD, problem="'deny' must be true or false")
    try:
        portal.idp.approve(user_code=user_code, auth_req_id=auth_req_id, citizen=citizen,
                           deny=deny)
    except ControlError as exc:
        return error_reply(exc.status, exc.error, exc.message)
    return no_content()


def expire(portal: SandboxPortal, request: Request, _: re.Match[str]) -> Reply:
    """``{"user_code" | "auth_req_id"}`` → 204: that pending login expires now."""
    body = parse_object(request.body)
    if body is None:
        return error_reply(400, "malformed_json", BAD_JSON)
    which = _login_field(body)
    if which is None:
        return error_reply(400, "bad_field", ONE_LOGIN_FIELD)
    try:
        portal.idp.expire(user_code=which[0], auth_req_id=which[1])
    except ControlError as exc:
        return error_reply(exc.status, exc.error, exc.message)
    return no_content()


def logins(portal: SandboxPortal, _: Request, __: re.Match[str]) -> Reply:
    return json_reply(200, {"logins": portal.idp.pending(), "simulator": True})


def list_citizens(_: SandboxPortal, __: Request, ___: re.Match[str]) -> Reply:
    people = [citizen.listing() for citizen in citizens.CITIZENS]
    return json_reply(200, {"citizens": people, "simulator": True})


def _login_field(body: dict[str, Any]) -> tuple[str | None, str | None] | None:
    """``(user_code, auth_req_id)``: exactly one given, a string; None otherwise."""
    user_code, auth_req_id = body.get("user_code"), body.get("auth_req_id")
    given = [value for value in (user_code, auth_req_id) if value is not None]
    if len(given) != 1 or not isinstance(given[0], str):
        return None
    return user_code, auth_req_id
