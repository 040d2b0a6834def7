"""Rules about the messages: scam wording, personal contacts, links and apps, with their spans."""

from __future__ import annotations

from collections.abc import Iterator

from acctverify.models.findings import Evidence
from acctverify.models.request import MAX_MESSAGE_CHARS
from acctverify.models.text import HitKind, TextHit
from acctverify.rules._common import creditor_params, dial_digits, quote
from acctverify.rules._context import RuleContext
from acctverify.rules._signal import Signal

__all__ = ["FAMILY_LABELS", "apps", "contacts", "judge_link", "links", "phrases", "truncation"]

_CHANNELS = {
    HitKind.WECHAT: ("微信", "WeChat"),
    HitKind.QQ: ("QQ", "QQ"),
    HitKind.PHONE: ("手机号", "mobile number"),
}
_REMOTE = {"remote_control", "screen_share"}

#: Short labels of the phrase families for messages (the families' full descriptions and sources
#: are in data/phrases.toml).
FAMILY_LABELS: dict[str, tuple[str, str]] = {
    "advance_fee": ("先交费用", "advance fee"),
    "safe_account": ("安全账户", "safe account"),
    "designated_account": ("转入指定/个人账户", "transfer to a designated account"),
    "credit_repair": ("修复征信", "credit repair"),
    "account_cancellation": ("注销账户/清空额度", "account cancellation"),
    "debt_intermediary": ("债务优化/代理协商", "debt intermediary"),
    "threat_urgency": ("威胁催促", "threats and urgency"),
    "credential_request": ("索要验证码/密码", "request for codes or passwords"),
    "secrecy": ("要求保密", "secrecy"),
    "frozen_funds": ("资金冻结/解冻", "frozen funds"),
    "turnover_proof": ("刷流水", "turnover proof"),
    "off_platform": ("转到平台外联系", "moving off the platform"),
    "impersonation": ("冒充官方机构", "impersonating an authority"),
    "fake_service": ("冒充客服", "fake customer service"),
    "task_rebate": ("刷单返利", "task rebates"),
    "loan_bait": ("贷款诱饵", "loan bait"),
    "investment": ("虚假投资", "fake investment"),
    "money_mule": ("出租出借账户", "money mule"),
}


def _evidence(index: int, hit: TextHit) -> Evidence:
    return Evidence(
        field=f"messages[{index}]", value=hit.raw, start=hit.start, end=hit.end, detail=hit.rule
    )


def _hits(ctx: RuleContext, *kinds: HitKind) -> Iterator[tuple[int, TextHit]]:
    for message in ctx.facts.messages:
        for hit in message.hits:
            if hit.kind in kinds:
                yield message.index, hit


def _creditor(ctx: RuleContext) -> dict[str, str]:
    match = ctx.facts.creditor
    return creditor_params(match.creditor if match is not None else None)


def phrases(ctx: RuleContext) -> Iterator[Signal]:
    """Scam wording, one finding per phrase family. Phrases the message warns against (negated)
    do not count. A weak phrase (a word genuine messages use too) never raises a finding on its
    own; next to a strong phrase of the same family it is shown as further evidence."""
    from acctverify.text import phrase_families

    families = phrase_families()
    found: dict[str, list[tuple[int, TextHit]]] = {}
    for index, hit in _hits(ctx, HitKind.PHRASE):
        if hit.details.negated:
            continue
        found.setdefault(hit.value, []).append((index, hit))
    for code, hits in found.items():
        strong = [(i, h) for i, h in hits if not h.details.weak]
        if not strong or f"messages.{code}" not in _known_codes():
            continue
        family = families.get(code)
        zh, en = FAMILY_LABELS.get(code, (family.zh, family.en) if family else (code, code))
        yield Signal(
            f"messages.{code}",
            tuple(_evidence(i, h) for i, h in hits),
            {"family": zh, "family_en": en, "text": quote(strong[0][1].raw, 40)},
        )


def _known_codes() -> frozenset[str]:
    from acctverify.rules._catalogue import FINDINGS

    return frozenset(FINDINGS)


def contacts(ctx: RuleContext) -> Iterator[Signal]:
    """Personal WeChat, QQ and mobile contacts; cross-border and unofficial numbers."""
    creditor_match = ctx.facts.creditor
    creditor = creditor_match.creditor if creditor_match is not None else None
    names = _creditor(ctx)
    for index, hit in _hits(
        ctx, HitKind.WECHAT, HitKind.QQ, HitKind.WECOM, HitKind.PHONE, HitKind.SHORT_NUMBER
    ):
        evidence = (_evidence(index, hit),)
        params = {"value": hit.raw, **names}
        if hit.kind is HitKind.WECOM:
            yield Signal("messages.enterprise_wechat", evidence, params)
            continue
        if hit.kind in (HitKind.PHONE, HitKind.SHORT_NUMBER):
            digits = dial_digits(hit.value)
            official = ctx.directory.is_official_number(digits, creditor)
            if official is None and creditor is not None:
                official_elsewhere = ctx.directory.is_official_number(digits)
                if official_elsewhere is not None:
                    continue  # another institution's service number: context only
            if official is not None:
                yield Signal("messages.official_number", evidence, params)
                continue
            if hit.details.cross_border:
                region = hit.details.region or "?"
                yield Signal("messages.cross_border_number", evidence, {**params, "region": region})
                continue
            if hit.kind is HitKind.SHORT_NUMBER:
                continue
            if not hit.details.personal:
                yield Signal("messages.unofficial_number", evidence, params)
                continue
        zh, en = _CHANNELS.get(hit.kind, ("联系方式", "contact"))
        yield Signal(
            "messages.personal_contact", evidence, {**params, "channel": zh, "channel_en": en}
        )


def judge_link(ctx: RuleContext, hit: TextHit, evidence: tuple[Evidence, ...]) -> Signal | None:
    """Judge one URL hit against the directory's official domains (shared with the contact rule)."""
    if ctx.directory.is_official_domain(hit.value) is not None:
        return None
    params = {"value": hit.value, **_creditor(ctx)}
    if hit.details.brand_match in ("subdomain", "lookalike"):
        detail = f"{hit.details.brand or '?'}: {hit.details.brand_match}"
        return Signal("messages.lookalike_link", evidence, {**params, "detail": detail})
    if hit.details.short_link:
        return Signal("messages.short_link", evidence, params)
    return Signal("messages.unofficial_link", evidence, params)


def links(ctx: RuleContext) -> Iterator[Signal]:
    """Links that are not an official domain: look-alikes, short links, anything else."""
    for index, hit in _hits(ctx, HitKind.URL):
        signal = judge_link(ctx, hit, (_evidence(index, hit),))
        if signal is not None:
            yield signal


def apps(ctx: RuleContext) -> Iterator[Signal]:
    """Remote-control apps and screen sharing; meeting and chat apps (not when a message warns
    against them)."""
    for index, hit in _hits(ctx, HitKind.APP):
        if hit.details.negated:  # 不要相信…要求您下载会议软件: a warning, not a request
            continue
        code = (
            "messages.remote_control_app"
            if hit.details.category in _REMOTE
            else "messages.meeting_app"
        )
        yield Signal(code, (_evidence(index, hit),), {"value": f"{hit.raw} ({hit.value})"})


def truncation(ctx: RuleContext) -> Iterator[Signal]:
    """A message too long to scan whole."""
    for message in ctx.facts.messages:
        if message.truncated:
            yield Signal(
                "messages.truncated",
                (Evidence(field=f"messages[{message.index}]"),),
                {"index": str(message.index + 1), "limit": str(MAX_MESSAGE_CHARS)},
            )
