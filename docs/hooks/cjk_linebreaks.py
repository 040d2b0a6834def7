"""MkDocs hook: a line break between two Chinese characters is not a space.

Markdown keeps a soft line break as a newline, which browsers render as a space: fine between
English words, wrong inside a Chinese sentence ("挂账”， 要求"). This hook adds a Markdown tree
processor that removes a line break (and the indentation after it) when the characters on both
sides are CJK: Han characters, CJK or full-width punctuation, or a curly quote next to one of
those. A break next to a Latin letter or digit stays a space, as Chinese typesetting allows. Code
(``pre``, ``code``) is left alone.

pymdownx-cjk-autojoin does the same as a preprocessor, but keeps the space after "；", "：", "！",
"？" or a closing quote, and needs Python 3.11; this is small enough to keep here.
"""

from __future__ import annotations

import re
from typing import Any
from xml.etree.ElementTree import Element

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

_CJK = re.compile(
    "[\u2e80-\u2fdf"  # CJK radicals
    "\u3000-\u303f"  # CJK symbols and punctuation: 、。《》「」【】
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # Han
    "\uff00-\uffef]"  # full-width forms: ，；：！？（）
)
_QUOTE = re.compile("[\u2018-\u201f\u2026\u2014]")  # ‘’“”…—: Chinese or English, by neighbour
_LINE_BREAK = re.compile(r"(?<=(.))\n[ \t]*(?=(.))")
_INLINE = {"a", "abbr", "b", "del", "em", "i", "ins", "kbd", "mark", "small", "span", "strong"}
_CODE = {"pre", "code", "script", "style"}


def _joins(left: str, right: str) -> bool:
    """Whether a line break between *left* and *right* is inside Chinese text."""
    both = all(_CJK.match(char) or _QUOTE.match(char) for char in (left, right))
    return both and bool(_CJK.match(left) or _CJK.match(right))


def join_cjk_lines(text: str, before: str = "") -> str:
    """Remove each line break of *text* that sits between CJK characters.

    *before* is the visible character just before *text* (the end of the previous inline element),
    so that a break at the very start of *text* is judged too.

    >>> join_cjk_lines("要求“停息挂账”，\\n  要求转账；\\n诈骗分子")
    '要求“停息挂账”，要求转账；诈骗分子'
    >>> join_cjk_lines("a corporate\\naccount (对公账户)\\nor a “card”\\nhere")
    'a corporate\\naccount (对公账户)\\nor a “card”\\nhere'
    """

    def replace(match: re.Match[str]) -> str:
        return "" if _joins(match.group(1), match.group(2)) else match.group(0)

    return _LINE_BREAK.sub(replace, before + text)[len(before) :]


class _JoinCjkLines(Treeprocessor):
    def run(self, root: Element) -> None:
        self._last = ""
        self._walk(root)

    def _join(self, text: str | None) -> str | None:
        if not text:
            return text
        text = join_cjk_lines(text, self._last)
        if text.strip():
            self._last = text.rstrip()[-1]
        return text

    def _walk(self, element: Element) -> None:
        inline = element.tag in _INLINE
        if not inline:
            self._last = ""
        if element.tag in _CODE:
            self._last = "x"  # code is not Chinese prose: a break after it stays a space
        else:
            element.text = self._join(element.text)
            for child in element:
                self._walk(child)
        if not inline and element.tag not in _CODE:
            self._last = ""
        element.tail = self._join(element.tail)


class CjkLinebreaksExtension(Extension):
    """Join the lines of Chinese paragraphs."""

    def extendMarkdown(self, md: Markdown) -> None:
        # Priority 5: after the inline patterns (20), when the text and the elements are final.
        md.treeprocessors.register(_JoinCjkLines(md), "cjk_linebreaks", 5)


def on_config(config: Any) -> Any:
    """Add the extension to every page's Markdown conversion."""
    config.markdown_extensions.append(CjkLinebreaksExtension())
    return config
