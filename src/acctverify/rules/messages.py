"""Rules about the messages: scam wording, personal contacts, links and apps, with their spans."""

from __future__ import annotations

from collections.abc import Iterator

from acctverify.models.findings import Evidence
from acctverify.models.request import MAX_MESSAGE_CHARS
from acctverify.models.text import HitKind, TextHit
from acctverify.rules._common import creditor_params, judge_link, listed, quote
from acctverify.rules._rule import RuleContext, Signal, emits

__all__ = ["apps", "contacts", "links", "phrases", "scam_typology", "truncation"]

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


def _hits(
    ctx: RuleContext, *kinds: HitKind, scams_only: bool = False
) -> Iterator[tuple[int, TextHit]]:
    for message in ctx.facts.messages:
        if scams_only and message.risk is not None and not message.risk.scam:
            continue
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
    """Scam wording, one finding per phrase family, in the messages that read as scams (a phrase
    alone proves nothing: anti-fraud warnings and people asking about a scam quote the same
    words). Phrases the message warns against (negated) do not count. A weak phrase (a word genuine
    messages use too) never raises a finding on its own; next to a strong phrase of the same
    family it is shown as further evidence."""
    found: dict[str, list[tuple[int, TextHit]]] = {}
    for index, hit in _hits(ctx, HitKind.PHRASE, scams_only=True):
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
    personal: dict[tuple[HitKind, str], Evidence] = {}
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
            # one piece of evidence per distinct contact, however often it is repeated
            personal.setdefault((hit.kind, hit.value), evidence[0])
    if personal:
        kinds = list(dict.fromkeys(kind for kind, _ in personal))
        zh = "、".join(_CHANNELS.get(kind, ("联系方式", "contact"))[0] for kind in kinds)
        en = ", ".join(_CHANNELS.get(kind, ("联系方式", "contact"))[1] for kind in kinds)
        values = "、".join(dict.fromkeys(e.value or "" for e in personal.values()))
        yield Signal(
            "messages.personal_contact",
            tuple(personal.values()),
            {"value": quote(values, 60), **names, "channel": zh, "channel_en": en},
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
    """Remote-control apps and screen sharing; meeting and chat apps, in the messages that read as
    scams (not where a message warns against them, nor where people mention an app in passing)."""
    for index, hit in _hits(ctx, HitKind.APP, scams_only=True):
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


def _typology_codes() -> tuple[str, ...]:
    from acctverify.text import TYPOLOGIES

    return tuple(f"messages.scam.{code}" for code in TYPOLOGIES)


def _quoted(text: str, spans: tuple[tuple[int, int], ...], limit: int = 4) -> str:
    """The distinct texts of *spans*, quoted, in order: “无抵押”“放款前需先交”."""
    seen: dict[str, None] = {}
    for start, end in sorted(spans):
        piece = quote(text[start:end], 20)
        if piece and len(seen) < limit:
            seen.setdefault(piece, None)
    return "".join(f"“{piece}”" for piece in seen)


#: What a money or credential cue asks, in words (the cue's own label otherwise).
_WHAT = {True: ("转账或付钱", "move money"), False: ("提供验证码、密码或屏幕", "hand over codes, "
         "passwords or your screen")}  # fmt: skip


@emits(*_typology_codes(), "messages.scam_likely", "messages.scam_money_request")
def scam_typology(ctx: RuleContext) -> Iterator[Signal]:
    """A message that reads as a scam: a recognised typology (its defining cues as evidence) or,
    without one, a score that reaches the scam threshold; and a money or credential request
    inside such a message."""
    from acctverify.text import CUES

    for message in ctx.facts.messages:
        risk = message.risk
        if risk is None or not risk.scam:
            continue
        field = f"messages[{message.index}]"
        messages = ctx.request.messages
        text = messages[message.index] if message.index < len(messages) else ""

        def evidence(
            spans: tuple[tuple[int, int], ...], detail: str, field: str = field, text: str = text
        ) -> tuple[Evidence, ...]:
            return tuple(
                Evidence(field=field, value=text[start:end], start=start, end=end, detail=detail)
                for start, end in spans
            )

        if risk.typologies:
            best = risk.typologies[0]
            feature = f"typology:{best.code}"
            spans = next((t.spans for t in risk.contributions if t.feature == feature), ())
            quoted = _quoted(text, spans)
            yield Signal(
                f"messages.scam.{best.code}",
                evidence(spans, f"typology {best.code}"),
                {"cues": quoted, "cues_en": quoted},
            )
        else:
            top = [
                term for term in risk.contributions
                if term.points > 0 and term.spans and term.feature.startswith("cue:")
            ][:4]  # fmt: skip
            spans = tuple(span for term in top for span in term.spans[:3])
            quoted = _quoted(text, spans) or "—"
            yield Signal(
                "messages.scam_likely",
                evidence(spans, f"score {risk.score:.2f}"),
                {"cues": quoted, "cues_en": quoted},
            )
        if risk.money_request or risk.credential_request:
            asks = [
                hit for hit in risk.cues
                if not hit.negated and (CUES[hit.code].money or CUES[hit.code].credential)
            ]  # fmt: skip
            if not asks:
                continue
            first = asks[0]
            zh, en = _WHAT[CUES[first.code].money]
            yield Signal(
                "messages.scam_money_request",
                evidence(tuple((hit.start, hit.end) for hit in asks[:5]), first.code),
                {"what": zh, "what_en": en, "text": quote(first.raw, 40)},
            )
