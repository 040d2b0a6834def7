"""Rules about how the request arrived: the calling or texting number, the link sent."""

from __future__ import annotations

from collections.abc import Iterator

from acctverify.models.findings import Evidence
from acctverify.models.text import HitKind
from acctverify.rules._common import creditor_params, judge_link, listed
from acctverify.rules._rule import RuleContext, Signal, emits

__all__ = ["caller"]


@emits(
    "contact.official_number",
    "contact.cross_border_number",
    "contact.private_number",
    "messages.lookalike_link",
    "messages.short_link",
    "messages.unofficial_link",
)
def caller(ctx: RuleContext) -> Iterator[Signal]:
    """The caller number against the creditor's published numbers; the link against its domains."""
    if ctx.request.contact is None:
        return
    creditor_match = ctx.facts.creditor
    names = creditor_params(creditor_match.creditor if creditor_match is not None else None)
    for index, hit in enumerate(ctx.facts.contact):
        entry = listed(ctx.facts.contact_listed, index)
        if hit.kind is HitKind.URL:
            signal = judge_link(ctx, hit, entry, (Evidence(field="contact.link", value=hit.value),))
            if signal is not None:
                yield signal
            continue
        if hit.kind not in (HitKind.PHONE, HitKind.SHORT_NUMBER):
            continue
        evidence = (Evidence(field="contact.caller_number", value=hit.raw),)
        params = {"value": hit.raw, **names}
        if entry is not None and entry.of_creditor:
            yield Signal("contact.official_number", evidence, params)
        elif hit.details.cross_border:
            yield Signal(
                "contact.cross_border_number",
                evidence,
                {**params, "region": hit.details.region or "?"},
            )
        elif hit.details.personal:
            yield Signal("contact.private_number", evidence, params)
