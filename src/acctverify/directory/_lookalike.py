"""Find texts imitating an official name: a character or two changed, or the same sound (private).

Small and linear: each official name of three or more Chinese characters is compared with the whole
text (Levenshtein, so a dropped or added character counts) and with every same-length window of a
longer text (Hamming: substituted characters). Names are also compared by pinyin without tones, so
a homophone (``为粒贷``) is caught even where more characters differ. Two-character names (借呗)
are only compared as a whole text, by sound, and must keep one of the two characters: as windows,
or with both characters changed, they match ordinary words (戒备).

The allowed distance is one character for names under eight characters and two for longer ones,
and at least half of the distinctive part (the name without its legal form and industry) must be
kept, in order:
``宁波银行股份有限公司`` is another bank, not an imitation of ``微众银行股份有限公司``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass

__all__ = ["Candidate", "Lookalike", "distinctive", "find_lookalike", "max_distance"]


def _is_cjk(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\U00020000" <= char <= "\U0003134f"


def _cjk_count(text: str) -> int:
    return sum(_is_cjk(c) for c in text)


# Generic endings of institution names (legal form, industry): the part before them is the
# distinctive name. Longest first.
_GENERIC_ENDINGS = tuple(
    sorted(
        (
            "消费金融股份有限公司", "消费金融有限公司", "消费金融股份公司", "小额贷款股份有限公司",
            "小额贷款有限公司", "银行股份有限公司", "银行有限公司", "网络科技有限公司",
            "科技有限公司", "股份有限公司", "有限责任公司", "股份公司", "有限公司", "消费金融",
            "银行",
        ),
        key=len,
        reverse=True,
    )
)  # fmt: skip


def distinctive(name: str) -> str:
    """Return *name* without its generic ending (``宁波银行股份有限公司`` -> ``宁波``)."""
    for ending in _GENERIC_ENDINGS:
        if name.endswith(ending) and len(name) > len(ending):
            return name[: -len(ending)]
    return name


def _keeps_identity(window: str, key: str) -> bool:
    """Half the distinctive name survives: 微众 -> 徽众 imitates; 宁波 -> 微众 does not."""
    from rapidfuzz.distance import LCSseq

    own = distinctive(key)
    return 2 * LCSseq.similarity(own, window) >= len(own)


def max_distance(length: int) -> int:
    """Characters that may differ from a name of *length* characters for a look-alike."""
    return 1 if length < 8 else 2


@functools.lru_cache(maxsize=8192)
def _char_pinyin(char: str) -> str:
    if not _is_cjk(char):
        return char
    from pypinyin import lazy_pinyin

    syllables = lazy_pinyin(char)
    return syllables[0] if syllables else char


def _pinyin(text: str) -> tuple[str, ...]:
    return tuple(_char_pinyin(c) for c in text)


@dataclass(frozen=True)
class Candidate:
    """An official name that look-alikes are searched for."""

    key: str
    """The normalised name."""
    official: str
    """The name as written in the directory."""
    creditor_id: str
    """The entry it belongs to."""


@dataclass(frozen=True)
class Lookalike:
    """A text (or part of it) that imitates an official name."""

    candidate: Candidate
    window: str
    kind: str
    """``edit`` (characters differ) or ``homophone`` (same pinyin)."""
    distance: int


def _edit_candidates(candidates: Iterable[Candidate]) -> tuple[Candidate, ...]:
    return tuple(c for c in candidates if _cjk_count(c.key) >= 3)


def _sound_candidates(candidates: Iterable[Candidate]) -> tuple[Candidate, ...]:
    return tuple(c for c in candidates if len(c.key) >= 2 and all(map(_is_cjk, c.key)))


def find_lookalike(
    text: str,
    candidates: tuple[Candidate, ...],
    is_real_name: Callable[[str], bool],
    *,
    covered: tuple[tuple[int, int], ...] = (),
    prefer: str | None = None,
    service_words: tuple[str, ...] = (),
) -> Lookalike | None:
    """Return the closest imitation of a candidate name in *text*, or ``None``.

    *text* is normalised. A candidate whose exact name occurs in *text* is skipped (the genuine name
    is there), and so is a window that is itself a real name (*is_real_name*) or lies inside a span
    of *covered* (where a genuine official name occurs). Inside a longer text, a three-character
    name is only compared with a window that stands as a word: at the start of the text or after a
    non-Chinese character, and before the end, a non-Chinese character or one of *service_words*
    (``微粒货协商中心``, not ``花呗分期还款``). Among equally close imitations, one of the entry
    *prefer* wins (the entry whose name the text also contains).
    """

    def inside(start: int, size: int) -> bool:
        """The window overlaps a genuine official name."""
        return any(start < b and a < start + size for a, b in covered)

    def standalone(start: int, size: int) -> bool:
        """A short window stands as a word: not inside a run of Chinese text (分期付款)."""
        if size >= 4:
            return True
        before, after = text[:start], text[start + size :]
        left = not before or not _is_cjk(before[-1])
        right = not after or not _is_cjk(after[0]) or after.startswith(service_words)
        return left and right

    from rapidfuzz.distance import Hamming, Levenshtein

    hits: list[Lookalike] = []
    present = set(text)
    for cand in _edit_candidates(candidates):
        key, size = cand.key, len(cand.key)
        limit = max_distance(size)
        if key in text or sum(c in present for c in key) < size - limit:
            continue
        if abs(len(text) - size) <= limit and len(text) >= 3:
            distance = Levenshtein.distance(text, key, score_cutoff=limit)
            if 0 < distance <= limit and _keeps_identity(text, key) and not is_real_name(text):
                hits.append(Lookalike(cand, text, "edit", distance))
                continue
        for start in range(len(text) - size + 1):
            window = text[start : start + size]
            if window == text or inside(start, size) or not standalone(start, size):
                continue
            distance = Hamming.distance(window, key, score_cutoff=limit)
            if 0 < distance <= limit and _keeps_identity(window, key) and not is_real_name(window):
                hits.append(Lookalike(cand, window, "edit", distance))
                break
    if not hits and any(_is_cjk(c) for c in text):
        hits.extend(
            _homophones(
                text,
                _sound_candidates(candidates),
                is_real_name,
                lambda start, size: inside(start, size) or not standalone(start, size),
            )
        )
    if not hits:
        return None
    return min(
        hits,
        key=lambda hit: (
            hit.window != text,
            hit.distance,
            hit.candidate.creditor_id != prefer,
            -len(hit.candidate.key),
        ),
    )


def _homophones(
    text: str,
    candidates: tuple[Candidate, ...],
    is_real_name: Callable[[str], bool],
    skip: Callable[[int, int], bool],
) -> Iterable[Lookalike]:
    sounds = _pinyin(text)
    for cand in candidates:
        key, size = cand.key, len(cand.key)
        if key in text:
            continue
        starts = range(len(text) - size + 1) if size >= 3 else ((0,) if len(text) == 2 else ())
        target = _pinyin(key)
        for start in starts:
            if sounds[start : start + size] != target:
                continue
            window = text[start : start + size]
            differing = sum(a != b for a, b in zip(window, key, strict=True))
            # A two-character imitation keeps one character of the brand (花贝); a word with no
            # character in common (戒备) is an ordinary word that happens to sound alike.
            if size == 2 and differing == 2:
                continue
            if window != key and not skip(start, size) and not is_real_name(window):
                yield Lookalike(cand, window, "homophone", differing)
                break
