"""The ``/_sandbox/faults`` switches: down, fail_rate (seeded), latency."""

from __future__ import annotations

import pytest
import requests
from sandbox_helpers import applications, set_faults
from test_sandbox_api import body, submit


def test_down_makes_the_portal_answer_503_but_not_the_switches(sandbox_url: str) -> None:
    set_faults(sandbox_url, down=True)
    assert submit(sandbox_url, body()).status_code == 503
    assert requests.get(f"{sandbox_url}/api/v1/procedures", timeout=10).status_code == 503
    assert requests.get(f"{sandbox_url}/health", timeout=10).status_code == 503
    assert requests.get(f"{sandbox_url}/_sandbox/applications", timeout=10).status_code == 200
    assert applications(sandbox_url) == []
    set_faults(sandbox_url, down=False)
    assert submit(sandbox_url, body()).status_code == 201


def test_fail_rate_one_answers_500_and_stores_nothing(sandbox_url: str) -> None:
    set_faults(sandbox_url, fail_rate=1.0)
    response = submit(sandbox_url, body())
    assert response.status_code == 500
    assert response.json()["error"] == "simulated_failure"
    assert applications(sandbox_url) == []
    set_faults(sandbox_url)
    # The key was never used: the retry creates the application.
    assert submit(sandbox_url, body()).status_code == 201


def _run_of_statuses(url: str, seed: int, tries: int) -> list[int]:
    set_faults(url, fail_rate=0.5, seed=seed)
    return [submit(url, body(), key=f"seed{seed}-try{i}").status_code for i in range(tries)]


def test_fail_rate_with_a_seed_fails_the_same_requests_every_time(sandbox_url: str) -> None:
    first = _run_of_statuses(sandbox_url, seed=7, tries=20)
    stored_after_first = len(applications(sandbox_url))
    set_faults(sandbox_url)
    second = [200 if status == 201 else status for status in _run_of_statuses(sandbox_url, 7, 20)]
    assert set(first) == {201, 500}, first  # both outcomes happen at rate 0.5
    assert [200 if s == 201 else s for s in first] == second  # 201s replay as 200
    assert stored_after_first == first.count(201)
    assert len(applications(sandbox_url)) == first.count(201)


def test_latency_delays_answers(sandbox_url: str) -> None:
    set_faults(sandbox_url, latency_ms=3000)
    with pytest.raises(requests.exceptions.ReadTimeout):
        requests.get(f"{sandbox_url}/health", timeout=(5, 0.3))
    settings = requests.get(f"{sandbox_url}/_sandbox/faults", timeout=10).json()
    assert settings == {"down": False, "fail_rate": 0.0, "latency_ms": 3000}


def test_fields_left_out_keep_their_value(sandbox_url: str) -> None:
    faults = f"{sandbox_url}/_sandbox/faults"
    assert requests.post(faults, json={"down": True}, timeout=10).status_code == 204
    assert requests.post(faults, json={"latency_ms": 5}, timeout=10).status_code == 204
    assert requests.get(faults, timeout=10).json() == {
        "down": True,
        "fail_rate": 0.0,
        "latency_ms": 5,
    }


@pytest.mark.parametrize(
    ("fault", "field"),
    [
        ({"down": "yes"}, "down"),
        ({"fail_rate": 1.5}, "fail_rate"),
        ({"latency_ms": -1}, "latency_ms"),
        ({"seed": "x"}, "seed"),
        ({"slow": True}, "slow"),
    ],
)
def test_bad_fault_settings_are_400_naming_the_field(
    sandbox_url: str, fault: dict[str, object], field: str
) -> None:
    response = requests.post(f"{sandbox_url}/_sandbox/faults", json=fault, timeout=10)
    assert response.status_code == 400
    assert field in response.json()["message_en"]
    assert requests.get(f"{sandbox_url}/_sandbox/faults", timeout=10).json()["down"] is False
