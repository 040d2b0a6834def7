"""Mask account-like digit runs in text for display (private; shared by the CLI and HTML output).

>>> mask_digits("转入 6217 0038 2756 1943 520，联系 13812345678")
'转入 6217 **** **** ***3 520，联系 13812345678'
"""

from __future__ import annotations

import re

__all__ = ["ACCOUNT_LIKE", "mask_digits"]

# A run of at least 12 digits, single spaces or dashes allowed between them: an account or card
# number as people write it (6217 0038 2756 1943 520). Phone numbers (11 digits) stay readable.
ACCOUNT_LIKE = re.compile(r"\d(?:[ -]?\d){11,}")


def _mask_run(match: re.Match[str]) -> str:
    run = match.group(0)
    total = sum(c.isdigit() for c in run)
    seen = 0
    out = []
    for char in run:
        if char.isdigit():
            seen += 1
            out.append(char if seen <= 4 or seen > total - 4 else "*")
        else:
            out.append(char)
    return "".join(out)


def mask_digits(text: str) -> str:
    """Mask account-like digit runs, keeping the length (so spans into the text stay valid)."""
    return ACCOUNT_LIKE.sub(_mask_run, text)
