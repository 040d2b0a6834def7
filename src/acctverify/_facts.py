"""Stage 1 of verify(): every parse and every directory look-up of a request, once (private).

Pure: the result depends only on the request, the directory, the date and the licence-image
reading given. The rules read what this stage builds (:class:`~acctverify.models.facts.Facts`)
and nothing else: no rule parses, looks up the directory or recomputes a fact.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import date

from stdnum.exceptions import ValidationError

from acctverify._parse import parse_capital, parse_date, parse_status, parse_term_end
from acctverify.cn import account, banks, cnaps, region, regno, uscc
from acctverify.cn._util import clean
from acctverify.directory import Directory
from acctverify.models.directory import Creditor
from acctverify.models.facts import (
    BankMismatch,
    Facts,
    ImageFacts,
    LicenceFacts,
    ListedContact,
    MessageFacts,
    NameChecks,
    NamePairMatch,
    PayeeFacts,
    QrLink,
)
from acctverify.models.licence_image import LicenceReading
from acctverify.models.request import (
    MAX_FIELD_CHARS,
    MAX_MESSAGE_CHARS,
    Licence,
    Payee,
    PaymentRequest,
)
from acctverify.models.text import HitKind, TextHit

__all__ = ["build_facts"]

_INDIVIDUAL_WORDS = ("个体工商户", "个体户", "个体经营")


def _cut(value: str | None) -> str | None:
    """Return a field cut to :data:`MAX_FIELD_CHARS`, or ``None`` when it is empty."""
    if value is None or not value.strip():
        return None
    return value[:MAX_FIELD_CHARS] if len(value) > MAX_FIELD_CHARS else value


def _compact(code: str | None) -> str | None:
    """A code as given, without spaces and separators, upper case (``None`` when empty)."""
    if not code or not code.strip():
        return None
    try:
        return clean(code[:MAX_FIELD_CHARS]) or None
    except (ValidationError, TypeError, ValueError):
        return "".join(code[:80].split()).upper() or None


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


def _individual(type_text: str | None, code: str | None) -> bool:
    """A 个体工商户 by its printed type or its credit code (authority 9, type 2)."""
    return any(word in (type_text or "") for word in _INDIVIDUAL_WORDS) or (
        code is not None and code.startswith("92")
    )


# The stages below are pure functions of frozen (hashable) models, cached: screening jobs see the
# same payees, licences and creditor names again and again.
@functools.lru_cache(maxsize=4096)
def _payee_facts(payee: Payee, directory: Directory) -> PayeeFacts:
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
    info = account.classify(number, bank=bank_text) if number else None
    mismatches = []
    if stated is not None:
        pointers = (
            ("payee.account", info.issuing_bank_code if info else None),
            ("payee.cnaps", cnaps_info.bank_code if cnaps_info else None),
        )
        for field, actual in pointers:
            # banks.same_bank, not ==: bcbc keeps two codes for some banks (DBS, DBSCN 星展银行).
            if actual and not banks.same_bank(actual, stated.code):
                bank = banks.get(actual)
                mismatches.append(
                    BankMismatch(
                        field=field, bank_code=actual, bank_name=bank.name if bank else actual
                    )
                )
    imitates = directory.resolve(name) if name else None
    if imitates is not None and not imitates.lookalike:
        imitates = None
    return PayeeFacts(
        name=parse_company_name(name) if name else None,
        account=info,
        stated_bank_code=stated.code if stated else None,
        stated_bank_name=stated.name if stated else None,
        bank_mismatches=tuple(mismatches),
        cnaps=cnaps_info,
        cnaps_error=cnaps_error,
        known_institution=directory.is_known_name(name) if name else False,
        imitates=imitates,
        imitated_creditor=directory.compared_creditor(imitates),
    )


#: OCR confidence below which a name reading is unsure (the engine's own score, 0-1).
_SURE = 0.9


def _ocr_near(payee: str | None, read: str | None, *, loose: bool = False) -> bool:
    """Whether the name read off a photo is within what OCR does to a name: the payee name with
    text around it, or at most a quarter of its characters (at least two; a third when the
    engine was unsure of its reading) wrong or missing."""
    from rapidfuzz.distance import Levenshtein

    from acctverify._unicode import fold_name

    if not payee or not read:
        return False
    a, b = fold_name(payee).text, fold_name(read).text
    if not a or not b:
        return False
    if a in b:
        return True
    return Levenshtein.distance(a, b) <= max(2, len(a) // (3 if loose else 4))


@functools.lru_cache(maxsize=4096)
def _licence_facts(
    licence: Licence, payee_name: str | None, name_confidence: float = 1.0
) -> LicenceFacts:
    from acctverify.names import parse_company_name

    unreadable: list[str] = []
    uscc_info = uscc_error = regno_valid = None
    regno_old = False
    compact = _compact(_cut(licence.uscc))
    if compact is not None:
        if len(compact) == 15 and compact.isascii() and compact.isdigit():
            regno_valid = regno.is_valid(compact)
        elif len(compact) == 13 and compact.isascii() and compact.isdigit():
            regno_old = True
        else:
            try:
                uscc_info = uscc.parse(_cut(licence.uscc))
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
    individual = _individual(licence.entity_type, uscc_info.code if uscc_info else None) or (
        parsed_name is not None and parsed_name.individual_business
    )
    person = "".join((licence.legal_representative or "").split())
    from_image = licence.source == "licence_image"
    return LicenceFacts(
        code=compact,
        uscc=uscc_info,
        uscc_error=uscc_error,
        regno_valid=regno_valid,
        regno_old=regno_old,
        from_image=from_image,
        name=parsed_name,
        name_near_payee=from_image and _ocr_near(payee_name, name, loose=name_confidence < _SURE),
        address_province=region.province_of(licence.address) if licence.address else None,
        established=established if isinstance(established, date) else None,
        term_end=term if isinstance(term, date) else None,
        term_open_ended=term == "长期",
        status=parse_status(licence.status),
        capital=str(capital[0]) if capital else None,
        capital_currency=capital[1] if capital else None,
        individual_business=individual,
        payee_is_legal_representative=bool(
            person and payee_name and "".join(payee_name.split()) == person
        ),
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
def _name_checks(
    payee_name: str | None,
    licence_name: str | None,
    licence_uscc: str | None,
    creditor: Creditor | None,
) -> NameChecks:
    from acctverify.names import match_any, match_names

    checks: dict[str, NamePairMatch] = {}
    if payee_name and licence_name:
        checks["payee_licence"] = NamePairMatch(
            against=licence_name, match=match_names(payee_name, licence_name)
        )
    if creditor is not None:
        for confirmed, suffix in ((True, ""), (False, "_unconfirmed")):
            current, former = _entity_names(creditor, confirmed=confirmed)
            if not current:
                continue
            if payee_name:
                result = match_any(payee_name, current, former_names=former)
                checks[f"payee_creditor{suffix}"] = NamePairMatch(
                    against=result.actual or current[0], match=result
                )
            if licence_name and confirmed:
                # By name: whether the licence claims to be the creditor. Its credit code is then
                # compared with the creditor's by the licence.uscc_not_creditor rule.
                result = match_any(
                    licence_name, current, former_names=former, given_uscc=licence_uscc
                )
                checks["licence_creditor"] = NamePairMatch(
                    against=result.actual or current[0], match=result
                )
    return NameChecks(**checks)


@functools.lru_cache(maxsize=1024)
def _registry_checks(
    registered: str | None, payee_name: str | None, licence_name: str | None
) -> dict[str, NamePairMatch]:
    """The payee's and the licence's names against the registered name found online."""
    from acctverify.names import match_names

    name = _cut(registered)
    if not name:
        return {}
    return {
        field: NamePairMatch(against=name, match=match_names(given, name))
        for field, given in (("payee_registry", payee_name), ("licence_registry", licence_name))
        if given
    }


def _listed(
    hits: Iterable[TextHit], directory: Directory, creditor: Creditor | None
) -> tuple[ListedContact, ...]:
    """The numbers and links the directory lists as an institution's own."""
    found = []
    for index, hit in enumerate(hits):
        if hit.kind in (HitKind.PHONE, HitKind.SHORT_NUMBER):
            digits = _dial_digits(hit.value)
            own = directory.is_official_number(digits, creditor) if creditor else None
            owners = directory.number_owners(digits) if own is None else ()
            if own is not None:
                found.append(
                    ListedContact(
                        hit=index, creditor_id=creditor.id if creditor else "",
                        of_creditor=True, kind="number", source=own.source,
                    )
                )  # fmt: skip
            elif owners:
                owner, hotline = owners[0]
                found.append(
                    ListedContact(
                        hit=index, creditor_id=owner, of_creditor=creditor is None,
                        kind="number", source=hotline.source,
                    )
                )  # fmt: skip
        elif hit.kind is HitKind.URL:
            owner_domain = directory.domain_owner(hit.value)
            if owner_domain is not None:
                owner, domain = owner_domain
                found.append(
                    ListedContact(
                        hit=index, creditor_id=owner,
                        of_creditor=creditor is None or owner == creditor.id,
                        kind="domain", source=domain.source,
                    )
                )  # fmt: skip
    return tuple(found)


def _dial_digits(value: str) -> str:
    """The digits a person dials inside mainland China (+8640082… -> 40082…)."""
    return value[3:] if value.startswith("+86") else value.lstrip("+")


def _scan(text: str | None) -> tuple[TextHit, ...]:
    from acctverify.text import scan

    return scan(text[:MAX_FIELD_CHARS]) if text and text.strip() else ()


def _code_problem(code: str) -> str | None:
    """Why a printed code fails its checks (a stdnum exception name), or None when it passes."""
    if len(code) == 15 and code.isascii() and code.isdigit():
        return None if regno.is_valid(code) else "InvalidChecksum"
    if len(code) == 13 and code.isascii() and code.isdigit():
        return None  # a 注册号 from before 2007: no check digit to fail
    try:
        info = uscc.parse(code)
    except ValidationError as exc:
        return type(exc).__name__
    if not info.checksum_valid and "pilot_code_pattern" not in info.anomalies:
        return "InvalidChecksum"
    return None


def _image_facts(reading: LicenceReading) -> ImageFacts:
    from acctverify.licence_image import qr_link

    printed = _compact(reading.licence.uscc)
    links = []
    for text in (reading.qr_text, *reading.other_qr_texts):
        if text is None:
            continue
        link = qr_link(text)
        links.append(
            QrLink(
                text=text[:500],
                host=link.host,
                verdict=link.verdict,
                code=_compact(link.code),
                ip_host=link.ip_host,
            )
        )
    return ImageFacts(
        printed_code=printed,
        printed_code_problem=_code_problem(printed) if printed else None,
        qr_links=tuple(links),
        qr_code=_compact(reading.qr_uscc),
        individual_business=_individual(reading.licence.entity_type, printed),
    )


def build_facts(
    request: PaymentRequest,
    *,
    directory: Directory,
    as_of: date,
    licence_image: LicenceReading | None = None,
) -> Facts:
    """Parse and look up everything in *request* once; never raises for any string content.

    *licence_image* is what :func:`acctverify.verify` read off the request's licence image (the
    reading is I/O, done before this pure stage).
    """
    from acctverify.text._risk import assess
    from acctverify.text._scan import scan_folded

    payee_name = _cut(request.payee.name)
    payee = _payee_facts(request.payee, directory)
    licence_model = request.licence
    name_confidence = min(
        (f.confidence for f in licence_image.fields if f.field == "name")
        if licence_image is not None
        else (),
        default=1.0,
    )
    licence = (
        _licence_facts(licence_model, payee_name, name_confidence)
        if licence_model is not None
        else None
    )
    creditor_text = _cut(request.creditor)
    creditor = directory.resolve(creditor_text) if creditor_text else None
    compared = directory.compared_creditor(creditor)
    names = _name_checks(
        payee_name,
        _cut(licence_model.name) if licence_model else None,
        licence_model.uscc if licence_model else None,
        compared,
    )
    own = creditor.creditor if creditor is not None else None
    messages = []
    for index, message in enumerate(request.messages):
        result, folded = scan_folded(message, max_chars=MAX_MESSAGE_CHARS)
        messages.append(
            MessageFacts(
                index=index,
                length=len(message),
                truncated=result.truncated,
                hits=result.hits,
                listed=_listed(result.hits, directory, own),
                risk=assess(folded, result.hits),
            )
        )
    contact_hits: tuple[TextHit, ...] = ()
    if request.contact is not None:
        contact_hits = _scan(request.contact.caller_number) + _scan(request.contact.link)
    registry = None
    if request.registry is not None:
        registry = _licence_facts(request.registry, payee_name)
        extra = _registry_checks(
            request.registry.name,
            payee_name,
            _cut(licence_model.name) if licence_model is not None else None,
        )
        if extra:
            names = names.model_copy(update=extra)
    online_bank = None
    if request.card_bin is not None:
        bank = banks.get(request.card_bin.bank_code)
        online_bank = bank.name if bank else request.card_bin.bank_name
    return Facts(
        as_of=as_of,
        payee=payee,
        licence=licence,
        creditor=creditor,
        compared_creditor=compared,
        names=names,
        registry=registry,
        messages=tuple(messages),
        contact=contact_hits,
        contact_listed=_listed(contact_hits, directory, own),
        online_card_bank=online_bank,
        truncated_fields=_truncated_fields(request),
        licence_image=licence_image,
        image=_image_facts(licence_image)
        if licence_image is not None and licence_image.problem is None
        else None,
    )
