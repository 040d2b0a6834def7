"""The company-name preset: a comparison form that remembers what changed and where (private).

A name is folded for comparison (brackets, middle dots, whitespace, case, NFKC, traditional to
simplified script), and each character of the result keeps the index of the original character it
came from, so that a look-alike can be shown where the payer sees it. What changed is recorded
(``brackets``, ``t2s`` …): the names module reports formatting-only differences as such.
Spoofing characters are looked for by the caller on the original text, before this fold, because
NFKC is exactly what hides them.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from acctverify._unicode._chars import s2t, t2s

__all__ = ["BRACKETS", "DOTS", "FoldedName", "fold_name"]

#: Brackets written around regions and partnership types, all read as ASCII parentheses.
BRACKETS = {
    **dict.fromkeys("(（［【〔〖﹙｛[{⦅〘", "("),
    **dict.fromkeys(")）］】〕〗﹚｝]}⦆〙", ")"),
}
#: Middle dots between the parts of minority names (names.md §4.8): all read as U+00B7.
DOTS = frozenset("•・･●∙‧⋅\u2027\u00b7")


@dataclass(frozen=True)
class FoldedName:
    """The comparison form of a name and how it was reached."""

    pre_t2s: str
    """NFKC, brackets, whitespace, case and dots done; script not yet converted."""
    text: str
    """The final form (after OpenCC t2s); the legal form is canonicalised later, by the parser."""
    positions: tuple[int, ...] | None
    """Original index of each character of ``text`` (None when it cannot be mapped)."""
    changes: frozenset[str]
    """What the fold changed: ``invisible``, ``brackets``, ``whitespace``, ``case``,
    ``separator``, ``nfkc``, ``t2s``."""
    traditional: tuple[tuple[int, str, str], ...]
    """(original index, traditional char, simplified char) when single traditional characters
    sit in an otherwise simplified name."""


def _fold_fallback(text: str) -> str:
    """Normalise a string with combining sequences as a whole, until it is stable."""
    for _ in range(4):
        folded = unicodedata.normalize("NFKC", text)
        folded = "".join(ch for ch in folded if not ch.isspace()).lower()
        if folded == text:
            break
        text = folded
    return text


def fold_name(text: str, skip: frozenset[int] = frozenset()) -> FoldedName:
    """Return the comparison form of *text*, leaving out the characters at *skip* (invisible).

    >>> folded = fold_name('騰訊科技（深圳） 有限公司')
    >>> folded.text, sorted(folded.changes)
    ('腾讯科技(深圳)有限公司', ['brackets', 't2s', 'whitespace'])
    """
    out: list[str] = []
    where: list[int] = []
    changes: set[str] = set()
    if skip:
        changes.add("invisible")
    for index, char in enumerate(text):
        if index in skip:
            continue
        if char in BRACKETS:
            if char not in "()":
                changes.add("brackets")
            out.append(BRACKETS[char])
            where.append(index)
            continue
        if char.isascii():
            if char.isspace():
                changes.add("whitespace")
            elif "A" <= char <= "Z":
                changes.add("case")
                out.append(char.lower())
                where.append(index)
            else:
                out.append(char)
                where.append(index)
            continue
        if char in DOTS:
            if char != "\u00b7":
                changes.add("separator")
            out.append("\u00b7")
            where.append(index)
            continue
        if 0x4E00 <= ord(char) <= 0x9FFF:
            out.append(char)
            where.append(index)
            continue
        if 0xD800 <= ord(char) <= 0xDFFF:
            continue  # a lone surrogate (flagged) cannot be compared or encoded
        folded = unicodedata.normalize("NFKC", char)
        if folded != char and not folded.isspace():
            changes.add("nfkc")
        for piece in folded:
            if piece.isspace():
                changes.add("whitespace")
                continue
            lower = piece.lower()
            if lower != piece:
                changes.add("case")
            for item in lower:
                out.append(BRACKETS.get(item, item))
                where.append(index)
    pre = "".join(out)
    positions: tuple[int, ...] | None = tuple(where)
    if any(unicodedata.combining(ch) or 0x1100 <= ord(ch) <= 0x11FF for ch in pre):
        pre = _fold_fallback(pre)
        positions = None
    final = t2s(pre)
    traditional: tuple[tuple[int, str, str], ...] = ()
    if final != pre:
        changes.add("t2s")
        if len(final) != len(pre):
            positions = None
        else:
            traditional = _mixed_traditional(pre, final, positions)
    return FoldedName(
        pre_t2s=pre,
        text=final,
        positions=positions,
        changes=frozenset(changes),
        traditional=traditional,
    )


def _mixed_traditional(
    pre: str, final: str, positions: tuple[int, ...] | None
) -> tuple[tuple[int, str, str], ...]:
    """Return the traditional characters of a name that otherwise uses simplified ones."""
    trad = [i for i, (a, b) in enumerate(zip(pre, final, strict=True)) if a != b]
    back = s2t(pre)
    if len(back) != len(pre):
        return ()
    trad_set = set(trad)
    simplified = [
        i for i, (a, b) in enumerate(zip(pre, back, strict=True)) if a != b and i not in trad_set
    ]
    if not simplified:
        return ()
    return tuple((positions[i] if positions else -1, pre[i], final[i]) for i in trad)
