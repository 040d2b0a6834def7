"""Rules about the messages: scam wording, personal contacts, links and apps, with their spans."""

from __future__ import annotations

from collections.abc import Iterator

from acctverify.models.findings import Evidence
from acctverify.models.request import MAX_MESSAGE_CHARS
from acctverify.models.text import HitKind, TextHit
from acctverify.rules._common import creditor_params, judge_link, listed, quote
from acctverify.rules._rule import RuleContext, Signal, emits

__all__ = ["apps", "contacts", "links", "phrases", "truncation"]

_CHANNELS = {
    HitKind.WECHAT: ("微信", "WeChat"),
    HitKind.QQ: ("QQ", "QQ"),
    HitKind.PHONE: ("手机号", "mobile number"),
}
_REMOTE = {"remote_control", "screen_share"}


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


def _families() -> tuple[str, ...]:
    from acctverify.text import phrase_families

    return tuple(phrase_families())


@emits(*(f"messages.{code}" for code in _families()))
def phrases(ctx: RuleContext) -> Iterator[Signal]:
    """Scam wording, one finding per phrase family. Phrases the message warns against (negated)
    do not count. A weak phrase (a word genuine messages use too) never raises a finding on its
    own; next to a strong phrase of the same family it is shown as further evidence."""
    found: dict[str, list[tuple[int, TextHit]]] = {}
    for index, hit in _hits(ctx, HitKind.PHRASE):
        if hit.details.negated:
            continue
        found.setdefault(hit.value, []).append((index, hit))
    for code, hits in found.items():
        strong = [(i, h) for i, h in hits if not h.details.weak]
        if not strong:
            continue
        yield Signal(
            f"messages.{code}",
            tuple(_evidence(i, h) for i, h in hits),
            {"text": quote(strong[0][1].raw, 40)},
        )


@emits(
    "messages.enterprise_wechat",
    "messages.official_number",
    "messages.cross_border_number",
    "messages.unofficial_number",
    "messages.personal_contact",
)
def contacts(ctx: RuleContext) -> Iterator[Signal]:
    """Personal WeChat, QQ and mobile contacts; cross-border and unofficial numbers."""
    names = _creditor(ctx)
    for message in ctx.facts.messages:
        for position, hit in enumerate(message.hits):
            if hit.kind not in _CONTACT_KINDS:
                continue
            evidence = (_evidence(message.index, hit),)
            params = {"value": hit.raw, **names}
            if hit.kind is HitKind.WECOM:
                yield Signal("messages.enterprise_wechat", evidence, params)
                continue
            if hit.kind in (HitKind.PHONE, HitKind.SHORT_NUMBER):
                entry = listed(message.listed, position)
                if entry is not None:
                    if entry.of_creditor:
                        yield Signal("messages.official_number", evidence, params)
                    continue  # another institution's service number: context only
                if hit.details.cross_border:
                    region = hit.details.region or "?"
                    yield Signal(
                        "messages.cross_border_number", evidence, {**params, "region": region}
                    )
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


_CONTACT_KINDS = frozenset(
    {HitKind.WECHAT, HitKind.QQ, HitKind.WECOM, HitKind.PHONE, HitKind.SHORT_NUMBER}
)


@emits("messages.lookalike_link", "messages.short_link", "messages.unofficial_link")
def links(ctx: RuleContext) -> Iterator[Signal]:
    """Links that are not an official domain: look-alikes, short links, anything else."""
    for message in ctx.facts.messages:
        for position, hit in enumerate(message.hits):
            if hit.kind is not HitKind.URL:
                continue
            entry = listed(message.listed, position)
            signal = judge_link(ctx, hit, entry, (_evidence(message.index, hit),))
            if signal is not None:
                yield signal


@emits("messages.remote_control_app", "messages.meeting_app")
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


@emits("messages.truncated")
def truncation(ctx: RuleContext) -> Iterator[Signal]:
    """A message too long to scan whole."""
    for message in ctx.facts.messages:
        if message.truncated:
            yield Signal(
                "messages.truncated",
                (Evidence(field=f"messages[{message.index}]"),),
                {"index": str(message.index + 1), "limit": str(MAX_MESSAGE_CHARS)},
            )
