"""Rules about the payee: is the account name the creditor's, a person's, or an imitation?"""

from __future__ import annotations

from collections.abc import Iterator

from acctverify.models.findings import Evidence
from acctverify.models.names import MatchOutcome, SpoofSign
from acctverify.models.request import MAX_FIELD_CHARS
from acctverify.names._match import LOOKALIKE_REASONS
from acctverify.rules._common import (
    creditor_params,
    directory_reasons,
    name_reasons,
    quote,
)
from acctverify.rules._rule import RuleContext, Signal, emits

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


@emits("payee.name_missing", "payee.name_truncated")
def name_present(ctx: RuleContext) -> Iterator[Signal]:
    """No payee name: who gets the money cannot be checked. A cut name is reported."""
    name = ctx.request.payee.name
    if name is None or not name.strip():
        yield Signal("payee.name_missing", (Evidence(field="payee.name"),))
    elif "payee.name" in ctx.facts.truncated_fields:
        yield Signal("payee.name_truncated", _payee_evidence(ctx), {"limit": str(MAX_FIELD_CHARS)})


@emits("payee.spoofed_characters")
def spoofing(ctx: RuleContext) -> Iterator[Signal]:
    """Hidden characters, bidi controls, other scripts or compatibility ideographs in the name,
    described in words (the code points stay in the evidence)."""
    name = ctx.facts.payee.name
    if name is None or not name.spoofing:
        return
    signs = name.spoofing[:8]
    words = [_sign_words(name.original, sign) for sign in signs]
    codes = "、".join(f"{sign.kind} {sign.codepoint}@{sign.position}" for sign in signs)
    yield Signal(
        "payee.spoofed_characters",
        _payee_evidence(ctx, codes),
        {"detail": "；".join(zh for zh, _ in words), "detail_en": "; ".join(en for _, en in words)},
    )


def _sign_words(original: str, sign: SpoofSign) -> tuple[str, str]:
    """One spoofing sign in words, in Chinese and English."""
    char, before = sign.char, original[max(sign.position - 4, 0) : sign.position]
    where_zh = f"“{before}”后面" if before else "开头"
    where_en = f"after “{before}”" if before else "at the start"
    if sign.kind == "hidden_character":
        return f"{where_zh}有一个看不见的字符（{sign.codepoint}）", (
            f"an invisible character ({sign.codepoint}) {where_en}"
        )
    if sign.kind == "bidi_control":
        return f"{where_zh}有一个改变显示顺序的控制字符（{sign.codepoint}）", (
            f"a control character that reorders the display ({sign.codepoint}) {where_en}"
        )
    if sign.kind == "mixed_traditional":
        return (
            f"“{char}”是夹在简体名称中的繁体字",
            f"“{char}” is a Traditional character in a Simplified name",
        )
    if sign.kind == "compatibility_ideograph":
        return f"“{char}”是康熙部首或兼容汉字，外形与常用字相同", (
            f"“{char}” is a Kangxi radical or compatibility ideograph that looks like an ordinary "
            "character"
        )
    if sign.kind == "confusable_symbol":
        return f"“{char}”是形似汉字的符号", f"“{char}” is a symbol shaped like a Chinese character"
    if sign.kind == "mixed_script":
        return f"“{char}”是其他文字的字母，外形像常用字母或汉字", (
            f"“{char}” is a letter of another script that looks like a Latin letter or a Chinese "
            "character"
        )
    from acctverify.names import SPOOF_KINDS

    zh, en = SPOOF_KINDS.get(sign.kind, (sign.kind, sign.kind))
    return f"“{char}”：{zh}", f"“{char}”: {en}"


@emits("payee.is_person")
def person(ctx: RuleContext) -> Iterator[Signal]:
    """The payee is a person, not a company."""
    name = ctx.facts.payee.name
    if name is not None and name.looks_like_person and not name.is_company:
        yield Signal("payee.is_person", _payee_evidence(ctx), {"payee": quote(name.original)})


@emits("payee.debt_service_company")
def debt_service_company(ctx: RuleContext) -> Iterator[Signal]:
    """The payee's name says it sells consulting or debt services."""
    name = ctx.facts.payee.name
    if name is None or not name.is_company:
        return
    core = (name.industry or "") + name.core
    found = next((word for word in DEBT_SERVICE_WORDS if word in core), None)
    if found is not None:
        yield Signal("payee.debt_service_company", _payee_evidence(ctx, found), {"industry": found})


@emits(
    "payee.unconfirmed_entity",
    "payee.creditor_entity_unknown",
    "payee.official_entity",
    "payee.former_entity_name",
    "payee.close_to_creditor",
    "payee.name_not_comparable",
    "payee.lookalike_creditor",
    "payee.not_creditor",
)
def against_creditor(ctx: RuleContext) -> Iterator[Signal]:
    """The payee name against the creditor's registered entities (the decisive check); without a
    creditor, against every official name of the directory (a look-alike is reported either way).
    """
    payee_name = ctx.request.payee.name
    creditor = ctx.facts.compared_creditor
    if not payee_name:
        return
    if creditor is None:
        yield from _imitation_without_creditor(ctx, payee_name)
        return
    names = ctx.facts.names
    best, weak = names.payee_creditor, names.payee_creditor_unconfirmed
    weak_match = weak if weak is not None and weak.match.outcome is MatchOutcome.MATCH else None
    params = {
        "payee": quote(payee_name),
        **creditor_params(creditor),
        "entities": "、".join(e.name for e in creditor.entities if e.confidence != "unconfirmed"),
    }
    if weak_match is not None and not (best and best.match.outcome is MatchOutcome.MATCH):
        yield Signal(
            "payee.unconfirmed_entity",
            _payee_evidence(ctx),
            {**params, "entity": weak_match.against},
        )
        return
    if best is None or (
        not creditor.lenders_known
        and best.match.outcome is MatchOutcome.NO_MATCH
        and not _imitates(ctx, best.match.reasons)
    ):
        # No confirmed entity, or none known to lend under the product: nothing to compare the
        # payee with, so nothing is verified — and nothing proves a third party either.
        yield Signal("payee.creditor_entity_unknown", _payee_evidence(ctx), params)
        return
    match = best.match
    params["entity"] = best.against
    params["reasons"], params["reasons_en"] = name_reasons(match.reasons)
    evidence = _payee_evidence(ctx, f"{match.outcome.value} {'/'.join(match.reasons)}".strip())
    if match.outcome is MatchOutcome.MATCH:
        yield Signal("payee.official_entity", evidence, params)
    elif match.outcome is MatchOutcome.CLOSE_MATCH and match.reasons == ("FRNM",):
        # exactly a former registered name: the creditor's own entity, under its old name
        params["former"] = match.actual or best.against
        params["entity"] = match.actual_name or best.against
        yield Signal("payee.former_entity_name", evidence, params)
    elif match.outcome is MatchOutcome.CLOSE_MATCH:
        if "FRNM" in match.reasons and match.actual_name:
            params["entity"] = match.actual_name
        yield Signal("payee.close_to_creditor", evidence, params)
    elif match.outcome is MatchOutcome.NOT_POSSIBLE:
        yield Signal("payee.name_not_comparable", evidence, params)
    elif _imitates(ctx, match.reasons):
        yield Signal("payee.lookalike_creditor", evidence, params)
    else:
        yield Signal("payee.not_creditor", evidence, params)


def _imitation_without_creditor(ctx: RuleContext, payee_name: str) -> Iterator[Signal]:
    """No creditor named: a payee name that imitates any official name is still reported."""
    payee = ctx.facts.payee
    found = payee.imitates
    if found is None or (payee.name is not None and payee.name.looks_like_person):
        return
    reasons = tuple(reason for reason in found.reasons if reason.startswith("lookalike_"))
    zh, en = directory_reasons(reasons)
    yield Signal(
        "payee.lookalike_creditor",
        _payee_evidence(ctx, "/".join(reasons) or None),
        {
            "payee": quote(payee_name),
            **creditor_params(payee.imitated_creditor),
            "entity": found.lookalike_of or "?",
            "reasons": zh,
            "reasons_en": en,
        },
    )


def _imitates(ctx: RuleContext, reasons: tuple[str, ...]) -> bool:
    """A no-match is an imitation when a look-alike reason says so, unless the payee is a person
    (another payee, not a copy of the company) or a real institution's own name (中国建设银行 is
    not an imitation of 中国工商银行)."""
    if not LOOKALIKE_REASONS & set(reasons):
        return False
    parsed = ctx.facts.payee.name
    if parsed is not None and parsed.looks_like_person:
        return False
    return not ctx.facts.payee.known_institution


@emits("payee.official_account", "payee.not_official_account")
def official_account(ctx: RuleContext) -> Iterator[Signal]:
    """The account is (or is not) one the creditor's directory entry lists as official."""
    creditor_match = ctx.facts.creditor
    info = ctx.facts.payee.account
    if creditor_match is None or creditor_match.creditor is None or info is None:
        return
    creditor = creditor_match.creditor
    accounts = creditor.repayment.official_accounts if creditor.repayment is not None else ()
    if not accounts:
        return
    names = creditor_params(creditor)
    for account in accounts:
        if account.account == info.number:
            yield Signal(
                "payee.official_account",
                (Evidence(field="payee.account", value=info.masked, detail=account.source),),
                {**names, "source": account.source},
            )
            return
    yield Signal(
        "payee.not_official_account",
        (Evidence(field="payee.account", value=info.masked),),
        {**names, "source": accounts[0].source},
    )
