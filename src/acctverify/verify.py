"""verify(): facts -> findings -> score, level and advice, for one payment request.

Three pure stages, one direction (DESIGN.md): parse every identifier, name and message once
(:mod:`acctverify._facts`); run the rules (:mod:`acctverify.rules`); score the findings
(:mod:`acctverify.scoring`) and derive the advice. No network, no clock beyond reading today's
date once when the request gives none.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from acctverify._advice import advise
from acctverify._data import data_version
from acctverify._facts import build_facts
from acctverify._version import __version__
from acctverify.directory import Directory, default_directory
from acctverify.models.report import Report
from acctverify.models.request import PaymentRequest
from acctverify.rules import DEFAULT_RULES, Rule, RuleContext
from acctverify.scoring import score

__all__ = ["verify"]


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
    raises pydantic's ``ValidationError``; any string content, however broken, gives a report).
    *directory* replaces the built-in creditor directory (see :func:`acctverify.load_directory`);
    *weights* overrides finding weights (:data:`acctverify.scoring.DEFAULT_WEIGHTS`); *rules*
    replaces :data:`acctverify.rules.DEFAULT_RULES`; *as_of* overrides the request's date.

    >>> report = verify({"payee": {"name": "张三", "account": "6217000000123456786"},
    ...                  "creditor": "微粒贷", "as_of": "2026-11-29"})
    >>> report.level.value, [f.code for f in report.findings][:3]
    ('critical', ['payee.not_creditor', 'account.personal_card', 'payee.is_person'])
    """
    if not isinstance(request, PaymentRequest):
        request = PaymentRequest.model_validate(request)
    when = as_of or request.as_of or date.today()
    directory = directory if directory is not None else default_directory()
    facts = build_facts(request, directory=directory, as_of=when)
    context = RuleContext(request=request, facts=facts, directory=directory)
    signals = [signal for rule in (rules or DEFAULT_RULES) for signal in rule(context)]
    scored = score(signals, weights=weights)
    return Report(
        level=scored.level,
        score=scored.score,
        findings=scored.findings,
        advice=advise(scored.level, scored.findings, facts.creditor),
        facts=facts,
        data_version=data_version(),
        version=__version__,
        as_of=when,
    )
