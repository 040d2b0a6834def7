"""The one look-alike engine: when does one name pass for another (private).

Two entry points share one rule:

* :func:`compare` — is *given* an imitation of *expected*? (``acctverify.names`` calls it on the
  aligned parts of two parsed company names);
* :func:`search` — does a text imitate any of a list of official names, as a whole or in a window?
  (``acctverify.directory`` calls it for creditor names, payee names and claimed senders).

The rule (:func:`classify`, :func:`keeps_identity`):

* a character swap is a **glyph** look-alike when the pair is in ``data/lookalikes.csv`` and a
  **homophone** when the two characters share any toneless pinyin reading (every reading, from
  :func:`acctverify._unicode.readings`); any other edit is a small **edit**;
* of a name of *n* characters (its core, for a company name), up to ``max(2, n // 2)`` listed swaps
  are a look-alike (LKHG, or LKHP when all are homophones), with one further small edit from six
  characters on; otherwise one small edit is a look-alike (LKED), two from six characters on;
* an imitation keeps the identity of the name it imitates: its *distinctive part* (the name
  without its legal form and the generic words that say what kind of institution it is, ``银行``,
  ``集团`` …, from ``name_parts.csv``) keeps at least half of its characters (a character swapped
  for a listed glyph look-alike counts as kept: it still looks the same), and a small edit
  changes at most one of them (two from six on). So ``中国建设银行`` is another bank, not an
  imitation of ``中国工商银行``, while ``徽众银行`` imitates ``微众银行``; a single listed swap
  is always the attack itself;
* a two-character name (``借呗``) is only matched as a whole text and only by glyph or sound, with
  one of its characters kept: as a window, or by a small edit, it matches ordinary words (戒备).

>>> compare('徽众银行', '微众银行', length=4, own='微众').code
'LKHG'
>>> compare('中国建设银行', '中国工商银行', length=6, own='中国工商') is None
True
>>> official = Candidate('深圳前海微众银行股份有限公司', '深圳前海微众银行股份有限公司', 'webank')
>>> hit = search('付款给深圳前海徽众很行股份有限公司', (official,), lambda name: False)
>>> hit.window, hit.kind, [(x.given_char, x.actual_char) for x in hit.found.lookalikes]
('深圳前海徽众很行股份有限公司', 'glyph', [('徽', '微'), ('很', '银')])
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from acctverify._data import table
from acctverify._unicode import is_han, readings
from acctverify.models.names import Lookalike

__all__ = [
    "Candidate",
    "Found",
    "Imitation",
    "classify",
    "compare",
    "distinctive",
    "glyph_targets",
    "is_generic",
    "keeps_identity",
    "pair_kind",
    "search",
    "windows",
]

#: From this many characters on, a name may carry one more small edit.
LONG = 6
_PRIORITY = {"LKHG": 0, "LKHP": 1, "LKED": 2}
_KINDS = {"LKHG": "glyph", "LKHP": "homophone", "LKED": "edit"}


@dataclass(frozen=True)
class Found:
    """A look-alike: its reason code, the edit distance and the character pairs behind it."""

    code: str
    """``LKHG`` (listed glyph pairs, possibly with homophones), ``LKHP`` (homophones only) or
    ``LKED`` (a small edit)."""
    distance: int
    lookalikes: tuple[Lookalike, ...]

    @property
    def kind(self) -> str:
        """``glyph``, ``homophone`` or ``edit``."""
        return _KINDS[self.code]


@functools.cache
def _table() -> tuple[dict[frozenset[str], tuple[str, str]], dict[str, str]]:
    pairs: dict[frozenset[str], tuple[str, str]] = {}
    targets: dict[str, str] = {}
    for row in table("lookalikes.csv").rows:
        pairs[frozenset((row["a"], row["b"]))] = (row["kind"], row["source"])
        if row["kind"] == "confusable":
            targets[row["b"]] = row["a"]
    return pairs, targets


def glyph_targets() -> dict[str, str]:
    """Confusable character -> the character it poses as (Katakana, Cyrillic, Greek, digits)."""
    return _table()[1]


def pair_kind(given: str, actual: str) -> tuple[str, str] | None:
    """Return (kind, source) when two characters are a listed pair or homophones, else None."""
    entry = _table()[0].get(frozenset((given, actual)))
    if entry is not None:
        return entry
    if readings(given) & readings(actual):
        return "homophone", "pypinyin"
    return None


def _max_pairs(length: int) -> int:
    return max(2, length // 2)


def _max_edits(length: int) -> int:
    """Small edits (not listed pairs) a name of *length* characters may carry."""
    return 1 if length < LONG else 2


def classify(
    given: str, expected: str, length: int, where: Sequence[int] | None = None
) -> Found | None:
    """Classify the edits between *given* and *expected* as a look-alike, or return None.

    *length* (the shorter core, for company names) sets how many edits still make a look-alike;
    *where* maps each index of *given* to the original text (``-1``: none) for the report.
    """
    from rapidfuzz.distance import Levenshtein

    if given == expected or abs(len(given) - len(expected)) > 2:
        return None
    ops = Levenshtein.editops(given, expected)
    distance = len(ops)
    if distance > 4:
        return None
    found: list[Lookalike] = []
    for op in ops:
        if op.tag != "replace":
            continue
        g_char, a_char = given[op.src_pos], expected[op.dest_pos]
        kind = pair_kind(g_char, a_char)
        if kind is not None:
            at = where[op.src_pos] if where is not None and op.src_pos < len(where) else -1
            found.append(
                Lookalike(
                    given_char=g_char,
                    actual_char=a_char,
                    position=at if at >= 0 else None,
                    kind=kind[0],
                    source=kind[1],
                )
            )
    other = distance - len(found)
    if found and len(found) <= _max_pairs(length) and other <= _max_edits(length) - 1:
        code = "LKHP" if {item.kind for item in found} == {"homophone"} else "LKHG"
        return Found(code, distance, tuple(found))
    if distance <= _max_edits(length):
        return Found("LKED", distance, ())
    return None


@functools.cache
def _endings() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(legal forms, generic words) of ``name_parts.csv``, longest first."""
    rows = table("name_parts.csv").rows
    forms = sorted({r["word"] for r in rows if r["kind"] == "legal_form"}, key=len, reverse=True)
    generic = sorted((r["word"] for r in rows if r["kind"] == "generic"), key=len, reverse=True)
    return tuple(forms), tuple(generic)


def distinctive(core: str, *, legal_form: bool = False) -> str:
    """Return *core* without the generic words that end it (``中国光大银行`` -> ``中国光大``).

    Generic words (``银行``, ``集团`` …, ``name_parts.csv`` kind ``generic``) say what kind of
    institution a name is, not which one. With *legal_form*, a legal form at the end is removed
    first (``宁波银行股份有限公司`` -> ``宁波``). Never empty for a non-empty text.
    """
    generic = _endings()[1]
    if legal_form:
        core = _without_legal_form(core)
    while True:
        for word in generic:
            if core.endswith(word) and len(core) > len(word):
                core = core[: -len(word)]
                break
        else:
            return core


def is_generic(word: str) -> bool:
    """Whether *word* is a generic word (``银行``, ``集团`` …) that names no institution."""
    return word in _endings()[1]


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


def keeps_identity(found: Found, given: str, expected: str, own: str, *, same: bool) -> bool:
    """Whether the look-alike *found* between *given* and *expected* keeps the expected identity.

    *own* is the distinctive part of the expected name (or of it, what a window holds); *same*
    says that both names have the same distinctive part, so that they differ only in generic
    words (``中国光大集团``, ``中国光大银行``): another entity, not an imitation.
    """
    from rapidfuzz.distance import LCSseq

    if found.code != "LKED" and len(found.lookalikes) == 1 and found.distance == 1:
        return True  # a single glyph or homophone swap is the attack itself
    # A listed glyph swap keeps the look of the character it replaces: it counts as kept.
    shown = {
        item.given_char: item.actual_char for item in found.lookalikes if item.kind != "homophone"
    }
    seen = "".join(shown.get(char, char) for char in given) if shown else given
    if 2 * LCSseq.similarity(own, seen) < len(own):
        return False
    if found.code != "LKED":
        return True
    return not same and _changed(given, expected, own) <= _max_edits(len(own))


def compare(
    given: str,
    expected: str,
    *,
    length: int,
    own: str,
    same: bool = False,
    where: Sequence[int] | None = None,
) -> Found | None:
    """Return how *given* imitates *expected* (whose distinctive part is *own*), or None."""
    found = classify(given, expected, length, where)
    if found is None or not keeps_identity(found, given, expected, own, same=same):
        return None
    return found


def windows(short: str, long: str) -> Iterator[tuple[int, str]]:
    """Yield (start, window) for the windows of *long* as long as *short* that differ from it in
    one or two characters."""
    size = len(short)
    if not 2 <= size <= 32 or size >= len(long):
        return
    for start in range(len(long) - size + 1):
        window = long[start : start + size]
        differences = sum(a != b for a, b in zip(short, window, strict=True))
        if 1 <= differences <= 2:
            yield start, window


# --- searching a text for official names ------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """An official name that imitations are searched for."""

    key: str
    """The name in match-key form (:func:`acctverify._unicode.match_key`)."""
    official: str
    """The name as written in the directory."""
    owner: str
    """The entry it belongs to (a creditor id)."""
    own: str = ""
    """The distinctive part of the name (default: :func:`distinctive` of the key without its legal
    form). A caller that can parse company names passes the core without the region, so that a
    registered name with its region left out still imitates it."""

    def __post_init__(self) -> None:
        if not self.own:
            object.__setattr__(self, "own", distinctive(self.key, legal_form=True))


@dataclass(frozen=True)
class Imitation:
    """A text (or a window of it) that imitates an official name."""

    candidate: Candidate
    window: str
    found: Found

    @property
    def kind(self) -> str:
        """``glyph``, ``homophone`` or ``edit``."""
        return self.found.kind

    @property
    def distance(self) -> int:
        return self.found.distance


def _reach(length: int) -> int:
    """Most characters in which a window may differ from a name of *length* and still imitate it."""
    return max(_max_pairs(length) + _max_edits(length) - 1, _max_edits(length))


def _same(text: str, cand: Candidate) -> bool:
    """Whether *text* and the candidate differ only in their generic words (``中国光大集团``,
    ``中国光大银行``): another entity of the same group, not an imitation. A name that differs
    only in its legal form is not another entity: it imitates the registered one."""
    bare_text, bare_key = _without_legal_form(text), _without_legal_form(cand.key)
    return bare_text != bare_key and distinctive(bare_text) == distinctive(bare_key)


def _without_legal_form(name: str) -> str:
    for form in _endings()[0]:
        if name.endswith(form) and len(name) > len(form):
            return name[: -len(form)]
    return name


def search(
    text: str,
    candidates: Sequence[Candidate],
    is_real_name: Callable[[str], bool],
    *,
    covered: tuple[tuple[int, int], ...] = (),
    prefer: str | None = None,
    service_words: tuple[str, ...] = (),
) -> Imitation | None:
    """Return the closest imitation of a candidate name in *text* (match-key form), or None.

    A candidate whose exact name occurs in *text* is skipped (the genuine name is there), and so
    is a window that is itself a real name (*is_real_name*) or overlaps a span of *covered* (where
    a genuine official name occurs). Inside a longer text, a three-character name is only compared
    with a window that stands as a word: at the start of the text or after a non-Chinese
    character, and before the end, a non-Chinese character or one of *service_words*
    (``微粒货协商中心``, not ``花呗分期还款``). Among equally close imitations, one of the entry
    *prefer* wins (the entry whose name the text also contains).
    """

    def inside(start: int, size: int) -> bool:
        return any(start < b and a < start + size for a, b in covered)

    def standalone(start: int, size: int) -> bool:
        if size >= 4:
            return True
        before, after = text[:start], text[start + size :]
        left = not before or not is_han(before[-1])
        right = not after or not is_han(after[0]) or after.startswith(service_words)
        return left and right

    hits: list[Imitation] = []
    present = set(text)
    for cand in candidates:
        key, size = cand.key, len(cand.key)
        if size < 2 or key in text or not any(map(is_han, key)):
            continue
        reach = _reach(size)
        if sum(c in present for c in key) < size - reach:
            continue
        if size == 2:  # by glyph or sound only, as a whole text
            if len(text) == 2:
                found = compare(text, key, length=2, own=cand.own, same=_same(text, cand))
                if found is not None and found.code != "LKED" and not is_real_name(text):
                    hits.append(Imitation(cand, text, found))
            continue
        if abs(len(text) - size) <= 2 and len(text) >= 3:
            found = compare(text, key, length=size, own=cand.own, same=_same(text, cand))
            if found is not None and not is_real_name(text):
                hits.append(Imitation(cand, text, found))
                continue
        for start in range(len(text) - size + 1):
            window = text[start : start + size]
            differing = sum(a != b for a, b in zip(window, key, strict=True))
            if not 0 < differing <= reach or window == text:
                continue
            if inside(start, size) or not standalone(start, size):
                continue
            found = compare(window, key, length=size, own=cand.own, same=_same(window, cand))
            if found is not None and not is_real_name(window):
                hits.append(Imitation(cand, window, found))
                break
    if not hits:
        return None
    return min(
        hits,
        key=lambda hit: (
            hit.window != text,
            hit.distance,
            _PRIORITY[hit.found.code],
            hit.candidate.owner != prefer,
            -len(hit.candidate.key),
        ),
    )
