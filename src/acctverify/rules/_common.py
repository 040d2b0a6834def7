"""Helpers shared by the rule modules (private)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from acctverify.models.facts import ListedContact, RegistryStatus
from acctverify.models.findings import Evidence
from acctverify.models.names import MatchOutcome
from acctverify.models.text import TextHit
from acctverify.rules._rule import Signal

if TYPE_CHECKING:
    from acctverify.models.directory import Creditor
    from acctverify.rules._rule import RuleContext

#: stdnum exception class name -> (Chinese, English) explanation.
ERRORS: dict[str, tuple[str, str]] = {
    "InvalidLength": ("长度不对", "wrong length"),
    "InvalidFormat": ("含有不允许的字符", "characters that are not allowed"),
    "InvalidChecksum": ("校验位错误", "wrong check character"),
    "InvalidComponent": ("某一部分无效", "a part is not valid"),
}


def bank_name(code: str | None, name: str | None) -> str:
    """Return a bank's Chinese name and code for messages, e.g. ``中国建设银行 (CCB)``."""
    if code and name:
        return f"{name} ({code})"
    return code or name or "?"


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
    pair = ctx.facts.names.payee_creditor
    return pair is not None and pair.match.outcome is MatchOutcome.MATCH


def listed(entries: tuple[ListedContact, ...], index: int) -> ListedContact | None:
    """What the directory says about hit *index* (facts), or None."""
    return next((entry for entry in entries if entry.hit == index), None)


def judge_link(
    ctx: RuleContext, hit: TextHit, entry: ListedContact | None, evidence: tuple[Evidence, ...]
) -> Signal | None:
    """Judge one URL hit: official (listed by the directory), a look-alike, a short link, or
    unofficial. Shared by the message and the contact rules."""
    if entry is not None:
        return None
    creditor = ctx.facts.creditor.creditor if ctx.facts.creditor is not None else None
    params = {"value": hit.value, **creditor_params(creditor)}
    if hit.details.brand_match in ("subdomain", "lookalike"):
        detail = f"{hit.details.brand or '?'}: {hit.details.brand_match}"
        return Signal("messages.lookalike_link", evidence, {**params, "detail": detail})
    if hit.details.short_link:
        return Signal("messages.short_link", evidence, params)
    return Signal("messages.unofficial_link", evidence, params)


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
