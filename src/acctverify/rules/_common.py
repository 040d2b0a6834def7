"""Helpers shared by the rule modules (private)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from acctverify._parse import RegistryStatus
from acctverify.cn import banks

if TYPE_CHECKING:
    from acctverify.models.directory import Creditor
    from acctverify.rules._context import RuleContext

#: stdnum exception class name -> (Chinese, English) explanation.
ERRORS: dict[str, tuple[str, str]] = {
    "InvalidLength": ("长度不对", "wrong length"),
    "InvalidFormat": ("含有不允许的字符", "characters that are not allowed"),
    "InvalidChecksum": ("校验位错误", "wrong check character"),
    "InvalidComponent": ("某一部分无效", "a part is not valid"),
}


def bank_name(code: str | None) -> str:
    """Return a bank's Chinese name and code for messages, e.g. ``中国建设银行 (CCB)``."""
    bank = banks.get(code) if code else None
    return f"{bank.name} ({bank.code})" if bank else (code or "?")


def error_text(error: str | None) -> tuple[str, str]:
    """Return the (Chinese, English) explanation of a stdnum exception class name."""
    if error is None:
        return "无效", "invalid"
    return ERRORS.get(error, (error, error))


def name_reasons(reasons: tuple[str, ...]) -> tuple[str, str]:
    """Return name-match reason codes as readable (Chinese, English) text, with the codes."""
    from acctverify.names import REASONS

    zh = "；".join(f"{REASONS[code][0]} [{code}]" if code in REASONS else code for code in reasons)
    en = "; ".join(f"{REASONS[code][1]} [{code}]" if code in REASONS else code for code in reasons)
    return zh, en


def directory_reasons(reasons: tuple[str, ...]) -> tuple[str, str]:
    """Return directory resolution reason codes as readable (Chinese, English) text."""
    from acctverify.directory import REASONS

    zh = "；".join(REASONS[code][0] if code in REASONS else code for code in reasons)
    en = "; ".join(REASONS[code][1] if code in REASONS else code for code in reasons)
    return zh, en


def creditor_params(creditor: Creditor | None) -> dict[str, str]:
    """The creditor's name for messages, in Chinese and English (a generic word when unknown)."""
    if creditor is None:
        return {"creditor": "债权人", "creditor_en": "the creditor"}
    return {"creditor": creditor.name, "creditor_en": creditor.name_en or creditor.name}


def payee_is_creditor(ctx: RuleContext) -> bool:
    """Whether the payee name matches one of the creditor's confirmed registered entities."""
    from acctverify.models.names import MatchOutcome

    return any(
        pair.pair == "payee~creditor" and pair.match.outcome is MatchOutcome.MATCH
        for pair in ctx.facts.name_matches
    )


def dial_digits(value: str) -> str:
    """The digits a person dials inside mainland China (+8640082… -> 40082…)."""
    return value[3:] if value.startswith("+86") else value.lstrip("+")


#: Registry statuses under which an entity cannot take payments (licence.md §3).
STOPPED_STATUSES = frozenset(
    {
        RegistryStatus.REVOKED,
        RegistryStatus.CANCELLED,
        RegistryStatus.WITHDRAWN,
        RegistryStatus.SUSPENDED,
        RegistryStatus.LIQUIDATING,
    }
)

#: Card type code -> (Chinese, English) name.
CARD_TYPES: dict[str, tuple[str, str]] = {
    "DC": ("借记卡", "debit card"),
    "CC": ("信用卡", "credit card"),
    "SCC": ("准贷记卡", "semi-credit card"),
    "PC": ("预付费卡", "prepaid card"),
}


def quote(text: str | None, limit: int = 60) -> str:
    """Return *text* shortened for a message."""
    if text is None:
        return ""
    return text if len(text) <= limit else text[: limit - 1] + "…"
