"""Shared input handling for the identifier modules (private).

Every identifier module accepts untrusted input. :func:`clean` turns it into the compact form the
checks work on: NFKC (so full-width ``９１１１…`` and circled digits work), then removes whitespace,
dash-like separators and invisible format characters (zero-width spaces, bidi controls, the soft
hyphen …). Removing those silently is right for *validating* an identifier; reporting them as a
possible evasion is the job of :mod:`acctverify.names` and the rules.
"""

from __future__ import annotations

import unicodedata

from stdnum.exceptions import InvalidFormat, InvalidLength

#: Longest raw input the identifier modules look at. Anything longer cannot be an identifier, even
#: with generous separators, and is rejected before any normalisation work is done.
MAX_RAW_LENGTH = 256

# Invisible format characters (Unicode category Cf and the Hangul fillers, which are category Lo but
# render as nothing) that people and fraudsters paste into identifiers and names.
INVISIBLE_CHARACTERS = frozenset(
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180e\u180f"
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\u206a\u206b\u206c\u206d\u206e\u206f"
    "\u3164\ufe00\ufe01\ufe02\ufe03\ufe04\ufe05\ufe06\ufe07\ufe08\ufe09\ufe0a\ufe0b\ufe0c\ufe0d"
    "\ufe0e\ufe0f\ufeff\uffa0"
)

# Separators people write inside identifiers: hyphen-minus and the dash family, whitespace.
SEPARATORS = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d \t\r\n\v\f")

_DELETE = {ord(c): None for c in INVISIBLE_CHARACTERS | SEPARATORS}


def to_text(value: object) -> str:
    """Return *value* as a string, accepting ``str`` and ``int`` (not ``bool``); else raise."""
    if isinstance(value, str):
        text = value
    elif isinstance(value, int) and not isinstance(value, bool):
        text = str(value)
    else:
        raise InvalidFormat(f"expected a string, got {type(value).__name__}")
    if len(text) > MAX_RAW_LENGTH:
        raise InvalidLength(f"input of {len(text)} characters is far too long")
    return text


def clean(value: object, *, upper: bool = True) -> str:
    """Return the compact form of *value*: NFKC, separators and invisible characters removed."""
    text = to_text(value)
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    text = text.translate(_DELETE)
    if not text.isascii():
        # NFKC can produce separators or spaces of its own (e.g. U+3000 -> U+0020); other Unicode
        # whitespace (category Zs) is removed as well.
        text = "".join(c for c in text if not c.isspace())
    return text.upper() if upper else text


def has_surrogate(text: str) -> bool:
    """Whether *text* holds an unpaired surrogate (which no UTF-8 output can carry)."""
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def ascii_digits(text: str) -> bool:
    """Return True when *text* is non-empty and only ASCII digits (``str.isdigit`` is too lax)."""
    return text.isascii() and text.isdigit()
