"""The command line shared by the page generators (gen_*_doc.py): write the page, or check it."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path


def run(argv: list[str], *, target: Path, render: Callable[[], str], doc: str | None) -> int:
    """Write ``render()`` to *target*, or with ``--check`` exit 1 when *target* differs."""
    parser = argparse.ArgumentParser(description=doc)
    parser.add_argument("--check", action="store_true", help="fail when the page is stale")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != text:
            script = Path(sys.argv[0]).name
            print(f"{target} is stale: run python scripts/{script}", file=sys.stderr)
            return 1
        return 0
    target.parent.mkdir(exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return 0
