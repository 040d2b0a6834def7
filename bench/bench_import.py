"""`import acctverify` against `import pydantic` alone, in fresh interpreters (target <= 1.5x).

Import time can only be measured in a new process; both are measured the same way, interleaved,
best of several runs.
"""

from __future__ import annotations

import subprocess
import sys

from _harness import Result

_PROBE = "import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"


def _import_seconds(module: str) -> float:
    out = subprocess.run(
        [sys.executable, "-c", _PROBE.format(module=module)],
        check=True,
        capture_output=True,
        text=True,
    )
    return float(out.stdout)


def run(repeats: int = 15) -> list[Result]:
    ours = base = float("inf")
    for _ in range(repeats):
        ours = min(ours, _import_seconds("acctverify"))
        base = min(base, _import_seconds("pydantic"))
    return [Result("import acctverify", "import pydantic", ours, base, 1.5, kind="cost")]


if __name__ == "__main__":
    for result in run():
        print(result.line())
