"""Coverage-guided fuzzing of acctverify with atheris.

    pip install -e ".[fuzz]"
    python fuzz/fuzz.py verify -atheris_runs=20000            # a short run (CI does this)
    python fuzz/fuzz.py scan -max_total_time=3600 corpus/scan  # a long run, keeping a corpus

Targets: identifiers, names, scan, verify (fuzz/_targets.py). A crash writes the input to
``crash-<hash>``; reproduce it with ``python fuzz/fuzz.py <target> crash-<hash>``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))

with atheris.instrument_imports():
    from _targets import TARGETS


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
        sys.exit(f"usage: fuzz.py {{{'|'.join(TARGETS)}}} [libFuzzer options]")
    target = TARGETS[sys.argv[1]]
    atheris.Setup([sys.argv[0], *sys.argv[2:]], target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
