"""The finding catalogue: every finding code, its weight, level floor, messages and emitting rule.

Finding codes are public API. Each entry (:class:`FindingSpec`) names its code, kind (risk, trust,
not possible, info), weight in points, the lowest level it forces (``min_level``), its Chinese and
English message templates, and the rule that emits it — so that from a code in a report to the
code that raised it is one search. Phrase-family codes (``messages.<family>``) come from
``data/phrases.toml`` and typology codes (``messages.scam.<typology>``) from
``data/typologies.toml``: a family or typology added there is in the catalogue.

A custom rule (``verify(rules=...)``) can emit codes of its own: :func:`register` a spec for each
first.

>>> spec = FINDINGS['payee.not_creditor']
>>> spec.kind.value, spec.weight, spec.min_level.value, spec.rule
('risk', 70, 'high', 'acctverify.rules.payee.against_creditor')
>>> FINDINGS['messages.safe_account'].weight
80.0
>>> from acctverify.models import FindingKind
>>> register(FindingSpec('payee.on_my_blocklist', FindingKind.RISK, 90, '收款方在本行黑名单中。',
...                      'The payee is on our blocklist.', rule='mybank.rules.blocklist'))
>>> FINDINGS['payee.on_my_blocklist'].weight
90
>>> unregister('payee.on_my_blocklist')
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping

from acctverify.rules._default import DEFAULT_RULES
from acctverify.rules._rule import declared
from acctverify.rules._specs import BUILTIN, FindingSpec, phrase_specs, typology_specs

__all__ = ["FINDINGS", "TRUST_CODES_FOR_LOW", "FindingSpec", "codes_of", "register", "unregister"]

#: Trust findings that tie the payee positively to the creditor: without one, a report's level is
#: never ``low`` (fail closed), and the advice says the payee checks out.
TRUST_CODES_FOR_LOW = frozenset({"payee.official_entity", "payee.official_account"})


def _name(rule: object) -> str:
    return f"{getattr(rule, '__module__', '?')}.{getattr(rule, '__qualname__', '?')}"


@functools.cache
def _builtin() -> dict[str, FindingSpec]:
    owners: dict[str, str] = {}
    for rule in DEFAULT_RULES:
        for code in declared(rule):
            owners.setdefault(code, _name(rule))
    specs: dict[str, FindingSpec] = {}
    for spec in (*BUILTIN, *phrase_specs(), *typology_specs()):
        if spec.code in specs:
            raise ValueError(f"finding code {spec.code!r} is specified twice")
        owner = spec.rule or owners.get(spec.code, "")
        specs[spec.code] = FindingSpec(
            spec.code, spec.kind, spec.weight, spec.zh, spec.en, spec.min_level, owner
        )
    return specs


_CUSTOM: dict[str, FindingSpec] = {}


class _Catalogue(Mapping[str, FindingSpec]):
    """Built-in and registered specs by code (read-only; built on first access)."""

    def __getitem__(self, code: str) -> FindingSpec:
        spec = _CUSTOM.get(code)
        return spec if spec is not None else _builtin()[code]

    def __contains__(self, code: object) -> bool:
        return code in _CUSTOM or code in _builtin()

    def __iter__(self) -> Iterator[str]:
        yield from _builtin()
        yield from (code for code in _CUSTOM if code not in _builtin())

    def __len__(self) -> int:
        return len(_builtin()) + sum(code not in _builtin() for code in _CUSTOM)

    def __repr__(self) -> str:
        return f"<finding catalogue of {len(self)} codes>"


#: Every finding code -> its :class:`FindingSpec`.
FINDINGS: Mapping[str, FindingSpec] = _Catalogue()


def register(spec: FindingSpec) -> None:
    """Add the spec of a code a custom rule emits. A built-in code cannot be replaced (override
    its weight with ``verify(weights=...)`` instead)."""
    if not isinstance(spec, FindingSpec):
        raise TypeError(f"expected a FindingSpec, got {type(spec).__name__}")
    if spec.code in _builtin():
        raise ValueError(f"{spec.code!r} is a built-in finding code")
    _CUSTOM[spec.code] = spec


def unregister(code: str) -> None:
    """Remove a registered custom code (built-in codes stay)."""
    _CUSTOM.pop(code, None)


def codes_of(rule: object) -> tuple[str, ...]:
    """The codes *rule* (a rule function or its dotted name) emits, as the catalogue records."""
    name = rule if isinstance(rule, str) else _name(rule)
    return tuple(code for code, spec in FINDINGS.items() if spec.rule == name)
