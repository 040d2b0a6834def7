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

from acctverify._unicode import INVISIBLE_CHARACTERS

#: Longest raw input the identifier modules look at. Anything longer cannot be an identifier, even
#: with generous separators, and is rejected before any normalisation work is done.
MAX_RAW_LENGTH = 256


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

    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def ascii_digits(text: str) -> bool:
    """Return True when *text* is non-empty and only ASCII digits (``str.isdigit`` is too lax)."""
    return text.isascii() and text.isdigit()
