"""Speed and memory benchmarks (``make bench``); figures go to BENCHMARKS.md.

Each ``benchmarks/bench_*.py`` module exposes ``run() -> list[Result]``. Run all
with ``python -m benchmarks``, or some with ``python -m benchmarks outbox receipt``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    name: str  # e.g. "outbox.enqueue_p99"
    value: float
    unit: str  # "ms", "per_s", "MB", "ratio"
    target: str = ""  # e.g. "<= 10 ms"
    ok: bool | None = None  # None when there is no target

    def line(self) -> str:
        verdict = "" if self.ok is None else ("  ok" if self.ok else "  MISSED")
        target = f"  (target {self.target})" if self.target else ""
        return f"{self.name:<40} {self.value:>10.2f} {self.unit}{target}{verdict}"
