"""Re-run the examples of the hand-written docs pages and paste their real output.

Both kinds of examples are refreshed: ``console`` blocks (``$ command`` and its output) and
``pycon`` blocks (doctest sessions, one session per page, as tests/test_docs.py runs them).

So are the values that the prose quotes from an example. A value is marked with a comment that
holds a Python expression, right before the value (a number, a word or a code span)::

    the level stays <!-- value: report.level.value -->`high`

The expression is evaluated in the page's doctest session at that point of the page (after the
examples above it ran), with ``console`` bound to the output of the last command example above it
and ``re`` imported; its ``str()`` replaces the value, in backticks when the value had them.

    python scripts/refresh_doc_examples.py            # rewrite docs/*.md in place
    python scripts/refresh_doc_examples.py --check    # exit 1 when an output is out of date

tests/test_docs.py runs the same commands and fails when a page shows an output that the code no
longer produces; this script is how a maintainer brings the pages up to date after a deliberate
change (run it, then read the diff).
"""

from __future__ import annotations

import argparse
import doctest
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
_FENCE = re.compile(
    r"^(?P<indent>[ \t]*)```(?P<lang>[\w-]+)[^\n]*\n(?P<body>.*?)^(?P=indent)```[ \t]*$",
    re.MULTILINE | re.DOTALL,
)
#: A value quoted in the prose: ``<!-- value: EXPRESSION -->VALUE``, VALUE a code span or a word.
VALUE = re.compile(r"<!-- value: (?P<expr>.+?) -->(?P<value>`[^`\n]*`|[\w.+-]*\w)")


def run_command(command: str) -> str:
    """Run a console example from the repository root, as a reader would; return its output."""
    scripts = Path(sys.executable).parent  # where the acctverify command is installed
    env = {**os.environ, "PATH": f"{scripts}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("NO_COLOR", None)
    result = subprocess.run(
        ["bash", "-c", command],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    return result.stdout.rstrip("\n")


def _refresh_block(body: str) -> str:
    """Run each ``$ command`` of a console block and put its output under it. A command line
    that ends with a backslash continues on the next line (as in a shell)."""
    lines: list[str] = []
    command: list[str] = []
    for line in body.split("\n"):
        if command:
            command.append(line)
        elif line.startswith("$ "):
            command = [line]
        elif not lines:
            lines.append(line)  # text before the first command (none in practice)
            continue
        else:
            continue  # the old output
        if not line.endswith("\\"):
            lines.extend(command)
            lines.extend(run_command("\n".join(command)[2:].strip()).split("\n"))
            command = []
    lines.extend(command)
    return "\n".join(lines)


class _Recorder(doctest.DocTestRunner):
    """A doctest runner that remembers what each failing example really printed."""

    def __init__(self) -> None:
        super().__init__(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
        self.got: dict[int, str] = {}

    def report_failure(self, *args: object) -> None:  # (out, test, example, got)
        _out, _test, example, got = args
        assert isinstance(got, str)
        self.got[id(example)] = got


def _refresh_pycon(body: str, session: dict[str, object]) -> str:
    test = doctest.DocTestParser().get_doctest(body, session, "docs", None, 0)
    runner = _Recorder()
    runner.run(test, out=lambda _text: None, clear_globs=False)
    session.update(test.globs)
    lines = body.split("\n")
    for example in reversed(test.examples):
        got = runner.got.get(id(example))
        if got is None:
            continue
        start = example.lineno + example.source.count("\n")
        end = start + example.want.count("\n")
        pad = " " * example.indent
        lines[start:end] = [pad + line if line else line for line in got.rstrip("\n").split("\n")]
    return "\n".join(lines)


def refresh(text: str) -> str:
    """Return *text* with every example's output, and every value quoted from one, made real."""
    return _run(text, [])


def stale_values(text: str) -> list[tuple[str, str, str]]:
    """(expression, value in *text*, real value) of each quoted value that is out of date."""
    stale: list[tuple[str, str, str]] = []
    _run(text, stale)
    return stale


def _run(text: str, stale: list[tuple[str, str, str]]) -> str:
    session: dict[str, object] = {"__name__": "__docs__"}
    console = [""]  # the output of the last command example

    def refresh_block(match: re.Match[str]) -> str:
        lang = match.group("lang")
        if lang not in ("console", "pycon"):
            return match.group(0)
        indent = match.group("indent")
        raw = match.group("body").rstrip("\n").split("\n")
        body = "\n".join(line[len(indent) :] for line in raw)
        if lang == "console":
            fresh = _refresh_block(body)
            console[0] = "\n".join(line for line in fresh.split("\n") if not line.startswith("$ "))
        else:
            fresh = _refresh_pycon(body, session)
        opening = match.group(0).split("\n", 1)[0]
        lines = [opening, *(indent + line if line else line for line in fresh.split("\n"))]
        return "\n".join(lines) + f"\n{indent}```"

    def refresh_value(match: re.Match[str]) -> str:
        expression, written = match.group("expr"), match.group("value")
        value = str(eval(expression, {**session, "console": console[0], "re": re}))
        actual = f"`{value}`" if written.startswith("`") else value
        if actual != written:
            stale.append((expression, written, actual))
        return f"<!-- value: {expression} -->{actual}"

    parts: list[str] = []
    position = 0
    for match in _FENCE.finditer(text):
        parts.append(VALUE.sub(refresh_value, text[position : match.start()]))
        parts.append(refresh_block(match))
        position = match.end()
    parts.append(VALUE.sub(refresh_value, text[position:]))
    return "".join(parts)


def main(argv: list[str]) -> int:
    os.chdir(ROOT)  # the examples read files relative to the repository
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail when an output is stale")
    args = parser.parse_args(argv)
    stale = []
    for page in sorted(DOCS.glob("*.md")):
        text = page.read_text(encoding="utf-8")
        if "```console" not in text and "```pycon" not in text and "<!-- value:" not in text:
            continue
        fresh = refresh(text)
        if fresh != text:
            stale.append(page.name)
            if not args.check:
                page.write_text(fresh, encoding="utf-8")
    if stale:
        print(("stale: " if args.check else "refreshed: ") + ", ".join(stale), file=sys.stderr)
    return 1 if stale and args.check else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
