"""Two look-alike names side by side, the characters that differ marked (private).

A look-alike payee name (``深圳前海徽众…`` for ``深圳前海微众…``) reads as the real one: that is the
attack. Shown to people, the swapped characters are marked in both names, invisible characters
become visible (``⟨U+200B⟩``), and a sentence says what was swapped, so that the difference does
not rest on colour alone.

>>> from acctverify.names import match_names
>>> match = match_names("深圳前海徽众银行股份有限公司", "深圳前海微众银行股份有限公司")
>>> given, expected, notes = name_diff(match)
>>> given
(('深圳前海', None), ('徽', '形近字 look-alike'), ('众银行股份有限公司', None))
>>> expected[1]
('微', '形近字 look-alike')
>>> notes
(('“徽”冒充“微”（形近字）', '“徽” poses as “微” (look-alike glyph)'),)
>>> name_diff(match_names("深圳前海微众银行股份有限公司", "腾讯科技（深圳）有限公司")) is None
True
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from acctverify.names._match import LOOKALIKE_REASONS
from acctverify.render._words import is_invisible, marker

if TYPE_CHECKING:
    from acctverify.models.facts import NamePairMatch
    from acctverify.models.names import NameMatch
    from acctverify.models.report import Report

__all__ = ["Diff", "Piece", "lookalike_of", "name_diff"]

#: A piece of a name and, when it is marked, what it is (a short bilingual label).
Piece = tuple[str, "str | None"]
#: The given name, the expected name, and what differs in (Chinese, English) sentences.
Diff = tuple[tuple[Piece, ...], tuple[Piece, ...], tuple[tuple[str, str], ...]]

# The pairs a look-alike name can be found in, the most telling first.
_PAIRS = (
    "payee_creditor",
    "payee_creditor_unconfirmed",
    "licence_creditor",
    "payee_registry",
    "licence_registry",
    "payee_licence",
)

_KIND_LABEL = {
    "glyph": ("形近字", "look-alike", "look-alike glyph"),
    "homophone": ("同音字", "homophone", "homophone"),
    "confusable": ("伪装字符", "confusable", "confusable character"),
}
_HIDDEN = ("不可见字符", "hidden", "hidden character")
_DIFFERENT = ("不同", "differs", "different character")
_EXTRA = ("多出", "extra", "extra character")
_MISSING = ("缺少", "missing", "missing character")


def _label(kind: tuple[str, str, str]) -> str:
    return f"{kind[0]} {kind[1]}"


def _key(char: str) -> str:
    return unicodedata.normalize("NFKC", char).casefold()


def _pieces(text: str, notes: dict[int, str]) -> tuple[Piece, ...]:
    """*text* cut into unmarked runs and marked characters (invisible ones shown visibly)."""
    out: list[Piece] = []
    for index, char in enumerate(text):
        note = notes.get(index)
        shown = char
        if is_invisible(char):
            shown, note = marker(char), note or _label(_HIDDEN)
        if out and out[-1][1] == note:
            out[-1] = (out[-1][0] + shown, note)
        else:
            out.append((shown, note))
    return tuple(out)


def lookalike_of(report: Report, name: str | None) -> tuple[NamePairMatch, Diff] | None:
    """The name check of *report* in which *name* (a name the payer was given) imitates another
    name, with the two names marked; ``None`` when there is none."""
    if not name:
        return None
    for field in _PAIRS:
        pair: NamePairMatch | None = getattr(report.facts.names, field)
        if pair is not None and pair.match.given == name:
            diff = name_diff(pair.match)
            if diff is not None:
                return pair, diff
    return None


def name_diff(match: NameMatch) -> Diff | None:
    """The given and the expected name of a look-alike *match*, in pieces with the characters
    that differ marked, and what differs in (Chinese, English) sentences; ``None`` when the match
    is not a look-alike (a different name altogether is not marked character by character)."""
    given, actual = match.given, match.actual
    if not given or not actual or not LOOKALIKE_REASONS & set(match.reasons):
        return None
    kinds = {item.position: item for item in match.lookalikes if item.position is not None}
    spoofed = {
        sign.position for sign in (match.given_parsed.spoofing if match.given_parsed else ())
    }
    in_given: dict[int, str] = {}
    in_actual: dict[int, str] = {}
    sentences: list[tuple[str, str]] = []
    import difflib

    matcher = difflib.SequenceMatcher(
        None, [_key(c) for c in given], [_key(c) for c in actual], autojunk=False
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for offset in range(i2 - i1):  # NFKC folds a compatibility ideograph: still marked
                if i1 + offset in kinds or i1 + offset in spoofed:
                    item = kinds.get(i1 + offset)
                    kind = _KIND_LABEL[item.kind] if item is not None else _KIND_LABEL["confusable"]
                    in_given[i1 + offset] = in_actual[j1 + offset] = _label(kind)
                    sentences.append(_swap(given[i1 + offset], actual[j1 + offset], kind))
            continue
        stretch: list[tuple[str, str, str]] = []
        for index in range(i1, i2):
            item = kinds.get(index)
            if is_invisible(given[index]):
                kind = _HIDDEN
            elif item is not None:
                kind = _KIND_LABEL[item.kind]
            elif index in spoofed:
                kind = _KIND_LABEL["confusable"]
            else:
                kind = _DIFFERENT if tag == "replace" else _EXTRA
            in_given[index] = _label(kind)
            stretch.append(kind)
        seen = [kind for kind in stretch if kind is not _HIDDEN]
        for offset, index in enumerate(range(j1, j2)):
            same = len(seen) == j2 - j1
            in_actual[index] = _label(
                seen[offset] if same else _MISSING if not seen else _DIFFERENT
            )
        sentences.extend(_sentences(given[i1:i2], actual[j1:j2], seen[0] if seen else _DIFFERENT))
    if not in_given and not in_actual:
        return None
    return _pieces(given, in_given), _pieces(actual, in_actual), tuple(dict.fromkeys(sentences))


def _swap(given: str, actual: str, kind: tuple[str, str, str]) -> tuple[str, str]:
    return f"“{given}”冒充“{actual}”（{kind[0]}）", f"“{given}” poses as “{actual}” ({kind[2]})"


def _sentences(given: str, actual: str, kind: tuple[str, str, str]) -> list[tuple[str, str]]:
    """What one differing stretch is, in words."""
    hidden = [c for c in given if is_invisible(c)]
    seen = "".join(c for c in given if not is_invisible(c))
    out = [
        (f"隐藏字符 {marker(c)}", f"hidden character {marker(c)}") for c in dict.fromkeys(hidden)
    ]
    if seen and actual:
        out.append(_swap(seen, actual, kind))
    elif seen:
        out.append((f"多出“{seen}”", f"“{seen}” added"))
    elif actual:
        out.append((f"缺少“{actual}”", f"“{actual}” left out"))
    return out
