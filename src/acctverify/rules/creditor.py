"""Rules about the creditor: unknown, imitated, or known to take repayment only in its app."""

from __future__ import annotations

from collections.abc import Iterator

from acctverify.models.findings import Evidence
from acctverify.rules._common import (
    creditor_params,
    directory_reasons,
    payee_is_creditor,
    quote,
)
from acctverify.rules._rule import RuleContext, Signal, emits

__all__ = ["known", "repayment_channel"]

_UNOFFICIAL = frozenset({"debt_relief_wording", "unregistered_company_name"})


@emits("creditor.unknown", "creditor.name_typo", "creditor.lookalike", "creditor.unofficial_name")
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
        if payee_is_creditor(ctx):
            # The payee is the imitated creditor's own registered entity: a typo in the creditor
            # field (微粒代), not an imitation.
            yield Signal(
                "creditor.name_typo",
                evidence,
                {"text": quote(text), "official": match.lookalike_of or "?"},
            )
            return
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
    # 招商银行信用卡, 微粒贷借款: a product or service word after the name is how people write
    # it. Only the debt-relief trade's departments (协商中心, 法务部) and made-up company names
    # are names no creditor has.
    if not match.exact and match.extra and _UNOFFICIAL & set(match.reasons):
        yield Signal(
            "creditor.unofficial_name",
            evidence,
            {"text": quote(text), "extra": match.extra, **creditor_params(match.creditor)},
        )


@emits("creditor.transfer_to_creditor", "creditor.in_app_repayment", "creditor.no_official_account")
def repayment_channel(ctx: RuleContext) -> Iterator[Signal]:
    """The creditor's official repayment channels, against a transfer to an account."""
    match = ctx.facts.creditor
    if match is None or match.creditor is None or not ctx.request.payee.account:
        return
    creditor = match.creditor
    policy = creditor.repayment
    evidence = (Evidence(field="creditor", value=creditor.name),)
    if policy is not None and policy.official_accounts:
        return  # the payee-account rule compares the account with the official ones
    names = creditor_params(creditor)
    if policy is not None and policy.in_app_only:
        params = {
            **names,
            "channels": "；".join(policy.channels_zh) or "官方App",
            "channels_en": "; ".join(policy.channels_en) or "its official app",
        }
        code = (
            "creditor.transfer_to_creditor"
            if payee_is_creditor(ctx)
            else ("creditor.in_app_repayment")
        )
        yield Signal(code, evidence, params)
    else:
        yield Signal("creditor.no_official_account", evidence, names)
