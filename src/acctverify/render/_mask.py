"""Text shown to people: account-like digit runs masked, excerpts around evidence spans (private;
shared by the command's text, the HTML card, the findings table, redaction and the reports of
invalid requests).

>>> mask_digits("转入 6217 0038 2756 1943 520，联系 13812345678")
'转入 6217 **** **** ***3 520，联系 13812345678'
"""

from __future__ import annotations

import re

__all__ = ["ACCOUNT_LIKE", "excerpt", "mask_digits", "mask_run", "message_index"]

_MESSAGE_FIELD = re.compile(r"messages\[(\d+)\]")

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


def message_index(field: str) -> int | None:
    """The message an evidence field points to (``messages[2]`` -> 2), or ``None``."""
    match = _MESSAGE_FIELD.fullmatch(field)
    return int(match.group(1)) if match else None


def excerpt(
    message: str, start: int, end: int, *, width: int = 24
) -> tuple[str, str, str, str, str]:
    """A window around a span of *message*, in five parts for the caller to style:
    (leading ellipsis, text before, the span, text after, trailing ellipsis); line breaks become
    spaces. Mask the message first: the offsets stay valid because masking keeps the length.

    >>> excerpt('请加微信 wx_kefu888 办理', 5, 15, width=3)
    ('…', '微信 ', 'wx_kefu888', ' 办理', '')
    """
    left = max(0, start - width)
    right = min(len(message), end + width)

    def flat(text: str) -> str:
        return text.replace("\n", " ")

    return (
        "…" if left else "",
        flat(message[left:start]),
        flat(message[start:end]),
        flat(message[end:right]),
        "…" if right < len(message) else "",
    )
