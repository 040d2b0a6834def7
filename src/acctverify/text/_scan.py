"""The scanner: normalise, find, validate, map back, build the hits (private)."""

from __future__ import annotations

import functools
import gc
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from acctverify.cn._util import INVISIBLE_CHARACTERS
from acctverify.models.text import ScanResult, TextHit
from acctverify.text._channels import Cue, channel_ids, homophone_ids
from acctverify.text._engine import WINDOW, Pattern, compile_pattern, registry, spans
from acctverify.text._found import Found, details
from acctverify.text._keywords import Keyword, bounded, keywords, past_end
from acctverify.text._normalise import _FOLD, _NUMERALS, JUNK_SYMBOLS, NormalisedText, normalise
from acctverify.text._phone_search import NUMBER_RUN, numbers_in_run
from acctverify.text._urls import BARE_URL, EMAIL, SCHEME_URL, email_found, official_key, url_found

if TYPE_CHECKING:
    from acctverify.models.text import HitDetails

__all__ = ["DEFAULT_MAX_CHARS", "RULES", "all_patterns", "scan", "scan_detailed"]

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

# --- negation -------------------------------------------------------------------------------
#
# A phrase or app hit is *negated* (``HitDetails.negated``, the word in ``negation``) when the
# message warns against it rather than asks for it. Three tests, each on a bounded window around
# the hit (so the scan stays linear); apps take the first and the last, as non-instructions:
#
# * **before**, in the same clause: a negator or warning word between the start of the clause (the
#   last of ``。！？；,，\n``, or :data:`_BEFORE` characters back) and the hit. A comma between two
#   quoted items (``“债务优化”，“停息挂账”``) does not end the clause, so one word covers a list.
#   Plain negators (:data:`_NEGATORS`: 不要, 请勿, 不会, 没有 …) count for every family except the
#   *instructions* (:func:`_roles`): the secrecy family (不要告诉家人, 不要接银行电话 …)
#   and any phrase that starts with a negator (不要还银行). In those the negation is the scam's
#   own wording, so only warning words (:data:`_WARNING_WORDS`: 警惕, 谨防, 凡是, 自称, 不要相信
#   …) negate them. A negator inside such an instruction never negates a later hit (请不要挂断并
#   提供验证码 still asks for the code), and a negator directly followed by 关闭, 退出, 挂断 …
#   asks to keep going (请勿关闭屏幕共享), so it does not count either.
# * **denial after** (impersonation only: its phrases name an institution): a denial right after it
#   in the same clause (公检法没有安全账户, 银保监会无权冻结).
# * **warning after**, in the same sentence (commas do not end it): 骗局, 诈骗, 是假的, 不可信 …
#   within :data:`_AFTER` characters, unless it is the scam's reassurance or accusation (不是诈骗,
#   涉嫌诈骗, 以诈骗罪).

#: How far back (characters) the clause before a hit is searched for a negation.
_BEFORE = 24
#: How far (characters) the sentence after a hit is searched for a warning.
_AFTER = 24
#: Plain negators: they negate what follows them, except the instructions.
_NEGATORS = (
    "请勿", "切勿", "勿", "不要", "千万不要", "不会", "绝不会", "绝不", "决不", "从不", "从来不",
    "不得", "严禁", "禁止", "没有所谓", "没有", "并没有", "并无", "不存在", "不可能", "无权",
    "拒绝",
)  # fmt: skip
#: Warning words: they negate every family, instructions included.
_WARNING_WORDS = (
    "谨防", "警惕", "防范", "小心", "当心", "提防", "凡是", "自称", "冒充", "假冒", "不要相信",
    "请勿相信", "切勿相信", "不要轻信", "请勿轻信", "切勿轻信", "勿轻信", "勿信", "别信", "别相信",
)  # fmt: skip
#: After a negator, these words ask to keep doing something (请勿关闭, 不要挂断), set a
#: condition (拒绝配合, 没有按时还款) or reassure (不要担心, 没有问题, 防范风险): the negator
#: does not negate what follows.
_NOT_NEGATING = (
    "关闭", "退出", "挂断", "挂电话", "断开", "离开", "结束", "中断", "停止", "配合", "还款",
    "按时", "及时", "还清", "结清", "履行", "缴纳", "支付", "问题", "担心", "着急", "紧张", "害怕",
    "怕", "慌", "急", "紧", "犹豫", "顾虑", "风险",
)  # fmt: skip
#: Denials after an institution's name (impersonation): 公检法没有安全账户.
_DENIALS = (
    "没有所谓", "没有", "并没有", "并无", "不会", "绝不会", "绝不", "决不", "从不", "从来不",
    "不存在", "无权", "不可能", "不得",
)  # fmt: skip
#: Warnings after a hit, in the same sentence; longer forms first, as they are reported.
_WARNINGS_AFTER = (
    "都是诈骗", "均为诈骗", "均是诈骗", "是诈骗", "诈骗行为", "诈骗陷阱", "诈骗手段", "诈骗套路",
    "都是骗局", "是骗局", "的骗局", "骗局", "是骗子", "骗子", "都是假的", "是假的", "诈骗",
    "不可信", "勿信", "陷阱",
)  # fmt: skip
#: A warning word right after these is the scam's reassurance or accusation (不是诈骗, 涉嫌诈骗).
_NOT_WARNING_BEFORE = ("不", "非", "没有", "涉嫌", "涉及", "参与", "以", "调查", "犯")
_NOT_WARNING_AFTER = ("罪", "团伙")
#: Characters that end a clause (before a hit) and a sentence (after it).
_CLAUSE_END = "。!?;\n,；，！？"
_SENTENCE_END = "。!?;\n；！？"
#: A comma between two quoted items does not end the clause.
_QUOTED_COMMA = '[”"」』][,，][“"「『]'


def _alternatives(words: tuple[str, ...]) -> str:
    """An alternation trying longer words first (leftmost-first engines take the first match)."""
    return "|".join(sorted(set(words), key=lambda word: (-len(word), word)))


#: A negator or warning word with nothing ending the clause after it.
_NEGATION_BEFORE = compile_pattern(
    "phrases.negation_before",
    f"({_alternatives(_NEGATORS + _WARNING_WORDS)})(?:[^{_CLAUSE_END}]|{_QUOTED_COMMA})*$",
)
#: The same for the warning words alone (for instructions).
_WARNING_BEFORE = compile_pattern(
    "phrases.warning_before",
    f"({_alternatives(_WARNING_WORDS)})(?:[^{_CLAUSE_END}]|{_QUOTED_COMMA})*$",
)
#: A denial right after an institution's name, in the same clause.
_DENIAL_AFTER = compile_pattern(
    "phrases.denial_after", f"[^{_CLAUSE_END}]{{0,6}}?({_alternatives(_DENIALS)})"
)
#: A warning in the same sentence after a hit (searched in the :data:`_AFTER` characters after).
_WARNING_AFTER = compile_pattern(
    "phrases.warning_after", f"[^{_SENTENCE_END}]*?({_alternatives(_WARNINGS_AFTER)})"
)
#: Families whose phrases are instructions worded as negations (see above).
_INSTRUCTION_FAMILIES = frozenset({"secrecy"})
#: Families whose phrases name an institution: a denial after them negates them.
_DENIAL_FAMILIES = frozenset({"impersonation"})
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


#: How a phrase takes part in the negation tests: (only warning words before it count, a denial
#: after it counts, its negators negate nothing after it). Apps: (False, False, False).
_Roles = tuple[bool, bool, bool]
_APP_ROLES: _Roles = (False, False, False)


@functools.lru_cache(maxsize=4096)
def _roles(word: Keyword) -> _Roles:
    """The negation roles of a phrase (see the comment above :data:`_BEFORE`)."""
    instruction = word.code in _INSTRUCTION_FAMILIES or word.word.startswith(_NEGATORS)
    shields = any(negator in word.word for negator in _NEGATORS)
    return instruction, word.code in _DENIAL_FAMILIES, shields


def _negation(
    text: str,
    start: int,
    end: int,
    roles: _Roles,
    *,
    warnings: bool,
    shields: list[tuple[int, int]],
) -> str | None:
    """The negation or warning word that covers the hit at ``[start, end)``, or ``None``.

    *roles*: see :func:`_roles`; *warnings*: the text may hold a warning after the hit;
    *shields*: spans of instructions whose negators do not count (see above :data:`_BEFORE`).
    Every regex runs on a window of at most :data:`_BEFORE` or :data:`_AFTER` characters.
    """
    instruction, denial, _ = roles
    pattern = _WARNING_BEFORE if instruction else _NEGATION_BEFORE
    low = start - _BEFORE if start > _BEFORE else 0
    if shields and any(
        low < shield_end and shield_start < start for shield_start, shield_end in shields
    ):
        found = _negation_before(_shielded(text[low:start], low, shields), 0, start - low, pattern)
    else:
        found = _negation_before(text, low, start, pattern)
    if found is not None:
        return found
    if denial:
        match = _DENIAL_AFTER.python().match(text, end, end + 8)
        if match is not None and not text.startswith(_NOT_NEGATING, match.end(1)):
            return match.group(1)
    if warnings:
        return _warning_after(text, end, end + _AFTER)
    return None


def _negation_before(text: str, low: int, high: int, pattern: Pattern) -> str | None:
    """The first negator of *pattern* in ``text[low:high]`` with nothing ending the clause after
    it, skipping the ones that ask to keep going (请勿关闭)."""
    search = pattern.python().search
    while True:
        match = search(text, low, high)
        # re's "$" also matches before a final newline, which ends the clause: no negation then
        if match is None or match.end() != high:
            return None
        if not text.startswith(_NOT_NEGATING, match.end(1)):
            return match.group(1)
        low = match.end(1)


def _warning_after(text: str, low: int, high: int) -> str | None:
    """The first warning in the sentence that starts at ``text[low]`` (up to *high*), skipping
    the scam's reassurances and accusations (不是诈骗, 涉嫌诈骗, 诈骗罪)."""
    match_at = _WARNING_AFTER.python().match
    position = low
    while True:
        match = match_at(text, position, high)
        if match is None:
            return None
        word = match.group(1)
        if not (
            text.endswith(_NOT_WARNING_BEFORE, low, match.start(1))
            or (word.endswith("诈骗") and text.startswith(_NOT_WARNING_AFTER, match.end(1)))
        ):
            return word
        position = match.end(1)


def _shielded(before: str, low: int, shields: list[tuple[int, int]]) -> str:
    """*before* (which starts at *low*) with the characters of the shielding hits blanked."""
    chars = list(before)
    for shield_start, shield_end in shields:
        first, last = max(shield_start - low, 0), min(shield_end - low, len(before))
        if first < last:
            chars[first:last] = "_" * (last - first)
    return "".join(chars)


def _may_warn(text: str) -> bool:
    """Whether *text* may hold a warning after a hit (cheap test before :func:`_warning_after`)."""
    return "骗" in text or "可信" in text or "勿信" in text or "假的" in text or "陷阱" in text


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
    warnings = None  # whether the text may hold a warning after a hit, once a hit is seen
    shields: list[tuple[int, int]] = []  # instructions whose negators negate nothing after them
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
            if warnings is None:
                warnings = _may_warn(text)
            if shields and shields[0][1] < start - 2 * WINDOW:
                # hits come in order of start, give or take a keyword's length: an old shield
                # can no longer reach a window
                shields = [shield for shield in shields if shield[1] >= start - 2 * WINDOW]
            if kind == "phrase":
                roles = _roles(word)
                negation = _negation(text, start, end, roles, warnings=warnings, shields=shields)
                if roles[2]:
                    shields.append((start, end))
                facts = _phrase_details(word, negation)
                found.append(Found("phrase", start, end, word.code, "phrase.keyword", None, facts))
            else:
                negation = _negation(
                    text, start, end, _APP_ROLES, warnings=warnings, shields=shields
                )
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
    length = len(text)
    truncated = length > max_chars
    scanned = text[:max_chars] if truncated else text
    hits = _hits(scanned, official_domains)
    return ScanResult(
        hits=hits, truncated=truncated, scanned_chars=len(scanned), text_length=length
    )


#: Texts longer than this are scanned with the cyclic garbage collector paused (see :func:`_hits`).
_PAUSE_GC_ABOVE = 65_536


def _hits(text: str, official_domains: Iterable[str]) -> tuple[TextHit, ...]:
    official = official_key(official_domains) if official_domains else ()
    if len(text) <= _PAUSE_GC_ABOVE or not gc.isenabled():
        norm = normalise(text)
        return _build(norm, _find(norm.text, official))
    # A long, hit-dense text allocates hundreds of thousands of acyclic objects (hits and their
    # dicts); every full collection in between would walk all of them again, which makes the cost
    # grow faster than the text. Nothing allocated here can form a cycle, so collection waits.
    gc.disable()
    try:
        norm = normalise(text)
        return _build(norm, _find(norm.text, official))
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
    return _hits(text, official_domains)
