"""Properties of acctverify.scoring.score over signals drawn from the finding catalogue.

The score is documented as a pure function of the findings: bounded, order-independent, monotone
in every risk finding and weight, able to take positive evidence, with each finding's
contribution visible and fail closed. Every property below is checked on structured signals:
real catalogue codes, evidence shaped like the rules' evidence, message parameters filled.
"""

from __future__ import annotations

import math
import re
from itertools import permutations
from random import Random

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from acctverify.models.findings import Evidence, FindingKind, Level
from acctverify.rules import Signal
from acctverify.rules.catalogue import FINDINGS
from acctverify.scoring import (
    DEFAULT_WEIGHTS,
    LEVEL_THRESHOLDS,
    TRUST_CODES_FOR_LOW,
    Scored,
    score,
)

CODES = sorted(FINDINGS)
RISKY_KINDS = (FindingKind.RISK, FindingKind.NOT_POSSIBLE)
RISK_CODES = sorted(c for c in CODES if FINDINGS[c].kind in RISKY_KINDS)
TRUST_CODES = sorted(c for c in CODES if FINDINGS[c].kind is FindingKind.TRUST)
INFO_CODES = sorted(c for c in CODES if FINDINGS[c].kind is FindingKind.INFO)
PLACEHOLDER = re.compile(r"\{(\w+)\}")

FIELDS = [
    "payee.name",
    "payee.account",
    "payee.bank",
    "payee.cnaps",
    "creditor",
    "licence.uscc",
    "licence.name",
    "licence.status",
    "contact.caller_number",
]


#: Evidence shaped like the rules' evidence: field values, and message spans with offsets.
EVIDENCE_POOL = [
    *(Evidence(field=field, value=value) for field in FIELDS for value in (None, "某某")),
    Evidence(field="payee.name", value="深圳市某某商务咨询有限公司", detail="NMTC ANNM"),
    Evidence(field="payee.account", value="6217***********6786", detail="card_bin_luhn"),
    *(
        Evidence(field=f"messages[{index}]", value=value, start=start, end=start + len(value),
                 detail="phrase.keyword")
        for index, start, value in ((0, 4, "协商中心"), (1, 8, "wx_kefu888"), (0, 50, "停息挂账"),
                                    (2, 0, "安全账户"))
    ),
]  # fmt: skip
evidence = st.sampled_from(EVIDENCE_POOL)
PARAMETER_VALUES = ["某某", "微众银行", "X", "95384"]


def _signal(code: str, found: list[Evidence], value: str) -> Signal:
    """A signal with every placeholder of the code's two templates filled."""
    spec = FINDINGS[code]
    names = set(PLACEHOLDER.findall(spec.zh)) | set(PLACEHOLDER.findall(spec.en))
    return Signal(code, tuple(found), dict.fromkeys(sorted(names), value))


def signals_of(codes: list[str]) -> st.SearchStrategy[Signal]:
    return st.builds(
        _signal,
        st.sampled_from(codes),
        st.lists(evidence, max_size=3),
        st.sampled_from(PARAMETER_VALUES),
    )


any_signal = signals_of(CODES)
risk_signal = signals_of(RISK_CODES)
trust_signal = signals_of(TRUST_CODES)
signal_lists = st.lists(any_signal, max_size=12)
distinct_signal_lists = st.lists(any_signal, max_size=12, unique_by=lambda s: s.code)
risk_weight = st.floats(min_value=0, max_value=100, allow_nan=False)
weight_tables = st.dictionaries(st.sampled_from(CODES), risk_weight, max_size=10)


def codes_of(result: Scored) -> set[str]:
    return {finding.code for finding in result.findings}


# --- bounds and contributions ---------------------------------------------------------------


@given(signal_lists, weight_tables)
def test_score_is_bounded(signals: list[Signal], weights: dict[str, float]) -> None:
    result = score(signals, weights=weights)
    assert isinstance(result.score, int)
    assert 0 <= result.score <= 100
    assert isinstance(result.level, Level)


@given(signal_lists, weight_tables)
def test_contributions_sum_to_the_score_exactly(
    signals: list[Signal], weights: dict[str, float]
) -> None:
    result = score(signals, weights=weights)
    assert sum(finding.contribution for finding in result.findings) == result.score


@given(signal_lists)
def test_contribution_signs_follow_the_kind(signals: list[Signal]) -> None:
    for finding in score(signals).findings:
        if finding.kind in RISKY_KINDS:
            assert finding.contribution >= 0
        elif finding.kind is FindingKind.TRUST:
            assert finding.contribution <= 0
        else:
            assert finding.contribution == 0, finding.code


@given(signal_lists)
def test_findings_carry_the_catalogue_entry(signals: list[Signal]) -> None:
    for finding in score(signals).findings:
        spec = FINDINGS[finding.code]
        assert finding.kind is spec.kind
        assert finding.subject.value == finding.code.split(".", 1)[0]
        assert finding.weight == DEFAULT_WEIGHTS[finding.code]
        assert finding.min_level is spec.min_level
        assert finding.message_zh
        assert finding.message_en


@given(signal_lists)
def test_filled_parameters_leave_no_placeholder(signals: list[Signal]) -> None:
    for finding in score(signals).findings:
        assert not PLACEHOLDER.search(finding.message_zh), finding.message_zh
        assert not PLACEHOLDER.search(finding.message_en), finding.message_en


@given(signal_lists)
def test_findings_are_sorted_by_contribution(signals: list[Signal]) -> None:
    sizes = [abs(finding.contribution) for finding in score(signals).findings]
    assert sizes == sorted(sizes, reverse=True)


@given(st.lists(signals_of([*RISK_CODES, *TRUST_CODES]), max_size=10), weight_tables)
def test_score_follows_the_documented_formula(
    signals: list[Signal], weights: dict[str, float]
) -> None:
    """score = round(100 * (1 - prod(1 - w/100)) * prod(1 - t/100)), each code once."""
    table = {**DEFAULT_WEIGHTS, **weights}
    codes = {signal.code for signal in signals}
    risk = 100 * (1 - math.prod(1 - min(table[c], 99) / 100 for c in codes if c in RISK_CODES))
    trust = math.prod(1 - min(table[c], 99) / 100 for c in codes if c in TRUST_CODES)
    assert abs(score(signals, weights=weights).score - risk * trust) <= 0.5 + 1e-6


# --- order independence and duplicates --------------------------------------------------------


#: Weights 40, 15 and 50: the risk is 100 * (1 - 0.6 * 0.85 * 0.5) = 74.5 exactly, so a float
#: sum of the three logarithms taken in input order would round to 74 or 75 by order.
HALF_POINT_CODES = [
    "licence.debt_service_scope",
    "licence.uscc_type_vs_name",
    "licence.uscc_region_vs_address",
]


@given(signal_lists, st.randoms(use_true_random=False))
@example([Signal(code) for code in HALF_POINT_CODES], Random(3))
def test_order_does_not_matter(signals: list[Signal], random: Random) -> None:
    """Permutations give the identical result: score, level, findings, messages, evidence;
    duplicated codes included."""
    shuffled = list(signals)
    random.shuffle(shuffled)
    assert score(shuffled) == score(signals)


def test_order_does_not_matter_at_a_half_point() -> None:
    results = {score([Signal(code) for code in order]) for order in permutations(HALF_POINT_CODES)}
    assert len(results) == 1, results


def test_merged_duplicates_do_not_depend_on_order() -> None:
    """account.bank_mismatch can come twice, from the card BIN and from the CNAPS code."""
    from_bin = Signal(
        "account.bank_mismatch",
        (Evidence(field="payee.account", value="6217****6786", detail="card BIN"),),
        {"stated": "招商银行 (CMB)", "actual": "中国建设银行 (CCB)", "source": "卡号BIN",
         "source_en": "card BIN"},
    )  # fmt: skip
    from_cnaps = Signal(
        "account.bank_mismatch",
        (Evidence(field="payee.cnaps", value="102584000013", detail="CNAPS category"),),
        {"stated": "招商银行 (CMB)", "actual": "中国工商银行 (ICBC)", "source": "联行号",
         "source_en": "CNAPS code"},
    )  # fmt: skip
    first, second = score([from_bin, from_cnaps]), score([from_cnaps, from_bin])
    assert first == second
    assert {e.field for e in first.findings[0].evidence} == {"payee.account", "payee.cnaps"}


@given(any_signal, st.lists(evidence, min_size=1, max_size=3), signal_lists)
def test_a_repeated_code_counts_once_with_merged_evidence(
    signal: Signal, more: list[Evidence], others: list[Signal]
) -> None:
    others = [s for s in others if s.code != signal.code]
    once = score([signal, *others])
    repeated = score([signal, *others, Signal(signal.code, tuple(more), signal.params)])
    assert (repeated.score, repeated.level) == (once.score, once.level)
    assert len(repeated.findings) == len(codes_of(repeated)) == len(once.findings)
    merged = next(f for f in repeated.findings if f.code == signal.code)
    assert set(merged.evidence) == set(signal.evidence) | set(more)
    assert len(merged.evidence) == len(set(merged.evidence))  # each piece once


@given(st.lists(risk_signal, min_size=1, max_size=6))
def test_many_copies_of_one_finding_weigh_as_one(signals: list[Signal]) -> None:
    one = signals[:1]
    assert score(one * 10).score == score(one).score


# --- monotonicity and positive evidence -------------------------------------------------------


@given(signal_lists, risk_signal)
def test_a_risk_finding_never_lowers_score_or_level(signals: list[Signal], extra: Signal) -> None:
    before, after = score(signals), score([*signals, extra])
    assert after.score >= before.score
    assert after.level.rank >= before.level.rank


@given(signal_lists, st.lists(risk_signal, max_size=6))
def test_risk_findings_are_monotone_in_sets(signals: list[Signal], extra: list[Signal]) -> None:
    before, after = score(signals), score([*signals, *extra])
    assert after.score >= before.score
    assert after.level.rank >= before.level.rank


@given(signal_lists, st.sampled_from(RISK_CODES), risk_weight, risk_weight)
def test_raising_a_risk_weight_never_lowers_the_score(
    signals: list[Signal], code: str, low: float, high: float
) -> None:
    low, high = sorted((low, high))
    signals = [*signals, Signal(code)]
    lighter = score(signals, weights={code: low})
    heavier = score(signals, weights={code: high})
    assert heavier.score >= lighter.score
    assert heavier.level.rank >= lighter.level.rank


@given(signal_lists, trust_signal)
def test_a_trust_finding_never_raises_score_or_level(signals: list[Signal], extra: Signal) -> None:
    before, after = score(signals), score([*signals, extra])
    assert after.score <= before.score
    assert after.level.rank <= before.level.rank


@given(signal_lists, st.sampled_from(TRUST_CODES), risk_weight, risk_weight)
def test_raising_a_trust_weight_never_raises_the_score(
    signals: list[Signal], code: str, low: float, high: float
) -> None:
    low, high = sorted((low, high))
    signals = [*signals, Signal(code)]
    assert score(signals, weights={code: high}).score <= score(signals, weights={code: low}).score


@given(signal_lists, signals_of(INFO_CODES))
def test_an_info_finding_changes_nothing_but_the_list(signals: list[Signal], extra: Signal) -> None:
    before, after = score(signals), score([*signals, extra])
    assert (after.score, after.level) == (before.score, before.level)
    assert codes_of(after) == codes_of(before) | {extra.code}


def test_positive_evidence_lowers_a_risk() -> None:
    risk = score([Signal("creditor.in_app_repayment")])
    trusted = score([Signal("creditor.in_app_repayment"), Signal("payee.official_entity")])
    assert trusted.score < risk.score
    assert trusted.level is Level.LOW
    entity = next(f for f in trusted.findings if f.code == "payee.official_entity")
    assert entity.contribution < 0


# --- levels: thresholds, floors and fail closed -----------------------------------------------


@given(signal_lists)
def test_min_level_floors_are_respected(signals: list[Signal]) -> None:
    result = score(signals)
    for finding in result.findings:
        if finding.min_level is not None:
            assert result.level.rank >= finding.min_level.rank, finding.code


@given(signal_lists, weight_tables)
def test_the_level_is_at_least_the_score_threshold(
    signals: list[Signal], weights: dict[str, float]
) -> None:
    """The score's level, except that above medium it is at most what the risk findings alone
    score (not-possible findings never lift the level above medium on their own)."""
    result = score(signals, weights=weights)
    risky = [s for s in signals if FINDINGS[s.code].kind is FindingKind.RISK]
    trusting = [s for s in signals if FINDINGS[s.code].kind is FindingKind.TRUST]
    alone = score(risky + trusting, weights=weights).score
    capped = next((level for threshold, level in LEVEL_THRESHOLDS if alone >= threshold), Level.LOW)
    for threshold, level in LEVEL_THRESHOLDS:
        if result.score >= threshold:
            expected = level
            if level.rank > Level.MEDIUM.rank and capped.rank < level.rank:
                expected = max(capped, Level.MEDIUM, key=lambda item: item.rank)
            assert result.level.rank >= expected.rank
            break


@given(signal_lists, weight_tables)
def test_what_could_not_be_checked_never_makes_high_alone(
    signals: list[Signal], weights: dict[str, float]
) -> None:
    unverified = [s for s in signals if FINDINGS[s.code].kind is FindingKind.NOT_POSSIBLE]
    result = score(unverified, weights=weights)
    floors = [f.min_level.rank for f in result.findings if f.min_level is not None]
    assert result.level.rank <= max([Level.MEDIUM.rank, *floors])


@given(signal_lists, weight_tables)
def test_fail_closed_low_needs_a_positive_tie(
    signals: list[Signal], weights: dict[str, float]
) -> None:
    result = score(signals, weights=weights)
    if result.level is Level.LOW:
        assert codes_of(result) & TRUST_CODES_FOR_LOW


@given(st.lists(signals_of([c for c in CODES if c not in TRUST_CODES_FOR_LOW]), max_size=12))
def test_without_a_positive_tie_never_low(signals: list[Signal]) -> None:
    assert score(signals).level is not Level.LOW


def test_nothing_found_is_medium_not_low() -> None:
    result = score([])
    assert (result.score, result.level, result.findings) == (0, Level.MEDIUM, ())


def test_info_findings_alone_are_medium() -> None:
    result = score([Signal(code) for code in INFO_CODES])
    assert (result.score, result.level) == (0, Level.MEDIUM)


@pytest.mark.parametrize("code", sorted(TRUST_CODES_FOR_LOW))
def test_a_positive_tie_alone_is_low(code: str) -> None:
    assert score([Signal(code)]).level is Level.LOW


def test_trust_codes_for_low_are_trust_findings() -> None:
    assert set(TRUST_CODES) >= TRUST_CODES_FOR_LOW


@pytest.mark.parametrize("code", sorted(c for c in CODES if FINDINGS[c].min_level is not None))
def test_each_floor_holds_even_against_positive_evidence(code: str) -> None:
    floor = FINDINGS[code].min_level
    assert floor is not None
    result = score([Signal(code), *(Signal(c) for c in TRUST_CODES)])
    assert result.level.rank >= floor.rank


def test_documented_example() -> None:
    result = score([Signal("payee.not_creditor"), Signal("account.personal_card")])
    assert (result.score, result.level) == (86, Level.CRITICAL)
    assert [f.contribution for f in result.findings] == [52, 34]


# --- weights ----------------------------------------------------------------------------------


def test_every_catalogue_code_has_a_weight_in_range() -> None:
    assert set(DEFAULT_WEIGHTS) == set(FINDINGS)
    for code, weight in DEFAULT_WEIGHTS.items():
        assert 0 <= weight <= 100, code
        if FINDINGS[code].kind is FindingKind.INFO:
            assert weight == 0, code


@given(signal_lists, weight_tables)
def test_overriding_weights_leaves_the_table_alone(
    signals: list[Signal], weights: dict[str, float]
) -> None:
    before = dict(DEFAULT_WEIGHTS)
    result = score(signals, weights=weights)
    assert dict(DEFAULT_WEIGHTS) == before
    for finding in result.findings:
        assert finding.weight == weights.get(finding.code, DEFAULT_WEIGHTS[finding.code])


def test_a_zero_weight_switches_a_finding_off() -> None:
    signals = [Signal("payee.debt_service_company"), Signal("payee.official_entity")]
    result = score(signals, weights={"payee.debt_service_company": 0})
    assert result.score == 0
    assert result.level is Level.LOW


@given(
    st.text(min_size=1, max_size=30).filter(lambda code: code not in FINDINGS),
    weight_tables,
)
def test_unknown_codes_in_weights_raise_value_error(code: str, weights: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="unknown finding codes"):
        score([], weights={**weights, code: 10})


@given(signal_lists, st.text(min_size=1, max_size=30).filter(lambda code: code not in FINDINGS))
def test_unknown_signal_codes_raise_key_error(signals: list[Signal], code: str) -> None:
    with pytest.raises(KeyError):
        score([*signals, Signal(code)])


def test_score_accepts_any_iterable_once() -> None:
    signals = [Signal("payee.not_creditor"), Signal("messages.secrecy")]
    assert score(iter(signals)) == score(tuple(signals)) == score(signals)


@pytest.mark.parametrize("weight", [-10.0, 150.0, math.nan])
def test_weights_outside_the_scale_are_rejected(weight: float) -> None:
    with pytest.raises(ValueError, match="weight"):
        score([Signal("payee.not_creditor")], weights={"payee.not_creditor": weight})
