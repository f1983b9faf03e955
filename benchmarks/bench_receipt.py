"""Receipt benchmarks: render time per layout, and "In biên nhận" → job accepted by CUPS.

``python -m benchmarks receipt``; the CUPS figure needs the test CUPS server
(``bash scripts/with-test-services.sh .venv/bin/python -m benchmarks receipt``,
which sets ``KIOSK_TEST_CUPS_PRINTER``) and is left out without it.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from benchmarks import Result
from kiosk.vault import Vault
from printing.layout import receipt_document
from printing.raster import render_image
from printing.receipt import Receipt
from printing.render import render_pdf
from printing.sample import sample_receipt
from printing.service import PrintService
from printing.settings import PAPERS

RUNS = 30


def _median_ms(fn: Callable[[int], object], runs: int = RUNS) -> float:
    fn(-1)  # warm-up: font registration, imports
    times = []
    for i in range(runs):
        start = time.perf_counter()
        fn(i)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _fresh(i: int) -> Receipt:
    """A new receipt each time (another code, so another QR code: nothing cached)."""
    code = f"H01.22-261122-{i % 10_000:04d}-{time.perf_counter_ns() % 100_000}"
    return replace(sample_receipt(), code=code, status_url=f"http://127.0.0.1:8765/tra-cuu/{code}")


def run() -> list[Result]:
    results = []
    for paper in PAPERS:
        ms = _median_ms(lambda i, p=paper: render_pdf(_fresh(i), p))  # type: ignore[misc]
        results.append(Result(f"receipt.render_{paper}_median", ms, "ms", "<= 100 ms", ms <= 100))
    ms = _median_ms(lambda i: render_image(receipt_document(_fresh(i)), 576))
    results.append(Result("receipt.raster_576dots_median", ms, "ms"))
    printer = os.environ.get("KIOSK_TEST_CUPS_PRINTER")
    if printer:
        results.append(_cups(printer, watch_s=0.0, name="accepted", target=1000))
        results.append(_cups(printer, watch_s=10.0, name="done", target=None))
    else:
        print("receipt: no KIOSK_TEST_CUPS_PRINTER; run through scripts/with-test-services.sh "
              "for the CUPS figure")
    return results


def _cups(printer: str, watch_s: float, name: str, target: float | None) -> Result:
    """``accepted``: until CUPS gives a job id; ``done``: the kiosk's own path, which
    follows the job until it left the queue (cancelling it if the printer stops)."""
    from printing.backends.cups import CupsBackend

    with tempfile.TemporaryDirectory() as tmp:
        service = PrintService(CupsBackend(printer, watch_s=watch_s), receipts=Path(tmp),
                               cipher=Vault.in_memory_key(), paper="a4")

        def press_print(i: int) -> None:
            outcome = service.print_receipt(_fresh(i))
            if not outcome.ok:
                raise RuntimeError(f"CUPS did not take the job: {outcome.detail}")

        ms = _median_ms(press_print, runs=10)
        _drain()
    if target is None:
        return Result(f"receipt.print_to_cups_{name}_median", ms, "ms")
    return Result(f"receipt.print_to_cups_{name}_median", ms, "ms", f"<= {target:.0f} ms",
                  ms <= target)


def _drain(timeout_s: float = 60.0) -> None:
    """Let the benchmark's jobs finish so they do not slow whatever runs next."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if not subprocess.run(["lpstat", "-o"], capture_output=True, text=True).stdout.strip():
            return
        time.sleep(0.1)
