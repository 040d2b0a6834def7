"""Look-alike detection: which character swaps make one name pass for another (private).

A swap is a glyph look-alike when the pair is in ``data/lookalikes.csv``, a homophone when the two
characters share a toneless pinyin reading (pypinyin, imported on first use), and otherwise a small
edit. Alignments are tried on the cores, on region + core, on the whole head and name, and on
windows of the expected name for a short given name; the closest alignment wins.

An imitation keeps the identity of the name it imitates (the rule of
``acctverify.directory``'s look-alike search): the *distinctive part* of the expected name, its
字号 + industry without generic words (``中国工商银行`` -> ``中国工商``, ``中国光大集团`` ->
``中国光大``), must keep at least half of its characters, and a small edit (LKED) may change one
of them (two from six characters on):

* ``中国建设银行`` is not an imitation of ``中国工商银行``: two of the four characters of
  ``中国工商`` differ, so it is another name (ANNM); ``中国农业银行`` likewise;
* ``中国光大集团`` and ``中国光大银行`` share the distinctive part ``中国光大`` and differ only
  in the generic word, what kind of institution they are: another entity (ANNM);
* ``浙商银行`` for ``招商银行`` is LKED: one of the two characters of ``招商`` is changed and
  ``商`` is kept, the shape of ``徽众`` for ``微众``. Both are real banks, but the matcher has no
  register to tell a real name from an imitation (the directory does); the outcome, NMTC, is the
  same;
* a single swap of a listed glyph pair or a homophone (LKHG, LKHP) is always a look-alike
  (``徽众``/``微众``, ``华微``/``华为``, ``杭州巿``/``杭州市``); several swaps must keep half.
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
# From this many characters on, a distinctive part may have two characters changed (LKED); the
# same length from which ``classify`` lets a core carry a second edit.
_LONG_DISTINCTIVE = 6


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


def _windows(short: Key, long: Key) -> Iterable[tuple[Key, Key, int]]:
    """Yield (short, window of long, start) for windows of equal length with one or two
    differences."""
    size = len(short.text)
    if not 2 <= size <= 32 or size >= len(long.text):
        return
    for start in range(len(long.text) - size + 1):
        window = long.text[start : start + size]
        differences = sum(a != b for a, b in zip(short.text, window, strict=True))
        if 1 <= differences <= 2:
            yield short, Key(window, long.where[start : start + size]), start


def _max_changed(length: int) -> int:
    """Characters of a distinctive part of *length* that a small edit (LKED) may change."""
    return 1 if length < _LONG_DISTINCTIVE else 2


def _changed(given: str, actual: str, own: str) -> int:
    """Edits from *given* to *actual* that fall in *own* (a part of *actual*), or a character
    added right after it; without *own* in *actual*, the characters of *own* that *given* lacks."""
    from rapidfuzz.distance import LCSseq, Levenshtein

    at = actual.find(own)
    if at < 0:
        return len(own) - LCSseq.similarity(own, given)
    end = at + len(own)
    inside = 0
    for op in Levenshtein.editops(given, actual):
        if op.tag == "delete":  # a character of *given* added before actual[dest_pos]
            inside += at < op.dest_pos <= end
        else:
            inside += at <= op.dest_pos < end
    return inside


def keeps_identity(found: Found, given: Key, actual: Key, own: str, *, same: bool) -> bool:
    """Whether the look-alike *found* between *given* and *actual* keeps the expected identity.

    *own* is the distinctive part of the expected name (or of it, what a window holds); *same*
    says that both names have the same distinctive part, so that they differ only in generic
    words (``中国光大集团``, ``中国光大银行``).
    """
    from rapidfuzz.distance import LCSseq

    if found.code != "LKED" and len(found.lookalikes) == 1 and found.distance == 1:
        return True  # a single glyph or homophone swap is the attack itself
    if 2 * LCSseq.similarity(own, given.text) < len(own):
        return False
    if found.code != "LKED":
        return True
    return not same and _changed(given.text, actual.text, own) <= _max_changed(len(own))


def _window_part(actual: Parsed, start: int, size: int) -> str:
    """The part of the expected distinctive part inside a window of its head (may be empty)."""
    text, own = actual.head_body.text, actual.distinctive
    at = text.find(own)
    if at < 0:
        return ""
    return text[max(at, start) : min(at + len(own), start + size)]


def find_lookalike(given: Parsed, actual: Parsed) -> Found | None:
    own = actual.distinctive
    pairs: list[tuple[Key, Key, str]] = [
        (given.core, actual.core, own),
        (given.region_core, actual.region_core, own),
        (given.head_body, actual.head_body, own),
        (given.full, actual.full, own),
    ]
    if len(given.distinct) >= 2:
        for short in (given.core, given.region_core):
            for g_key, window, start in _windows(short, actual.head_body):
                part = _window_part(actual, start, len(window.text))
                if part:  # a window outside the distinctive part imitates no name
                    pairs.append((g_key, window, part))
    core_length = min(len(given.core.text), len(actual.core.text))
    same = given.distinctive == own
    best: Found | None = None
    for g_key, a_key, part in pairs:
        found = classify(g_key, a_key, core_length)
        if found is None or not keeps_identity(found, g_key, a_key, part, same=same):
            continue
        if best is None or (found.distance, _LK_PRIORITY[found.code]) < (
            best.distance,
            _LK_PRIORITY[best.code],
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
