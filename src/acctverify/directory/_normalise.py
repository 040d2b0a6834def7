"""Normalise names for matching (private).

NFKC (full-width letters, compatibility forms), invisible and format characters removed, whitespace
removed, case folded, traditional characters converted to simplified (OpenCC ``t2s``, loaded on
first use). The steps are repeated until nothing changes, so normalising twice is normalising once.
"""

from __future__ import annotations

import functools
import unicodedata
from typing import TYPE_CHECKING

from acctverify.cn._util import INVISIBLE_CHARACTERS

if TYPE_CHECKING:
    import opencc

__all__ = ["has_compatibility_ideographs", "has_invisible", "normalise", "to_simplified"]

_DROP_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp"})


@functools.cache
def _converter() -> opencc.OpenCC:
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Convert traditional characters to simplified ones (text must hold no surrogates)."""
    if text.isascii():
        return text
    converted: str = _converter().convert(text)
    return converted


def _strip(text: str) -> str:
    return "".join(
        c
        for c in text
        if c not in INVISIBLE_CHARACTERS
        and not c.isspace()
        and unicodedata.category(c) not in _DROP_CATEGORIES
    )


def _once(text: str) -> str:
    text = _strip(text)
    text = unicodedata.normalize("NFKC", text)
    text = _strip(text).casefold()
    return to_simplified(text)


def normalise(text: object) -> str:
    """Return *text* in the form used for matching (``''`` for anything that is not a ``str``).

    >>> normalise(' 微\\u200b粒 贷 ')
    '微粒贷'
    >>> normalise('借唄'), normalise('ＷｅＢａｎｋ')
    ('借呗', 'webank')
    """
    if not isinstance(text, str):
        return ""
    if any("\ud800" <= c <= "\udfff" for c in text):
        text = text.encode("utf-8", "replace").decode("utf-8")
    for _ in range(4):
        changed = _once(text)
        if changed == text:
            break
        text = changed
    return text


def has_invisible(text: str) -> bool:
    """Return True when *text* holds invisible or format characters (an evasion signal)."""
    return any(
        c in INVISIBLE_CHARACTERS or unicodedata.category(c) in {"Cf", "Cc", "Cs", "Co"}
        for c in text
        if c not in "\t\n\r"
    )


# Kangxi radicals, CJK radicals supplement, CJK compatibility ideographs (and their supplement):
# NFKC folds most of them into ordinary characters, which is how they slip past a reader.
_COMPATIBILITY_RANGES = (
    ("\u2e80", "\u2fdf"),
    ("\uf900", "\ufaff"),
    ("\U0002f800", "\U0002fa1f"),
)


def has_compatibility_ideographs(text: str) -> bool:
    """Return True when *text* uses radicals or compatibility ideographs (``⼯商银行``)."""
    return any(a <= c <= b for c in text for a, b in _COMPATIBILITY_RANGES)
