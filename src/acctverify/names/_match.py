"""Compare a payee name with an expected name: outcome, reasons and look-alikes (private).

The decision is taken on parsed parts, never on a whole-string score (names.md §6): formatting and
statutory synonyms give MTCH; a branch, region placement, another legal form or a contained short
form give CMTC; a different core, a one-character look-alike, spoofing characters or a personal
name give NMTC; missing, foreign-script or unverifiable names give NOAP.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from stdnum.exceptions import ValidationError

from acctverify._lookalike import classify
from acctverify._unicode import replace_surrogates, t2s
from acctverify.models.names import Lookalike, MatchOutcome, NameMatch
from acctverify.names._imitation import find_lookalike, soft_spoof, spoof_lookalikes
from acctverify.names._parse import DROP, Parsed, analyse, legal_form, split_branch

MTCH, CMTC, NMTC, NOAP = (
    MatchOutcome.MATCH,
    MatchOutcome.CLOSE_MATCH,
    MatchOutcome.NO_MATCH,
    MatchOutcome.NOT_POSSIBLE,
)

#: Reason code -> (Chinese, English) description. Codes are stable public API.
REASONS: dict[str, tuple[str, str]] = {
    # MTCH (information)
    "NFMT": (
        "仅格式不同（全半角、括号、空格、大小写）",
        "formatting only (width, brackets, spaces, case)",
    ),
    "LFSY": (
        "组织形式为法定同义写法（有限公司≡有限责任公司，股份公司≡股份有限公司）",
        "statutory legal-form synonym (有限公司 = 有限责任公司, 股份公司 = 股份有限公司)",
    ),
    "TRAD": ("繁简体不同", "traditional vs simplified script"),
    "IDEQ": (
        "双方统一社会信用代码有效且一致",
        "both unified social credit codes are valid and equal",
    ),
    # CMTC
    "RGPL": (
        "行政区划的位置或写法不同，或一方省略了行政区划",
        "region written elsewhere, spelt differently or left out",
    ),
    "LFDF": (
        "组织形式不同（如有限公司与股份有限公司）",
        "another legal form (e.g. 有限公司 vs 股份有限公司)",
    ),
    "BRPY": ("收款方是预期主体的分支机构", "the payee is a branch of the expected entity"),
    "HQPY": (
        "收款方是预期分支机构的总公司/总行",
        "the payee is the head office of the expected branch",
    ),
    "ABBR": (
        "收款方名称是预期名称的简称",
        "the payee name is a short form contained in the expected name",
    ),
    "FRNM": (
        "收款方名称是预期主体的曾用名",
        "the payee name is a former name of the expected entity",
    ),
    # NMTC
    "ANNM": ("名称不符（字号或行业不同）", "another name (different trade name or core)"),
    "RGDF": (
        "字号相同但行政区划不同：另一家登记主体",
        "same trade name in another region: a different registered entity",
    ),
    "LKHP": ("形似名称：同音字替换（拼音相同）", "look-alike: a character swapped for a homophone"),
    "LKHG": ("形似名称：形近字替换", "look-alike: a character swapped for a similar-looking one"),
    "LKED": (
        "形似名称：仅有一两个字之差",
        "look-alike: one or two characters added, removed or changed",
    ),
    "SPUF": (
        "名称含伪装字符（不可见字符、兼容汉字、混用文字、夹杂繁体）",
        "spoofing characters (invisible, compatibility ideograph, mixed script, stray traditional)",
    ),
    "IDMM": ("统一社会信用代码不一致", "the unified social credit codes differ"),
    "IDIV": ("统一社会信用代码未通过校验", "a unified social credit code fails its check"),
    "ACPR": (
        "预期为单位账户，收款方却是个人（或个体户）名称",
        "a personal (or individual-business) name where a company is expected",
    ),
    # NOAP
    "MISS": ("缺少名称", "a name is missing"),
    "LONG": ("名称过长，无法核对", "a name is too long to be checked"),
    "XLAT": (
        "一方为中文名称，另一方为英文或拼音名称，无法核对",
        "a Chinese name against an English or pinyin one: cannot be checked",
    ),
    "UNSC": (
        "名称含无法核验的字符（私用区、未分配码位）",
        "a name holds characters that cannot be verified (private use, unassigned)",
    ),
}

# Reasons by outcome, most important first; a result lists its outcome's reasons first.
_BY_OUTCOME: dict[MatchOutcome, tuple[str, ...]] = {
    NMTC: ("SPUF", "IDMM", "IDIV", "LKHG", "LKHP", "LKED", "ACPR", "RGDF", "ANNM"),
    NOAP: ("MISS", "LONG", "UNSC", "XLAT"),
    CMTC: ("BRPY", "HQPY", "FRNM", "LFDF", "ABBR", "RGPL"),
    MTCH: ("IDEQ", "LFSY", "TRAD", "NFMT"),
}
_ORDER = [code for codes in _BY_OUTCOME.values() for code in codes]
#: Reasons that mean one name imitates the other (a look-alike or a confusable character), not a
#: different company.
LOOKALIKE_REASONS = frozenset({"SPUF", "LKHG", "LKHP", "LKED"})
_GROUP = {code: outcome for outcome, codes in _BY_OUTCOME.items() for code in codes}
_RANK = {MTCH: 0, CMTC: 1, NMTC: 2, NOAP: 3}
#: CMTC reasons that two equal, valid credit codes may upgrade to MTCH.
UPGRADABLE = frozenset({"RGPL"})


@dataclass
class _Verdict:
    outcome: MatchOutcome
    reasons: list[str] = field(default_factory=list)
    lookalikes: list[Lookalike] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# structure


def _canonical_tail(text: str) -> str:
    """Replace the legal form before any branch tail of an un-normalised name by its canonical."""
    start = split_branch(text)
    head, tail = text[:start], text[start:]
    form = legal_form(head)
    if form is None:
        return text
    return head[: -len(form[0])] + form[1] + tail


def _drop(text: str) -> str:
    return "".join(ch for ch in text if ch not in DROP)


def _info_reasons(given: Parsed, actual: Parsed) -> list[str]:
    """Say which normalisation steps the match needed (leave each step out in turn)."""
    if given.raw == actual.raw:
        return []
    reasons = []
    if _canonical_tail(t2s(given.raw)) != _canonical_tail(t2s(actual.raw)):
        reasons.append("NFMT")
    if _drop(_canonical_tail(given.pre_t2s)) != _drop(_canonical_tail(actual.pre_t2s)):
        reasons.append("TRAD")
    if _drop(given.text) != _drop(actual.text):
        reasons.append("LFSY")
    return reasons or ["NFMT"]


def _region(given: Parsed, actual: Parsed) -> str | None:
    g_keys, a_keys = given.region_keys, actual.region_keys
    if not g_keys and not a_keys:
        return None
    if not g_keys or not a_keys:
        return "RGPL"
    if g_keys[-1] != a_keys[-1]:
        return "RGDF"
    same = (given.model.region, given.model.region_placement) == (
        actual.model.region,
        actual.model.region_placement,
    )
    return None if same else "RGPL"


def _abbreviation(given: Parsed, actual: Parsed) -> bool:
    """A short form: the given core sits inside the expected name and keeps its trade name."""
    distinct, trade = given.distinct, actual.model.trade_name
    if len(distinct) < 2 or not (distinct in trade or trade in distinct):
        return False
    short = given.region_core.text
    if short != actual.head_body.text and short in actual.head_body.text:
        return True
    if given.region_keys and not (
        actual.region_keys and given.region_keys[-1] == actual.region_keys[-1]
    ):
        return False  # the given region must be the expected one, or be written in it
    core, expected = given.core.text, actual.core.text
    return core != expected and core in expected


def _heads(given: Parsed, actual: Parsed) -> _Verdict:
    if given.head.text == actual.head.text:
        return _Verdict(MTCH)
    if given.core.text == actual.core.text:
        region = _region(given, actual)
        if region == "RGDF":
            return _Verdict(NMTC, ["RGDF"])
        reasons = [region] if region else []
        if given.legal_form != actual.legal_form:
            reasons.append("ABBR" if given.legal_form is None else "LFDF")
        return _Verdict(CMTC, reasons or ["RGPL"])
    if _abbreviation(given, actual):
        reasons = ["ABBR"]
        if given.legal_form is not None and given.legal_form != actual.legal_form:
            reasons.append("LFDF")
        return _Verdict(CMTC, reasons)
    person = actual.model.is_company and given.person_named
    found = find_lookalike(given, actual)
    if found is not None:
        return _Verdict(NMTC, [found.code, *(["ACPR"] if person else [])], list(found.lookalikes))
    return _Verdict(NMTC, ["ACPR" if person else "ANNM"])


def _structure(given: Parsed, actual: Parsed) -> _Verdict:
    if given.full.text == actual.full.text:
        return _Verdict(MTCH, _info_reasons(given, actual))
    reasons: list[str] = []
    g_branch, a_branch = given.branch.text, actual.branch.text
    if g_branch and not a_branch:
        reasons.append("BRPY")
    elif a_branch and not g_branch:
        reasons.append("HQPY")
    elif g_branch != a_branch:
        found = classify(given.branch.text, actual.branch.text, len(g_branch), given.branch.where)
        if found is not None and found.code != "LKED":
            return _Verdict(NMTC, [found.code], list(found.lookalikes))
        reasons.append("BRPY")
    head = _heads(given, actual)
    if head.outcome is NMTC:
        return _Verdict(NMTC, head.reasons + reasons, head.lookalikes)
    return _Verdict(CMTC, reasons + head.reasons)


def _compare(given: Parsed, actual: Parsed) -> _Verdict:
    not_possible = []
    if given.model.truncated or actual.model.truncated:
        not_possible.append("LONG")
    if given.unverifiable or actual.unverifiable:
        not_possible.append("UNSC")
    if given.has_han != actual.has_han:
        not_possible.append("XLAT")
    if given.hard_signs or actual.hard_signs or soft_spoof(given, actual):
        verdict = _structure(given, actual) if not not_possible else _Verdict(NOAP)
        extra = [r for r in verdict.reasons if _GROUP[r] is not MTCH]
        found = spoof_lookalikes(given, actual)
        seen = {item.position for item in found}
        found += [item for item in verdict.lookalikes if item.position not in seen]
        return _Verdict(NMTC, ["SPUF", *not_possible, *extra], found)
    if not_possible:
        return _Verdict(NOAP, not_possible)
    return _structure(given, actual)


# ---------------------------------------------------------------------------------------------
# credit codes


def _uscc_reasons(given_uscc: object, actual_uscc: object) -> tuple[list[str], bool]:
    """Return the USCC reasons (IDIV, IDMM) and whether both codes are valid and equal.

    A code of the Fujian/Xiamen pilot pattern (``35…M000…``) fails the check but may be real: it
    is not IDIV, but it cannot be confirmed either, so it never makes the codes equal (IDEQ). Any
    made-up code of that shape matches the pattern.
    """
    from acctverify.cn import uscc

    reasons: list[str] = []
    codes: list[str | None] = []
    confirmed = True
    for value in (given_uscc, actual_uscc):
        if value is None or (isinstance(value, str) and not value.strip()):
            codes.append(None)
            continue
        try:
            code = uscc.compact(value)
        except (ValidationError, TypeError, ValueError):
            code = ""
        valid = uscc.is_valid(code)
        if not valid:
            confirmed = False
            if not _pilot_pattern(code) and "IDIV" not in reasons:
                reasons.append("IDIV")
        codes.append(code)
    given_code, actual_code = codes
    if given_code is not None and actual_code is not None and given_code != actual_code:
        reasons.append("IDMM")
    equal = given_code is not None and given_code == actual_code and not reasons and confirmed
    return reasons, equal


def _pilot_pattern(code: str) -> bool:
    """Whether *code* (compact) has the Fujian/Xiamen pilot pattern of codes that fail the check."""
    from acctverify.cn import uscc

    if len(code) != 18:
        return False
    try:
        return "pilot_code_pattern" in uscc.parse(code).anomalies
    except ValidationError:
        return False


# ---------------------------------------------------------------------------------------------
# public functions


def _sort(reasons: Iterable[str], outcome: MatchOutcome) -> tuple[str, ...]:
    unique = dict.fromkeys(reasons)
    return tuple(sorted(unique, key=lambda r: (_GROUP[r] is not outcome, _ORDER.index(r))))


def match_names(
    given: str | None,
    actual: str | None,
    *,
    given_uscc: str | None = None,
    actual_uscc: str | None = None,
) -> NameMatch:
    """Compare the payee name *given* with the expected name *actual*; never raises.

    *given* is the name the payer is asked to pay (the payee account name), *actual* the expected
    name (the registered name from a licence, or the creditor's legal entity). Either credit code
    may be given: codes that differ force NMTC (IDMM), a code that fails its check forces NMTC
    (IDIV), and two equal valid codes add IDEQ and upgrade a close match whose only reason is RGPL
    to MTCH. A code of the Fujian/Xiamen pilot pattern fails the check but may be real: it is not
    IDIV, and since it cannot be confirmed it never gives IDEQ.
    """
    from rapidfuzz import fuzz

    g_text = given if isinstance(given, str) else None
    a_text = actual if isinstance(actual, str) else None
    g = analyse(g_text) if g_text is not None else None
    a = analyse(a_text) if a_text is not None else None
    if g is None or a is None:
        verdict = _Verdict(NOAP, ["MISS"])
    elif not g.full.text or not a.full.text:
        # An empty name (perhaps nothing but invisible characters) cannot be compared; a spoofing
        # character still makes it NMTC, and an over-long one is reported as such.
        reasons = [
            *(["SPUF"] if g.hard_signs or a.hard_signs else []),
            *(["LONG"] if g.model.truncated or a.model.truncated else []),
            "MISS",
        ]
        verdict = _Verdict(NMTC if "SPUF" in reasons else NOAP, reasons)
    else:
        verdict = _compare(g, a)
    id_reasons, id_equal = _uscc_reasons(given_uscc, actual_uscc)
    outcome, reasons = verdict.outcome, list(verdict.reasons)
    if id_reasons:
        outcome = NMTC
        reasons = id_reasons + reasons
    elif id_equal and outcome in (MTCH, CMTC):
        reasons.append("IDEQ")
        if outcome is CMTC and {r for r in reasons if _GROUP[r] is CMTC} <= UPGRADABLE:
            outcome = MTCH
    similarity = 0.0
    if g is not None and a is not None:
        similarity = round(float(fuzz.ratio(g.core.text, a.core.text)), 2)
    return NameMatch(
        outcome=outcome,
        reasons=_sort(reasons, outcome),
        given=replace_surrogates(g_text) if g_text is not None else None,
        actual=replace_surrogates(a_text) if a_text is not None else None,
        actual_name=replace_surrogates(a_text) if a_text is not None and outcome is CMTC else None,
        similarity=similarity,
        given_parsed=g.model if g is not None else None,
        actual_parsed=a.model if a is not None else None,
        lookalikes=tuple(verdict.lookalikes),
    )


def match_any(
    given: str | None,
    candidates: Iterable[str],
    *,
    former_names: Iterable[str] = (),
    given_uscc: str | None = None,
    actual_uscc: str | None = None,
) -> NameMatch:
    """Return the best match of *given* against several acceptable names; never raises.

    *candidates* are the current names that are acceptable (an entity's registered name, or the
    legal entities of one creditor); *former_names* are former registered names. Outcomes rank
    MTCH > CMTC > NMTC > NOAP, ties go to the higher similarity, then to the earlier name. A match
    on a former name is reported as CMTC with FRNM, and ``actual_name`` is then the first current
    name.
    """
    current = [candidates] if isinstance(candidates, str) else _texts(candidates)
    former = [former_names] if isinstance(former_names, str) else _texts(former_names)
    kwargs = {"given_uscc": given_uscc, "actual_uscc": actual_uscc}
    results: list[NameMatch] = [match_names(given, name, **kwargs) for name in current]
    for name in former:
        result = match_names(given, name, **kwargs)
        if result.outcome in (MTCH, CMTC):
            reasons = _sort(("FRNM", *result.reasons), CMTC)
            result = result.model_copy(
                update={
                    "outcome": CMTC,
                    "reasons": reasons,
                    "actual_name": current[0] if current else name,
                }
            )
        results.append(result)
    if not results:
        return match_names(given, None, **kwargs)
    best = min(
        enumerate(results), key=lambda item: (_RANK[item[1].outcome], -item[1].similarity, item[0])
    )
    return best[1]


def _texts(values: object) -> list[str]:
    try:
        return [value for value in values if isinstance(value, str)]  # type: ignore[attr-defined]
    except TypeError:
        return []
