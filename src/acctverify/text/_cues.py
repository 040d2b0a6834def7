"""The message-risk tables: cues, typologies and learned weights, read on first use (private).

* ``data/cues.toml`` — cue groups in seven dimensions (who speaks, what they ask, on what pretext,
  through which channel, under what pressure; and the shapes of genuine notices and of warnings),
  each with a prior weight, its words and bounded patterns, and its sources;
* ``data/typologies.toml`` — the official scam typologies as combinations of cues, each with its
  sources and the advice to give;
* ``data/message_weights.csv`` — corrections to the cue weights and character n-gram weights
  fitted by ``scripts/fit_message_model.py`` (origin and data in the file's header).

Every word and n-gram goes into one Aho-Corasick automaton (pyahocorasick), so a message is read
once, in linear time, whatever the number of words; the few patterns with bounded gaps run under
RE2. :func:`find` returns every occurrence with its span in the folded text.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from acctverify._data import document, table
from acctverify._regex import Pattern, compile_pattern, spans
from acctverify.exceptions import DataError

__all__ = [
    "CUES",
    "DIMENSIONS",
    "HIT_CUES",
    "TYPOLOGIES",
    "Cue",
    "Learned",
    "Occurrence",
    "Typology",
    "cues",
    "find",
    "learned",
    "typologies",
]

#: The dimensions a cue belongs to, in the order a reader weighs them.
DIMENSIONS = ("who", "ask", "pretext", "channel", "pressure", "genuine", "warning")

#: Texts up to this long run the cue patterns on :mod:`re`; longer ones on RE2 (linear time).
SHORT_TEXT = 4096

#: What the scanner's hits say, as cue names a ``hits`` list in ``cues.toml`` may use.
HIT_CUES = (
    "personal_contact",
    "enterprise_wechat",
    "phone_personal",
    "phone_cross_border",
    "url",
    "url_short",
    "url_lookalike",
    "url_official",
    "app_remote",
    "app_meeting",
    "app_chat",
)

_CUE_KEYS = {
    "code", "dimension", "zh", "en", "weight", "negatable", "money", "credential", "decisive",
    "words", "patterns", "hits", "tlds", "sources", "unconfirmed", "note",
}  # fmt: skip
_TYPOLOGY_KEYS = {
    "code", "zh", "en", "official", "sources", "description_zh", "description_en", "advice_zh",
    "advice_en", "example", "combos", "decisive", "weight", "note",
}  # fmt: skip
#: A listed word that starts with one of these is an instruction worded as a negation
#: (不要告诉家人): only warning words negate it.
_NEGATED_WORDING = ("不要", "别", "勿", "不得", "不能", "千万不要", "请勿", "切勿", "不用")


@dataclass(frozen=True)
class Cue:
    """One cue group."""

    code: str
    dimension: str
    zh: str
    en: str
    weight: float
    negatable: bool
    money: bool
    credential: bool
    decisive: bool
    """An official rule says the request alone is fraud ("凡是…都是诈骗")."""
    words: tuple[str, ...]
    patterns: tuple[str, ...]
    hits: tuple[str, ...]
    tlds: tuple[str, ...]
    sources: tuple[str, ...]
    unconfirmed: tuple[str, ...] = ()


@dataclass(frozen=True)
class Typology:
    """One scam typology: its names, sources, advice and defining combinations of cues."""

    code: str
    zh: str
    en: str
    official: str
    sources: tuple[str, ...]
    description_zh: str
    description_en: str
    advice_zh: str
    advice_en: str
    example: str
    combos: tuple[tuple[frozenset[str], ...], ...]
    """Each combination: a tuple of alternatives, each a set of cue codes (one of them must be
    present); the typology is recognised when every alternative of one combination is met."""
    uses: frozenset[str] = frozenset()
    """Every cue code any combination names."""
    decisive: tuple[tuple[frozenset[str], ...], ...] = ()
    """The combinations (also listed in :attr:`combos`) that an official source calls fraud by
    themselves: met, they make the message a scam unless it is an anti-fraud warning or points to
    an official channel (a warning or genuine cue is present)."""

    def matches(self, present: frozenset[str]) -> tuple[str, ...] | None:
        """The cue codes of the first combination *present* meets, or None."""
        if self.uses.isdisjoint(present):
            return None
        for combo in self.combos:
            if all(not alternatives.isdisjoint(present) for alternatives in combo):
                return tuple(min(alternatives & present) for alternatives in combo)
        return None

    def decisive_match(self, present: frozenset[str]) -> tuple[str, ...] | None:
        """The cue codes of the first decisive combination *present* meets, or None."""
        for combo in self.decisive:
            if all(not alternatives.isdisjoint(present) for alternatives in combo):
                return tuple(min(alternatives & present) for alternatives in combo)
        return None


def _strings(entry: dict[str, Any], key: str) -> tuple[str, ...]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise DataError(f"cues: {entry.get('code')}: {key} must be a list of strings")
    return tuple(value)


@functools.cache
def cues() -> Mapping[str, Cue]:
    """Every cue group by code, read once from ``data/cues.toml``."""
    found: dict[str, Cue] = {}
    for entry in document("cues.toml")["cue"]:
        unknown = set(entry) - _CUE_KEYS
        if unknown:
            raise DataError(f"cues.toml: unknown keys {sorted(unknown)} in {entry.get('code')}")
        code = entry["code"]
        if code in found:
            raise DataError(f"cues.toml: cue {code} listed twice")
        if entry["dimension"] not in DIMENSIONS or not code.startswith(entry["dimension"] + "."):
            raise DataError(f"cues.toml: {code}: dimension must be one of {DIMENSIONS}")
        hits = _strings(entry, "hits")
        if set(hits) - set(HIT_CUES):
            raise DataError(f"cues.toml: {code}: unknown hits {sorted(set(hits) - set(HIT_CUES))}")
        found[code] = Cue(
            code=code,
            dimension=entry["dimension"],
            zh=entry["zh"],
            en=entry["en"],
            weight=float(entry["weight"]),
            negatable=bool(entry.get("negatable", False)),
            money=bool(entry.get("money", False)),
            credential=bool(entry.get("credential", False)),
            decisive=bool(entry.get("decisive", False)),
            words=_strings(entry, "words"),
            patterns=_strings(entry, "patterns"),
            hits=hits,
            tlds=_strings(entry, "tlds"),
            sources=_strings(entry, "sources"),
            unconfirmed=_strings(entry, "unconfirmed"),
        )
    return MappingProxyType(found)


@functools.cache
def typologies() -> Mapping[str, Typology]:
    """Every typology by code, read once from ``data/typologies.toml``."""
    known = cues()
    found: dict[str, Typology] = {}
    for entry in document("typologies.toml")["typology"]:
        unknown = set(entry) - _TYPOLOGY_KEYS
        code = entry["code"]
        if unknown:
            raise DataError(f"typologies.toml: unknown keys {sorted(unknown)} in {code}")
        combos = []
        decisive = []
        for combo in [*entry["combos"], *entry.get("decisive", [])]:
            alternatives = tuple(frozenset(item.split("|")) for item in combo)
            missing = set().union(*alternatives) - set(known)
            if missing:
                raise DataError(f"typologies.toml: {code}: unknown cues {sorted(missing)}")
            combos.append(alternatives)
            if len(combos) > len(entry["combos"]):
                decisive.append(alternatives)
        found[code] = Typology(
            code=code,
            zh=entry["zh"],
            en=entry["en"],
            official=entry.get("official", ""),
            sources=tuple(entry["sources"]),
            description_zh=entry.get("description_zh", ""),
            description_en=entry.get("description_en", ""),
            advice_zh=entry["advice_zh"],
            advice_en=entry["advice_en"],
            example=entry.get("example", ""),
            combos=tuple(combos),
            uses=frozenset().union(*(item for combo in combos for item in combo)),
            decisive=tuple(decisive),
        )
    return MappingProxyType(found)


class _Lazy(Mapping[str, Any]):
    def __init__(self, load: Any, name: str) -> None:
        self._load = load
        self._name = name

    def __getitem__(self, code: str) -> Any:
        return self._load()[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._load())

    def __repr__(self) -> str:
        return f"{self._name}({', '.join(self)})"


#: Every cue group by code (read from ``data/cues.toml`` on first access).
CUES: Mapping[str, Cue] = _Lazy(cues, "CUES")
#: Every typology by code (read from ``data/typologies.toml`` on first access).
TYPOLOGIES: Mapping[str, Typology] = _Lazy(typologies, "TYPOLOGIES")


@dataclass(frozen=True, eq=False)
class Learned:
    """The fitted layer: a bias, corrections to cue and typology weights, form terms, n-grams."""

    bias: float
    cue: Mapping[str, float]
    typology: Mapping[str, float]
    form: Mapping[str, float]
    ngrams: Mapping[str, float]
    threshold: float
    """The score at or above which a message reads as a scam, typology or not."""
    threshold_typology: float
    """The score at or above which a message with a recognised typology reads as a scam."""


@functools.cache
def learned() -> Learned:
    """The fitted weights, read once from ``data/message_weights.csv``."""
    parts: dict[str, dict[str, float]] = {"cue": {}, "typology": {}, "form": {}, "ngram": {}}
    scalars = {"bias": 0.0, "threshold": 0.5, "threshold_typology": 0.5}
    for row in table("message_weights.csv").rows:
        feature, weight = row["feature"], float(row["weight"])
        kind, _, name = feature.partition(":")
        if feature in scalars:
            scalars[feature] = weight
        elif kind in parts and name:
            parts[kind][name] = weight
        else:
            raise DataError(f"message_weights.csv: unknown feature {feature!r}")
    return Learned(
        bias=scalars["bias"],
        cue=MappingProxyType(parts["cue"]),
        typology=MappingProxyType(parts["typology"]),
        form=MappingProxyType(parts["form"]),
        ngrams=MappingProxyType(parts["ngram"]),
        threshold=scalars["threshold"],
        threshold_typology=scalars["threshold_typology"],
    )


@dataclass(frozen=True)
class Occurrence:
    """A word, pattern or n-gram found in the folded text."""

    start: int
    end: int
    cue: str | None
    """The cue code, or None for an n-gram."""
    phrase: str
    instruction: bool = False


@functools.lru_cache(maxsize=4)
def _automaton(model: Learned) -> Any:
    import ahocorasick

    automaton = ahocorasick.Automaton()
    entries: dict[str, list[tuple[str | None, bool]]] = {}
    for cue in cues().values():
        for word in cue.words:
            entries.setdefault(word, []).append((cue.code, word.startswith(_NEGATED_WORDING)))
    for gram in model.ngrams:
        entries.setdefault(gram, []).append((None, False))
    for index, (_, _, heads) in enumerate(_patterns()):
        for head in heads or ():
            entries.setdefault(head, []).append((f"#{index}", False))
    for word, owners in entries.items():
        automaton.add_word(word, (word, tuple(owners)))
    automaton.make_automaton()
    return automaton


def _heads(source: str) -> tuple[str, ...] | None:
    """The literal strings one of which every match of *source* starts with, when the pattern
    starts with a literal or an alternation of literals (``(?:先|须先|需先)…``); else None."""
    try:
        from re import _constants as constants  # type: ignore[attr-defined,unused-ignore]
        from re import _parser as parser  # type: ignore[attr-defined,unused-ignore]
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_constants as constants
        import sre_parse as parser
    BRANCH, IN, LITERAL, SUBPATTERN = (
        constants.BRANCH, constants.IN, constants.LITERAL, constants.SUBPATTERN,
    )  # fmt: skip

    def literal(items: list[Any]) -> str:
        out = ""
        for op, value in items:
            if op is not LITERAL:
                break
            out += chr(value)
        return out

    items = list(parser.parse(source))
    if not items:
        return None
    op, value = items[0]
    if op is SUBPATTERN and len(value[3]) == 1:
        op, value = next(iter(value[3]))
    if op is IN and all(kind is LITERAL for kind, _ in value):
        return tuple(chr(code) for _, code in value)  # (?:转|汇|打): a class of characters
    if op is LITERAL:
        head = literal(items)
        return (head,) if head else None
    inner = list(value[3]) if op is SUBPATTERN else [(op, value)] if op is BRANCH else []
    if len(inner) == 1 and inner[0][0] is BRANCH:
        heads = tuple(literal(list(branch)) for branch in inner[0][1][1])
        return heads if all(heads) else None
    head = literal(inner)
    return (head,) if head and op is SUBPATTERN else None


@functools.cache
def _patterns() -> tuple[tuple[str, Pattern, tuple[str, ...] | None], ...]:
    """Every cue pattern with the literals it must start with (None: it may start anywhere)."""
    return tuple(
        (cue.code, compile_pattern(f"cue.{cue.code}.{index}", source), _heads(source))
        for cue in cues().values()
        for index, source in enumerate(cue.patterns)
    )


@functools.cache
def _headless() -> tuple[int, ...]:
    return tuple(index for index, (_, _, heads) in enumerate(_patterns()) if heads is None)


def find(text: str, model: Learned | None = None) -> list[Occurrence]:
    """Every occurrence of every cue word, cue pattern and n-gram (of *model*, by default the
    shipped one) in the folded *text*.

    One Aho-Corasick pass finds the words, the n-grams, and the literal heads of the patterns;
    a pattern is then run (under RE2, linear) only where its head occurs, or always when it has
    none.
    """
    found: list[Occurrence] = []
    candidates: set[int] = set(_headless())
    if text:
        for end, (word, owners) in _automaton(model or learned()).iter(text):
            start = end + 1 - len(word)
            for code, instruction in owners:
                if code is not None and code[0] == "#":
                    candidates.add(int(code[1:]))
                else:
                    found.append(Occurrence(start, end + 1, code, word, instruction))
    patterns = _patterns()
    short = len(text) <= SHORT_TEXT
    for index in sorted(candidates):
        code, pattern, _ = patterns[index]
        if short:
            # every pattern is in the RE2 subset with bounded repetitions only: on a short text
            # re's lower cost per call wins, and its work is bounded by the text's length
            matches = [match.span() for match in pattern.python().finditer(text)]
        else:
            matches = spans(pattern, text)
        for start, end in matches:
            if end > start:
                found.append(Occurrence(start, end, code, text[start:end]))
    return found
