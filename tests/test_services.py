"""A test whose real service is missing skips on a developer's machine and fails under CI."""

from __future__ import annotations

import pytest
from services import service_missing


@pytest.mark.parametrize("value", ["true", "1", "TRUE"])
def test_under_ci_a_missing_service_fails(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.fail.Exception, match="CI: no CUPS"):
        service_missing("no CUPS")


@pytest.mark.parametrize("value", [None, "", "false"])
def test_elsewhere_a_missing_service_skips(monkeypatch: pytest.MonkeyPatch,
                                           value: str | None) -> None:
    if value is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.skip.Exception, match="no CUPS"):
        service_missing("no CUPS")
