"""Rules about how the request arrived: the calling or texting number, the link sent."""

from __future__ import annotations

from collections.abc import Iterator

from acctverify.models.findings import Evidence
from acctverify.models.text import HitKind
from acctverify.rules._common import creditor_params, dial_digits
from acctverify.rules._context import RuleContext
from acctverify.rules._signal import Signal
from acctverify.rules.messages import judge_link

__all__ = ["caller"]


def caller(ctx: RuleContext) -> Iterator[Signal]:
    """The caller number against the creditor's published numbers; the link against its domains."""
    contact = ctx.request.contact
    if contact is None:
        return
    creditor_match = ctx.facts.creditor
    creditor = creditor_match.creditor if creditor_match is not None else None
    names = creditor_params(creditor)
    for hit in ctx.facts.contact:
        if hit.kind is HitKind.URL:
            signal = judge_link(ctx, hit, (Evidence(field="contact.link", value=hit.value),))
            if signal is not None:
                yield signal
            continue
        if hit.kind not in (HitKind.PHONE, HitKind.SHORT_NUMBER):
            continue
        evidence = (Evidence(field="contact.caller_number", value=hit.raw),)
        params = {"value": hit.raw, **names}
        digits = dial_digits(hit.value)
        if ctx.directory.is_official_number(digits, creditor) is not None:
            yield Signal("contact.official_number", evidence, params)
        elif hit.details.cross_border:
            yield Signal(
                "contact.cross_border_number",
                evidence,
                {**params, "region": hit.details.region or "?"},
            )
        elif hit.details.personal:
            yield Signal("contact.private_number", evidence, params)
