"""Tiny benchmark harness: ratios against a named baseline, measured in one process.

Each benchmark times a candidate and its baseline on the same input, interleaved, keeps the best of
several repeats (the least disturbed run), prints the ratio and compares it with the target. Speed
targets live here, never in timed unit tests.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Result:
    name: str
    baseline: str
    candidate_seconds: float
    baseline_seconds: float
    target: float
    kind: str = "speedup"
    """``speedup``: baseline time / candidate time must reach the target;
    ``cost``: candidate time / baseline time must stay at or below it."""

    @property
    def ratio(self) -> float:
        if self.kind == "cost":
            return self.candidate_seconds / self.baseline_seconds
        return self.baseline_seconds / self.candidate_seconds

    @property
    def ok(self) -> bool:
        return self.ratio <= self.target if self.kind == "cost" else self.ratio >= self.target

    def line(self) -> str:
        status = "ok  " if self.ok else "MISS"
        if self.kind == "cost":
            what = f"{self.ratio:.2f}x the cost of {self.baseline} (target <= {self.target}x"
        else:
            what = f"{self.ratio:.2f}x faster than {self.baseline} (target >= {self.target}x"
        return (
            f"{status} {self.name}: {what}; candidate {self.candidate_seconds * 1e3:.2f} ms, "
            f"baseline {self.baseline_seconds * 1e3:.2f} ms)"
        )


def best_time(function: Callable[[], object], repeats: int = 7) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def compare(
    name: str,
    candidate: Callable[[], object],
    baseline_name: str,
    baseline: Callable[[], object],
    *,
    target: float,
    repeats: int = 7,
) -> Result:
    """Time both (interleaved, best of *repeats*) and return baseline_time / candidate_time."""
    candidate()
    baseline()  # warm caches and lazy loads outside the timing
    cand = base = float("inf")
    for _ in range(repeats):
        cand = min(cand, best_time(candidate, 1))
        base = min(base, best_time(baseline, 1))
    return Result(name, baseline_name, cand, base, target)
