"""Rules about what the optional online sources and risk lists said (:mod:`acctverify.sources`).

The lookups themselves ran before ``verify()`` (:func:`acctverify.sources.enrich`) and travel in
the request: ``registry``, ``card_bin``, ``risk_hits`` and ``lookups``. These rules stay pure.
A lookup that failed or found nothing is "could not be verified" (fail closed), never a pass.
"""

from __future__ import annotations

from collections.abc import Iterator

from acctverify.models.findings import Evidence
from acctverify.models.names import MatchOutcome, NameMatch
from acctverify.models.sources import LookupStatus, RiskHit, RiskKind, SourceKind, SourceOutcome
from acctverify.rules._common import CARD_TYPES, STOPPED_STATUSES, name_reasons, quote
from acctverify.rules._rule import RuleContext, Signal, emits

__all__ = ["card_bin_online", "registry", "risk_lists"]

_KINDS = {
    RiskKind.ACCOUNT: ("账号", "account"),
    RiskKind.PHONE: ("电话号码", "phone number"),
    RiskKind.WECHAT: ("微信号", "WeChat ID"),
    RiskKind.QQ: ("QQ号", "QQ number"),
    RiskKind.DOMAIN: ("网址", "website"),
    RiskKind.USCC: ("信用代码", "credit code"),
    RiskKind.NAME: ("名称", "name"),
}
#: The request fields a lookup may have used; anything else is shown against the payee name.
_FIELDS = ("licence.uscc", "licence.name", "payee.name", "payee.account")


def _outcomes(ctx: RuleContext, kind: SourceKind) -> list[SourceOutcome]:
    return [outcome for outcome in ctx.request.lookups if outcome.kind is kind]


def _field(outcome: SourceOutcome) -> str:
    return outcome.field if outcome.field in _FIELDS else "payee.name"


def _shown(outcome: SourceOutcome) -> str:
    return quote(outcome.query or "", 60)


@emits(
    "sources.registry_not_found",
    "sources.registry_unavailable",
    "sources.registry_name_mismatch",
    "sources.registry_status",
    "sources.registry_uscc_mismatch",
)
def registry(ctx: RuleContext) -> Iterator[Signal]:
    """The registry record against the payee and the licence; a failed or empty lookup."""
    for outcome in _outcomes(ctx, SourceKind.REGISTRY):
        evidence = (Evidence(field=_field(outcome), value=_shown(outcome) or None),)
        params = {"source": outcome.source, "query": _shown(outcome), "detail": outcome.detail}
        if outcome.status is LookupStatus.NOT_FOUND:
            yield Signal("sources.registry_not_found", evidence, params)
        elif outcome.status in (LookupStatus.UNAVAILABLE, LookupStatus.ERROR):
            yield Signal("sources.registry_unavailable", evidence, params)
    record, facts = ctx.request.registry, ctx.facts.registry
    if record is None or facts is None:
        return
    source = record.source or "registry"
    registered = quote(record.name or "")
    payee, licence = ctx.request.payee.name, ctx.request.licence
    names = ctx.facts.names
    if names.payee_registry is not None and _differs(names.payee_registry.match):
        yield _name_mismatch(names.payee_registry.match, "payee.name", payee, registered, source)
    if (
        names.licence_registry is not None
        and licence is not None
        and _differs(names.licence_registry.match)
    ):
        yield _name_mismatch(
            names.licence_registry.match, "licence.name", licence.name, registered, source
        )
    if facts.status in STOPPED_STATUSES:
        where = "licence.uscc" if licence is not None and licence.uscc else "payee.name"
        yield Signal(
            "sources.registry_status",
            (Evidence(field=where, value=quote(record.uscc or record.name),
                      detail=f"{source}: {quote(record.status)}"),),
            {"name": registered, "status": quote(record.status), "source": source},
        )  # fmt: skip
    given = ctx.facts.licence.code if ctx.facts.licence is not None else None
    found = facts.code
    if given and found and given != found:
        yield Signal(
            "sources.registry_uscc_mismatch",
            (Evidence(field="licence.uscc", value=quote(given, 40), detail=f"{source}: {found}"),),
            {"uscc": quote(given, 40), "registered": found, "name": registered, "source": source},
        )


def _differs(match: NameMatch) -> bool:
    # The account name must be exactly the registered name for a transfer to reach that company:
    # a "close" name is another payee (DESIGN.md), so it counts as a mismatch here.
    return match.outcome in (MatchOutcome.NO_MATCH, MatchOutcome.CLOSE_MATCH)


def _name_mismatch(
    match: NameMatch, field: str, given: str | None, registered: str, source: str
) -> Signal:
    zh, en = name_reasons(match.reasons)
    what = ("收款户名", "payee name") if field == "payee.name" else ("营业执照名称", "licence name")
    return Signal(
        "sources.registry_name_mismatch",
        (Evidence(field=field, value=quote(given), detail=f"{source}: {registered}"),),
        {"registered": registered, "name": quote(given), "what": what[0], "what_en": what[1],
         "reasons": zh or "—", "reasons_en": en or "—", "source": source},
    )  # fmt: skip


@emits("sources.card_bin_online")
def card_bin_online(ctx: RuleContext) -> Iterator[Signal]:
    """What the online BIN lookup said, and whether it agrees with the shipped table."""
    for outcome in _outcomes(ctx, SourceKind.CARD_BIN):
        account = ctx.facts.payee.account
        shown = account.masked if account is not None else _shown(outcome)
        evidence = (Evidence(field="payee.account", value=shown or None, detail=outcome.query),)
        params = {"source": outcome.source}
        card = ctx.request.card_bin
        if outcome.status is LookupStatus.OK and card is not None:
            name = f"{ctx.facts.online_card_bank or card.bank_name} ({card.bank_code})"
            kind_zh, kind_en = CARD_TYPES.get(card.card_type.value, ("银行卡", "card"))
            offline = account.card_bin if account is not None else None
            if offline is None:
                agree = ("内置BIN表没有此卡号", "the shipped BIN table does not know it")
            elif offline.bank_code == card.bank_code and offline.card_type is card.card_type:
                agree = ("与内置BIN表一致", "the shipped BIN table agrees")
            else:
                agree = (
                    f"内置BIN表记为{offline.bank_code} {offline.card_type.value}",
                    f"the shipped BIN table says {offline.bank_code} {offline.card_type.value}",
                )
            params["result"] = f"{name}的{kind_zh}；{agree[0]}"
            params["result_en"] = f"a {name} {kind_en}; {agree[1]}"
        elif outcome.status is LookupStatus.NOT_FOUND:
            params["result"] = "未找到该BIN"
            params["result_en"] = "the BIN is unknown"
        else:
            params["result"] = f"查询失败（{outcome.detail}）"
            params["result_en"] = f"the lookup failed ({outcome.detail})"
        yield Signal("sources.card_bin_online", evidence, params)


def _hit_evidence(ctx: RuleContext, hit: RiskHit) -> Evidence:
    if hit.field.startswith("messages[") and hit.start is not None and hit.end is not None:
        index = int(hit.field[len("messages[") : -1])  # the model's pattern makes it digits
        message = ctx.request.messages[index] if index < len(ctx.request.messages) else ""
        if hit.start < hit.end <= len(message):
            raw = message[hit.start : hit.end]
            if hit.kind is RiskKind.ACCOUNT:
                return Evidence(field=hit.field, value=hit.value, detail=hit.list_name)
            return Evidence(
                field=hit.field, value=raw, start=hit.start, end=hit.end, detail=hit.list_name
            )
    return Evidence(field=hit.field, value=hit.value, detail=hit.list_name)


@emits("sources.risk_list_hit", "sources.risk_list_unavailable")
def risk_lists(ctx: RuleContext) -> Iterator[Signal]:
    """Identifiers found on a risk list; a risk list that could not be checked."""
    for hit in ctx.request.risk_hits:
        zh, en = _KINDS.get(hit.kind, (hit.kind.value, hit.kind.value))
        yield Signal(
            "sources.risk_list_hit",
            (_hit_evidence(ctx, hit),),
            {"kind": zh, "kind_en": en, "value": quote(hit.value, 60), "list": hit.list_name,
             "note": quote(hit.note, 120) or "—", "origin": quote(hit.source, 120) or "—"},
        )  # fmt: skip
    for outcome in _outcomes(ctx, SourceKind.RISK_LIST):
        if outcome.status in (LookupStatus.UNAVAILABLE, LookupStatus.ERROR):
            yield Signal(
                "sources.risk_list_unavailable",
                (Evidence(field="payee.account" if ctx.request.payee.account else "payee.name",
                          detail=outcome.source),),
                {"list": outcome.source, "detail": outcome.detail},
            )  # fmt: skip
