"""Forms benchmarks: commune search per keystroke, catalogue load, one answer set.

Run: ``.venv/bin/python -m benchmarks forms``.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from benchmarks import Result
from forms import address, engine, loader

# What a resident types, one keystroke at a time, in the commune search box.
TYPED = ("h", "ho", "hoa", "hoan", "hoan ", "hoan k", "hoan ki", "n", "ng", "ngh", "nghia", "d", "da")


def _timings(fn: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def run() -> list[Result]:
    start = time.perf_counter()
    address.preload()
    first_load = (time.perf_counter() - start) * 1000

    everywhere: list[float] = []
    one_province: list[float] = []
    for query in TYPED:
        everywhere += _timings(lambda q=query: address.search_wards(None, q), 20)  # type: ignore[misc]
        one_province += _timings(lambda q=query: address.search_wards("01", q), 20)  # type: ignore[misc]

    catalogue_ms = statistics.median(_timings(loader.load_catalogue, 10))
    procedure = loader.load_catalogue().get("birth_registration")
    validate_ms = statistics.median(
        _timings(lambda: engine.validate_answers(procedure, procedure.example), 200)
    )
    return [
        Result("forms.address_first_load", first_load, "ms"),
        Result("forms.search_all_3321_median", statistics.median(everywhere), "ms", "< 16 ms",
               statistics.median(everywhere) < 16),
        Result("forms.search_all_3321_p99", _p(everywhere, 0.99), "ms", "< 16 ms",
               _p(everywhere, 0.99) < 16),
        Result("forms.search_one_province_p99", _p(one_province, 0.99), "ms", "< 16 ms",
               _p(one_province, 0.99) < 16),
        Result("forms.catalogue_load_median", catalogue_ms, "ms"),
        Result("forms.validate_answers_median", validate_ms, "ms"),
    ]
