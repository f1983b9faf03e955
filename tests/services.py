"""Real services the tests need (CUPS, the Secret Service, Xvfb, poppler): skip or fail.

``make test`` starts them (scripts/with-test-services.sh) after installing them
as root. On a developer's machine without them a test that needs one skips,
saying what to install; under CI (``CI=true``, as CI systems set) it fails,
because there the service not starting is the bug.
"""

from __future__ import annotations

import os

import pytest


def under_ci() -> bool:
    """CI=true (what CI systems set): a missing test service is a failure, not a skip."""
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def service_missing(reason: str) -> None:
    """A real service a test needs (CUPS, the Secret Service, Xvfb, poppler) is not here:
    skip on a developer's machine, fail under CI, where `make test` must have started it."""
    if under_ci():
        pytest.fail(f"CI: {reason}", pytrace=False)
    pytest.skip(reason)
