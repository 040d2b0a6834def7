"""Rules about the payee: is the account name the creditor's, a person's, or an imitation?"""

from __future__ import annotations

from collections.abc import Iterator

from acctverify.cn._util import clean
from acctverify.models.findings import Evidence
from acctverify.models.names import MatchOutcome
from acctverify.rules._common import name_reasons, quote
from acctverify.rules._context import RuleContext
from acctverify.rules._signal import Signal
from acctverify.rules.licence import LOOKALIKE_REASONS

__all__ = [
    "DEBT_SERVICE_WORDS",
    "against_creditor",
    "debt_service_company",
    "name_present",
    "official_account",
    "person",
    "spoofing",
]

#: Industry words in a payee's name typical of third-party "debt optimisation" middlemen
#: (scam-signals.md §2.2: 债务优化/代理维权 warnings; the issue's list 法律咨询, 商务信息咨询,
#: 债务).
DEBT_SERVICE_WORDS: tuple[str, ...] = (
    "债务",
    "催收",
    "信用管理",
    "信用修复",
    "资产管理",
    "法律咨询",
    "法律服务",
    "商务咨询",
    "商务信息咨询",
    "信息咨询",
    "企业管理咨询",
    "管理咨询",
)


def _payee_evidence(ctx: RuleContext, detail: str | None = None) -> tuple[Evidence, ...]:
    return (Evidence(field="payee.name", value=quote(ctx.request.payee.name), detail=detail),)


def name_present(ctx: RuleContext) -> Iterator[Signal]:
    """No payee name: who gets the money cannot be checked. A cut name is reported."""
    name = ctx.request.payee.name
    if name is None or not name.strip():
        yield Signal("payee.name_missing", (Evidence(field="payee.name"),))
    elif "payee.name" in ctx.facts.truncated_fields:
        yield Signal("payee.name_truncated", _payee_evidence(ctx), {"limit": "2000"})


def spoofing(ctx: RuleContext) -> Iterator[Signal]:
    """Hidden characters, bidi controls, other scripts or compatibility ideographs in the name."""
    name = ctx.facts.payee.name
    if name is None or not name.spoofing:
        return
    detail = "、".join(
        f"{sign.kind} {sign.codepoint}@{sign.position}" for sign in name.spoofing[:8]
    )
    yield Signal("payee.spoofed_characters", _payee_evidence(ctx, detail), {"detail": detail})


def person(ctx: RuleContext) -> Iterator[Signal]:
    """The payee is a person, not a company."""
    name = ctx.facts.payee.name
    if name is not None and name.looks_like_person and not name.is_company:
        yield Signal("payee.is_person", _payee_evidence(ctx), {"payee": quote(name.original)})


def debt_service_company(ctx: RuleContext) -> Iterator[Signal]:
    """The payee's name says it sells consulting or debt services."""
    name = ctx.facts.payee.name
    if name is None or not name.is_company:
        return
    core = (name.industry or "") + name.core
    found = next((word for word in DEBT_SERVICE_WORDS if word in core), None)
    if found is not None:
        yield Signal("payee.debt_service_company", _payee_evidence(ctx, found), {"industry": found})


def against_creditor(ctx: RuleContext) -> Iterator[Signal]:
    """The payee name against the creditor's registered entities (the decisive check)."""
    creditor_match = ctx.facts.creditor
    payee_name = ctx.request.payee.name
    if creditor_match is None or not payee_name:
        return
    creditor = creditor_match.creditor
    if creditor is None and creditor_match.imitated_id:
        creditor = ctx.directory.get(creditor_match.imitated_id)  # the creditor imitated
    if creditor is None:
        return
    pairs = [p for p in ctx.facts.name_matches if p.pair == "payee~creditor"]
    weak = [p for p in ctx.facts.name_matches if p.pair == "payee~creditor_unconfirmed"]
    if not pairs:
        if weak and weak[0].match.outcome is MatchOutcome.MATCH:
            yield Signal(
                "payee.unconfirmed_entity",
                _payee_evidence(ctx),
                {"payee": quote(payee_name), "creditor": creditor.name, "entity": weak[0].against},
            )
        return
    best = pairs[0]
    match = best.match
    params = {
        "payee": quote(payee_name),
        "creditor": creditor.name,
        "entity": best.against,
        "entities": "、".join(e.name for e in creditor.entities if e.confidence != "unconfirmed"),
    }
    params["reasons"], params["reasons_en"] = name_reasons(match.reasons)
    evidence = _payee_evidence(ctx, f"{match.outcome.value} {'/'.join(match.reasons)}".strip())
    if match.outcome is MatchOutcome.MATCH:
        yield Signal("payee.official_entity", evidence, params)
    elif match.outcome is MatchOutcome.CLOSE_MATCH:
        yield Signal("payee.close_to_creditor", evidence, params)
    elif match.outcome is MatchOutcome.NO_MATCH:
        if weak and weak[0].match.outcome is MatchOutcome.MATCH:
            params["entity"] = weak[0].against
            yield Signal("payee.unconfirmed_entity", evidence, params)
        elif LOOKALIKE_REASONS & set(match.reasons) and not (
            ctx.facts.payee.name is not None and ctx.facts.payee.name.looks_like_person
        ):
            yield Signal("payee.lookalike_creditor", evidence, params)
        else:
            yield Signal("payee.not_creditor", evidence, params)


def official_account(ctx: RuleContext) -> Iterator[Signal]:
    """The account is (or is not) one the creditor's directory entry lists as official."""
    creditor_match = ctx.facts.creditor
    number = ctx.request.payee.account
    if creditor_match is None or creditor_match.creditor is None or not number:
        return
    accounts = ctx.directory.official_accounts(creditor_match.creditor)
    if not accounts:
        return
    try:
        digits = clean(number)
    except (TypeError, ValueError):
        return
    info = ctx.facts.payee.account
    masked = info.masked if info else ""
    creditor = creditor_match.creditor.name
    for account in accounts:
        if clean(account.account) == digits:
            yield Signal(
                "payee.official_account",
                (Evidence(field="payee.account", value=masked, detail=account.source),),
                {"creditor": creditor, "source": account.source},
            )
            return
    yield Signal(
        "payee.not_official_account",
        (Evidence(field="payee.account", value=masked),),
        {"creditor": creditor, "source": accounts[0].source},
    )
