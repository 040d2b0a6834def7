"""Scoring: findings -> score 0-100, level and the contribution of each finding.

The score is a documented, pure function of the findings:

1. Every finding code has a weight ``w`` in points (0-100) in one table, :data:`DEFAULT_WEIGHTS`,
   which callers can override per call. A code found several times counts once (its evidence is
   merged), so one repeated phrase cannot dominate.
2. Risk and not-possible findings combine like independent probabilities:
   ``risk = 100 * (1 - prod(1 - w/100))``. The result stays within 0-100, does not depend on the
   order of the findings and increases with every risk finding and every weight.
3. Trust findings (positive evidence, such as "the payee is the creditor's registered entity")
   scale the risk down: ``score = risk * prod(1 - t/100)``.
4. Each finding's contribution is its share of the (log-space) sum, so the contributions add up to
   the score: ``contribution_i = risk * ln(1 - w_i/100) / sum_j ln(1 - w_j/100)`` for risk
   findings; trust findings share the reduction ``risk - score`` the same way, negatively.
5. The level comes from the score — critical >= 80, high >= 55, medium >= 25, else low — with
   one exception: what could not be checked never lifts the level above ``medium`` on its own.
   Above ``medium``, the level is at most what the risk findings alone score (a request whose
   risk findings alone score 60 is ``high``, however many checks were not possible; one whose
   risk findings stay below 55 is ``medium``). The level is then raised to the highest
   ``min_level`` any finding carries, and it **fails closed**: ``low`` only when a trust finding
   ties the payee to the creditor; otherwise the level is at least ``medium``.

>>> from acctverify.rules import Signal
>>> result = score([Signal("payee.not_creditor"), Signal("account.personal_card")])
>>> result.score, result.level.value
(86, 'critical')
>>> [f.contribution for f in result.findings]
[52, 34]
>>> score([]).level.value  # nothing found is not the same as verified
'medium'
>>> unchecked = score([Signal("creditor.unknown"), Signal("image.unreadable"),
...                    Signal("payee.name_missing"), Signal("account.missing")])
>>> unchecked.score, unchecked.level.value  # nothing could be checked: medium, not high
(55, 'medium')
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from acctverify.models.findings import Evidence, Finding, FindingKind, Level
from acctverify.rules._rule import Signal
from acctverify.rules.catalogue import FINDINGS, TRUST_CODES_FOR_LOW, FindingSpec

__all__ = [
    "DEFAULT_WEIGHTS",
    "LEVEL_THRESHOLDS",
    "MAX_EVIDENCE",
    "TRUST_CODES_FOR_LOW",
    "Scored",
    "score",
]

#: Weight of every finding code, in points on a 0-100 scale. Negative values are not allowed:
#: trust findings lower the score through their kind, not their sign.
DEFAULT_WEIGHTS: Mapping[str, float] = MappingProxyType(
    {code: spec.weight for code, spec in FINDINGS.items()}
)

#: Score at or above which each level applies (checked from the top).
LEVEL_THRESHOLDS: tuple[tuple[int, Level], ...] = (
    (80, Level.CRITICAL),
    (55, Level.HIGH),
    (25, Level.MEDIUM),
)


@dataclass(frozen=True)
class Scored:
    """The scoring stage's result."""

    score: int
    level: Level
    findings: tuple[Finding, ...]


# Validating a dict is several times faster than keyword construction or model_construct.
_validate_finding = Finding.__pydantic_validator__.validate_python


class _SafeParams(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


_EvidenceKey = tuple[str, int, int, str, str]


def _evidence_key(evidence: Evidence) -> _EvidenceKey:
    return (
        evidence.field,
        -1 if evidence.start is None else evidence.start,
        -1 if evidence.end is None else evidence.end,
        evidence.value or "",
        evidence.detail or "",
    )


def _canonical(
    signal: Signal,
) -> tuple[str, tuple[tuple[str, str], ...], tuple[_EvidenceKey, ...]]:
    return (
        signal.code,
        tuple(sorted(signal.params.items())),
        tuple(_evidence_key(e) for e in signal.evidence),
    )


def _merge(signals: Iterable[Signal]) -> dict[str, tuple[Signal, tuple[Evidence, ...], int]]:
    """Group signals by code, independently of their order: the parameters of the first signal in
    canonical order, the first :data:`MAX_EVIDENCE` distinct pieces of evidence by field and
    position, and how many distinct pieces there were (a bounded selection, not a full sort:
    a 1 MB message can carry 100,000 of them)."""
    firsts: dict[str, Signal] = {}
    evidence: dict[str, dict[_EvidenceKey, Evidence]] = {}
    for signal in sorted(signals, key=_canonical):
        if signal.code not in FINDINGS:
            raise KeyError(
                f"unknown finding code {signal.code!r}: register its spec first "
                "(acctverify.rules.catalogue.register)"
            )
        firsts.setdefault(signal.code, signal)
        pieces = evidence.setdefault(signal.code, {})
        for item in signal.evidence:
            pieces.setdefault(_evidence_key(item), item)
    return {
        code: (
            first,
            tuple(pieces[key] for key in heapq.nsmallest(MAX_EVIDENCE, pieces)),
            len(pieces),
        )
        for code, first in firsts.items()
        for pieces in (evidence[code],)
    }


#: Most pieces of evidence kept per finding; the rest are counted (a 1 MB message can repeat a
#: phrase 100,000 times).
MAX_EVIDENCE = 50


def _log_weight(weight: float) -> float:
    # A weight of 100 counts as 99: one finding must not make every other one irrelevant (and
    # log(0) has no contribution share).
    return math.log1p(-min(weight, 99.0) / 100)


def _level_for(value: int) -> Level:
    for threshold, level in LEVEL_THRESHOLDS:
        if value >= threshold:
            return level
    return Level.LOW


def _message(spec: FindingSpec, params: Mapping[str, str]) -> tuple[str, str]:
    values = _SafeParams(params)
    return spec.zh.format_map(values), spec.en.format_map(values)


def _shares(total: float, logs: dict[str, float]) -> dict[str, int]:
    """Split *total* over the codes in proportion to their log weights, as whole points that
    add up exactly (largest remainders)."""
    denominator = math.fsum(logs.values())
    if not logs or denominator == 0 or total <= 0:
        return dict.fromkeys(logs, 0)
    exact = {code: total * value / denominator for code, value in logs.items()}
    floors = {code: math.floor(value) for code, value in exact.items()}
    missing = round(total) - sum(floors.values())
    for code in sorted(exact, key=lambda c: (floors[c] - exact[c], c))[: max(missing, 0)]:
        floors[code] += 1
    return floors


def score(signals: Iterable[Signal], *, weights: Mapping[str, float] | None = None) -> Scored:
    """Turn the rules' signals into scored findings, a 0-100 score and a level."""
    unknown = set(weights or ()) - set(FINDINGS)
    if unknown:
        raise ValueError(f"weights for unknown finding codes: {', '.join(sorted(unknown))}")
    bad = sorted(code for code, value in (weights or {}).items() if not (0 <= value <= 100))
    if bad:
        raise ValueError(f"weights must be between 0 and 100 points: {', '.join(bad)}")
    table = dict(weights or {})
    merged = _merge(signals)
    risk_logs: dict[str, float] = {}
    trust_logs: dict[str, float] = {}
    for code in merged:
        kind = FINDINGS[code].kind
        if kind in (FindingKind.RISK, FindingKind.NOT_POSSIBLE):
            risk_logs[code] = _log_weight(table.get(code, FINDINGS[code].weight))
        elif kind is FindingKind.TRUST:
            trust_logs[code] = _log_weight(table.get(code, FINDINGS[code].weight))
    # math.fsum is exact, so the result does not depend on the order of the terms.
    risk = 100 * -math.expm1(math.fsum(risk_logs.values()))
    final = risk * math.exp(math.fsum(trust_logs.values()))
    value = round(final)
    shares = _shares(round(risk), risk_logs)
    reductions = _shares(round(risk) - value, trust_logs)

    findings = []
    floor = Level.LOW
    for code, (first, evidence, total) in merged.items():
        spec = FINDINGS[code]
        zh, en = _message(spec, first.params)
        contribution = shares.get(code, 0) - reductions.get(code, 0)
        findings.append(
            _validate_finding(
                {
                    "code": code,
                    "subject": spec.subject,
                    "kind": spec.kind,
                    "weight": table.get(code, spec.weight),
                    "contribution": contribution,
                    "min_level": spec.min_level,
                    "message_zh": zh,
                    "message_en": en,
                    "evidence": evidence,
                    "evidence_omitted": total - len(evidence),
                }
            )
        )
        if spec.min_level is not None and spec.min_level.rank > floor.rank:
            floor = spec.min_level
    level = _level_for(value)
    if level.rank > Level.MEDIUM.rank:
        # Not-possible findings raise the score, but the level above medium is the risk
        # findings' own: what could not be checked never makes a request high, nor high critical.
        risky = [log for code, log in risk_logs.items() if FINDINGS[code].kind is FindingKind.RISK]
        risk_alone = 100 * -math.expm1(math.fsum(risky)) * math.exp(math.fsum(trust_logs.values()))
        cap = _level_for(round(risk_alone))
        if cap.rank < level.rank:
            level = cap if cap.rank > Level.MEDIUM.rank else Level.MEDIUM
    if floor.rank > level.rank:
        level = floor
    if level is Level.LOW and not (set(merged) & TRUST_CODES_FOR_LOW):
        level = Level.MEDIUM
    findings.sort(key=lambda f: (-abs(f.contribution), f.kind is not FindingKind.RISK, f.code))
    return Scored(score=value, level=level, findings=tuple(findings))
