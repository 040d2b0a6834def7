"""Split a normalised name into region, trade name, industry, legal form and branch (private).

The parser works on the comparison form (:func:`acctverify._unicode.fold_name`) and anchors
everything at the ends of the name, as registration rules do: the branch tail is taken off first,
then the legal form (the longest that ends the name), then a bracketed region before the legal
form or the longest region prefix, then industry words from the end of what is left. Nothing is
ever stripped down to an empty name: when a step would leave nothing, it is not taken.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from acctverify._lookalike import distinctive
from acctverify._unicode import FoldedName, fold_name, is_han, replace_surrogates
from acctverify.models.names import CompanyName, SpoofSign
from acctverify.names import _tables
from acctverify.names._normalise import MAX_NAME_LENGTH, SOFT_KINDS, UNVERIFIABLE_KINDS, scan

# Punctuation that carries no meaning when two names are compared.
DROP = frozenset("()·.,'\"-_/、，。:;")
_INDIVIDUAL_PREFIXES = ("个体工商户", "个体户")


@dataclass(frozen=True)
class Key:
    """A comparison string with the original index of each character (-1: none)."""

    text: str
    where: tuple[int, ...]


@dataclass(frozen=True)
class Parsed:
    """A parsed name: the public model plus what matching needs."""

    model: CompanyName
    core: Key
    region_core: Key
    head: Key
    """Everything but the branch tail, the legal form canonical."""
    head_body: Key
    """The head without the legal form."""
    full: Key
    branch: Key
    region_keys: tuple[str, ...]
    legal_form: str | None
    """The canonical legal form as compared (the 个体工商户 marker is not compared)."""
    distinct: str
    """The core without any industry word (``腾讯计算机系统`` -> ``腾讯``; empty for ``科技``)."""
    distinctive: str
    """The core without its generic words (``中国工商银行`` -> ``中国工商``): the part an imitation
    keeps (see ``_lookalike``)."""
    person_named: bool
    """A personal name, or 个体户 + a personal name."""
    has_han: bool
    has_latin: bool
    hard_signs: bool
    unverifiable: bool
    soft: tuple[tuple[int, str, str], ...]
    pre_t2s: str
    text: str
    """The normalised text before the legal form is canonicalised."""
    raw: str


def _key(text: str, indices: list[int], positions: tuple[int, ...] | None, extra: str = "") -> Key:
    kept = [i for i in indices if text[i] not in DROP]
    chars = "".join(text[i] for i in kept) + extra
    where = tuple(positions[i] if positions else -1 for i in kept) + (-1,) * len(extra)
    return Key(chars, where)


_OPEN, _CLOSE = "(（", ")）"
_BANK = "银行"


def split_branch(text: str) -> int:
    """Return where the branch tail starts, or len(text) when there is none.

    The tail follows the legal form (or ``银行``); it may be written in brackets
    (``…股份有限公司(深圳分行)``). ``bank_branch`` tails (``信用卡中心``) count only after a bank's
    name.
    """
    parts = _tables.name_parts()
    end, opening = len(text), -1
    if text[-1:] in _CLOSE:
        opening = max(text.rfind(ch, 0, len(text) - 1) for ch in _OPEN)
        if opening < 2:
            return len(text)
        end -= 1
    for suffix, bank_only in parts.branches:
        if not text.endswith(suffix, 0, end) or end <= len(suffix):
            continue
        limit = end - len(suffix)
        if opening >= 0 and limit <= opening:
            continue
        best = -1
        for form, _canonical in (*parts.legal_forms, (_BANK, "")):
            found = text.rfind(form, 0, limit)
            if found >= 0 and found + len(form) > best:
                best = found + len(form)
        if bank_only and _BANK not in text[: max(best, 0)]:
            continue
        if opening >= 0 and best > opening:
            return len(text)
        return best if best >= 2 else len(text)
    return len(text)


def _branch_text(tail: str) -> str | None:
    """The branch tail as reported: without the brackets it may be written in."""
    if tail[:1] in _OPEN and tail[-1:] in _CLOSE and len(tail) > 2:
        return tail[1:-1]
    return tail or None


def legal_form(head: str) -> tuple[str, str] | None:
    """Return (written, canonical) of the legal form ending *head*; None when there is none or
    when *head* is nothing but a legal form."""
    forms = _tables.name_parts().legal_forms
    if any(head == form for form, _ in forms):
        return None
    for form, canonical in forms:
        if head.endswith(form) and len(head) > len(form):
            return form, canonical
    return None


def _bracket_region(body: str) -> tuple[int, int, str, str] | None:
    """Return (start, end, region, key) of a ``(region)`` group in *body*, if any."""
    start = body.rfind("(")
    end = body.find(")", start + 1) if start >= 0 else -1
    if start < 0 or end < 0 or end - start < 3 or len(body) - (end - start + 1) < 1:
        return None
    content = body[start + 1 : end]
    key = _tables.region_key(content)
    if key is None:
        for suffix in ("市", "县", "区"):
            key = _tables.region_key(content + suffix)
            if key is not None:
                key = content
                break
    return (start, end + 1, content, key) if key is not None else None


def _region_prefix(body: str) -> tuple[int, list[str]]:
    """Return the length of the longest chain of region names that starts *body*, and their keys."""
    regions = _tables.regions()
    lengths = _tables.region_lengths()
    taken = 0
    keys: list[str] = []
    for _level in range(3):
        rest = body[taken:]
        for length in lengths:
            if length <= len(rest) - 2 and rest[:length] in regions:
                keys.append(regions[rest[:length]])
                taken += length
                break
        else:
            break
    return taken, keys


def _strip_industry(core: str, *, keep: int) -> tuple[str, list[str]]:
    """Strip industry words from the end of *core* while at least *keep* characters remain."""
    parts = _tables.name_parts()
    words: list[str] = []
    while True:
        for length in parts.industry_lengths:
            if len(core) - length >= keep and core[-length:] in parts.industries:
                words.insert(0, core[-length:])
                core = core[:-length]
                break
        else:
            return core, words


def _traditional_sign(text: str, position: int, trad: str, simplified: str) -> SpoofSign:
    if position < 0:
        position = max(text.find(trad), 0)
    return SpoofSign(
        kind="mixed_traditional",
        char=trad,
        codepoint=f"U+{ord(trad):04X}",
        position=position,
        detail=f"traditional {trad} (simplified {simplified}) in a simplified name",
    )


def _is_person(text: str) -> bool:
    """The person-name heuristic on a normalised name (see :func:`looks_like_person_name`)."""
    parts = _tables.name_parts()
    if not text or not all(is_han(ch) or ch == "·" for ch in text):
        return False
    if any(text.endswith(word) for word in parts.org_words):
        return False
    if any(text[i : i + n] in parts.industries for n in (2, 3, 4) for i in range(len(text) - 1)):
        return False
    if "·" in text:
        pieces = text.split("·")
        return 2 <= len(pieces) <= 4 and all(1 <= len(p) <= 8 for p in pieces)
    if not 2 <= len(text) <= 4 or _tables.region_key(text) is not None:
        return False
    if len(text) >= 3 and text[:2] in parts.surnames:
        return True
    return len(text) <= 3 and text[0] in parts.surnames


def analyse(original: str) -> Parsed:
    """Parse *original* (a str); names of normal length are cached, over-long input is not."""
    if len(original) > MAX_NAME_LENGTH:
        return _analyse(original)
    return _cached(original)


@functools.lru_cache(maxsize=2048)
def _cached(original: str) -> Parsed:
    return _analyse(original)


def _analyse(original: str) -> Parsed:
    truncated = len(original) > MAX_NAME_LENGTH
    text_in = original[:MAX_NAME_LENGTH]
    signs = scan(text_in)
    skip = frozenset(s.position for s in signs if s.kind in ("hidden_character", "bidi_control"))
    norm: FoldedName = fold_name(text_in, skip)
    if norm.traditional:
        signs = tuple(
            sorted(
                (*signs, *(_traditional_sign(text_in, *item) for item in norm.traditional)),
                key=lambda sign: sign.position,
            )
        )
    text = norm.text
    positions = norm.positions
    parts = _tables.name_parts()

    branch_start = split_branch(text)
    head = text[:branch_start]
    lf = legal_form(head)
    lf_start = len(head) - len(lf[0]) if lf else len(head)
    body = head[:lf_start]

    region: str | None = None
    placement: str | None = None
    region_keys: list[str] = []
    region_idx: list[int] = []
    body_idx = list(range(lf_start))
    taken, keys = _region_prefix(body)
    if taken:
        region, placement, region_keys = body[:taken], "prefix", keys
        region_idx, body_idx = body_idx[:taken], body_idx[taken:]
    elif (group := _bracket_region(body)) is not None:
        start, end, region, key = group
        placement, region_keys = "bracket", [key]
        region_idx = list(range(start + 1, end - 1))
        body_idx = [i for i in body_idx if not start <= i < end]

    core_key = _key(text, body_idx, positions)
    core = core_key.text or "".join(text[i] for i in body_idx)
    trade, industry_words = _strip_industry(core, keep=2)
    distinct = _strip_industry(core, keep=0)[0]

    individual = bool(lf and lf[1] == "个体工商户") or text.startswith(_INDIVIDUAL_PREFIXES)
    legal_cmp = lf[1] if lf and lf[1] != "个体工商户" else None
    person = _is_person(text)
    person_named = person
    if text.startswith(_INDIVIDUAL_PREFIXES):
        prefix = next(p for p in _INDIVIDUAL_PREFIXES if text.startswith(p))
        person_named = _is_person(text[len(prefix) :])
        person = False
    is_company = not person and (
        lf is not None
        or branch_start < len(text)
        or individual
        or any(text.endswith(w) for w in parts.org_words)
        or "公司" in text
        or "银行" in text
    )

    changes = set(norm.changes)
    normalised = text
    if lf and legal_cmp and lf[0] != lf[1]:
        changes.add("legal_form_synonym")
        normalised = text[:lf_start] + lf[1] + text[lf_start + len(lf[0]) :]

    head_body = _key(text, list(range(lf_start)), positions)
    canonical_tail = legal_cmp or ""
    head_key = Key(head_body.text + canonical_tail, head_body.where + (-1,) * len(canonical_tail))
    branch_key = _key(text, list(range(branch_start, len(text))), positions)
    full = Key(head_key.text + branch_key.text, head_key.where + branch_key.where)
    region_core = _key(text, region_idx + body_idx, positions)

    model = CompanyName(
        original=replace_surrogates(original),
        normalised=normalised,
        region=region,
        region_placement=placement,
        trade_name=trade,
        industry="".join(industry_words) or None,
        core=core,
        legal_form=lf[0] if lf else None,
        legal_form_canonical=lf[1] if lf else None,
        branch=_branch_text(text[branch_start:]),
        is_company=is_company,
        looks_like_person=person,
        individual_business=individual,
        truncated=truncated,
        changes=tuple(sorted(changes, key=_CHANGE_ORDER.index)),
        spoofing=signs,
    )
    return Parsed(
        model=model,
        core=Key(core, core_key.where) if core_key.text else Key(core, (-1,) * len(core)),
        region_core=region_core,
        head=head_key,
        head_body=head_body,
        full=full,
        branch=branch_key,
        region_keys=tuple(region_keys),
        legal_form=legal_cmp,
        distinct=distinct,
        distinctive=distinctive(core),
        person_named=person_named,
        has_han=any(is_han(ch) for ch in text),
        has_latin=any(ch.isascii() and ch.isalpha() for ch in text),
        hard_signs=any(s.kind not in UNVERIFIABLE_KINDS | SOFT_KINDS for s in signs),
        unverifiable=any(s.kind in UNVERIFIABLE_KINDS for s in signs),
        soft=norm.traditional,
        pre_t2s=norm.pre_t2s,
        text=text,
        raw=text_in,
    )


_CHANGE_ORDER = [
    "invisible",
    "brackets",
    "nfkc",
    "whitespace",
    "case",
    "separator",
    "t2s",
    "legal_form_synonym",
]


def is_person(text: str) -> bool:
    """Return whether the normalised form of *text* reads as a personal name."""
    return analyse(text).model.looks_like_person
