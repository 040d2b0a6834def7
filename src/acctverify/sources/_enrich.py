"""enrich() and aenrich(): ask the sources, put what they said into the request (private).

The request that comes out is the request that went in, plus ``card_bin`` (the online BIN entry),
``registry`` (the registry record), ``risk_hits`` and ``lookups`` — one
:class:`~acctverify.models.sources.SourceOutcome` per source asked, failures included.
``verify()`` turns a failed or empty lookup into "could not be verified" (fail closed), never a
pass.

What is looked up:

* registry — the licence's credit code, else the licence's name, else the payee name;
* card BIN — the payee account, only when it is a Luhn-valid 13-19 digit number (a card), and
  only its BIN is sent (see :class:`~acctverify.sources.AlipayCardBinSource`);
* risk lists — the payee account and name, the licence's code and name, the caller number and
  link, and the phone numbers, WeChat and QQ IDs, links and account-like digit runs in the
  messages (found by :func:`acctverify.text.scan`, the same scanner ``verify()`` uses).
"""

from __future__ import annotations

import asyncio
import inspect
import re
import unicodedata
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar, cast, runtime_checkable

from stdnum import luhn

from acctverify.exceptions import SourceError
from acctverify.models.identifiers import CardBin
from acctverify.models.request import MAX_MESSAGE_CHARS, Licence, PaymentRequest
from acctverify.models.sources import LookupStatus, RiskHit, RiskKind, SourceKind, SourceOutcome
from acctverify.sources._risklist import RiskEntry

__all__ = [
    "AsyncCardBinSource",
    "AsyncLicenceSource",
    "AsyncRiskListSource",
    "CardBinSource",
    "LicenceSource",
    "RiskListSource",
    "Sources",
    "aenrich",
    "enrich",
]

#: Most identifiers checked against the risk lists per request (a 1 MB message can hold many).
MAX_IDENTIFIERS = 500
#: Risk-list lookups of one async list running at the same time.
CONCURRENCY = 8

# A run of at least 12 digits, single spaces or dashes allowed between them (an account number as
# people write it). Greedy and left to right, so a match starts where its run starts; a leading +
# marks a phone number. RE2-safe: no lookaround.
_ACCOUNT_RUN = re.compile(r"\+?\d(?:[ -]?\d){11,}")
_CARD_JUNK = str.maketrans("", "", " -\u00a0\u3000")


@runtime_checkable
class CardBinSource(Protocol):
    """Looks up a card number's BIN: ``lookup(number) -> CardBin | None``."""

    name: str

    def lookup(self, number: str) -> CardBin | None: ...


@runtime_checkable
class LicenceSource(Protocol):
    """Looks up a registry record: ``lookup(uscc=None, name=None) -> Licence | None``."""

    name: str

    def lookup(self, uscc: str | None = None, name: str | None = None) -> Licence | None: ...


@runtime_checkable
class RiskListSource(Protocol):
    """Checks an identifier against a risk list: ``lookup(kind, value) -> tuple[RiskEntry,
    ...]`` (the entries that list it)."""

    name: str

    def lookup(self, kind: RiskKind, value: str) -> tuple[RiskEntry, ...]: ...


class AsyncCardBinSource(Protocol):
    """The async form of :class:`CardBinSource`."""

    name: str

    async def lookup(self, number: str) -> CardBin | None: ...


class AsyncLicenceSource(Protocol):
    """The async form of :class:`LicenceSource`."""

    name: str

    async def lookup(self, uscc: str | None = None, name: str | None = None) -> Licence | None: ...


class AsyncRiskListSource(Protocol):
    """The async form of :class:`RiskListSource`."""

    name: str

    async def lookup(self, kind: RiskKind, value: str) -> tuple[RiskEntry, ...]: ...


@dataclass(frozen=True, kw_only=True)
class Sources:
    """The sources :func:`enrich` and :func:`aenrich` ask; any of them may be left out.

    :func:`enrich` takes sources with blocking ``lookup`` methods; :func:`aenrich` takes both
    kinds (blocking ones run in a worker thread).
    """

    card_bin: CardBinSource | AsyncCardBinSource | None = None
    """Where card BINs are looked up (e.g. :class:`~acctverify.sources.AlipayCardBinSource`)."""
    registry: LicenceSource | AsyncLicenceSource | None = None
    """Where registry records are looked up (e.g.
    :class:`~acctverify.sources.TianyanchaLicenceSource`)."""
    risk_lists: Sequence[RiskListSource | AsyncRiskListSource] = field(default=())
    """Risk lists to check every identifier of the request against."""


@dataclass(frozen=True)
class _Identifier:
    kind: RiskKind
    value: str
    field: str
    start: int | None = None
    end: int | None = None


def _present(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


RegistryQuery = tuple[str, dict[str, str], str]


def _registry_query(request: PaymentRequest) -> RegistryQuery | None:
    """(field, keyword arguments, text shown) of the registry lookup, or ``None``."""
    licence = request.licence
    uscc = _present(licence.uscc) if licence else None
    if uscc:
        return "licence.uscc", {"uscc": uscc[:100]}, uscc[:100]
    name = _present(licence.name) if licence else None
    if name:
        return "licence.name", {"name": name[:200]}, name[:200]
    payee = _present(request.payee.name)
    if payee:
        return "payee.name", {"name": payee[:200]}, payee[:200]
    return None


def _card_number(request: PaymentRequest) -> str | None:
    """The payee account when it is a card number (13-19 digits, Luhn-valid)."""
    account = request.payee.account
    if not isinstance(account, str) or len(account) > 100:
        return None
    digits = unicodedata.normalize("NFKC", account).translate(_CARD_JUNK)
    ok = digits.isascii() and digits.isdigit() and 13 <= len(digits) <= 19
    return digits if ok and luhn.is_valid(digits) else None


def _identifiers(request: PaymentRequest) -> list[_Identifier]:
    """Everything of the request a risk list may hold, with where it is."""
    found: list[_Identifier] = []
    payee, licence, contact = request.payee, request.licence, request.contact
    fields: list[tuple[RiskKind, str, str | None]] = [
        (RiskKind.ACCOUNT, "payee.account", payee.account),
        (RiskKind.NAME, "payee.name", payee.name),
    ]
    if licence is not None:
        fields += [(RiskKind.USCC, "licence.uscc", licence.uscc)]
        fields += [(RiskKind.NAME, "licence.name", licence.name)]
    if contact is not None:
        fields += [(RiskKind.PHONE, "contact.caller_number", contact.caller_number)]
        fields += [(RiskKind.DOMAIN, "contact.link", contact.link)]
    for kind, where, value in fields:
        if _present(value) and len(value or "") <= 2_000:
            found.append(_Identifier(kind, cast(str, value), where))
    if request.messages:
        from acctverify.models.text import HitKind
        from acctverify.text import scan

        kinds = {
            HitKind.PHONE: RiskKind.PHONE, HitKind.SHORT_NUMBER: RiskKind.PHONE,
            HitKind.WECHAT: RiskKind.WECHAT, HitKind.QQ: RiskKind.QQ, HitKind.URL: RiskKind.DOMAIN,
        }  # fmt: skip
        for index, message in enumerate(request.messages):
            text = message[:MAX_MESSAGE_CHARS]
            where = f"messages[{index}]"
            for hit in scan(text):
                if hit.kind in kinds:
                    found.append(_Identifier(kinds[hit.kind], hit.value, where, hit.start, hit.end))
            for match in _ACCOUNT_RUN.finditer(text):
                run = match.group()
                if not run.startswith("+") and sum(c.isdigit() for c in run) <= 30:
                    found.append(
                        _Identifier(RiskKind.ACCOUNT, run, where, match.start(), match.end())
                    )
            if len(found) > MAX_IDENTIFIERS:
                break
    return found[:MAX_IDENTIFIERS]


def _mask(kind: RiskKind, value: str) -> str:
    if kind is not RiskKind.ACCOUNT:
        return value
    if len(value) <= 8:
        return "*" * (len(value) - 2) + value[-2:]
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def _hits(name: str, identifier: _Identifier, entries: Sequence[RiskEntry]) -> list[RiskHit]:
    return [
        RiskHit(
            kind=entry.kind,
            value=_mask(entry.kind, entry.value),
            field=identifier.field,
            start=identifier.start,
            end=identifier.end,
            note=entry.note,
            source=entry.source,
            list_name=name,
        )
        for entry in entries
    ]


def _card_query(number: str) -> str:
    return f"BIN {number[:6]} ({len(number)} digits)"


def _as_request(request: PaymentRequest | Mapping[str, Any]) -> PaymentRequest:
    if isinstance(request, PaymentRequest):
        return request
    return PaymentRequest.model_validate(request)


def _is_async(source: object) -> bool:
    return inspect.iscoroutinefunction(getattr(source, "lookup", None))


@dataclass
class _Results:
    """What the sources said, recorded the same way by :func:`enrich` and :func:`aenrich`: each
    answer is a result or the :class:`~acctverify.sources.SourceError` the lookup raised."""

    outcomes: list[SourceOutcome] = field(default_factory=list)
    hits: list[RiskHit] = field(default_factory=list)
    card_bin: CardBin | None = None
    registry: Licence | None = None

    def _add(
        self, name: str, kind: SourceKind, answer: object, detail: str, **where: str | None
    ) -> None:
        status = LookupStatus.OK if answer is not None else LookupStatus.NOT_FOUND
        if isinstance(answer, SourceError):
            status, detail = answer.status, answer.reason
        self.outcomes.append(
            SourceOutcome(source=name, kind=kind, status=status, detail=detail, **where)
        )

    def add_registry(
        self, name: str, query: RegistryQuery, answer: Licence | SourceError | None
    ) -> None:
        detail = "no record"
        if answer is not None and not isinstance(answer, SourceError):
            self.registry = answer
            detail = answer.name or answer.uscc or ""
        self._add(name, SourceKind.REGISTRY, answer, detail, field=query[0], query=query[2])

    def add_card(self, name: str, number: str, answer: CardBin | SourceError | None) -> None:
        detail = "unknown BIN"
        if answer is not None and not isinstance(answer, SourceError):
            self.card_bin = answer
            detail = f"{answer.bank_code} {answer.card_type.value}"
        where = {"field": "payee.account", "query": _card_query(number)}
        self._add(name, SourceKind.CARD_BIN, answer, detail, **where)

    def add_list(self, name: str, checked: int, answer: list[RiskHit] | SourceError) -> None:
        if isinstance(answer, SourceError):
            self._add(name, SourceKind.RISK_LIST, answer, "")
            return
        self.hits += answer
        detail, query = f"{len(answer)} listed", f"{checked} identifiers"
        self._add(name, SourceKind.RISK_LIST, answer, detail, query=query)

    def apply(self, request: PaymentRequest) -> PaymentRequest:
        update: dict[str, Any] = {
            "lookups": (*request.lookups, *self.outcomes),
            "risk_hits": (*request.risk_hits, *self.hits),
        }
        if self.card_bin is not None:
            update["card_bin"] = self.card_bin
        if self.registry is not None:
            update["registry"] = self.registry
        return request.model_copy(update=update)


T = TypeVar("T")


def _attempt(lookup: Callable[..., T], *args: Any, **kwargs: Any) -> T | SourceError:
    """Call *lookup*; a :class:`~acctverify.sources.SourceError` is returned, not raised."""
    try:
        return lookup(*args, **kwargs)
    except SourceError as exc:
        return exc


def _list_hits(source: RiskListSource, identifiers: Sequence[_Identifier]) -> list[RiskHit]:
    """Check every identifier against a blocking list."""
    return [
        hit
        for identifier in identifiers
        for hit in _hits(source.name, identifier, source.lookup(identifier.kind, identifier.value))
    ]


def enrich(request: PaymentRequest | Mapping[str, Any], sources: Sources) -> PaymentRequest:
    """Ask *sources* about *request* and return the request with their answers filled in.

    Lookups run one after the other; see :func:`aenrich` for concurrent ones. A source that
    fails is recorded in ``lookups`` with its reason (``verify()`` reports it as "could not be
    verified"); only errors that are not :class:`~acctverify.sources.SourceError` propagate.
    """
    request = _as_request(request)
    every = [sources.card_bin, sources.registry, *sources.risk_lists]
    if any(_is_async(source) for source in every if source is not None):
        raise TypeError("enrich() takes blocking sources; use aenrich() for async ones")
    results = _Results()
    registry = cast("LicenceSource | None", sources.registry)
    query = _registry_query(request)
    if registry is not None and query is not None:
        results.add_registry(registry.name, query, _attempt(registry.lookup, **query[1]))
    card_source = cast("CardBinSource | None", sources.card_bin)
    number = _card_number(request)
    if card_source is not None and number is not None:
        results.add_card(card_source.name, number, _attempt(card_source.lookup, number))
    if sources.risk_lists:
        identifiers = _identifiers(request)
        for source in cast("Sequence[RiskListSource]", sources.risk_lists):
            results.add_list(
                source.name, len(identifiers), _attempt(_list_hits, source, identifiers)
            )
    return results.apply(request)


async def _call(source: object, *args: Any, **kwargs: Any) -> Any:
    lookup = cast(Callable[..., Any], getattr(source, "lookup"))  # noqa: B009
    if inspect.iscoroutinefunction(lookup):
        return await cast(Callable[..., Awaitable[Any]], lookup)(*args, **kwargs)
    return await asyncio.to_thread(lookup, *args, **kwargs)


async def _safely(job: Awaitable[T]) -> T | SourceError:
    try:
        return await job
    except SourceError as exc:
        return exc


async def _check_list_async(
    source: RiskListSource | AsyncRiskListSource,
    identifiers: Sequence[_Identifier],
) -> list[RiskHit] | SourceError:
    if not _is_async(source):
        blocking = cast(RiskListSource, source)
        return await _safely(asyncio.to_thread(_list_hits, blocking, identifiers))
    gate = asyncio.Semaphore(CONCURRENCY)

    async def one(identifier: _Identifier) -> list[RiskHit]:
        async with gate:
            entries = await _call(source, identifier.kind, identifier.value)
        return _hits(source.name, identifier, entries)

    async def all_of() -> list[RiskHit]:
        lists = await asyncio.gather(*(one(identifier) for identifier in identifiers))
        return [hit for hits in lists for hit in hits]

    return await _safely(all_of())


async def aenrich(request: PaymentRequest | Mapping[str, Any], sources: Sources) -> PaymentRequest:
    """Like :func:`enrich`, with the lookups running concurrently (blocking sources run in a
    worker thread)."""
    request = _as_request(request)
    results = _Results()
    query = _registry_query(request)
    number = _card_number(request)
    registry = sources.registry if query is not None else None
    card_source = sources.card_bin if number is not None else None
    identifiers = _identifiers(request) if sources.risk_lists else []

    async def nothing() -> None:
        return None

    registry_job = _safely(_call(registry, **query[1])) if registry and query else nothing()
    card_job = _safely(_call(card_source, number)) if card_source and number else nothing()
    list_jobs = [_check_list_async(source, identifiers) for source in sources.risk_lists]
    record, card, *lists = await asyncio.gather(registry_job, card_job, *list_jobs)
    if registry is not None and query is not None:
        results.add_registry(registry.name, query, record)
    if card_source is not None and number is not None:
        results.add_card(card_source.name, number, card)
    for source, answer in zip(sources.risk_lists, lists, strict=True):
        results.add_list(source.name, len(identifiers), answer)
    return results.apply(request)
