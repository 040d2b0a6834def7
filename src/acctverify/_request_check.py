"""What a batch does to each request: verify it, or report it as invalid (private).

:func:`acctverify.batch.verify_many` and :func:`acctverify.frame.verify_frame` run a
:class:`VerifyTask` over their requests with :func:`acctverify._pool.run`, in this process or in
helper processes. One bad row never aborts a batch: a request that does not validate (a dict of the
wrong shape) becomes a report with the finding ``input.invalid_request`` that quotes the validation
error (:func:`invalid_request_report`), at level ``medium`` (it could not be checked). Anything else
:func:`acctverify.verify` raises is a bug or a bad option (unknown weights) and is raised.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from acctverify.models.findings import Evidence

if TYPE_CHECKING:
    from pydantic import ValidationError

    from acctverify.directory import Directory
    from acctverify.models.report import Report
    from acctverify.models.request import PaymentRequest
    from acctverify.rules import Rule

__all__ = ["VerifyTask", "invalid_request_report"]

#: Validation errors quoted per invalid request, and the longest value quoted.
_MAX_ERRORS = 5
_MAX_VALUE_CHARS = 80


def _clean(text: str) -> str:
    """Text from a bad request, fit for a report: short, account-like numbers masked, unpaired
    surrogates (which no JSON can carry) replaced."""
    from acctverify.render import mask_digits

    if len(text) > _MAX_VALUE_CHARS:
        text = text[: _MAX_VALUE_CHARS - 1] + "…"
    return "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in mask_digits(text))


def _location(loc: tuple[int | str, ...]) -> str:
    """A pydantic error location as a dotted request path: ``payee.account``, ``messages[2]``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return _clean(out) or "request"


def _quoted(value: object) -> str:
    if isinstance(value, str):
        return _clean(value)
    if value is None or isinstance(value, (int, float, bool)):
        return _clean(repr(value))
    return type(value).__name__


def invalid_request_report(
    error: ValidationError,
    *,
    weights: Mapping[str, float] | None = None,
    as_of: date | None = None,
) -> Report:
    """Return the report for a request that failed validation: one ``input.invalid_request``
    finding with the error's locations as evidence (account-like numbers masked).

    >>> from pydantic import ValidationError
    >>> from acctverify.models import PaymentRequest
    >>> try:
    ...     PaymentRequest.model_validate({"payee": {"account": 6217000000123456786}})
    ... except ValidationError as exc:
    ...     report = invalid_request_report(exc, as_of=date(2026, 11, 29))
    >>> report.level.value, report.findings[0].message_en
    ('medium', 'The request is malformed and could not be checked: payee.account: Input should be
    a valid string.')
    >>> report.findings[0].evidence[0].value
    '6217***********6786'
    """
    from acctverify._verify import assemble
    from acctverify.models.facts import Facts, PayeeFacts
    from acctverify.rules import Signal

    errors = error.errors(include_url=False)
    shown = errors[:_MAX_ERRORS]
    text = "; ".join(f"{_location(e['loc'])}: {_clean(e['msg'])}" for e in shown)
    if len(errors) > len(shown):
        text += f" (+{len(errors) - len(shown)} more)"
    evidence = tuple(
        Evidence(field=_location(e["loc"]), value=_quoted(e.get("input")), detail=_clean(e["msg"]))
        for e in shown
    )
    facts = Facts(as_of=as_of or date.today(), payee=PayeeFacts())
    return assemble(
        [Signal("input.invalid_request", evidence, {"error": text})], facts, weights=weights
    )


@dataclass(frozen=True)
class VerifyTask:
    """Verify one request with the options every request of a batch is checked with; picklable,
    so that it is sent once to each helper process (a :class:`acctverify._pool.Task`)."""

    directory: Directory | None
    weights: Mapping[str, float] | None
    rules: tuple[Rule, ...] | None
    as_of: date | None
    transform: Callable[[Report], Any] | None = None
    """Applied to each report where it is made (in the worker): only its result travels."""

    @classmethod
    def make(
        cls,
        *,
        directory: Directory | None,
        weights: Mapping[str, float] | None,
        rules: Iterable[Rule] | None,
        as_of: date | None,
        transform: Callable[[Report], Any] | None = None,
    ) -> VerifyTask:
        """Check the options before any work (unknown finding codes or weights out of range
        raise here) and keep them in a form that pickles."""
        if weights is not None:
            from acctverify.scoring import score

            score([], weights=weights)  # unknown codes or weights out of range: fail now
        return cls(
            directory=directory,
            weights=dict(weights) if weights is not None else None,
            rules=tuple(rules) if rules is not None else None,
            as_of=as_of,
            transform=transform,
        )

    def __call__(self, request: PaymentRequest | Mapping[str, Any]) -> Any:
        """The report for *request* (or what *transform* makes of it)."""
        report = self.verify(request)
        return report if self.transform is None else self.transform(report)

    def verify(self, request: PaymentRequest | Mapping[str, Any]) -> Report:
        """The report for *request*: :func:`acctverify.verify`'s, or the invalid-request report."""
        from pydantic import ValidationError

        from acctverify._verify import verify

        try:
            return verify(
                request,
                directory=self.directory,
                weights=self.weights,
                rules=self.rules,
                as_of=self.as_of,
            )
        except ValidationError as exc:
            return invalid_request_report(exc, weights=self.weights, as_of=self.as_of)

    def warm_up(self) -> None:
        """Load every table verify() reads (in a fresh helper, before its first chunk)."""
        self.verify(_WARM_UP)


#: A request that makes a fresh process load every table verify() reads (not a real payee).
_WARM_UP: Mapping[str, Any] = {
    "payee": {"name": "深圳市某某商务咨询有限公司", "account": "6217000000123456786",
              "bank": "中国建设银行", "cnaps": "105584000005"},
    "creditor": "微粒贷",
    "licence": {"name": "深圳市某某商务咨询有限公司", "uscc": "91440300MA5GQ7K33E",
                "established": "2026年9月3日"},
    "messages": ["【微粒贷】请于今日内转入对公账户，加微信 wx_kefu888 或致电 13812345678，"
                 "详见 http://t.cn/xxxx"],
    "contact": {"caller_number": "+85212345678"},
}  # fmt: skip
