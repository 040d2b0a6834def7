"""The README's Python examples run, and the values its comments state are what they print."""

from __future__ import annotations

import ast
import contextlib
import io
import re
from pathlib import Path
from typing import Any

import acctverify as av

README = Path(__file__).resolve().parent.parent / "README.md"
_BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)
#: ``expression   # stated value``: a Python literal, or an enum member such as Level.CRITICAL.
_STATED = re.compile(r"^(?P<expr>\S[^#]*?)\s+#\s*(?P<value>.+)$")
_MEMBER = re.compile(r"[A-Z]\w*\.[A-Z_]+")


def _blocks() -> list[str]:
    return _BLOCK.findall(README.read_text(encoding="utf-8"))


def _stated(line: str, namespace: dict[str, Any]) -> tuple[str, Any] | None:
    match = _STATED.match(line)
    if match is None:
        return None
    value = match["value"].strip()
    try:
        return match["expr"], ast.literal_eval(value)
    except (ValueError, SyntaxError):
        pass
    if _MEMBER.fullmatch(value):
        return match["expr"], eval(value, namespace)
    return None


def test_the_readme_has_python_examples() -> None:
    assert len(_blocks()) >= 2


def test_readme_examples_run_and_state_what_they_print() -> None:
    checked = 0
    for block in _blocks():
        namespace: dict[str, Any] = {"av": av, "Level": av.Level}
        lines = block.splitlines()
        statements: list[str] = []
        for line in lines:
            statements.append(line)
            stated = _stated(line, namespace) if not line.startswith((" ", "\t")) else None
            if stated is None:
                continue
            # run what comes before the line, then evaluate the line's expression
            with contextlib.redirect_stdout(io.StringIO()):
                exec("\n".join(statements[:-1]), namespace)
            statements = []
            expression, expected = stated
            got = eval(expression, namespace)
            assert got == expected, f"README says {expression} is {expected!r}, it is {got!r}"
            checked += 1
        with contextlib.redirect_stdout(io.StringIO()):
            exec("\n".join(statements), namespace)
    assert checked >= 2
