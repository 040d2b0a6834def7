"""Character classes, script conversion, pinyin readings and the match key (private).

See :mod:`acctverify._unicode`.

"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable

__all__ = [
    "INVISIBLE_CHARACTERS",
    "has_compatibility_ideographs",
    "has_han",
    "has_invisible",
    "has_surrogate",
    "has_traditional",
    "is_han",
    "match_key",
    "readings",
    "replace_surrogates",
    "s2t",
    "squeeze",
    "t2s",
]

#: Invisible format characters (Unicode category Cf and the Hangul fillers, which are category Lo
#: but render as nothing) that people and fraudsters paste into identifiers, names and messages.
INVISIBLE_CHARACTERS = frozenset(
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180e\u180f"
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\u206a\u206b\u206c\u206d\u206e\u206f"
    "\u3164\ufe00\ufe01\ufe02\ufe03\ufe04\ufe05\ufe06\ufe07\ufe08\ufe09\ufe0a\ufe0b\ufe0c\ufe0d"
    "\ufe0e\ufe0f\ufeff\uffa0"
)

# The twelve CJK compatibility ideographs that are in fact unified ideographs (no decomposition).
_UNIFIED_IN_COMPAT = frozenset(
    "\ufa0e\ufa0f\ufa11\ufa13\ufa14\ufa1f\ufa21\ufa23\ufa24\ufa27\ufa28\ufa29"
)


def is_han(char: str) -> bool:
    """Return whether *char* is a unified Han ideograph (any extension block) or 〇 (U+3007).

    Not the Yijing hexagram symbols (U+4DC0-U+4DFF) between extension A and the main block, and
    not the compatibility ideographs that NFKC folds into ordinary ones (they are spoofing signs).
    """
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x323AF
        or code == 0x3007
        or (0xFA0E <= code <= 0xFA29 and char in _UNIFIED_IN_COMPAT)
    )


def has_han(text: str) -> bool:
    """Return whether *text* holds at least one Han character."""
    return not text.isascii() and any(is_han(char) for char in text)


def has_surrogate(text: str) -> bool:
    """Return whether *text* holds an unpaired surrogate (which no UTF-8 output can carry)."""
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def replace_surrogates(text: str) -> str:
    """Return *text* with each lone surrogate replaced by U+FFFD (one for one: offsets hold)."""
    if not has_surrogate(text):
        return text
    return "".join("\ufffd" if "\ud800" <= char <= "\udfff" else char for char in text)


def squeeze(text: str) -> str:
    """Return *text* in NFKC without any whitespace (``工商 银行（A）`` -> ``工商银行(A)``)."""
    return "".join(unicodedata.normalize("NFKC", text).split())


@functools.cache
def _opencc(config: str) -> Callable[[str], str]:
    import opencc

    converter: Callable[[str], str] = opencc.OpenCC(config).convert
    return converter


def t2s(text: str) -> str:
    """Convert traditional to simplified script (OpenCC ``t2s``; *text* must hold no surrogates)."""
    return text if text.isascii() else _opencc("t2s")(text)


@functools.cache
def _traditional() -> re.Pattern[str]:
    """Every character OpenCC's t2s changes (about 3,800 of the main CJK blocks), as a class."""
    block = "".join(chr(code) for code in range(0x3400, 0xA000))
    changed = sorted({a for a, b in zip(block, t2s(block), strict=True) if a != b})
    return re.compile("[" + "".join(changed) + "]")


def has_traditional(text: str) -> bool:
    """Return whether *text* holds a character that traditional-to-simplified conversion changes
    (a linear scan of one character class: much cheaper than converting)."""
    return not text.isascii() and _traditional().search(text) is not None


def s2t(text: str) -> str:
    """Convert simplified to traditional script (OpenCC ``s2t``)."""
    return text if text.isascii() else _opencc("s2t")(text)


@functools.lru_cache(maxsize=16384)
def readings(char: str) -> frozenset[str]:
    """Return every toneless pinyin reading of one Han character (empty for anything else)."""
    if len(char) != 1 or not is_han(char):
        return frozenset()
    from pypinyin import Style, pinyin

    found = pinyin(char, style=Style.NORMAL, heteronym=True, errors="ignore")
    return frozenset(reading for group in found for reading in group if reading.isascii())


_DROP_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp"})


def _strip(text: str) -> str:
    return "".join(
        c
        for c in text
        if c not in INVISIBLE_CHARACTERS
        and not c.isspace()
        and unicodedata.category(c) not in _DROP_CATEGORIES
    )


def match_key(text: object) -> str:
    """Return *text* in the form names are looked up by (``''`` for anything but a ``str``).

    NFKC (full-width letters, compatibility forms), invisible and format characters and whitespace
    removed, case folded, traditional characters converted to simplified, repeated until nothing
    changes: folding a key again gives the same key.

    >>> match_key('借唄'), match_key('ＷｅＢａｎｋ')
    ('借呗', 'webank')
    >>> match_key(None)
    ''
    """
    if not isinstance(text, str):
        return ""
    text = replace_surrogates(text)
    for _ in range(4):
        changed = t2s(_strip(unicodedata.normalize("NFKC", _strip(text))).casefold())
        if changed == text:
            break
        text = changed
    return text


def has_invisible(text: str) -> bool:
    """Return whether *text* holds invisible or format characters (an evasion signal)."""
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
    """Return whether *text* uses radicals or compatibility ideographs (``⼯商银行``)."""
    return any(a <= c <= b for c in text for a, b in _COMPATIBILITY_RANGES)
