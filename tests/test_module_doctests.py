"""The examples in the package's docstrings, run from the *installed* package.

The doctests are found by importing ``acctverify`` (not by collecting ``src/``), so the suite runs
the same against an editable install and against a built wheel (a distribution's packagers test
the installed copy: collecting ``src/`` next to an installed wheel is an "import file mismatch").
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil
from pathlib import Path
from types import ModuleType

import pytest

import acctverify

DATA = Path(__file__).parent / "data"
#: Every module but ``acctverify.__main__`` (importing it runs the command line).
MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(acctverify.__path__, prefix="acctverify.")
    if info.name != "acctverify.__main__"
)
OPTIONS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def _module(name: str) -> ModuleType:
    try:
        return importlib.import_module(name)
    except ImportError as exc:  # an optional extra (dask …) that is not installed
        pytest.skip(f"{name}: {exc}")


def test_the_package_is_walked() -> None:
    assert "acctverify.text._risk" in MODULES
    assert "acctverify.cn.uscc" in MODULES
    examples = sum(
        len(test.examples)
        for name in ("acctverify.cn.uscc", "acctverify.text")
        for test in doctest.DocTestFinder().find(importlib.import_module(name), name)
    )
    assert examples >= 5


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = _module(name)
    tests = doctest.DocTestFinder().find(module, name, extraglobs={"DATA": DATA})
    runner = doctest.DocTestRunner(optionflags=OPTIONS, verbose=False)
    output: list[str] = []
    for test in tests:
        runner.run(test, out=output.append)
    assert runner.failures == 0, "".join(output)
