"""The scanner: normalise, find, validate, map back, build the hits (private).

Finding is one linear pass of one pattern (:func:`_master`); what each candidate is, is decided
by the finders around it: :mod:`acctverify.text._phone_search` for digit runs,
:mod:`acctverify.text._urls` for links and addresses, :mod:`acctverify.text._channels` for IDs
after channel words, and :mod:`acctverify.text._negation` for whether a phrase or app is warned
against rather than asked for.
"""

from __future__ import annotations

import functools
import gc
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from acctverify._regex import Pattern, compile_pattern, registry, spans
from acctverify._unicode import INVISIBLE_CHARACTERS
from acctverify._unicode._message import _FOLD, _NUMERALS, JUNK_SYMBOLS, NormalisedText
from acctverify._unicode._message import fold_message as normalise
from acctverify.models.text import ScanResult, TextHit
from acctverify.text._channels import Cue, channel_ids, homophone_ids
from acctverify.text._found import Found, details
from acctverify.text._keywords import Keyword, bounded, keywords, past_end
from acctverify.text._negation import Negations
from acctverify.text._phone_search import NUMBER_RUN, numbers_in_run
from acctverify.text._urls import BARE_URL, EMAIL, SCHEME_URL, email_found, official_key, url_found

if TYPE_CHECKING:
    from acctverify.models.text import HitDetails

__all__ = [
    "DEFAULT_MAX_CHARS",
    "RULES",
    "all_patterns",
    "scan",
    "scan_detailed",
    "scan_folded",
]

#: Longest text scanned by default; the rest is reported as truncated.
DEFAULT_MAX_CHARS = 1_000_000

#: Every rule id a hit can carry, with what it means.
RULES: dict[str, str] = {
    "phone.national": "a number written the domestic way (mobile, 0 + area code, 400/800/950)",
    "phone.international": "a number written with + or 00 and a country code",
    "phone.glued_cue": "a number glued to a channel or phone word (vx13812345678, tel…)",
    "short_number.listed": "a service number listed in bank_hotlines.csv or service_numbers.csv",
    "short_number.pattern": "a 95xxx/96xxx/12xxx/10xxx number phonenumbers accepts, next to a "
    "phone word (电话, 客服, 拨打 …)",
    "wechat.cue_id": "a WeChat ID after a WeChat word",
    "wechat.cue_phone": "a phone number after a WeChat word (also reported as a phone)",
    "wechat.cue_digits": "digits after a WeChat word (an account found by QQ number)",
    "wechat.same_as_phone": "a phone number followed by 微信同号 or the like",
    "wechat.homophone_id": "a WeChat ID after an unlisted homophone of 微信 (pypinyin)",
    "wechat.homophone_phone": "a phone number after an unlisted homophone of 微信 (pypinyin)",
    "wechat.homophone_digits": "digits after an unlisted homophone of 微信 (pypinyin)",
    "wecom.cue_id": "an ID after 企业微信",
    "wecom.cue_phone": "a phone number after 企业微信",
    "wecom.cue_digits": "digits after 企业微信",
    "wecom.mention": "企业微信 mentioned without an ID",
    "qq.cue_number": "a QQ number after a QQ word",
    "url.scheme": "a link with http(s)://",
    "url.bare": "a link without a scheme whose host has a public suffix",
    "email.address": "an e-mail address whose domain has a public suffix",
    "app.keyword": "an app name",
    "app.keyword_with_cue": "an everyday word that names an app (飞机, 向日葵), next to an app cue",
    "phrase.keyword": "a phrase of a scam phrase family",
}

_APP_CUE_BEFORE = compile_pattern(
    "apps.cue_before", "下载|安装|打开|注册|登录|加|用|开启|使用|通过"
)
_APP_CUE_AFTER = compile_pattern(
    "apps.cue_after", "软件|app|号|账号|联系|聊|远程|下载|安装|[:：] ?@"
)

_LETTER = re.compile("[a-z]")
_KIND_ORDER = {
    kind: index
    for index, kind in enumerate(
        ("phone", "short_number", "wechat", "wecom", "qq", "url", "email", "app", "phrase")
    )
}
_DIGIT_KINDS = frozenset({"phone", "short_number", "wechat", "wecom", "qq"})


@functools.cache
def _master() -> Pattern:
    """Contacts and keywords in one pattern: one linear pass over the text finds every candidate.

    At each position the first alternative that matches wins: an e-mail address, a link, a digit
    run, then a keyword (so ``vx13812345678@qq.com`` is an address, ``vx13812345678`` a keyword
    followed by a digit run).
    """
    source = "|".join((EMAIL, SCHEME_URL, BARE_URL, NUMBER_RUN, keywords().source))
    return compile_pattern("scan.master", source)


def all_patterns() -> dict[str, Pattern]:
    """Every regular expression the scanner uses, by name (builds the data-driven ones)."""
    _master()
    return registry()


def _app_cue(text: str, start: int, end: int) -> tuple[int, int] | None:
    before = text[max(0, start - 4) : start]
    if before:
        match = _APP_CUE_BEFORE.window_search(before)
        if match is not None:
            offset = start - len(before)
            return offset + match.start(), offset + match.end()
    after = text[end : end + 4]
    if after:
        match = _APP_CUE_AFTER.window_search(after)
        if match is not None:
            return end + match.start(), end + match.end()
    return None


def _keyword_hits(
    text: str, words: list[tuple[int, int, tuple[Keyword, ...]]], found: list[Found]
) -> list[Cue]:
    """Add the phrase and app hits of the listed *words* (span, entries) to *found*; return the
    channel words among them, for :func:`channel_ids`."""
    cues: list[Cue] = []
    negations = Negations(text)
    for start, end, entries in words:
        for word in entries:
            kind = word.kind
            if kind == "cue":
                cues.append((start, end, word))
                continue
            cue = None
            if kind != "phrase" and word.weak:
                cue = _app_cue(text, start, end)
                if cue is None:
                    continue
            if kind == "phrase":
                negation = negations.phrase(word, start, end)
                facts = _phrase_details(word, negation)
                found.append(Found("phrase", start, end, word.code, "phrase.keyword", None, facts))
            else:
                negation = negations.app(start, end)
                rule = "app.keyword" if cue is None else "app.keyword_with_cue"
                found.append(Found("app", start, end, word.code, rule, cue, _app(word, negation)))
    return cues


@functools.lru_cache(maxsize=1024)
def _app(word: Keyword, negation: str | None) -> HitDetails:
    return details(
        category=word.category,
        weak=word.weak,
        confirmed=word.confirmed,
        negated=negation is not None,
        negation=negation,
    )


@functools.lru_cache(maxsize=4096)
def _phrase_details(word: Keyword, negation: str | None) -> HitDetails:
    return details(
        family=word.code,
        phrase=word.listed,
        means=word.means,
        weak=word.weak,
        confirmed=word.confirmed,
        negated=negation is not None,
        negation=negation,
    )


def _find(text: str, official: tuple[str, ...]) -> list[Found]:
    compiled = keywords()
    plans = compiled.plans
    found: list[Found] = []
    phones: list[Found] = []
    words: list[tuple[int, int, tuple[Keyword, ...]]] = []
    size = len(text)
    nested = False  # two phrase or app hits with the same value may lie one within the other
    for start, end in spans(_master(), text):
        plan = plans.get(text[start:end])
        if plan is not None:
            inside, overhang, nested_inside = plan
            nested = nested or nested_inside
            for offset, stop, latin, entries in inside:
                if not latin or bounded(text, start + offset, start + stop):
                    words.append((start + offset, start + stop, entries))
            if overhang is not None and end < size:
                walks = overhang.get(text[end])
                if walks is not None:
                    past = past_end(compiled, text, start, end, walks)
                    words.extend(past)
                    nested = nested or bool(past)
            continue
        word = text[start:end]
        if "://" in word:  # before "@": a link may carry user information (a@b.com@evil.com)
            link = url_found(text, start, end, scheme=True, official=official)
        elif "@" in word:
            link = email_found(text, start, end, official=official)
        elif _LETTER.search(word) is not None:
            link = url_found(text, start, end, scheme=False, official=official)
        else:  # a digit run: digits and separators only
            numbers = numbers_in_run(text, start, end)
            if numbers:
                found.extend(numbers)
                phones.extend(n for n in numbers if n.kind == "phone")
            continue
        if link is not None:
            found.append(link)
    cues = _keyword_hits(text, words, found) if words else []
    if cues:  # at the same start, the longer word first (微信号 before 微信)
        cues.sort(key=lambda cue: (cue[0], -cue[1]))
        found.extend(channel_ids(text, cues, phones))
        wecom = [(start, end) for start, end, word in cues if word.code == "wecom"]
        if wecom:  # 企业微信联系 is not an invitation to a personal WeChat (加微信, 微信联系)
            found = [item for item in found if not _inside_wecom(item, wecom)]
    if "信" in text:
        found.extend(homophone_ids(text, phones))
    return _drop_contained(found) if nested else found


def _inside_wecom(item: Found, wecom: list[tuple[int, int]]) -> bool:
    return (
        item.kind == "phrase"
        and item.value == "off_platform"
        and any(start < item.end and item.start < end for start, end in wecom)
    )


def _drop_contained(found: list[Found]) -> list[Found]:
    """Drop app and phrase hits inside a longer hit with the same value (飞书 in 飞书会议).

    The order of what is kept does not matter: :func:`_build` sorts the hits.
    """
    groups: dict[tuple[str, str], list[Found]] = {}
    for item in found:
        if item.kind in ("app", "phrase"):
            groups.setdefault((item.kind, item.value), []).append(item)
    dropped: set[int] = set()
    for items in groups.values():
        if len(items) > 1:
            items.sort(key=lambda item: (item.start, -item.end))
            reach = -1
            for item in items:
                if item.end <= reach:
                    dropped.add(id(item))
                else:
                    reach = item.end
    return [item for item in found if id(item) not in dropped] if dropped else found


def _obfuscated(raw: str, kind: str) -> bool:
    """Whether the original text hides the value (see :attr:`TextHit.obfuscated`)."""
    ascii_symbols = kind not in ("url", "email")
    for char in raw:
        if char in INVISIBLE_CHARACTERS:
            return True
        if char.isascii():
            if ascii_symbols and char in JUNK_SYMBOLS:
                return True
            if kind in ("phrase", "app") and char.isspace():
                return True
            continue
        if char in JUNK_SYMBOLS or (kind in _DIGIT_KINDS and char in _NUMERALS):
            return True
        if kind in ("phrase", "app") and char.isspace():
            return True
        folded = _FOLD[ord(char)]
        if isinstance(folded, str) and any(c.isascii() and c.isalnum() for c in folded):
            return True
    return False


def _order(item: Found) -> tuple[int, int, int, str]:
    return item.start, item.end, _KIND_ORDER[item.kind], item.value


def _build(norm: NormalisedText, found: list[Found]) -> tuple[TextHit, ...]:
    if not found:
        return ()
    if len(found) > 1:
        found.sort(key=_order)
    original = norm.original
    normalised = norm.text
    to_original = norm.span_mapper()
    same = normalised is original  # nothing was changed: no hit can be obfuscated by the text
    seen: set[tuple[int, int, str]] = set()
    hits: list[dict[str, Any]] = []
    for kind, start, end, value, rule, cue, facts, disguised in found:
        raw_start, raw_end = (start, end) if to_original is None else to_original(start, end)
        key = (raw_start, raw_end, kind)
        if key in seen:
            continue
        seen.add(key)
        raw = original[raw_start:raw_end]
        obfuscated = disguised or (
            not same and raw != normalised[start:end] and _obfuscated(raw, kind)
        )
        context = None
        if cue is not None:
            cue_start, cue_end = cue if to_original is None else to_original(*cue)
            context = original[cue_start:cue_end]
            # junk inside the channel word (微★信) hides the contact as much as junk inside it
            obfuscated = obfuscated or (
                not same and context != normalised[cue[0] : cue[1]] and _obfuscated(context, "app")
            )
        hits.append(
            {
                "kind": kind,
                "value": value,
                "start": raw_start,
                "end": raw_end,
                "raw": raw,
                "rule": rule,
                "context": context,
                "obfuscated": obfuscated,
                "details": facts,
            }
        )
    if to_original is not None and len(hits) > 1:
        # mapping back keeps the order, except between hits on the same characters
        hits.sort(
            key=lambda hit: (hit["start"], hit["end"], _KIND_ORDER[hit["kind"]], hit["value"])
        )
    validate = TextHit.__pydantic_validator__.validate_python
    return tuple([validate(hit) for hit in hits])


def scan_detailed(
    text: str, *, max_chars: int = DEFAULT_MAX_CHARS, official_domains: Iterable[str] = ()
) -> ScanResult:
    """Scan *text* and say how much of it was read.

    Text beyond *max_chars* characters is not scanned and the result says so (``truncated``);
    *official_domains* adds domains to the shipped brand list (links under them are ``official``,
    look-alikes of them are flagged).

    >>> result = scan_detailed('致电13812345678。' * 3, max_chars=20)
    >>> result.truncated, result.scanned_chars, result.text_length
    (True, 20, 42)
    >>> [(hit.kind.value, hit.value, hit.start, hit.end) for hit in result.hits]
    [('phone', '+8613812345678', 2, 13)]
    """
    if not isinstance(text, str):
        raise TypeError(f"scan() expects str, got {type(text).__name__}")
    if isinstance(max_chars, bool) or not isinstance(max_chars, int):
        raise TypeError(f"max_chars must be an int, got {type(max_chars).__name__}")
    if max_chars < 1:
        raise ValueError(f"max_chars must be positive, got {max_chars}")
    return scan_folded(text, max_chars=max_chars, official_domains=official_domains)[0]


def scan_folded(
    text: str, *, max_chars: int = DEFAULT_MAX_CHARS, official_domains: Iterable[str] = ()
) -> tuple[ScanResult, NormalisedText]:
    """:func:`scan_detailed`, and the folded text it read (for the message-risk reader, which
    reads the same folded text)."""
    length = len(text)
    truncated = length > max_chars
    scanned = text[:max_chars] if truncated else text
    hits, norm = _hits(scanned, official_domains)
    result = ScanResult(
        hits=hits, truncated=truncated, scanned_chars=len(scanned), text_length=length
    )
    return result, norm


#: Texts longer than this are scanned with the cyclic garbage collector paused (see :func:`_hits`).
_PAUSE_GC_ABOVE = 65_536


def _hits(text: str, official_domains: Iterable[str]) -> tuple[tuple[TextHit, ...], NormalisedText]:
    official = official_key(official_domains) if official_domains else ()
    if len(text) <= _PAUSE_GC_ABOVE or not gc.isenabled():
        norm = normalise(text)
        return _build(norm, _find(norm.text, official)), norm
    # A long, hit-dense text allocates hundreds of thousands of acyclic objects (hits and their
    # dicts); every full collection in between would walk all of them again, which makes the cost
    # grow faster than the text. Nothing allocated here can form a cycle, so collection waits.
    gc.disable()
    try:
        norm = normalise(text)
        return _build(norm, _find(norm.text, official)), norm
    finally:
        gc.enable()


def scan(text: str, *, official_domains: Iterable[str] = ()) -> tuple[TextHit, ...]:
    """Return the contact channels and scam phrases in *text*, sorted by start.

    The same as ``scan_detailed(text, official_domains=...).hits``: text beyond
    :data:`DEFAULT_MAX_CHARS` is not scanned (use :func:`scan_detailed` to know).

    >>> [(hit.kind.value, hit.value, hit.raw) for hit in scan('请加薇信：ｗｘ＿ｋｅｆｕ８８８')]
    [('wechat', 'wx_kefu888', 'ｗｘ＿ｋｅｆｕ８８８')]
    """
    if not isinstance(text, str):
        raise TypeError(f"scan() expects str, got {type(text).__name__}")
    if len(text) > DEFAULT_MAX_CHARS:
        return scan_detailed(text, official_domains=official_domains).hits
    return _hits(text, official_domains)[0]
