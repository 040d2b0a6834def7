"""SQLite risk lists at a million rows: lookups stay fast, importing stays flat in memory.

* Lookup cost: 5,000 lookups (half listed, half not; accounts, phones and domains) in a list of
  1,000,000 rows against the same in a list of 10,000 rows, same process, best of several
  repeats. An indexed table makes a lookup a B-tree search, so the cost may grow with the tree's
  depth only: target <= 2x.
* Import memory: peak resident memory of a fresh process importing 1,000,000 rows against one
  importing 100,000 (import_csv streams the CSV in batches inside one transaction; SQLite's page
  cache is bounded): target <= 1.25x.

    python bench/bench_risklist.py            # both (about a minute: it writes ~60 MB of CSV)
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from _harness import Result, best_time

from acctverify.sources import SqliteRiskList, import_csv

BIG = 1_000_000
SMALL = 10_000
MEMORY_BASELINE = 100_000
LOOKUPS = 5_000


def write_list(path: Path, rows: int, *, seed: int = 20261129) -> list[tuple[str, str]]:
    """Write a CSV list of *rows* entries (80% accounts, 15% phones, 5% domains); return a sample
    of listed (kind, value) pairs for the lookups."""
    rng = random.Random(seed)
    sample: list[tuple[str, str]] = []
    step = max(1, rows // (LOOKUPS // 2))
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("kind,value,note,source\n")
        for i in range(rows):
            draw = rng.random()
            if draw < 0.80:
                kind, value = "account", str(6_200_000_000_000_000_000 + rng.randrange(10**17))
            elif draw < 0.95:
                kind, value = "phone", f"1{rng.randrange(30, 99)}{rng.randrange(10**8):08d}"
            else:
                kind, value = "domain", f"pay{i}.scam-{rng.randrange(10**6)}.example"
            handle.write(f"{kind},{value},listed {i},case {i}\n")
            if i % step == 0 and len(sample) < LOOKUPS // 2:
                sample.append((kind, value))
    return sample


def queries(sample: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Half listed identifiers, half identifiers that are not listed."""
    rng = random.Random(7)
    missing = [("account", str(6_100_000_000_000_000_000 + rng.randrange(10**17))) for _ in sample]
    mixed = sample + missing
    rng.shuffle(mixed)
    return mixed


def lookup_cost(workdir: Path) -> Result:
    databases = {}
    samples = {}
    for rows in (SMALL, BIG):
        csv_path = workdir / f"list-{rows}.csv"
        samples[rows] = write_list(csv_path, rows)
        databases[rows] = workdir / f"list-{rows}.sqlite"
        started = time.perf_counter()
        import_csv(csv_path, databases[rows])
        print(f"     imported {rows:,} rows in {time.perf_counter() - started:.1f} s", flush=True)
        csv_path.unlink()
    small, big = SqliteRiskList(databases[SMALL]), SqliteRiskList(databases[BIG])
    small_queries, big_queries = queries(samples[SMALL]), queries(samples[BIG])
    # The same number of lookups on each list, half of them hits on each.
    count = min(len(small_queries), len(big_queries))
    small_queries, big_queries = small_queries[:count], big_queries[:count]

    def on(risk: SqliteRiskList, items: list[tuple[str, str]]) -> int:
        return sum(len(risk.lookup(kind, value)) for kind, value in items)

    for risk, items in ((small, small_queries), (big, big_queries)):
        assert on(risk, items) >= count // 2, "the listed identifiers must be found"
    big_time = small_time = float("inf")
    for _ in range(7):
        big_time = min(big_time, best_time(lambda: on(big, big_queries), 1))
        small_time = min(small_time, best_time(lambda: on(small, small_queries), 1))
    small.close()
    big.close()
    return Result(
        f"SqliteRiskList lookup at {BIG:,} rows ({count} lookups, "
        f"{big_time / count * 1e6:.0f} us each)",
        f"the same at {SMALL:,} rows",
        big_time,
        small_time,
        target=2.0,
        kind="cost",
    )


_CHILD = """
import resource, sys
from acctverify.sources import import_csv
import_csv(sys.argv[1], sys.argv[2], batch_size=10_000)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def peak_rss_kb(csv_path: Path, db_path: Path) -> int:
    """Peak resident memory (KB on Linux) of a fresh process importing *csv_path*."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src")}
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(csv_path), str(db_path)],
        capture_output=True, text=True, check=True, env=env,
    )  # fmt: skip
    return int(done.stdout.split()[-1])


@dataclass
class MemoryResult(Result):
    """A cost ratio of peak memory (the seconds fields hold kilobytes)."""

    def line(self) -> str:
        status = "ok  " if self.ok else "MISS"
        return (
            f"{status} {self.name}: {self.ratio:.2f}x the peak memory of {self.baseline} "
            f"(target <= {self.target}x; {self.candidate_seconds / 1024:.0f} MB against "
            f"{self.baseline_seconds / 1024:.0f} MB)"
        )


def import_memory(workdir: Path) -> Result:
    peaks = {}
    for rows in (MEMORY_BASELINE, BIG):
        csv_path = workdir / f"memory-{rows}.csv"
        write_list(csv_path, rows, seed=rows)
        peaks[rows] = peak_rss_kb(csv_path, workdir / f"memory-{rows}.sqlite")
        csv_path.unlink()
    return MemoryResult(
        f"import_csv of {BIG:,} rows",
        f"importing {MEMORY_BASELINE:,} rows",
        peaks[BIG],
        peaks[MEMORY_BASELINE],
        target=1.25,
        kind="cost",
    )


def run() -> list[Result]:
    if sys.platform == "win32":  # pragma: no cover - resource is POSIX only
        return []
    with tempfile.TemporaryDirectory(prefix="acctverify-bench-") as tmp:
        workdir = Path(tmp)
        return [lookup_cost(workdir), import_memory(workdir)]


if __name__ == "__main__":
    for result in run():
        print(result.line())
