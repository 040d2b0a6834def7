"""Look-alike detection: which character swaps make one name pass for another (private).

A swap is a glyph look-alike when the pair is in ``data/lookalikes.csv``, a homophone when the two
characters share a toneless pinyin reading (pypinyin, imported on first use), and otherwise a small
edit. Alignments are tried on the cores, on region + core, on the whole head and name, and on
windows of the expected name for a short given name; the closest alignment wins.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from acctverify.models.names import Lookalike
from acctverify.names import _tables
from acctverify.names._normalise import _SYMBOL_LOOKALIKES
from acctverify.names._parse import Key, Parsed

_LK_PRIORITY = {"LKHG": 0, "LKHP": 1, "LKED": 2}


@dataclass(frozen=True)
class Found:
    """A look-alike: its reason code, the edit distance and the character pairs behind it."""

    code: str
    distance: int
    lookalikes: tuple[Lookalike, ...]


def _pair_kind(given: str, actual: str) -> tuple[str, str] | None:
    """Return (kind, source) when the two characters are a look-alike or homophone pair."""
    entry = _tables.lookalikes().pairs.get(frozenset((given, actual)))
    if entry is not None:
        return entry
    if _tables.readings(given) & _tables.readings(actual):
        return "homophone", "pypinyin"
    return None


def classify(given: Key, actual: Key, core_length: int) -> Found | None:
    """Classify the edits between two comparison strings as a look-alike, or None.

    *core_length* (the shorter of the two cores) sets how many edits still make a look-alike:
    every edit must be a look-alike pair, except that a core of six characters or more may carry
    one more small edit.
    """
    from rapidfuzz.distance import Levenshtein

    if given.text == actual.text or abs(len(given.text) - len(actual.text)) > 2:
        return None
    ops = Levenshtein.editops(given.text, actual.text)
    distance = len(ops)
    if distance > 4:
        return None
    shortest = core_length
    found: list[Lookalike] = []
    for op in ops:
        if op.tag != "replace":
            continue
        g_char, a_char = given.text[op.src_pos], actual.text[op.dest_pos]
        kind = _pair_kind(g_char, a_char)
        if kind is not None:
            where = given.where[op.src_pos] if op.src_pos < len(given.where) else -1
            found.append(
                Lookalike(
                    given_char=g_char,
                    actual_char=a_char,
                    position=where if where >= 0 else None,
                    kind=kind[0],
                    source=kind[1],
                )
            )
    other = distance - len(found)
    if (
        found
        and len(found) <= max(2, shortest // 2)
        and (other == 0 or (other == 1 and shortest >= 6))
    ):
        kinds = {item.kind for item in found}
        code = "LKHP" if kinds == {"homophone"} else "LKHG"
        return Found(code, distance, tuple(found))
    if distance == 1 or (distance == 2 and shortest >= 6):
        return Found("LKED", distance, ())
    return None


def _windows(short: Key, long: Key) -> Iterable[tuple[Key, Key]]:
    """Yield (short, window of long) pairs of equal length with one or two differences."""
    size = len(short.text)
    if not 2 <= size <= 32 or size >= len(long.text):
        return
    for start in range(len(long.text) - size + 1):
        window = long.text[start : start + size]
        differences = sum(a != b for a, b in zip(short.text, window, strict=True))
        if 1 <= differences <= 2:
            yield short, Key(window, long.where[start : start + size])


def find_lookalike(given: Parsed, actual: Parsed) -> Found | None:
    pairs: list[tuple[Key, Key]] = [
        (given.core, actual.core),
        (given.region_core, actual.region_core),
        (given.head_body, actual.head_body),
        (given.full, actual.full),
    ]
    if len(given.distinct) >= 2:
        pairs.extend(_windows(given.core, actual.head_body))
        pairs.extend(_windows(given.region_core, actual.head_body))
    core_length = min(len(given.core.text), len(actual.core.text))
    best: Found | None = None
    for pair in pairs:
        found = classify(*pair, core_length)
        if found is not None and (
            best is None
            or (found.distance, _LK_PRIORITY[found.code]) < (best.distance, _LK_PRIORITY[best.code])
        ):
            best = found
    return best


def spoof_lookalikes(given: Parsed, actual: Parsed) -> list[Lookalike]:
    """Lookalike records for the spoofing characters of the given name that pose as the expected
    name's characters, and for stray traditional characters the expected name does not use."""
    out: list[Lookalike] = []
    targets = _tables.lookalikes().targets
    expected = actual.model.normalised
    for sign in given.model.spoofing:
        folded = unicodedata.normalize("NFKC", sign.char).lower()
        if sign.kind in ("compatibility_ideograph", "compatibility_character"):
            target, source = folded, "NFKC"
        elif sign.kind == "mixed_script":
            target, source = targets.get(folded, ""), "UTS39"
        elif sign.kind == "confusable_symbol":
            target, source = _SYMBOL_LOOKALIKES.get(sign.char, ""), "acctverify"
        else:
            continue
        if target and target in expected:
            out.append(
                Lookalike(
                    given_char=sign.char,
                    actual_char=target,
                    position=sign.position,
                    kind="confusable",
                    source=source,
                )
            )
    for position, trad, simplified in given.soft:
        if trad not in actual.raw:
            out.append(
                Lookalike(
                    given_char=trad,
                    actual_char=simplified,
                    position=position if position >= 0 else None,
                    kind="confusable",
                    source="OpenCC t2s",
                )
            )
    return out


def soft_spoof(given: Parsed, actual: Parsed) -> bool:
    """Whether a stray traditional character on one side is not shared by the other."""
    return any(trad not in actual.raw for _, trad, _ in given.soft) or any(
        trad not in given.raw for _, trad, _ in actual.soft
    )
