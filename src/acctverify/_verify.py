"""verify(): facts -> findings -> score, level and advice, for one payment request.

Three pure stages, one direction (DESIGN.md): parse every identifier, name and message once
(:mod:`acctverify._facts`); run the rules (:mod:`acctverify.rules`); score the findings
(:mod:`acctverify.scoring`) and derive the advice. No network, no clock beyond reading today's
date once when the request gives none.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Any

import pydantic

from acctverify._advice import advise
from acctverify._data import data_version
from acctverify._facts import build_facts
from acctverify._unicode import has_surrogate, replace_surrogates
from acctverify._version import __version__
from acctverify.directory import Directory, default_directory
from acctverify.exceptions import InvalidRequest
from acctverify.models.facts import Facts, MessageFacts
from acctverify.models.findings import Evidence
from acctverify.models.licence_image import LicenceReading
from acctverify.models.report import Report
from acctverify.models.request import PaymentRequest
from acctverify.rules import DEFAULT_RULES, Rule, RuleContext, Signal
from acctverify.scoring import score

__all__ = ["MAX_HITS_PER_MESSAGE", "assemble", "verify"]

#: Most hits of one message a report carries in ``facts.messages[i].hits`` (the rules see them
#: all; the rest are counted in ``hits_omitted``), so that a huge message gives a report of
#: bounded size.
MAX_HITS_PER_MESSAGE = 200

#: The library's logger. Nothing personal is logged at INFO or above; DEBUG lines carry finding
#: codes and counts only, never names, numbers or message text.
logger = logging.getLogger("acctverify")

#: Total message length above which the cyclic garbage collector is paused during verify().
_PAUSE_GC_ABOVE = 65_536


def _strings(request: PaymentRequest) -> Iterator[tuple[str, str]]:
    """Every string of the request with its dotted path."""
    for name, value in request.payee:
        if isinstance(value, str):
            yield f"payee.{name}", value
    if request.creditor is not None:
        yield "creditor", request.creditor
    if request.licence is not None:
        for name, value in request.licence:
            if isinstance(value, str):
                yield f"licence.{name}", value
    if request.licence_image is not None:
        yield "licence_image", request.licence_image
    for index, message in enumerate(request.messages):
        yield f"messages[{index}]", message
    if request.contact is not None:
        for name, value in request.contact:
            if isinstance(value, str):
                yield f"contact.{name}", value


def _replace_surrogates(value: Any) -> Any:
    if isinstance(value, str):
        return replace_surrogates(value)
    if isinstance(value, dict):
        return {key: _replace_surrogates(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_replace_surrogates(item) for item in value]
    return value


def _sanitise(request: PaymentRequest) -> tuple[PaymentRequest, tuple[str, ...]]:
    """Replace unpaired surrogates (which no JSON or UTF-8 output can carry) by U+FFFD, one for
    one so message offsets stay valid, and say in which fields."""
    fields = tuple(path for path, text in _strings(request) if has_surrogate(text))
    if not fields:
        return request, ()
    cleaned = _replace_surrogates(request.model_dump())
    return PaymentRequest.model_validate(cleaned), fields


def _read_licence_image(
    request: PaymentRequest,
) -> tuple[PaymentRequest, LicenceReading | None]:
    """Read the request's licence image (I/O, so before the pure stages, like the sanitising);
    its fields become the request's licence when it has none. Never raises: a missing file or
    OCR extra is a reading with ``problem`` set, which the image rules report."""
    if request.licence_image is None or not request.licence_image.strip():
        return request, None
    from acctverify.licence_image import try_read_licence

    reading = try_read_licence(request.licence_image)
    if request.licence is None and reading.problem is None and reading.fields:
        request = request.model_copy(update={"licence": reading.licence})
    return request, reading


def verify(
    request: PaymentRequest | Mapping[str, Any],
    *,
    directory: Directory | None = None,
    weights: Mapping[str, float] | None = None,
    rules: Iterable[Rule] | None = None,
    as_of: date | None = None,
) -> Report:
    """Check a payment request and return the report.

    *request* is a :class:`PaymentRequest` or a plain dict in its shape (a dict of the wrong shape
    raises :class:`acctverify.InvalidRequest`, which is an ``acctverify.ValidationError`` and
    pydantic's ``ValidationError`` too; any string content, however broken, gives a report).
    *directory* replaces the built-in creditor directory (see :func:`acctverify.load_directory`);
    *weights* overrides finding weights (:data:`acctverify.scoring.DEFAULT_WEIGHTS`); *rules*
    replaces :data:`acctverify.rules.DEFAULT_RULES`; *as_of* overrides the request's date.

    >>> report = verify({"payee": {"name": "张三", "account": "6217000000123456786"},
    ...                  "creditor": "微粒贷", "as_of": "2026-11-29"})
    >>> report.level.value, [f.code for f in report.findings][:3]
    ('critical', ['payee.not_creditor', 'payee.is_person', 'account.card'])
    """
    if not isinstance(request, PaymentRequest):
        try:
            request = PaymentRequest.model_validate(request)
        except pydantic.ValidationError as exc:
            raise InvalidRequest.from_pydantic(exc) from None
    request, replaced = _sanitise(request)
    # Long messages make hundreds of thousands of small objects; the cyclic collector would
    # rescan them again and again (superlinear). Nothing here makes cycles, so pause it.
    pause_gc = sum(len(message) for message in request.messages) > _PAUSE_GC_ABOVE
    gc_was_enabled = gc.isenabled()
    if pause_gc:
        gc.disable()
    try:
        return _verify(
            request,
            replaced,
            directory=directory,
            weights=weights,
            rules=rules,
            as_of=as_of,
        )
    finally:
        if pause_gc and gc_was_enabled:
            gc.enable()


def _verify(
    request: PaymentRequest,
    replaced: tuple[str, ...],
    *,
    directory: Directory | None,
    weights: Mapping[str, float] | None,
    rules: Iterable[Rule] | None,
    as_of: date | None,
) -> Report:
    request, reading = _read_licence_image(request)
    when = as_of or request.as_of or date.today()
    directory = directory if directory is not None else default_directory()
    facts = build_facts(request, directory=directory, as_of=when, licence_image=reading)
    context = RuleContext(request=request, facts=facts)
    signals = [signal for rule in (rules or DEFAULT_RULES) for signal in rule(context)]
    if replaced:
        signals.append(
            Signal(
                "input.invalid_characters",
                tuple(Evidence(field=path) for path in replaced),
                {"fields": ", ".join(replaced)},
            )
        )
    return assemble(signals, facts, weights=weights)


def _bounded(facts: Facts) -> Facts:
    """The facts as the report carries them: at most :data:`MAX_HITS_PER_MESSAGE` hits, cue hits
    and spans per term for each message, the rest counted."""
    if all(_small(message) for message in facts.messages):
        return facts
    messages = tuple(
        message if _small(message) else _cap_message(message) for message in facts.messages
    )
    return facts.model_copy(update={"messages": messages})


def _small(message: MessageFacts) -> bool:
    risk = message.risk
    return len(message.hits) <= MAX_HITS_PER_MESSAGE and (
        risk is None
        or (
            len(risk.cues) <= MAX_HITS_PER_MESSAGE
            and all(len(term.spans) <= MAX_HITS_PER_MESSAGE for term in risk.contributions)
        )
    )


def _cap_message(message: MessageFacts) -> MessageFacts:
    cap = MAX_HITS_PER_MESSAGE
    update: dict[str, Any] = {}
    if len(message.hits) > cap:
        update["hits"] = message.hits[:cap]
        update["hits_omitted"] = len(message.hits) - cap
        update["listed"] = tuple(entry for entry in message.listed if entry.hit < cap)
    risk = message.risk
    if risk is not None:
        omitted = max(len(risk.cues) - cap, 0) + sum(
            max(len(term.spans) - cap, 0) for term in risk.contributions
        )
        if omitted:
            terms = tuple(
                term
                if len(term.spans) <= cap
                else term.model_copy(update={"spans": term.spans[:cap]})
                for term in risk.contributions
            )
            update["risk"] = risk.model_copy(
                update={"cues": risk.cues[:cap], "contributions": terms, "omitted": omitted}
            )
    return message.model_copy(update=update)


def assemble(
    signals: Iterable[Signal], facts: Facts, *, weights: Mapping[str, float] | None = None
) -> Report:
    """Score *signals*, derive the advice and build the report: the one place a Report is made
    (``verify()`` and the batch functions' reports for malformed requests alike)."""
    scored = score(signals, weights=weights)
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug(
            "verified: level=%s score=%d findings=%s",
            scored.level.value,
            scored.score,
            ",".join(finding.code for finding in scored.findings),
        )
    return Report(
        level=scored.level,
        score=scored.score,
        findings=scored.findings,
        advice=advise(scored.level, scored.findings, facts.creditor),
        facts=_bounded(facts),
        data_version=data_version(),
        version=__version__,
        as_of=facts.as_of,
    )
