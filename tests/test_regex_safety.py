"""Every regular expression the package uses runs in linear time: it compiles under RE2.

Python's ``re`` backtracks; RE2 guarantees linear time and rejects the constructs that can
backtrack catastrophically (lookaround, backreferences). So a pattern that compiles under RE2 is
safe to run on hostile text with either engine (scam-signals.md §4).
"""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

import acctverify

re2 = pytest.importorskip("re2")


def _modules() -> list[str]:
    names = ["acctverify"]
    for info in pkgutil.walk_packages(acctverify.__path__, "acctverify."):
        if not info.name.endswith("__main__"):  # running it would run the command line
            names.append(info.name)
    return names


def _patterns() -> dict[str, re.Pattern[str]]:
    found: dict[str, re.Pattern[str]] = {}
    for name in _modules():
        try:
            module = importlib.import_module(name)
        except ImportError:  # an optional extra that is not installed
            continue
        for attribute, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found[f"{name}.{attribute}"] = value
    from acctverify.text import _scan

    for name, pattern in _scan.all_patterns().items():
        source = getattr(pattern, "source", None) or getattr(pattern, "pattern", None)
        if isinstance(source, str):
            found[f"text:{name}"] = re.compile(source)
    return found


PATTERNS = _patterns()


def test_patterns_were_found() -> None:
    assert len(PATTERNS) > 10
    assert any(name.startswith("text:") for name in PATTERNS)


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_compiles_under_re2(name: str) -> None:
    pattern = PATTERNS[name]
    options = re2.Options()
    options.case_sensitive = not pattern.flags & re.IGNORECASE
    options.dot_nl = bool(pattern.flags & re.DOTALL)
    re2.compile(pattern.pattern, options)
