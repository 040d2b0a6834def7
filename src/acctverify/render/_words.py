"""Words for the codes a report carries, for people who cannot decode them (private).

A report keeps stable codes (``NMTC``, ``corporate_plausible``, ``LKHG``); what is shown to people
says the same in words, Chinese and English, and keeps the code where a tooltip or a column of
its own can show it.

>>> name_match_words("NMTC")
('不一致', 'no match')
>>> account_kind_words("corporate_plausible")
('对公账户（格式合理）', 'corporate account (plausible format)')
>>> strip_reason_codes("（形似名称：形近字替换 [LKHG]）")
('（形似名称：形近字替换）', ('LKHG',))
>>> visible('腾讯\\u200b科技')
'腾讯⟨U+200B⟩科技'
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = [
    "FINDING_KIND_WORDS",
    "account_kind_words",
    "is_invisible",
    "marker",
    "more_words",
    "name_match_label",
    "name_match_words",
    "reason_words",
    "strip_reason_codes",
    "visible",
]

#: Name-check outcome (the EU Verification-of-Payee codes) -> (Chinese, English).
_NAME_MATCH: dict[str, tuple[str, str]] = {
    "MTCH": ("一致", "match"),
    "CMTC": ("近似", "close match"),
    "NMTC": ("不一致", "no match"),
    "NOAP": ("无法核对", "not possible"),
}
#: Account kind (``AccountKind``) -> (Chinese, English).
_ACCOUNT_KIND: dict[str, tuple[str, str]] = {
    "card": ("银行卡（通常是个人卡）", "bank card (normally personal)"),
    "corporate_plausible": ("对公账户（格式合理）", "corporate account (plausible format)"),
    "unknown": ("无法判断是卡还是账户", "card or account: cannot tell"),
    "invalid": ("不是有效账号", "not a valid account number"),
}
#: Finding kind -> (Chinese, English) label.
FINDING_KIND_WORDS: dict[str, tuple[str, str]] = {
    "risk": ("风险", "risk"),
    "trust": ("可信", "trust"),
    "not_possible": ("无法核对", "unchecked"),
    "info": ("提示", "info"),
}

# How rules write a name-check reason into a message: its description, then " [LKHG]".
_REASON_CODE = re.compile(r"\s?\[([A-Z]{4})\]")


def name_match_words(outcome: str) -> tuple[str, str]:
    """The (Chinese, English) words for a name-check outcome code (the code itself if unknown)."""
    return _NAME_MATCH.get(outcome, (outcome, outcome))


def name_match_label(outcome: str) -> str:
    """One bilingual label for a name-check outcome, e.g. ``不一致 no match`` for ``NMTC``."""
    zh, en = name_match_words(outcome)
    return zh if zh == en else f"{zh} {en}"


def account_kind_words(kind: str) -> tuple[str, str]:
    """The (Chinese, English) words for an account kind (the kind itself if unknown)."""
    return _ACCOUNT_KIND.get(kind, (kind, kind))


@functools.cache
def _reasons() -> dict[str, tuple[str, str]]:
    from acctverify.names import REASONS

    return REASONS


def reason_words(code: str) -> tuple[str, str]:
    """The (Chinese, English) description of a name-check reason code (``LKHG`` ...)."""
    return _reasons().get(code, (code, code))


def strip_reason_codes(text: str) -> tuple[str, tuple[str, ...]]:
    """Remove the bracketed name-check reason codes a message carries after their description;
    return the text and the codes removed (for a tooltip). Brackets that hold no known reason
    code stay."""
    found: list[str] = []

    def drop(match: re.Match[str]) -> str:
        if match.group(1) not in _reasons():
            return match.group(0)
        found.append(match.group(1))
        return ""

    return _REASON_CODE.sub(drop, text), tuple(found)


def more_words(count: int) -> tuple[str, str]:
    """How many more pieces of evidence were found than are shown: not a score (``+1``).

    >>> more_words(2)
    ('另有2处', '2 more')
    """
    return f"另有{count}处", f"{count} more"


@functools.cache
def _invisible_characters() -> frozenset[str]:
    from acctverify._unicode import INVISIBLE_CHARACTERS  # lazily: the command starts faster

    return frozenset(INVISIBLE_CHARACTERS)


def is_invisible(char: str) -> bool:
    """Whether *char* shows as nothing (or moves text around) where people read it."""
    if char in "\t\n\r" or " " <= char <= "~":
        return False
    category = unicodedata.category(char)
    return category in {"Cf", "Cc", "Co", "Cs"} or char in _invisible_characters()


def marker(char: str) -> str:
    """The visible stand-in for an invisible character: ``⟨U+200B⟩``."""
    return f"⟨U+{ord(char):04X}⟩"


def visible(text: str) -> str:
    """*text* with every invisible character replaced by its visible marker."""
    return "".join(marker(c) if is_invisible(c) else c for c in text)
