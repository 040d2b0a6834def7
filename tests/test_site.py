"""The built site works for a Chinese-speaking reader, and calls no one.

The site is built once (``mkdocs build --strict``) into a temporary folder; the tests read the
built pages, the search index and the stylesheet. The module is skipped when mkdocs-material is not
installed (``pip install -e ".[docs]"``; the ``test`` extra installs it too, so CI runs these).

* Search finds Chinese words and parts of finding codes (an emulation of the browser's search,
  described in :func:`search_terms` and :func:`entry_matches`).
* Chinese paragraphs have no space where the Markdown source had a line break.
* The Chinese page says ``<html lang="zh-CN">``; wholly Chinese passages of English pages say
  ``lang="zh-CN"`` too.
* Links, code links and the header text have a contrast of at least 4.5:1 (WCAG AA), light and dark.
* No page loads a font, a script or a stylesheet from another host, nor asks api.github.com.
* Code blocks fit the column: no line longer than 100 characters, command output aside.
"""

from __future__ import annotations

import html
import importlib.util
import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from _helpers import contrast as wcag_contrast
from _helpers import rgb

pytest.importorskip("mkdocs", reason="mkdocs-material is not installed (pip install -e '.[docs]')")
pytest.importorskip(
    "material", reason="mkdocs-material is not installed (pip install -e '.[docs]')"
)

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
CSS = DOCS / "stylesheets" / "extra.css"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built once for the module."""
    site_dir = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return site_dir


def test_the_site_builds_strictly(site: Path) -> None:
    """``mkdocs build --strict`` (the fixture fails on any warning) makes every page of the nav."""
    assert (site / "index.html").is_file()
    assert (site / "zh" / "index.html").is_file()
    assert (site / "findings" / "index.html").is_file()


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def _article(page: Path) -> str:
    """The page's content (the <article>), without the theme around it."""
    text = page.read_text(encoding="utf-8")
    start = text.index("<article")
    return text[start : text.index("</article>", start)]


# --- search ------------------------------------------------------------------------------------

_HAN_RUN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_TAG = re.compile(r"<[^>]*>")


def _index(site: Path) -> tuple[list[dict[str, str]], re.Pattern[str]]:
    """The search index's entries and the separator it was built with."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs, config = index["docs"], index["config"]
    assert isinstance(docs, list)
    assert isinstance(config, dict)
    return docs, re.compile(config["separator"])


def _tokens(text: str, separator: re.Pattern[str]) -> list[str]:
    """Tokenise an index field as Material's search worker does: tags apart, then the separator."""
    return [
        token.lower()
        for piece in _TAG.split(text)
        for token in separator.split(html.unescape(piece))
        if token
    ]


def _segment(run: str, terms: set[str]) -> set[str]:
    """Material's query segmentation of a run of Han characters (``fe`` in its search worker).

    The browser has no jieba: it cuts the query into words that the index holds, scanning for the
    longest index term at each position (a term never takes the run's last character, as in the
    original). When no term starts the run, the whole run is one term.
    """
    longest = [0] * len(run)
    for start in range(len(run)):
        for end in range(start + 1, len(run)):
            if run[start:end] in terms:
                longest[start] = end - start
    found: set[str] = set()
    stack = [0]
    while stack:
        start = stack.pop()
        for length in range(1, longest[start]):
            if longest[start + length] > longest[start] - length:
                found.add(run[start : start + length])
                stack.append(start + length)
        end = start + longest[start]
        if end < len(run) - 1 and longest[end]:
            stack.append(end)
        found.add(run[start:end])
    return {run} if "" in found else found


def search_terms(query: str, terms: set[str], separator: re.Pattern[str]) -> list[str]:
    """The terms the browser searches for when a reader types *query*.

    As Material's search worker does: each run of Han characters is cut into words of the index
    (:func:`_segment`), the query is split at white space and at the search separator, and every
    term gets a trailing wildcard (so a term matches every index token it begins).
    """
    query = _HAN_RUN.sub(lambda match: " ".join(sorted(_segment(match.group(), terms))), query)
    return [
        term.lower() for word in query.split() for term in separator.split(word) if term.strip()
    ]


def entry_matches(entry: dict[str, str], terms: list[str], separator: re.Pattern[str]) -> bool:
    """Whether a section of the index is found by *terms*: each term begins one of its tokens.

    lunr finds a section that has *any* of the terms; requiring all of them is stricter, so a
    section that passes here is found in the browser, and ranks with every term matched.
    """
    tokens = _tokens(entry.get("title", ""), separator) + _tokens(entry["text"], separator)
    return all(any(token.startswith(term) for token in tokens) for term in terms)


def _plain(entry: dict[str, str]) -> str:
    text = entry.get("title", "") + " " + entry["text"]
    return html.unescape(_TAG.sub(" ", text)).replace("\u200b", "")


#: Queries a Chinese-speaking reader types; every section that contains one must be found.
CHINESE_QUERIES = ("协商还款", "对公账户", "收款户名", "债权人", "营业执照", "停息挂账")


@pytest.mark.parametrize("query", CHINESE_QUERIES)
def test_search_finds_every_section_with_a_chinese_word(site: Path, query: str) -> None:
    if importlib.util.find_spec("jieba") is None:
        pytest.skip("the search index segments Chinese only with jieba (pip install jieba)")
    docs, separator = _index(site)
    vocabulary = {token for entry in docs for token in _tokens(entry["text"], separator)}
    vocabulary |= {token for entry in docs for token in _tokens(entry["title"], separator)}
    terms = search_terms(query, vocabulary, separator)
    holding = [entry for entry in docs if query in _plain(entry)]
    assert holding, f"no page contains {query!r}: pick another query"
    missed = sorted(
        {entry["location"] for entry in holding if not entry_matches(entry, terms, separator)}
    )
    assert not missed, f"searching {query!r} (terms {terms}) misses {missed}"
    pages = {entry["location"].split("#")[0] for entry in holding}
    assert len(pages) >= 2 or query in ("停息挂账",), pages


def test_search_finds_a_finding_code_by_its_last_part(site: Path) -> None:
    docs, separator = _index(site)
    terms = search_terms("not_creditor", set(), separator)
    assert terms == ["not_creditor"]
    found = {
        entry["location"].split("#")[0] for entry in docs if entry_matches(entry, terms, separator)
    }
    assert "findings/" in found


def test_search_emulation_splits_codes_and_chinese() -> None:
    separator = re.compile(r"[\s\u200b\-]+|\.(?!\d)")
    assert _tokens("<code>payee.not_creditor</code> 对公\u200b账户", separator) == [
        "payee",
        "not_creditor",
        "对公",
        "账户",
    ]
    assert search_terms("协商还款", {"协商", "还款"}, separator) == ["协商"]
    assert search_terms("对公账户", {"对公", "账户"}, separator) == ["对公"]
    assert search_terms("账户", set(), separator) == ["账户"]


# --- Chinese text ------------------------------------------------------------------------------

_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
_CJK_LINE_BREAK = re.compile(f"[{_CJK}\u201c\u201d][ \t]*\n[ \t]*[{_CJK}\u201c\u201d]")
_CODE_BLOCK = re.compile(r"<(pre|code)\b.*?</\1>", re.S)


def test_chinese_paragraphs_have_no_spaces_from_line_breaks(site: Path) -> None:
    source = (DOCS / "zh.md").read_text(encoding="utf-8")
    assert _CJK_LINE_BREAK.search(source), "zh.md no longer wraps its lines: test something else"
    for page in _pages(site):
        prose = _CODE_BLOCK.sub("", _article(page))
        match = _CJK_LINE_BREAK.search(prose)
        assert match is None, f"{page.relative_to(site)}: {match.group()!r} renders with a space"


def test_the_chinese_page_is_tagged_chinese(site: Path) -> None:
    zh = (site / "zh" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN"' in zh
    assert '<html lang="en"' in (site / "index.html").read_text(encoding="utf-8")


def _chinese_paragraphs(article: str) -> list[tuple[str, str]]:
    """(attributes, text) of the paragraphs that are Chinese: mostly Han, a few Latin letters."""
    found = []
    for attributes, content in re.findall(r"<p\b([^>]*)>(.*?)</p>", article, re.S):
        text = _TAG.sub("", content)
        han = len(_HAN_RUN.findall(text)) and sum(map(len, _HAN_RUN.findall(text)))
        if han >= 10 and len(re.findall("[A-Za-z]", text)) * 3 < han:
            found.append((attributes, text))
    return found


def test_chinese_passages_of_english_pages_are_tagged(site: Path) -> None:
    tagged = 0
    for page in _pages(site):
        if page.parent.name in ("zh", "404.html"):
            continue
        for attributes, text in _chinese_paragraphs(_article(page)):
            assert 'lang="zh-CN"' in attributes, f"{page.relative_to(site)}: untagged: {text}"
            tagged += 1
    assert tagged >= 20  # the typologies' descriptions and examples


# --- colours -----------------------------------------------------------------------------------


def _variables(scheme: str) -> dict[str, str]:
    """The colour variables extra.css sets for a scheme (``default`` or ``slate``)."""
    css = CSS.read_text(encoding="utf-8")
    block = re.search(rf'\[data-md-color-scheme="{scheme}"\]\s*\{{(.*?)\}}', css, re.S)
    assert block, f"extra.css sets no colours for the {scheme} scheme"
    return dict(re.findall(r"(--md-[\w-]+):\s*(#[0-9a-fA-F]{6,8})\s*;", block.group(1)))


def contrast(foreground: str, background: str) -> float:
    """The WCAG 2 contrast ratio of two opaque colours (#rrggbb)."""
    return wcag_contrast(rgb(foreground), rgb(background))


#: (what, foreground variable, background variable): every pair must reach 4.5:1.
PAIRS = (
    ("link", "--md-typeset-a-color", "--md-default-bg-color"),
    ("code link", "--md-typeset-a-color", "--md-code-bg-color"),
    ("hovered link", "--md-accent-fg-color", "--md-default-bg-color"),
    ("hovered code link", "--md-accent-fg-color", "--md-code-bg-color"),
    ("header text", "--md-primary-bg-color", "--md-primary-fg-color"),
)


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize(("what", "foreground", "background"), PAIRS)
def test_colours_pass_wcag_aa(scheme: str, what: str, foreground: str, background: str) -> None:
    colours = _variables(scheme)
    ratio = contrast(colours[foreground][:7], colours[background][:7])
    assert ratio >= 4.5, (
        f"{scheme}: {what} {colours[foreground]} on {colours[background]}: {ratio:.2f}"
    )


def test_contrast_formula() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#ef5552", "#ffffff") == pytest.approx(3.45, abs=0.01)  # Material's red


def test_the_palette_is_the_custom_one() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.findall(r"^\s+primary: (\S+)", config, re.M) == ["custom", "custom"]
    assert "stylesheets/extra.css" in config


# --- outside calls -----------------------------------------------------------------------------

_OUTSIDE = re.compile(r"fonts\.googleapis\.com|fonts\.gstatic\.com|api\.github\.com")
_LOADS = re.compile(r"<(?:script|link)\b[^>]*?\b(?:src|href)=\"([^\"]+)\"[^>]*>")


def test_no_page_calls_another_host(site: Path) -> None:
    """No web fonts, no GitHub star count, no script or stylesheet from elsewhere.

    Material's script bundle holds the code that would ask api.github.com, but runs it only when
    ``repo_url`` is set; so only the pages and the stylesheets are searched for the hosts.
    """
    assert not re.search(r"^repo_url:", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    for path in [*_pages(site), *site.rglob("*.css")]:
        text = path.read_text(encoding="utf-8")
        found = _OUTSIDE.search(text)
        assert found is None, f"{path.relative_to(site)} refers to {found.group()}"
    for page in _pages(site):
        for tag in _LOADS.finditer(page.read_text(encoding="utf-8")):
            if "<link" in tag.group(0) and not re.search(
                r'rel="(stylesheet|preload)"', tag.group(0)
            ):
                continue  # a link to another page, an icon, the canonical URL
            assert "//" not in tag.group(1), f"{page.relative_to(site)} loads {tag.group(1)}"


# --- code blocks -------------------------------------------------------------------------------

#: The widest line a code block may have: the column holds about 88 characters at 1280 px.
MAX_CODE_LINE = 100

#: Blocks whose lines may be wider, with the reason: (page, the block's first line).
WIDE_BLOCKS = {
    # The command line's text output is being reshaped to fit 80-100 columns (a separate change
    # to the CLI); its lines of advice are as wide as a terminal makes them until then.
    ("console", "*"): "acctverify check output: fitted to the terminal by the CLI",
    # data.md is generated from the data tables; their headers are comment lines of prose.
    ("data.md", "*"): "headers of the data files, quoted as they are",
    # models.md is generated: JSON Schemas as pydantic writes them, one description a line.
    ("models.md", "*"): "JSON Schemas, one description string a line",
}


def _code_blocks(page: Path) -> list[tuple[str, list[str]]]:
    """(language, lines) of every fenced block of a page, indented ones unindented."""
    fence = re.compile(r"^([ \t]*)```([\w-]*)[^\n]*\n(.*?)^\1```[ \t]*$", re.M | re.S)
    return [
        (match.group(2), [line[len(match.group(1)) :] for line in match.group(3).splitlines()])
        for match in fence.finditer(page.read_text(encoding="utf-8"))
    ]


def width(line: str) -> int:
    """The columns *line* takes in a monospace font: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in line)


@pytest.mark.parametrize("page", sorted(path.name for path in DOCS.glob("*.md")))
def test_code_lines_fit_the_column(page: str) -> None:
    if (page, "*") in WIDE_BLOCKS:
        pytest.skip(WIDE_BLOCKS[page, "*"])
    for language, lines in _code_blocks(DOCS / page):
        if (language, "*") in WIDE_BLOCKS:
            continue
        for line in lines:
            assert width(line) <= MAX_CODE_LINE, f"{page}: {language} line too wide: {line}"
