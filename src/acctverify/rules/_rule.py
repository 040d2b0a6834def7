"""What a rule is: a function from facts to signals, and the codes it declares (private).

Public as :class:`acctverify.rules.Rule`, :class:`~acctverify.rules.RuleContext` and
:class:`~acctverify.rules.Signal`; a rule declares the finding codes it emits with
:func:`~acctverify.rules.emits`, so that the catalogue can name, for every code, the rule behind it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from acctverify.models.findings import Evidence

if TYPE_CHECKING:
    from acctverify.models.facts import Facts
    from acctverify.models.request import PaymentRequest

__all__ = ["Rule", "RuleContext", "Signal", "declared", "emits"]


@dataclass(frozen=True)
class Signal:
    """A rule's raw result; the scoring stage turns signals into findings.

    *code* is a finding code of the catalogue (:mod:`acctverify.rules.catalogue`), *evidence*
    where it was found, *params* the values its message template is filled with.
    """

    code: str
    evidence: tuple[Evidence, ...] = ()
    params: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RuleContext:
    """What every rule receives: the facts parsed from the request, and the request as given (for
    quoting raw values as evidence; every parse and look-up is already in the facts)."""

    request: PaymentRequest
    facts: Facts


Rule = Callable[[RuleContext], Iterable[Signal]]

_R = TypeVar("_R", bound=Callable[..., Iterable[Signal]])


def emits(*codes: str) -> Callable[[_R], _R]:
    """Declare the finding codes a rule emits (the catalogue names the rule for each)."""

    def mark(rule: _R) -> _R:
        rule.__acctverify_emits__ = codes  # type: ignore[attr-defined]
        return rule

    return mark


def declared(rule: Callable[..., object]) -> tuple[str, ...]:
    """The finding codes *rule* declares with :func:`emits` (``()`` for an undeclared rule)."""
    codes: tuple[str, ...] = getattr(rule, "__acctverify_emits__", ())
    return codes
