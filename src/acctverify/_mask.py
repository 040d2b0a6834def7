"""Mask account-like digit runs in text for display (private; shared by the CLI and HTML output).

>>> mask_digits("转入 6217 0038 2756 1943 520，联系 13812345678")
'转入 6217 **** **** ***3 520，联系 13812345678'
"""

from __future__ import annotations

import re

__all__ = ["ACCOUNT_LIKE", "mask_digits", "mask_run"]

# A run of at least 12 digits, single spaces or dashes allowed between them: an account or card
# number as people write it (6217 0038 2756 1943 520). Phone numbers (11 digits) stay readable.
ACCOUNT_LIKE = re.compile(r"\d(?:[ -]?\d){11,}")


def mask_run(run: str, *, head: int = 4, tail: int = 4) -> str:
    """Hide the digits of *run* except the first *head* and last *tail*; separators and the
    length stay.

    >>> mask_run('138-1234-5678', head=3)
    '138-****-5678'
    """
    total = sum(c.isdigit() for c in run)
    seen = 0
    out = []
    for char in run:
        if char.isdigit():
            seen += 1
            out.append(char if seen <= head or seen > total - tail else "*")
        else:
            out.append(char)
    return "".join(out)


def mask_digits(text: str) -> str:
    """Mask account-like digit runs, keeping the length (so spans into the text stay valid)."""
    return ACCOUNT_LIKE.sub(lambda match: mask_run(match.group(0)), text)
