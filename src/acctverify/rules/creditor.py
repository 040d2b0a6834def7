"""Rules about the creditor: unknown, imitated, or known to take repayment only in its app."""

from __future__ import annotations

from collections.abc import Iterator

from acctverify.models.findings import Evidence
from acctverify.rules._common import directory_reasons, quote
from acctverify.rules._context import RuleContext
from acctverify.rules._signal import Signal

__all__ = ["known", "repayment_channel"]


def known(ctx: RuleContext) -> Iterator[Signal]:
    """Who is the creditor? Unknown (verification not possible), imitated, or unofficially named."""
    text = ctx.request.creditor
    evidence = (Evidence(field="creditor", value=quote(text)),)
    if text is None or not text.strip():
        yield Signal(
            "creditor.unknown",
            (Evidence(field="creditor"),),
            {"reason": "没有说明要还给谁", "reason_en": "no creditor was named"},
        )
        return
    match = ctx.facts.creditor
    if match is not None and match.lookalike:
        reasons_zh, reasons_en = directory_reasons(match.reasons)
        yield Signal(
            "creditor.lookalike",
            evidence,
            {"text": quote(text), "official": match.lookalike_of or "?",
             "reasons": reasons_zh, "reasons_en": reasons_en},
        )  # fmt: skip
        return
    if match is None or match.creditor is None:
        yield Signal(
            "creditor.unknown",
            evidence,
            {"reason": f"“{quote(text)}”不在债权人名录中",
             "reason_en": f"“{quote(text)}” is not in the creditor directory"},
        )  # fmt: skip
        return
    if not match.exact and match.extra:
        yield Signal(
            "creditor.unofficial_name",
            evidence,
            {"text": quote(text), "creditor": match.creditor.name, "extra": match.extra},
        )


def repayment_channel(ctx: RuleContext) -> Iterator[Signal]:
    """The creditor's official repayment channels, against a transfer to an account."""
    match = ctx.facts.creditor
    if match is None or match.creditor is None or not ctx.request.payee.account:
        return
    creditor = match.creditor
    policy = creditor.repayment
    evidence = (Evidence(field="creditor", value=creditor.name),)
    if ctx.directory.official_accounts(creditor):
        return  # the payee-account rule compares the account with the official ones
    if policy is not None and policy.in_app_only:
        yield Signal(
            "creditor.in_app_repayment",
            evidence,
            {"creditor": creditor.name, "channels": "；".join(policy.channels_zh) or "官方App",
             "channels_en": "; ".join(policy.channels_en) or "its official app"},
        )  # fmt: skip
    else:
        yield Signal("creditor.no_official_account", evidence, {"creditor": creditor.name})
