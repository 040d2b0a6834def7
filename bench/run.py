"""Run every benchmark, print one line per target, exit 1 when a target is missed.

    python bench/run.py            # all
    python bench/run.py import     # only the benchmarks whose module name contains "import"

A target that is known to be missed is listed in KNOWN_MISSES with the reason and the issue that
tracks it: it is printed as a miss, loudly, but does not fail the run, so that CI still catches
every *new* regression. When a known miss starts passing, the run says so.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

BENCHMARKS = [
    "bench_batch",
    "bench_identifiers",
    "bench_import",
    "bench_licence_image",
    "bench_risklist",
    "bench_text",
    "bench_verify",
]

#: Result-name prefix -> why the target is not met yet.
KNOWN_MISSES: dict[str, str] = {
    "verify_many(workers=2) of ": "issue 15: moving a report between processes costs about a "
    "third of making it; measured 1.64x on an idle 2-CPU machine (where two independent loops "
    "reach 1.78x), 1.3-1.45x on a shared one: listed until it holds with a margin (verify_frame, "
    "which moves six values per row, meets it)",
    "text.scan (": "issue 15: scan finds nine kinds of hits in Python: about 5 us/message "
    "normalising, 6 us in RE2 calls (one per candidate, ~0.5 us each), 20 us turning candidates "
    "into hits, 8 us building TextHits (3 us of it pydantic); measured 1.2-1.8x against the "
    "matcher (bench_text.py --stages), target 10x (issue 15: 5x): needs a compiled scanner core",
    "verify() of a realistic request": "issue 15: of verify()'s time (cProfile shares), about "
    "40% is the message-risk stage (cue automaton, negation, n-gram features, typology "
    "combinations, pydantic CueHits), 16% the scan, 14% the rules, 16% scoring, on pydantic "
    "models; measured 0.23x (0.5x before the message-risk stage), target 1.0x",
    "real photos: printed code exact": "issue 17: 37 of 41 legible codes; the four misses are "
    "a code OCR cuts short (val_0268), a digit dropped (val_0299), a 13-digit number OCR does "
    "not see (val_0390) and a misread that passes the check digit (val_0573): no correction "
    "can be certain of them, so none is made; target 95%",
}


def _known(name: str) -> str | None:
    return next((why for prefix, why in KNOWN_MISSES.items() if name.startswith(prefix)), None)


def main(argv: list[str]) -> int:
    selected = [name for name in BENCHMARKS if not argv or any(a in name for a in argv)]
    missed = 0
    for name in selected:
        for result in importlib.import_module(name).run():
            line = result.line()
            why = _known(result.name)
            if why and not result.ok:
                line = line.replace("MISS", "KNOWN MISS", 1) + f"\n     ({why})"
            elif why:
                line += "\n     (listed as a known miss: remove it from KNOWN_MISSES)"
            else:
                missed += not result.ok
            print(line, flush=True)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
