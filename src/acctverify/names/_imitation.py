"""Which aligned parts of two parsed names make one an imitation of the other (private).

The rule itself is :mod:`acctverify._lookalike`, shared with the directory's search. This module
only decides what to compare: the cores, region + core, the whole head and name, and windows of
the expected name for a short given name; the closest alignment wins. It also turns spoofing
characters (other scripts, compatibility forms, stray traditional characters) into look-alike
records for the report.
"""

from __future__ import annotations

import unicodedata

from acctverify._lookalike import Found, compare, glyph_targets, windows
from acctverify.models.names import Lookalike
from acctverify.names._normalise import SYMBOL_LOOKALIKES
from acctverify.names._parse import Key, Parsed

_PRIORITY = {"LKHG": 0, "LKHP": 1, "LKED": 2}


def _window_part(actual: Parsed, start: int, size: int) -> str:
    """The part of the expected distinctive part inside a window of its head (may be empty)."""
    text, own = actual.head_body.text, actual.distinctive
    at = text.find(own)
    if at < 0:
        return ""
    return text[max(at, start) : min(at + len(own), start + size)]


def find_lookalike(given: Parsed, actual: Parsed) -> Found | None:
    """Return the closest imitation of *actual* by *given* over the alignments, or None."""
    own = actual.distinctive
    pairs: list[tuple[Key, Key, str]] = [
        (given.core, actual.core, own),
        (given.region_core, actual.region_core, own),
        (given.head_body, actual.head_body, own),
        (given.full, actual.full, own),
    ]
    if len(given.distinct) >= 2:
        head = actual.head_body
        for short in (given.core, given.region_core):
            for start, window in windows(short.text, head.text):
                part = _window_part(actual, start, len(window))
                if part:  # a window outside the distinctive part imitates no name
                    pairs.append(
                        (short, Key(window, head.where[start : start + len(window)]), part)
                    )
    core_length = min(len(given.core.text), len(actual.core.text))
    same = given.distinctive == own
    best: Found | None = None
    for g_key, a_key, part in pairs:
        found = compare(
            g_key.text, a_key.text, length=core_length, own=part, same=same, where=g_key.where
        )
        if found is None:
            continue
        if best is None or (found.distance, _PRIORITY[found.code]) < (
            best.distance,
            _PRIORITY[best.code],
        ):
            best = found
    return best


def spoof_lookalikes(given: Parsed, actual: Parsed) -> list[Lookalike]:
    """Lookalike records for the spoofing characters of the given name that pose as the expected
    name's characters, and for stray traditional characters the expected name does not use."""
    out: list[Lookalike] = []
    targets = glyph_targets()
    expected = actual.model.normalised
    for sign in given.model.spoofing:
        folded = unicodedata.normalize("NFKC", sign.char).lower()
        if sign.kind in ("compatibility_ideograph", "compatibility_character"):
            target, source = folded, "NFKC"
        elif sign.kind == "mixed_script":
            target, source = targets.get(folded, ""), "UTS39"
        elif sign.kind == "confusable_symbol":
            target, source = SYMBOL_LOOKALIKES.get(sign.char, ""), "acctverify"
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
