"""Rules about the licence or registry record: the credit code, the name, status, age, scope."""

from __future__ import annotations

from collections.abc import Iterator

from acctverify.models.facts import RegistryStatus
from acctverify.models.findings import Evidence
from acctverify.models.names import MatchOutcome
from acctverify.names._match import LOOKALIKE_REASONS
from acctverify.rules._common import (
    STOPPED_STATUSES,
    creditor_params,
    error_text,
    name_reasons,
    quote,
)
from acctverify.rules._rule import RuleContext, Signal, emits

__all__ = [
    "SCOPE_TERMS",
    "credit_code",
    "credit_code_consistency",
    "dates",
    "individual_business",
    "legal_representative",
    "name_against_payee",
    "scope",
    "status",
]

#: Business-scope wording typical of third-party "debt optimisation / negotiation" companies. The
#: scenario and its wording come from the NFRA warnings on 债务优化/代理维权 intermediaries and the
#: issue that defines this rule (scam-signals.md §2.2; licence cross-check issue).
SCOPE_TERMS: tuple[str, ...] = (
    "债务",
    "催收",
    "债权",
    "不良资产",
    "信用修复",
    "征信修复",
    "信用管理",
    "代理维权",
    "法律咨询",
    "商务信息咨询",
)

#: A company founded this recently (days before the request) is reported.
RECENT_DAYS = 365

_WARNING = {RegistryStatus.ABNORMAL, RegistryStatus.SERIOUS_VIOLATION, RegistryStatus.MOVED}
_COMPANY_FORMS = ("有限公司", "股份公司", "有限责任公司", "股份有限公司")


@emits(
    "licence.regno_invalid",
    "licence.regno_unverifiable",
    "licence.uscc_malformed",
    "licence.uscc_pilot_code",
    "licence.uscc_invalid",
    "licence.org_code_invalid",
    "licence.uscc_unknown_region",
    "licence.uscc_unknown_type",
)
def credit_code(ctx: RuleContext) -> Iterator[Signal]:
    """The credit code itself: format, check character, organisation code, region, type."""
    licence, facts = ctx.request.licence, ctx.facts.licence
    if licence is None or facts is None or not licence.uscc or not licence.uscc.strip():
        return
    raw = quote(licence.uscc, 40)
    evidence = (Evidence(field="licence.uscc", value=raw),)
    if facts.regno_old:
        yield Signal("licence.regno_unverifiable", evidence, {"regno": raw})
        return
    image = ctx.facts.image
    confirmed = image is not None and image.qr_code is not None and image.qr_code == facts.code
    if (
        facts.from_image
        and not confirmed
        and (facts.regno_valid is False or facts.uscc is None or not facts.uscc.checksum_valid)
    ):
        # Read off a photo, a code that fails its check is more likely misread than forged:
        # the image rules say it could not be read reliably (image.code_unreliable). A QR code
        # carrying the same code confirms the reading: then it is the licence's own code.
        return
    if facts.regno_valid is not None:
        if not facts.regno_valid:
            yield Signal("licence.regno_invalid", evidence, {"regno": raw})
        return
    info = facts.uscc
    if info is None:
        zh, en = error_text(facts.uscc_error)
        yield Signal(
            "licence.uscc_malformed", evidence, {"uscc": raw, "reason": zh, "reason_en": en}
        )
        return
    params = {"uscc": info.code, "expected": info.expected_check_character}
    if "pilot_code_pattern" in info.anomalies:
        yield Signal("licence.uscc_pilot_code", evidence, params)
    elif not info.checksum_valid:
        yield Signal("licence.uscc_invalid", evidence, params)
    if not info.org_code_valid:
        yield Signal("licence.org_code_invalid", evidence, params)
    if "unknown_region" in info.anomalies:
        yield Signal(
            "licence.uscc_unknown_region", evidence, {**params, "region": info.region_code}
        )
    if "unknown_authority" in info.anomalies or "unknown_entity_type" in info.anomalies:
        pair = info.authority + info.entity_type
        yield Signal("licence.uscc_unknown_type", evidence, {**params, "pair": pair})


@emits("licence.uscc_type_vs_name", "licence.uscc_region_vs_address", "licence.uscc_not_creditor")
def credit_code_consistency(ctx: RuleContext) -> Iterator[Signal]:
    """The credit code against the name's legal form, the address and the creditor's own code."""
    licence, facts = ctx.request.licence, ctx.facts.licence
    if licence is None or facts is None or facts.uscc is None:
        return
    info = facts.uscc
    name = facts.name
    if name is not None and name.legal_form_canonical in _COMPANY_FORMS:
        kind = info.authority + info.entity_type
        if kind in ("92", "93") or (info.authority_name is not None and info.authority != "9"):
            yield Signal(
                "licence.uscc_type_vs_name",
                (Evidence(field="licence.uscc", value=info.code),
                 Evidence(field="licence.name", value=quote(licence.name))),
                {"uscc": info.code, "entity_type": info.entity_type_name or kind,
                 "entity_type_en": info.entity_type_name_en or kind,
                 "name": quote(licence.name), "legal_form": name.legal_form_canonical or ""},
            )  # fmt: skip
    if licence.address and not info.region.national and info.region.province:
        address_province = facts.address_province
        if address_province is not None and address_province != info.region.province:
            yield Signal(
                "licence.uscc_region_vs_address",
                (Evidence(field="licence.uscc", value=info.code),
                 Evidence(field="licence.address", value=quote(licence.address))),
                {"region": info.region_name or info.region_code, "address": quote(licence.address)},
            )  # fmt: skip
    creditor = ctx.facts.creditor.creditor if ctx.facts.creditor else None
    if creditor is None:
        return
    pair = ctx.facts.names.licence_creditor
    claims_creditor = pair is not None and pair.match.outcome is MatchOutcome.MATCH
    confirmed = [e.uscc for e in creditor.entities if e.uscc and e.confidence != "unconfirmed"]
    if claims_creditor and confirmed and info.code not in confirmed:
        yield Signal(
            "licence.uscc_not_creditor",
            (Evidence(field="licence.uscc", value=info.code),),
            {"uscc": info.code, "expected": "/".join(confirmed), **creditor_params(creditor)},
        )


@emits(
    "licence.name_lookalike",
    "licence.name_mismatch",
    "licence.name_close",
    "licence.name_not_comparable",
    "licence.name_unconfirmed",
)
def name_against_payee(ctx: RuleContext) -> Iterator[Signal]:
    """The payee account name against the licence name."""
    licence = ctx.request.licence
    pair = ctx.facts.names.payee_licence
    if pair is None:
        return
    match = pair.match
    params = {
        "payee": quote(ctx.request.payee.name),
        "name": quote(licence.name if licence else pair.against),
    }
    params["reasons"], params["reasons_en"] = name_reasons(match.reasons)
    evidence = (
        Evidence(field="payee.name", value=quote(ctx.request.payee.name)),
        Evidence(field="licence.name", value=params["name"], detail="/".join(match.reasons)),
    )
    facts = ctx.facts.licence
    if (
        facts is not None
        and facts.name_near_payee
        and match.outcome in (MatchOutcome.NO_MATCH, MatchOutcome.CLOSE_MATCH)
    ):
        # A few characters off, or the payee name with text around it: OCR misreads and glues
        # neighbouring text exactly so; the photo cannot confirm the name, nor contradict it.
        yield Signal("licence.name_unconfirmed", evidence, params)
        return
    if match.outcome is MatchOutcome.NO_MATCH:
        # A person's name sharing characters with a company name is another payee, not an
        # imitation of the company.
        person = ctx.facts.payee.name is not None and ctx.facts.payee.name.looks_like_person
        lookalike = not person and LOOKALIKE_REASONS & set(match.reasons)
        code = "licence.name_lookalike" if lookalike else "licence.name_mismatch"
        yield Signal(code, evidence, params)
    elif match.outcome is MatchOutcome.CLOSE_MATCH:
        yield Signal("licence.name_close", evidence, params)
    elif match.outcome is MatchOutcome.NOT_POSSIBLE:
        yield Signal("licence.name_not_comparable", evidence, params)


@emits("licence.not_operating", "licence.status_warning", "licence.unreadable")
def status(ctx: RuleContext) -> Iterator[Signal]:
    """A registry status other than operating."""
    licence, facts = ctx.request.licence, ctx.facts.licence
    if licence is None or facts is None or facts.status is None:
        return
    evidence = (Evidence(field="licence.status", value=quote(licence.status)),)
    if facts.status in STOPPED_STATUSES:
        yield Signal("licence.not_operating", evidence, {"status": quote(licence.status)})
    elif facts.status in _WARNING:
        yield Signal("licence.status_warning", evidence, {"status": quote(licence.status)})
    elif facts.status is RegistryStatus.UNKNOWN:
        yield Signal(
            "licence.unreadable",
            evidence,
            {"field": "登记状态", "field_en": "status", "value": quote(licence.status)},
        )


@emits(
    "licence.date_in_future", "licence.recently_founded", "licence.term_ended", "licence.unreadable"
)
def dates(ctx: RuleContext) -> Iterator[Signal]:
    """Founded recently (or in the future); business term ended; unreadable fields."""
    licence, facts = ctx.request.licence, ctx.facts.licence
    if licence is None or facts is None:
        return
    as_of = ctx.facts.as_of
    if facts.established is not None:
        days = (as_of - facts.established).days
        if days < 0:
            yield Signal(
                "licence.date_in_future",
                (Evidence(field="licence.established", value=facts.established.isoformat()),),
                {"established": facts.established.isoformat(), "as_of": as_of.isoformat()},
            )
        elif days < RECENT_DAYS:
            yield Signal(
                "licence.recently_founded",
                (Evidence(field="licence.established", value=facts.established.isoformat()),),
                {"established": facts.established.isoformat(), "days": str(days)},
            )
    if facts.term_end is not None and facts.term_end < as_of:
        yield Signal(
            "licence.term_ended",
            (Evidence(field="licence.business_term_end", value=facts.term_end.isoformat()),),
            {"end": facts.term_end.isoformat()},
        )
    labels = {
        "established": ("成立日期", "date of establishment"),
        "business_term_end": ("营业期限", "business term"),
        "registered_capital": ("注册资本", "registered capital"),
    }
    for field in facts.unreadable:
        zh, en = labels.get(field, (field, field))
        value = getattr(licence, field, None)
        yield Signal(
            "licence.unreadable",
            (Evidence(field=f"licence.{field}", value=quote(str(value))),),
            {"field": zh, "field_en": en, "value": quote(str(value))},
        )


@emits("licence.payee_is_legal_rep")
def legal_representative(ctx: RuleContext) -> Iterator[Signal]:
    """The payee is the licence's legal representative personally."""
    licence, facts = ctx.request.licence, ctx.facts.licence
    if licence is None or facts is None or not facts.payee_is_legal_representative:
        return
    person = "".join((licence.legal_representative or "").split())
    yield Signal(
        "licence.payee_is_legal_rep",
        (Evidence(field="payee.name", value=quote(ctx.request.payee.name)),
         Evidence(field="licence.legal_representative", value=quote(person))),
        {"person": quote(person)},
    )  # fmt: skip


@emits("licence.debt_service_scope")
def scope(ctx: RuleContext) -> Iterator[Signal]:
    """A business scope typical of third-party debt-service companies."""
    licence = ctx.request.licence
    if licence is None or not licence.business_scope:
        return
    text = licence.business_scope[:20_000]
    found = [term for term in SCOPE_TERMS if term in text]
    if found:
        yield Signal(
            "licence.debt_service_scope",
            (Evidence(field="licence.business_scope", value=quote(text, 120)),),
            {"terms": "、".join(found)},
        )


@emits("licence.individual_business_form", "payee.individual_business")
def individual_business(ctx: RuleContext) -> Iterator[Signal]:
    """The licence (or, without one, the payee name) is that of a 个体工商户."""
    facts = ctx.facts.licence
    licence = ctx.request.licence
    if facts is not None and licence is not None and facts.individual_business:
        shown = licence.entity_type or (facts.uscc.code if facts.uscc else licence.name)
        yield Signal(
            "licence.individual_business_form",
            (Evidence(field="licence", value=quote(shown)),),
            {"evidence": quote(shown)},
        )
        return
    name = ctx.facts.payee.name
    if name is not None and name.individual_business:
        yield Signal(
            "payee.individual_business", (Evidence(field="payee.name", value=quote(name.original)),)
        )
