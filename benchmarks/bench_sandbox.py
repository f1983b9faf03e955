"""Sandbox portal speed: submissions and status lookups over real loopback HTTP.

Starts an in-process sandbox (its own threads, SQLite in a temporary folder) and
drives it with ``requests`` sessions: one client submitting one after another,
then eight clients at once, then status lookups. The kiosk sends a handful of
applications a day, so the targets only guard against gross regressions
(a test run with hundreds of submissions must stay quick).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import requests

from benchmarks import Result
from forms.loader import load_catalogue
from kiosk.sandbox.server import start_sandbox

SEQUENTIAL = 200
PARALLEL_CLIENTS = 8
PER_CLIENT = 50
LOOKUPS = 300


def _body(index: int) -> dict[str, Any]:
    proc = next(p for p in load_catalogue().procedures if p.example)
    return {
        "procedure": proc.code,
        "answers": dict(proc.example),
        "kiosk_id": "BENCH",
        "local_ref": f"R-{index}",
        "submitted_at": "2026-11-23T03:00:00+00:00",
    }


def _submit(session: requests.Session, url: str, key: str, body: dict[str, Any]) -> str:
    response = session.post(
        f"{url}/api/v1/applications", json=body, headers={"Idempotency-Key": key}, timeout=30
    )
    if response.status_code != 201:
        raise RuntimeError(f"submission answered {response.status_code}: {response.text[:200]}")
    code: str = response.json()["code"]
    return code


def _percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run() -> list[Result]:
    with tempfile.TemporaryDirectory() as folder, start_sandbox(Path(folder)) as sandbox:
        url = sandbox.url
        body = _body(0)
        timings: list[float] = []
        codes: list[str] = []
        with requests.Session() as session:
            for i in range(SEQUENTIAL):
                started = time.perf_counter()
                codes.append(_submit(session, url, f"seq-{i}", body))
                timings.append((time.perf_counter() - started) * 1000)

        def client(n: int) -> None:
            with requests.Session() as session:
                for i in range(PER_CLIENT):
                    _submit(session, url, f"par-{n}-{i}", body)

        started = time.perf_counter()
        with ThreadPoolExecutor(PARALLEL_CLIENTS) as pool:
            list(pool.map(client, range(PARALLEL_CLIENTS)))
        parallel_rate = PARALLEL_CLIENTS * PER_CLIENT / (time.perf_counter() - started)

        lookups: list[float] = []
        with requests.Session() as session:
            for i in range(LOOKUPS):
                started = time.perf_counter()
                session.get(f"{url}/api/v1/applications/{codes[i % len(codes)]}", timeout=30)
                lookups.append((time.perf_counter() - started) * 1000)

    median = statistics.median(timings)
    p99 = _percentile(timings, 0.99)
    lookup_p99 = _percentile(lookups, 0.99)
    return [
        Result("sandbox.submit_median", median, "ms", "<= 20 ms", median <= 20),
        Result("sandbox.submit_p99", p99, "ms", "<= 100 ms", p99 <= 100),
        Result(
            "sandbox.submit_8_clients", parallel_rate, "per_s", ">= 50 per_s", parallel_rate >= 50
        ),
        Result("sandbox.status_lookup_p99", lookup_p99, "ms", "<= 50 ms", lookup_p99 <= 50),
    ]
