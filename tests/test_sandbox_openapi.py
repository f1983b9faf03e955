"""The portal's OpenAPI 3.1 document (issue 10, item 15) and requests generated from it.

``kiosk/sandbox/openapi.json`` is the authoritative description of the portal API
the kiosk relies on (../shared/CONTRACT.md is its summary); the sandbox serves it at
``GET /openapi.json``. The document is checked against the OpenAPI 3.1 meta-schema,
against the sandbox's routes (every route documented, nothing documented that is
not served), against the catalogue's enumerations and the sandbox's size limits.
Then schemathesis generates requests from it, valid and invalid (a bounded number
per operation, from a fixed seed), against a real ``kiosk sandbox`` process: never a
500, never an answer outside the document (status, content type, body schema), and
invalid data refused with a 4xx.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from importlib import resources
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings
from sandbox_helpers import SandboxProcess, assert_calm, set_faults, start_sandbox_process

from forms.model import Delivery, IdentityLevel, QuestionType, ReceivingLevel
from kiosk.sandbox import bodies, routes
from kiosk.sandbox.store import Status
from kiosk.sandbox.wire import Limits

DOCUMENT: dict[str, Any] = json.loads(
    resources.files("kiosk.sandbox").joinpath("openapi.json").read_text(encoding="utf-8")
)
COMPONENTS = DOCUMENT["components"]["schemas"]
CONFIG = schemathesis.Config.from_dict({
    "seed": 20261201,  # the same requests every run
    "generation": {"mode": "all", "database": "none"},
    "phases": {"stateful": {"enabled": False}},
    "checks": {
        # Schema-valid answers are still refused by the procedure's own rules (422), and the
        # stateful resource checks need links this document does not declare.
        "positive_data_acceptance": {"enabled": False},
        "use_after_free": {"enabled": False},
        "ensure_resource_availability": {"enabled": False},
    },
})
SCHEMA = schemathesis.openapi.from_dict(DOCUMENT, config=CONFIG)


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxProcess]:
    process = start_sandbox_process(tmp_path_factory.mktemp("openapi") / "data")
    yield process
    process.stop()


def test_the_sandbox_serves_the_document(portal: SandboxProcess) -> None:
    response = requests.get(f"{portal.url}/openapi.json", timeout=10)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")
    assert response.json() == DOCUMENT


def test_the_document_is_valid_openapi_3_1() -> None:
    assert DOCUMENT["openapi"].startswith("3.1.")
    SCHEMA.validate()  # the OpenAPI 3.1 meta-schema


def _sample(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "X", path)


def test_every_route_is_documented_and_every_operation_is_served() -> None:
    documented = {(m.upper(), p) for p, ops in DOCUMENT["paths"].items() for m in ops}
    for route in routes.ROUTES:
        assert any(method == route.method and route.pattern.fullmatch(_sample(path))
                   for method, path in documented), f"{route.method} {route.pattern.pattern}"
    for method, path in documented:
        assert any(route.method == method and route.pattern.fullmatch(_sample(path))
                   for route in routes.ROUTES), f"{method} {path} is documented, not served"


def test_sandbox_only_operations_are_tagged_as_such() -> None:
    for path, operations in DOCUMENT["paths"].items():
        for operation in operations.values():
            sandbox_only = path.startswith("/_sandbox/")
            assert ("sandbox-only" in operation["tags"]) is sandbox_only, path
            assert operation.get("x-sandbox-only", False) is sandbox_only, path


def test_enumerations_follow_the_catalogue_and_the_store() -> None:
    procedure = COMPONENTS["Procedure"]["properties"]
    assert COMPONENTS["Question"]["properties"]["type"]["enum"] == [t.value for t in QuestionType]
    assert procedure["level"]["enum"] == [level.value for level in ReceivingLevel]
    assert procedure["deliveries"]["items"]["enum"] == [d.value for d in Delivery]
    assert procedure["identity"]["enum"] == [i.value for i in IdentityLevel]
    assert COMPONENTS["Status"]["enum"] == [s.value for s in Status]


def test_the_documented_limits_are_the_sandboxs() -> None:
    submission = COMPONENTS["Submission"]["properties"]
    for name, limit in bodies.FIELD_LIMITS.items():
        assert submission[name]["maxLength"] == limit, name
    assert submission["answers"]["maxProperties"] == bodies.MAX_ANSWERS
    assert submission["answers"]["propertyNames"]["maxLength"] == bodies.MAX_ANSWER_ID
    heartbeat = COMPONENTS["Heartbeat"]["properties"]
    for name, (_, limit, _) in bodies.HEARTBEAT_FIELDS.items():
        assert heartbeat[name].get("maxLength", 0) == limit, name
    described = " ".join((DOCUMENT["info"]["description"], COMPONENTS["Submission"]["description"],
                          submission["answers"]["description"]))
    limits = Limits()
    for shown in (f"{limits.max_body:,}", f"{bodies.MAX_DEPTH} levels",
                  f"{bodies.MAX_ANSWER_TEXT:,} characters", f"{limits.max_connections} connections",
                  f"silent for {limits.silence_s:g} s", f"more than {limits.request_s:g} s"):
        assert shown in described, shown


@SCHEMA.parametrize()
@settings(max_examples=25, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
def test_generated_requests_get_documented_answers(case: Any, portal: SandboxProcess) -> None:
    try:
        case.call_and_validate(base_url=portal.url, timeout=10)
    finally:
        if case.path == "/_sandbox/faults" and case.method == "POST":
            set_faults(portal.url)  # a generated "down" or latency must not reach the next case
    assert_calm(portal)
