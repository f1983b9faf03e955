"""Idempotency-Key: a retried submission never makes a second application."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import requests
from sandbox_helpers import applications
from test_sandbox_api import body, submit


def test_same_key_and_body_answers_200_with_the_first_body(sandbox_url: str) -> None:
    first = submit(sandbox_url, body(), key="same")
    again = submit(sandbox_url, body(), key="same")
    assert first.status_code == 201
    assert again.status_code == 200
    assert again.content == first.content
    assert len(applications(sandbox_url)) == 1


def test_key_order_in_the_body_does_not_matter(sandbox_url: str) -> None:
    data = body()
    reordered = dict(reversed(list(data.items())))
    assert submit(sandbox_url, data, key="k").status_code == 201
    assert submit(sandbox_url, reordered, key="k").status_code == 200
    assert len(applications(sandbox_url)) == 1


def test_same_key_with_another_body_is_409(sandbox_url: str) -> None:
    first = submit(sandbox_url, body(local_ref="R-1"), key="k")
    other = submit(sandbox_url, body(local_ref="R-2"), key="k")
    assert first.status_code == 201
    assert other.status_code == 409
    assert other.json()["error"] == "idempotency_key_conflict"
    stored = applications(sandbox_url)
    assert [a["local_ref"] for a in stored] == ["R-1"]


def test_different_keys_make_different_applications(sandbox_url: str) -> None:
    codes = {submit(sandbox_url, body(), key=f"k{i}").json()["code"] for i in range(3)}
    assert len(codes) == 3
    assert len(applications(sandbox_url)) == 3


def test_concurrent_requests_with_one_key_store_exactly_one(sandbox_url: str) -> None:
    racers = 16
    start = threading.Barrier(racers)

    def race(_: int) -> tuple[int, Any]:
        with requests.Session() as session:
            start.wait()
            response = session.post(
                f"{sandbox_url}/api/v1/applications",
                json=body(),
                headers={"Idempotency-Key": "the-one-key"},
                timeout=30,
            )
            return response.status_code, response.json()

    with ThreadPoolExecutor(racers) as pool:
        results = list(pool.map(race, range(racers)))
    statuses = sorted(status for status, _ in results)
    assert statuses == [200] * (racers - 1) + [201]
    assert len({answer["code"] for _, answer in results}) == 1
    assert len(applications(sandbox_url)) == 1


def test_concurrent_different_keys_get_distinct_sequences(sandbox_url: str) -> None:
    racers = 12
    start = threading.Barrier(racers)

    def race(i: int) -> str:
        start.wait()
        response = submit(sandbox_url, body(), key=f"key-{i}")
        assert response.status_code == 201
        code: str = response.json()["code"]
        return code

    with ThreadPoolExecutor(racers) as pool:
        codes = list(pool.map(race, range(racers)))
    sequences = sorted(int(code.rsplit("-", 1)[1]) for code in codes)
    assert sequences == list(range(1, racers + 1))
