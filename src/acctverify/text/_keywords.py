"""Keywords: phrases, app names and channel words, matched in the same linear pass (private).

Every keyword (phrases of ``phrases.toml``, app names of ``apps.csv``, channel words of
``channel_words.csv``) goes into one regular expression shaped as a trie
(``安全(?:帐户|账户)``), part of the scanner's single RE2 pattern, which at each start takes the
longest keyword. Keywords that overlap the one matched are recovered without another pass
(:func:`resolve`): those inside it are known in advance, and those that start inside it and run
past its end are found by a short walk of the trie from the few offsets where that can happen
(also known in advance). The result is every occurrence of every keyword, as an Aho-Corasick
automaton would report, at the cost of one scan.

Latin keywords (``vx``, ``qq``, ``zoom``, ``tg``) only count as whole words: not preceded by a
Latin letter or digit, and not followed by a Latin letter.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from acctverify._data import table
from acctverify._regex import Pattern, compile_pattern
from acctverify._unicode import fold_message
from acctverify.text._phrases import phrase_families

__all__ = [
    "Keyword",
    "Keywords",
    "Plan",
    "Trie",
    "bounded",
    "find_keywords",
    "keywords",
    "past_end",
    "resolve",
    "trie_pattern",
]


@dataclass(frozen=True, eq=False)
class Keyword:
    """One listed word and what it stands for."""

    word: str
    """Normalised spelling."""
    kind: str
    """``phrase``, ``app`` or ``cue`` (a channel word)."""
    code: str
    """Family code, app id, or channel (``wechat``, ``wecom``, ``qq``)."""
    listed: str
    """The word as listed in the data file."""
    weak: bool = False
    confirmed: bool = True
    means: str | None = None
    """Slang: the word it stands for."""
    position: str = ""
    """Channel words: ``before``, ``after`` or ``mention``."""
    variant: str = ""
    """Channel words: ``standard``, ``latin``, ``homophone`` or ``slang``."""
    category: str = ""
    """Apps: the app category."""


def _is_word(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _escape(char: str) -> str:
    """Escape one character for RE2 and :mod:`re` alike."""
    if char.isalnum() or not char.isascii():
        return char
    return f"\\x{ord(char):02x}"


def trie_pattern(words: Iterable[str]) -> str:
    """Return a regex matching any of *words*, longest first at each start, shaped as a trie.

    >>> trie_pattern(['安全账户', '安全帐户', '监管账户'])
    '(?:安全(?:帐户|账户)|监管账户)'
    """
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:  # type: ignore[type-arg]
        branches = []
        for first in sorted(k for k in node if k):
            child = node[first]
            # follow a chain of single children without wrapping each step in a group
            text = _escape(first)
            while len(child) == 1 and "" not in child:
                ((char, child),) = child.items()
                text += _escape(char)
            branches.append(text + build(child))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            if len(branches) == 1 and len(body) > 1:
                body = "(?:" + body + ")"
            return body + "?"
        return body

    return build(root)


#: A node of the keyword trie: next character -> node; ``""`` marks the end of a listed word.
Trie = dict[str, "Trie"]


class Plan(NamedTuple):
    """What a match of the keyword pattern implies, worked out once per listed word."""

    inside: tuple[tuple[int, int, bool, tuple[Keyword, ...]], ...]
    """Every occurrence of a listed word inside it (itself included), in order: ``(offset, end
    offset, whether it needs a Latin word boundary, its entries)``."""
    overhang: dict[str, tuple[tuple[int, Trie], ...]] | None
    """Listed words that may start inside it and run past its end, by the character that follows
    the match: ``(offset, trie node reached after the rest of the word)`` in order of offset;
    ``None`` when there are none."""
    nested: bool
    """Two phrase or app occurrences inside it have the same value, one within the other
    (飞书 in 飞书会议)."""


@dataclass(frozen=True)
class Keywords:
    """The keyword set, ready for matching."""

    source: str
    """The trie-shaped pattern (RE2 subset) matching any keyword."""
    by_word: dict[str, tuple[Keyword, ...]]
    plans: dict[str, Plan]
    """For each listed word, what a match of it implies."""
    trie: Trie
    longest: int


def _entries(*, normalised: bool = True) -> list[Keyword]:
    entries: list[Keyword] = []
    for family in phrase_families().values():
        groups = (
            (family.phrases, False, True),
            (family.weak, True, True),
            (family.unconfirmed, False, False),
        )
        for phrases, weak, confirmed in groups:
            entries.extend(
                Keyword(word, "phrase", family.code, word, weak=weak, confirmed=confirmed)
                for word in phrases
            )
        entries.extend(
            Keyword(word, "phrase", family.code, word, confirmed=False, means=means)
            for word, means in family.slang
        )
    for row in table("apps.csv").rows:
        entries.append(
            Keyword(
                row["word"],
                "app",
                row["app"],
                row["word"],
                weak=row["weak"] == "yes",
                confirmed=row["confidence"] != "unconfirmed",
                category=row["category"],
            )
        )
    for row in table("channel_words.csv").rows:
        entries.append(
            Keyword(
                row["word"],
                "cue",
                row["channel"],
                row["word"],
                confirmed=row["confidence"] != "unconfirmed",
                position=row["position"],
                variant=row["variant"],
            )
        )
    if not normalised:
        return entries
    result = []
    for entry in entries:
        word = fold_message(entry.word, simplify=False).text
        if word:
            result.append(entry if word == entry.word else _renamed(entry, word))
    return result


def _renamed(entry: Keyword, word: str) -> Keyword:
    return Keyword(
        word,
        entry.kind,
        entry.code,
        entry.listed,
        entry.weak,
        entry.confirmed,
        entry.means,
        entry.position,
        entry.variant,
        entry.category,
    )


@functools.cache
def keywords() -> Keywords:
    """Build the keyword set once."""
    by_word: dict[str, list[Keyword]] = {}
    for entry in _entries():
        by_word.setdefault(entry.word, []).append(entry)
    words = sorted(by_word)
    trie: Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    plans: dict[str, Plan] = {}
    for word in words:
        inside = []
        overhang: dict[str, list[tuple[int, Trie]]] = {}
        for offset in range(len(word)):
            rest = word[offset:]
            for length in range(1, len(rest) + 1):
                inner = rest[:length]
                if inner in by_word:
                    entries = tuple(by_word[inner])
                    inside.append((offset, offset + length, _has_latin(inner), entries))
            after = _node(trie, rest) if offset else None
            if after is not None:  # rest is a prefix of a listed word: walk on past the match
                for char in after:
                    if char:
                        overhang.setdefault(char, []).append((offset, after))
        plans[word] = Plan(
            tuple(inside),
            {char: tuple(walks) for char, walks in overhang.items()} or None,
            _nested(inside),
        )
    return Keywords(
        source=trie_pattern(words),
        by_word={word: tuple(entries) for word, entries in by_word.items()},
        plans=plans,
        trie=trie,
        longest=max(map(len, words)),
    )


def _nested(inside: list[tuple[int, int, bool, tuple[Keyword, ...]]]) -> bool:
    """Whether a phrase or app occurrence lies within another one with the same value."""
    values = [
        (start, end, entry.kind, entry.code)
        for start, end, _, entries in inside
        for entry in entries
        if entry.kind != "cue"
    ]
    return any(
        i != j and a[2:] == b[2:] and a[0] <= b[0] and b[1] <= a[1]
        for i, a in enumerate(values)
        for j, b in enumerate(values)
    )


def _node(trie: Trie, prefix: str) -> Trie | None:
    """The trie node reached by *prefix*, or ``None``."""
    node: Trie | None = trie
    for char in prefix:
        node = node.get(char) if node is not None else None
    return node


def bounded(text: str, start: int, end: int) -> bool:
    """Whether a Latin keyword at ``[start, end)`` stands as a word of its own."""
    if start and _is_word(text[start]) and _is_word(text[start - 1]):
        return False
    last = text[end - 1]
    return not (
        last.isascii()
        and last.isalpha()
        and end < len(text)
        and text[end].isascii()
        and text[end].isalpha()
    )


def resolve(compiled: Keywords, text: str, start: int, end: int) -> list[tuple[int, int, Keyword]]:
    """Every keyword occurrence implied by a match of the keyword pattern at ``[start, end)``:
    the word itself, the words inside it, and the words that start inside it and run past it.

    The matches of one scan do not overlap, so no occurrence is reported twice: words inside a
    match end within it, words found past it start inside it, and the next match starts after it.
    """
    inside, overhang, _ = compiled.plans[text[start:end]]
    found: list[tuple[int, int, Keyword]] = []
    for offset, stop, latin, entries in inside:
        at, to = start + offset, start + stop
        if latin and not bounded(text, at, to):
            continue
        found.extend((at, to, entry) for entry in entries)
    if overhang is not None and end < len(text):
        walks = overhang.get(text[end])
        if walks is not None:
            for at, to, entries in past_end(compiled, text, start, end, walks):
                found.extend((at, to, entry) for entry in entries)
    return found


def past_end(
    compiled: Keywords,
    text: str,
    start: int,
    end: int,
    walks: tuple[tuple[int, Trie], ...],
) -> list[tuple[int, int, tuple[Keyword, ...]]]:
    """Listed words that start inside the match ``[start, end)`` and end after it: each walk
    (:attr:`Plan.overhang`) continues the trie from the node the rest of the match leads to."""
    found = []
    size = len(text)
    by_word = compiled.by_word
    for offset, after in walks:
        at = start + offset
        limit = min(size, at + compiled.longest)
        index = end
        node = after
        while index < limit:
            following = node.get(text[index])
            if following is None:
                break
            node = following
            index += 1
            if "" in node:
                inner = text[at:index]
                if not _has_latin(inner) or bounded(text, at, index):
                    found.append((at, index, by_word[inner]))
    return found


def find_keywords(text: str) -> list[tuple[int, int, Keyword]]:
    """Return every occurrence of every keyword in the normalised *text*, by start.

    >>> [(start, word.word, word.kind) for start, _, word in find_keywords('加v信:1')]
    [(0, '加v', 'cue'), (1, 'v信', 'cue')]
    """
    from acctverify._regex import spans

    compiled = keywords()
    found: list[tuple[int, int, Keyword]] = []
    for start, end in spans(_pattern(), text):
        found.extend(resolve(compiled, text, start, end))
    found.sort(key=lambda item: (item[0], item[1]))
    return found


@functools.cache
def _pattern() -> Pattern:
    return compile_pattern("keywords.trie", keywords().source)


def _has_latin(word: str) -> bool:
    return _is_word(word[0]) or _is_word(word[-1])
