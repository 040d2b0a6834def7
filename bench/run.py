"""Run every benchmark, print one line per target, exit 1 when a target is missed.

python bench/run.py            # all
python bench/run.py import     # only the benchmarks whose module name contains "import"
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

BENCHMARKS = ["bench_identifiers", "bench_import"]


def main(argv: list[str]) -> int:
    selected = [name for name in BENCHMARKS if not argv or any(a in name for a in argv)]
    missed = 0
    for name in selected:
        for result in importlib.import_module(name).run():
            print(result.line(), flush=True)
            missed += not result.ok
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
