"""verify_many() on two CPUs against a plain loop over verify(); its memory while streaming.

Targets:

* ``verify_many(requests, workers=2)`` checks 20,000 requests at least 1.6x faster than a plain
  loop over ``verify()`` in one process (two CPUs: the caller and one helper process);
* ``verify_many(requests, workers=2)`` on 1,000 requests is no slower than the loop (a list
  below 4,000 requests is checked in the calling process; 0.9x allows for timing noise);
* ``verify_frame(frame, workers=2)`` on the same 20,000 rows, against ``verify_frame`` in one
  process: at least 1.6x (only the result columns travel between the processes);
* streaming stays flat: the memory the caller holds in flight (``tracemalloc``: the peak above
  what stays allocated after the run, which is the growth of bounded caches) for 20,000 requests
  read from a generator is at most 1.5x that for 5,000.

The requests come from ``scripts/make_payees_csv.py`` (seeded; varied payees, accounts, banks,
creditors, licences and messages; about 1% of rows do not validate and become
``input.invalid_request`` reports). Every run starts a fresh pool, so worker start-up is part of
what is measured; the caller's caches are warmed on other rows first.

The speed target needs two otherwise idle CPUs. A calibration line runs the plain loop in two
independent processes, each on half the requests: on a machine shared with other work its ratio
drops below 2x, and the target's ratio with it.
"""

from __future__ import annotations

import collections
import importlib.util
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
from _harness import Result
from pydantic import ValidationError

from acctverify import verify
from acctverify._pool import _context
from acctverify.batch import invalid_request_report, verify_many
from acctverify.frame import request_from_row, verify_frame

AS_OF = date(2026, 11, 29)
COUNT = 20_000
SMALL = 5_000
REPEATS = 2
_GENERATOR = Path(__file__).resolve().parent.parent / "scripts" / "make_payees_csv.py"


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("make_payees_csv", _GENERATOR)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def requests(count: int, *, seed: int = 2026) -> Iterator[dict[str, Any]]:
    """*count* request dicts, lazily, the same for the same seed."""
    generator = _generator()
    for row in generator.payee_rows(count, seed=seed):
        yield request_from_row(row, generator.COLUMNS)


def plain_loop(batch: list[dict[str, Any]]) -> None:
    for request in batch:
        try:
            verify(request, as_of=AS_OF)
        except ValidationError as exc:
            invalid_request_report(exc, as_of=AS_OF)


def _half(batch: list[dict[str, Any]], parity: int) -> float:
    plain_loop(list(requests(500, seed=1)))
    start = time.perf_counter()
    plain_loop(batch[parity::2])
    return time.perf_counter() - start


def _drain(reports: Iterator[object]) -> None:
    collections.deque(reports, maxlen=0)


def _best(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


@dataclass
class MemoryResult(Result):
    """Bytes in flight while streaming (in the *_seconds fields), compared as a cost ratio."""

    retained: tuple[int, int] = (0, 0)
    """What stayed allocated after each run (the caches' growth), for the record."""

    def line(self) -> str:
        status = "ok  " if self.ok else "MISS"
        mib = 2**20
        return (
            f"{status} {self.name}: {self.ratio:.2f}x the memory in flight for {self.baseline} "
            f"(target <= {self.target}x; {self.candidate_seconds / mib:.1f} MiB vs "
            f"{self.baseline_seconds / mib:.1f} MiB above what stayed allocated: "
            f"{self.retained[1] / mib:.1f} and {self.retained[0] / mib:.1f} MiB, bounded caches)"
        )


def _in_flight(count: int) -> tuple[int, int]:
    """Peak traced memory above what stays allocated after the run, and what stays."""
    tracemalloc.start()
    try:
        _drain(verify_many(requests(count), workers=2, as_of=AS_OF))
        current, peak = tracemalloc.get_traced_memory()
        return peak - current, current
    finally:
        tracemalloc.stop()


def run() -> list[Result]:
    batch = list(requests(COUNT))
    plain_loop(list(requests(500, seed=1)))  # data tables and caches, outside the timing
    base = cand = float("inf")
    for _ in range(REPEATS):
        base = min(base, _best(lambda: plain_loop(batch)))
        cand = min(cand, _best(lambda: _drain(verify_many(batch, workers=2, as_of=AS_OF))))
    frame = pd.DataFrame(list(_generator().payee_rows(COUNT)))
    columns = _generator().COLUMNS
    frame_base = frame_cand = float("inf")
    for _ in range(REPEATS):
        frame_base = min(
            frame_base, _best(lambda: verify_frame(frame, columns=columns, as_of=AS_OF))
        )
        frame_cand = min(
            frame_cand,
            _best(lambda: verify_frame(frame, columns=columns, as_of=AS_OF, workers=2)),
        )
    few = batch[:1_000]
    few_base = few_cand = float("inf")
    for _ in range(REPEATS):
        few_base = min(few_base, _best(lambda: plain_loop(few)))
        few_cand = min(few_cand, _best(lambda: _drain(verify_many(few, workers=2, as_of=AS_OF))))
    with ProcessPoolExecutor(2, mp_context=_context()) as pool:
        halves = [pool.submit(_half, batch, parity) for parity in (0, 1)]
        parallel = max(half.result() for half in halves)
    results: list[Result] = [
        Result(
            f"verify_many(workers=2) of {COUNT:,} requests",
            "a plain loop over verify()",
            cand,
            base,
            target=1.6,
        ),
        Result(
            "verify_many(workers=2), 1,000 requests (checked in the calling process)",
            "a plain loop over verify()",
            few_cand,
            few_base,
            target=0.9,
        ),
        Result(
            f"verify_frame(workers=2) of {COUNT:,} rows",
            "verify_frame() in one process",
            frame_cand,
            frame_base,
            target=1.6,
        ),
        Result(
            "(calibration) two plain loops in two processes, half the requests each",
            "one plain loop",
            parallel,
            base,
            target=0.0,
        ),
    ]
    # What stays allocated after a run is the growth of the caches (bounded, a few thousand
    # entries each), not the streaming: compare what was held in flight above it.
    (small, kept_small), (large, kept_large) = _in_flight(SMALL), _in_flight(COUNT)
    results.append(
        MemoryResult(
            f"verify_many(workers=2) streaming {COUNT:,} requests from a generator",
            f"{SMALL:,} requests",
            float(large),
            float(small),
            target=1.5,
            kind="cost",
            retained=(kept_small, kept_large),
        )
    )
    return results


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    for result in run():
        print(result.line(), flush=True)
