"""The documentation stays true to the code.

* Generated pages (findings, models, data) are fresh: each generator in ``scripts/`` is imported
  and its ``render()`` compared with the page, so a stale page fails the suite.
* Every Python example (```` ```pycon ```` blocks) runs as a doctest, one session per page.
* Every command example (```` ```console ```` blocks, ``$ acctverify …``) runs in a shell and its
  output must match the page (the version and data-version stamps aside).
* Every value the prose quotes from an example (a score, a level, a finding code) is marked
  ``<!-- value: EXPRESSION -->VALUE`` and must be what the expression gives after the examples
  above it ran (scripts/refresh_doc_examples.py writes them).
* Hand-written tables of stable codes list every code with its meaning, as the code has it.
* ``mkdocs build --strict`` succeeds, when mkdocs-material is installed.
"""

from __future__ import annotations

import doctest
import importlib.util
import re
import shutil
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SCRIPTS = ROOT / "scripts"

GENERATORS = ("gen_findings_doc", "gen_models_doc", "gen_data_doc", "gen_typologies_doc")
GENERATED_PAGES = {"findings.md", "models.md", "data.md", "typologies.md"}
#: Not a page: notes for the maintainers of the docs (excluded from the site).
NOTES = "README.md"
WRITTEN_PAGES = sorted(
    path.name for path in DOCS.glob("*.md") if path.name not in {*GENERATED_PAGES, NOTES}
)
EXAMPLE_PAGES = [
    page for page in WRITTEN_PAGES if "```pycon" in (DOCS / page).read_text(encoding="utf-8")
]

_FENCE = re.compile(
    r"^(?P<indent>[ \t]*)```(?P<lang>[\w-]*)[^\n]*\n(?P<body>.*?)^(?P=indent)```[ \t]*$",
    re.M | re.S,
)
#: What a ```console example may run: the command itself, and showing an example file.
_COMMANDS = ("acctverify ", "NO_COLOR=1 acctverify ", "cat examples/", "echo ")
# Stamps that change with every release or data change: compared as placeholders.
_STAMPS = (
    (re.compile(r"acctverify \S+ · data [0-9a-f]{12}"), "acctverify VERSION · data DATA"),
    (re.compile(r"acctverify \S+ \(data [0-9a-f]{12}\)"), "acctverify VERSION (data DATA)"),
    (re.compile(r'"data_version": "[0-9a-f]{12}"'), '"data_version": "DATA"'),
    (re.compile(r'"version": "[^"]+"'), '"version": "VERSION"'),
)


def _load_script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"_docs_{name}", SCRIPTS / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _blocks(page: str, lang: str) -> list[tuple[int, str]]:
    """(line number, body) of the page's fenced blocks in *lang*, indented ones too."""
    text = (DOCS / page).read_text(encoding="utf-8")
    blocks = []
    for match in _FENCE.finditer(text):
        if match.group("lang") == lang:
            width = len(match.group("indent"))
            body = "\n".join(line[width:] for line in match.group("body").split("\n"))
            blocks.append((text.count("\n", 0, match.start("body")), body))
    return blocks


def _unstamp(text: str) -> str:
    for pattern, placeholder in _STAMPS:
        text = pattern.sub(placeholder, text)
    return text


# --- generated pages -------------------------------------------------------------------------


@pytest.mark.parametrize("name", GENERATORS)
def test_generated_page_is_fresh(name: str) -> None:
    module = _load_script(name)
    current = module.TARGET.read_text(encoding="utf-8") if module.TARGET.exists() else ""
    assert current == module.render(), f"{module.TARGET.name} is stale: run scripts/{name}.py"


def test_every_page_is_in_the_nav() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    listed = set(re.findall(r":\s*([\w-]+\.md)\s*$", config, re.M))
    assert listed == {path.name for path in DOCS.glob("*.md")} - {NOTES}


# --- examples --------------------------------------------------------------------------------


@pytest.mark.parametrize("page", EXAMPLE_PAGES)
def test_python_examples_run(page: str, monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = _blocks(page, "pycon")
    monkeypatch.chdir(ROOT)
    runner = doctest.DocTestRunner(
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False
    )
    parser = doctest.DocTestParser()
    globs: dict[str, object] = {"__name__": "__docs__"}  # one session per page
    output: list[str] = []
    for line, body in blocks:
        test = parser.get_doctest(body, globs, page, str(DOCS / page), line)
        runner.run(test, out=output.append, clear_globs=False)
        globs.update(test.globs)
    assert runner.failures == 0, "".join(output)


def _console_examples() -> list[tuple[str, str, str]]:
    examples = []
    for page in WRITTEN_PAGES:
        for _, block in _blocks(page, "console"):
            command: str | None = None
            expected: list[str] = []
            continued = False
            for line in [*block.splitlines(), "$ "]:
                if continued and command is not None:  # after a line ending with a backslash
                    command += "\n" + line
                elif line.startswith("$ "):
                    if command:
                        examples.append((page, command, "\n".join(expected)))
                    command, expected = line[2:].strip(), []
                else:
                    expected.append(line)
                continued = line.endswith("\\")
    return examples


_CONSOLE_EXAMPLES = _console_examples()


def _console_ids() -> list[str]:
    seen: dict[str, int] = {}
    ids = []
    for page, _, _ in _CONSOLE_EXAMPLES:
        seen[page] = seen.get(page, 0) + 1
        ids.append(f"{page}-{seen[page]}")
    return ids


@pytest.mark.skipif(shutil.which("bash") is None, reason="the command examples need bash")
@pytest.mark.parametrize(("page", "command", "expected"), _CONSOLE_EXAMPLES, ids=_console_ids())
def test_command_examples_run(page: str, command: str, expected: str) -> None:
    assert command.startswith(_COMMANDS), f"{page}: unexpected command in an example: {command}"
    # The same runner as scripts/refresh_doc_examples.py, which writes these outputs.
    actual = _load_script("refresh_doc_examples").run_command(command)
    assert _unstamp(actual) == _unstamp(expected.rstrip("\n")), f"{page}: $ {command}"


#: Pages whose prose quotes values of their examples.
VALUE_PAGES = [
    page for page in WRITTEN_PAGES if "<!-- value:" in (DOCS / page).read_text(encoding="utf-8")
]


def test_prose_values_are_marked() -> None:
    assert {"getting-started.md", "scoring.md"} <= set(VALUE_PAGES)


@pytest.mark.parametrize("page", VALUE_PAGES)
def test_prose_values_come_from_the_examples(page: str, monkeypatch: pytest.MonkeyPatch) -> None:
    text = (DOCS / page).read_text(encoding="utf-8")
    # At the start of a line, Markdown takes the comment for an HTML block and splits the paragraph.
    assert not re.search(r"^[ \t]*<!-- value:", text, re.M), f"{page}: a value marker starts a line"
    monkeypatch.chdir(ROOT)
    refresh = _load_script("refresh_doc_examples")
    stale = refresh.stale_values((DOCS / page).read_text(encoding="utf-8"))
    assert not stale, (
        "\n".join(
            f"{page}: <!-- value: {expression} --> says {written}, the example gives {actual}"
            for expression, written, actual in stale
        )
        + "\n(run scripts/refresh_doc_examples.py)"
    )


def test_a_stale_prose_value_is_found() -> None:
    refresh = _load_script("refresh_doc_examples")
    text = "```pycon\n>>> score = 2 + 2\n```\n\nThe score is <!-- value: score -->5, `x`.\n"
    assert refresh.stale_values(text) == [("score", "5", "4")]
    assert "<!-- value: score -->4, `x`." in refresh.refresh(text)


# --- hand-written code tables ----------------------------------------------------------------


#: (page, table): hand-written tables of stable codes, checked against the code.
CODE_TABLES = (
    ("identifiers.md", "uscc.ANOMALIES"),
    ("identifiers.md", "cnaps.ANOMALIES"),
    ("identifiers.md", "account.REASONS"),
    ("names.md", "names.REASONS"),
    ("names.md", "names.SPOOF_KINDS"),
    ("directory.md", "directory.REASONS"),
)


def _code_table(name: str) -> dict[str, tuple[str, str]]:
    from acctverify import directory, names
    from acctverify.cn import account, cnaps, uscc

    modules = {"uscc": uscc, "cnaps": cnaps, "account": account, "names": names}
    module_name, attribute = name.split(".")
    module = modules.get(module_name, directory)
    table: dict[str, tuple[str, str]] = getattr(module, attribute)
    return table


def _table_after(page: str, marker: str) -> dict[str, str]:
    """The rows (by first-cell code) of the first table right after a line holding *marker*."""
    lines = (DOCS / page).read_text(encoding="utf-8").splitlines()
    for index, line in enumerate(lines):
        if marker not in line:
            continue
        rest = list(lines[index + 1 :])
        while rest and not rest[0].strip():
            rest.pop(0)
        rows: dict[str, str] = {}
        for row in rest:
            if not row.startswith("|"):
                break
            if row.startswith("| `"):
                rows[row.split("|")[1].strip().strip("`")] = row
        if rows:
            return rows
    return {}


@pytest.mark.parametrize(("page", "name"), CODE_TABLES)
def test_code_tables_are_complete(page: str, name: str) -> None:
    table = _code_table(name)
    rows = _table_after(page, f"{name}`")
    assert rows, f"{page}: no table of {name} (a line naming `{name}`, then the table)"
    for code, (zh, en) in table.items():
        assert code in rows, f"{page}: {name} code {code!r} is not documented"
        assert zh.replace("|", "\\|") in rows[code], f"{page}: {code}: Chinese text differs"
        assert en.replace("|", "\\|") in rows[code], f"{page}: {code}: English text differs"
    assert set(rows) <= set(table), (
        f"{page}: {name}: codes the code does not have: {set(rows) - set(table)}"
    )


def test_phrase_families_and_hit_kinds_are_documented() -> None:
    from acctverify.models.text import HitKind
    from acctverify.text import RULES, phrase_families

    page = (DOCS / "messages.md").read_text(encoding="utf-8")
    rows = {
        line.split("|")[1].strip(): line for line in page.splitlines() if line.startswith("| `")
    }
    for code, family in phrase_families().items():
        row = rows.get(f"`{code}`", "")
        assert row, f"messages.md: phrase family {code!r} is not documented"
        assert family.en in row, f"messages.md: the description of {code!r} differs from the data"
        for source in family.sources:
            assert f"]({source})" in row, f"messages.md: {code!r} does not cite {source}"
    for kind in HitKind:
        assert f"| `{kind.value}` |" in page, f"messages.md: hit kind {kind.value!r} is missing"
    for rule, meaning in RULES.items():
        cell = meaning.replace("|", "\\|")
        assert f"| `{rule}` | {cell} |" in page, f"messages.md: rule {rule!r} is not documented"


def test_every_check_flag_is_documented() -> None:
    import argparse

    from acctverify import cli

    commands = next(
        action
        for action in cli._parser()._actions
        if isinstance(action, argparse._SubParsersAction)
    )
    page = (DOCS / "getting-started.md").read_text(encoding="utf-8")
    for action in commands.choices["check"]._actions:
        for option in action.option_strings:
            if option not in ("-h", "--help"):
                assert f"`{option}" in page, f"getting-started.md: flag {option} is not documented"
