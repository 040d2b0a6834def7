"""Terminal text wrapped to a width in display columns, Chinese characters counted as two (private).

Text comes in as *runs*: pieces of text, each with an ANSI style (``"7"`` for reverse video …) or
``None``. A line may break at a space (which goes away), between two Chinese characters, or between
a Chinese character and a Latin word; never before closing punctuation (``，。）”``) or after
opening punctuation (``（“``), and never inside a Latin word unless the word alone is wider than
the line. A styled run broken across lines is closed at the end of each line and opened again on
the next, so every line stands on its own (``less -R``, a pager that cuts lines).

>>> wrap([("请添加专员微信 wlsd-kefu2025 办理，不要告诉家人，否则后果自负。", None)], width=20)
['请添加专员微信', 'wlsd-kefu2025 办理，', '不要告诉家人，否则后', '果自负。']
>>> wrap([("See ", None), ("this", "7"), (" now", None)], width=10, indent="  ")
['  See \\x1b[7mthis\\x1b[0m', '  now']
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence

__all__ = ["Run", "display_width", "wrap"]

#: A piece of text and its ANSI style (``None``: plain).
Run = tuple[str, "str | None"]

# Kinsoku: characters that do not begin a line, and characters that do not end one.
_NO_START = frozenset("，。、：；！？）》」』】〕”’…,.;:!?)]}%»⟩")
_NO_END = frozenset("（《「『【〔“‘([{«⟨")


@functools.cache
def _char_width(char: str) -> int:
    from wcwidth import wcwidth

    return max(0, wcwidth(char))


def display_width(text: str) -> int:
    """The columns *text* takes in a terminal (Chinese characters two, combining marks none).

    >>> display_width("账号 Account")
    12
    """
    return sum(_char_width(char) for char in text)


_Char = tuple[str, "str | None"]


def _tokens(runs: Iterable[Run]) -> list[tuple[list[_Char], _Char | None]]:
    """Split *runs* into pieces no line breaks inside, each with the space before it (if any)."""
    tokens: list[tuple[list[_Char], _Char | None]] = []
    current: list[_Char] = []
    space: _Char | None = None
    for text, style in runs:
        for char in text.replace("\n", " "):
            if char == " ":
                if current:
                    tokens.append((current, space))
                    current = []
                space = (" ", style)
                continue
            if current:
                before = current[-1][0]
                wide = _char_width(before) > 1 or _char_width(char) > 1
                if wide and char not in _NO_START and before not in _NO_END:
                    tokens.append((current, space))
                    current, space = [], None
            current.append((char, style))
    if current:
        tokens.append((current, space))
    return tokens


def _emit(chars: Sequence[_Char]) -> str:
    out: list[str] = []
    index = 0
    while index < len(chars):
        style = chars[index][1]
        end = index
        while end < len(chars) and chars[end][1] == style:
            end += 1
        text = "".join(char for char, _ in chars[index:end])
        out.append(f"\033[{style}m{text}\033[0m" if style else text)
        index = end
    return "".join(out)


def wrap(
    runs: Iterable[Run], *, width: int, indent: str = "", subsequent_indent: str | None = None
) -> list[str]:
    """Wrap *runs* into lines of at most *width* columns, the first line after *indent*, the
    others after *subsequent_indent* (by default as wide as *indent*, in spaces)."""
    if subsequent_indent is None:
        subsequent_indent = " " * display_width(indent)
    lines: list[str] = []
    prefix = indent
    line: list[_Char] = []
    used = 0
    room = max(1, width - display_width(prefix))

    def flush() -> None:
        nonlocal line, used, prefix, room
        while line and line[-1][0] == " ":
            line.pop()
        lines.append(prefix + _emit(line))
        line, used = [], 0
        prefix = subsequent_indent
        room = max(1, width - display_width(prefix))

    for chars, space in _tokens(runs):
        size = sum(_char_width(char) for char, _ in chars)
        gap = 1 if space is not None and line else 0
        if line and used + gap + size > room:
            flush()
            gap = 0
        if gap and space is not None:
            line.append(space)
            used += 1
        for char, style in chars:  # a piece wider than a whole line is cut where it must be
            step = _char_width(char)
            if line and used + step > room:
                flush()
            line.append((char, style))
            used += step
    if line or not lines:
        flush()
    return lines
