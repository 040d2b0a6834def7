"""Stage 1 of verify(): parse every identifier, name and message of a request once (private).

Pure: the result depends only on the request, the directory and the date given.
"""

from __future__ import annotations

import functools
from datetime import date

from stdnum.exceptions import ValidationError

from acctverify._parse import parse_capital, parse_date, parse_status, parse_term_end
from acctverify.cn import account, banks, cnaps, regno, uscc
from acctverify.cn._util import clean
from acctverify.directory import Directory
from acctverify.models.directory import Creditor
from acctverify.models.licence_image import LicenceReading
from acctverify.models.report import (
    Facts,
    LicenceFacts,
    MessageFacts,
    NamePairMatch,
    PayeeFacts,
)
from acctverify.models.request import (
    MAX_FIELD_CHARS,
    MAX_MESSAGE_CHARS,
    Licence,
    Payee,
    PaymentRequest,
)
from acctverify.models.text import TextHit

__all__ = ["build_facts"]

_INDIVIDUAL_WORDS = ("个体工商户", "个体户", "个体经营")


def _cut(value: str | None) -> str | None:
    """Return a field cut to :data:`MAX_FIELD_CHARS`, or ``None`` when it is empty."""
    if value is None or not value.strip():
        return None
    return value[:MAX_FIELD_CHARS] if len(value) > MAX_FIELD_CHARS else value


def _truncated_fields(request: PaymentRequest) -> tuple[str, ...]:
    fields = [
        ("payee.name", request.payee.name),
        ("payee.account", request.payee.account),
        ("payee.bank", request.payee.bank),
        ("payee.branch", request.payee.branch),
        ("payee.cnaps", request.payee.cnaps),
        ("creditor", request.creditor),
    ]
    if request.licence is not None:
        fields += [("licence.name", request.licence.name), ("licence.uscc", request.licence.uscc)]
    return tuple(name for name, value in fields if value and len(value) > MAX_FIELD_CHARS)


# The stages below are pure functions of frozen (hashable) models, cached: screening jobs see the
# same payees, licences and creditor names again and again.
@functools.lru_cache(maxsize=4096)
def _payee_facts(payee: Payee) -> PayeeFacts:
    from acctverify.names import parse_company_name

    name = _cut(payee.name)
    number = _cut(payee.account)
    bank_text = _cut(payee.bank) or _cut(payee.branch)
    stated = banks.resolve(bank_text) if bank_text else None
    cnaps_info = cnaps_error = None
    code = _cut(payee.cnaps)
    if code is not None:
        try:
            cnaps_info = cnaps.parse(code)
        except ValidationError as exc:
            cnaps_error = type(exc).__name__
    return PayeeFacts(
        name=parse_company_name(name) if name else None,
        account=account.classify(number, bank=bank_text) if number else None,
        stated_bank_code=stated.code if stated else None,
        cnaps=cnaps_info,
        cnaps_error=cnaps_error,
    )


@functools.lru_cache(maxsize=4096)
def _licence_facts(licence: Licence) -> LicenceFacts:
    from acctverify.names import parse_company_name

    unreadable: list[str] = []
    uscc_info = uscc_error = regno_valid = None
    code = _cut(licence.uscc)
    if code is not None:
        try:
            compact = clean(code)
        except (ValidationError, TypeError, ValueError):
            compact = code
        if len(compact) == 15 and compact.isascii() and compact.isdigit():
            regno_valid = regno.is_valid(compact)
        else:
            try:
                uscc_info = uscc.parse(code)
            except ValidationError as exc:
                uscc_error = type(exc).__name__
    established = licence.established
    if isinstance(established, str):
        established = parse_date(established)
        if established is None:
            unreadable.append("established")
    term = licence.business_term_end
    if isinstance(term, str):
        term = parse_term_end(term)
        if term is None:
            unreadable.append("business_term_end")
    capital = None
    if licence.registered_capital and licence.registered_capital.strip():
        capital = parse_capital(licence.registered_capital)
        if capital is None:
            unreadable.append("registered_capital")
    name = _cut(licence.name)
    parsed_name = parse_company_name(name) if name else None
    type_text = licence.entity_type or ""
    individual = (
        any(word in type_text for word in _INDIVIDUAL_WORDS)
        or (uscc_info is not None and uscc_info.authority + uscc_info.entity_type == "92")
        or (parsed_name is not None and parsed_name.individual_business)
    )
    return LicenceFacts(
        uscc=uscc_info,
        uscc_error=uscc_error,
        regno_valid=regno_valid,
        name=parsed_name,
        established=established if isinstance(established, date) else None,
        term_end=term if isinstance(term, date) else None,
        term_open_ended=term == "长期",
        status=parse_status(licence.status),
        capital=str(capital[0]) if capital else None,
        capital_currency=capital[1] if capital else None,
        individual_business=individual,
        unreadable=tuple(unreadable),
    )


def _entity_names(creditor: Creditor, *, confirmed: bool) -> tuple[list[str], list[str]]:
    current: list[str] = []
    former: list[str] = []
    for entity in creditor.entities:
        if (entity.confidence != "unconfirmed") is confirmed:
            # An entity that no longer plays its role (the micro-lenders behind 花呗 and 借呗)
            # is a former name of the creditor, never its current payee.
            (former if entity.status == "former" else current).append(entity.name)
            former.extend(item.name for item in entity.former_names)
    return current, former


@functools.lru_cache(maxsize=4096)
def _name_pairs(
    payee_name: str | None,
    licence_name: str | None,
    licence_uscc: str | None,
    creditor: Creditor | None,
) -> tuple[NamePairMatch, ...]:
    from acctverify.names import match_any, match_names

    pairs: list[NamePairMatch] = []
    if payee_name and licence_name:
        result = match_names(payee_name, licence_name)
        pairs.append(NamePairMatch(pair="payee~licence", against=licence_name, match=result))
    if creditor is None:
        return tuple(pairs)
    for confirmed, suffix in ((True, ""), (False, "_unconfirmed")):
        current, former = _entity_names(creditor, confirmed=confirmed)
        if not current:
            continue
        if payee_name:
            result = match_any(payee_name, current, former_names=former)
            pairs.append(
                NamePairMatch(
                    pair=f"payee~creditor{suffix}",
                    against=result.actual or current[0],
                    match=result,
                )
            )
        if licence_name and confirmed:
            # By name: whether the licence claims to be the creditor. Its credit code is then
            # compared with the creditor's by the licence.uscc_not_creditor rule.
            result = match_any(licence_name, current, former_names=former, given_uscc=licence_uscc)
            pairs.append(
                NamePairMatch(
                    pair="licence~creditor", against=result.actual or current[0], match=result
                )
            )
    return tuple(pairs)


def _scan(text: str | None) -> tuple[TextHit, ...]:
    from acctverify.text import scan

    return scan(text[:MAX_FIELD_CHARS]) if text and text.strip() else ()


def build_facts(
    request: PaymentRequest,
    *,
    directory: Directory,
    as_of: date,
    licence_image: LicenceReading | None = None,
) -> Facts:
    """Parse everything in *request* once; never raises for any string content.

    *licence_image* is what :func:`acctverify.verify` read off the request's licence image (the
    reading is I/O, done before this pure stage).
    """
    from acctverify.text import scan_detailed

    payee = _payee_facts(request.payee)
    licence = _licence_facts(request.licence) if request.licence is not None else None
    creditor_text = _cut(request.creditor)
    creditor = directory.resolve(creditor_text) if creditor_text else None
    licence_model = request.licence
    pairs = _name_pairs(
        _cut(request.payee.name),
        _cut(licence_model.name) if licence_model else None,
        licence_model.uscc if licence_model else None,
        directory.compared_creditor(creditor),
    )
    messages = []
    for index, message in enumerate(request.messages):
        result = scan_detailed(message, max_chars=MAX_MESSAGE_CHARS)
        messages.append(
            MessageFacts(
                index=index, length=len(message), truncated=result.truncated, hits=result.hits
            )
        )
    contact_hits: tuple[TextHit, ...] = ()
    if request.contact is not None:
        contact_hits = _scan(request.contact.caller_number) + _scan(request.contact.link)
    registry = None
    if request.registry is not None:
        registry = _licence_facts(request.registry)
        pairs += _registry_pairs(
            request.registry.name,
            _cut(request.payee.name),
            _cut(licence_model.name) if licence_model is not None else None,
        )
    return Facts(
        as_of=as_of,
        payee=payee,
        licence=licence,
        creditor=creditor,
        name_matches=pairs,
        registry=registry,
        messages=tuple(messages),
        contact=contact_hits,
        truncated_fields=_truncated_fields(request),
        licence_image=licence_image,
    )


@functools.lru_cache(maxsize=1024)
def _registry_pairs(
    registered: str | None, payee_name: str | None, licence_name: str | None
) -> tuple[NamePairMatch, ...]:
    """The payee's and the licence's names against the registered name found online."""
    from acctverify.names import match_names

    name = _cut(registered)
    if not name:
        return ()
    return tuple(
        NamePairMatch(pair=pair, against=name, match=match_names(given, name))
        for pair, given in (("payee~registry", payee_name), ("licence~registry", licence_name))
        if given
    )
