"""WeChat, WeChat Work (企业微信) and QQ contacts, announced by channel words (private).

WeChat and QQ hits need a channel word (微信, V信, vx, QQ, 扣扣 …, see ``channel_words.csv``)
right before the ID or number, with only filler in between (``：``, ``号``, ``是``, ``联系`` …).
A phone number after a WeChat word gives two hits on the same span: ``phone`` (E.164) and
``wechat`` (the number as one searches for it in WeChat), because the message offers both
channels. ``13812345678（微信同号）`` does the same from the other side. 企业微信 is reported as
``wecom``, with or without an ID: WeBank contacts customers that way (scam-signals.md §1.2).
Homophones of 微信 that are not in the table (X信 where X reads *wei*) are confirmed with
pypinyin, only when an ID follows.
"""

from __future__ import annotations

import functools
from typing import Any

from acctverify._regex import WINDOW, compile_pattern
from acctverify._unicode import is_han
from acctverify.text._found import Found, details
from acctverify.text._keywords import Keyword, keywords
from acctverify.text._phone_search import DIGIT_GROUPS, vetoed

__all__ = ["Cue", "channel_ids", "homophone_ids"]

_FILLER_CHARS = " \\t:：=\\-~>|,，.()（）\\[\\]【】「」『』<>\"'“”‘’/"
#: After a channel word: filler, then an ID (group 1 wxid_…, group 2 a WeChat-style ID, group 3
#: digits with separators).
_CHANNEL_ID = compile_pattern(
    "channels.channel_id",
    f"(?:[{_FILLER_CHARS}]|号码|账号|帐号|号|id|是|为|搜索|搜|添加|加我|加|联系方式|联系|咨询|私聊){{0,8}}"
    "(wxid_[a-z0-9_\\-]{4,30}|[a-z][a-z0-9_\\-]{5,19}|(\\+?[0-9](?:[ \\-]{0,2}[0-9]){3,16}))",
)
_FILLER = frozenset(" \t:：=-~>|,，.()（）[]【】「」『』<>\"'“”‘’/")
#: Words that follow a channel word but are not IDs.
_NOT_IDS = frozenset(
    {"wechat", "weixin", "number", "contact", "please", "thanks", "account", "official", "service"}
)


def _channel_id(text: str, at: int) -> tuple[int, int, bool] | None:
    """The ID after a channel word ending at *at*: (start, end, is_digits), or ``None``."""
    window = text[at : at + WINDOW]
    match = _CHANNEL_ID.window_match(window) if window else None
    if match is None:
        return None
    start, end = match.span(1)
    following = window[end : end + 2]
    if following:
        head = following[0]
        if head.isascii() and (head.isalnum() or head in "_-@"):
            return None
        if head == "." and len(following) > 1 and following[1].isascii() and following[1].isalnum():
            return None  # a URL or an e-mail address, found elsewhere
    digits = match.start(2) != -1
    if not digits and window[start:end] in _NOT_IDS:
        return None
    return at + start, at + end, digits


def _digits_id(text: str, start: int, end: int) -> str | None:
    digits = "".join(DIGIT_GROUPS.python().findall(text, start, end))
    if text[start] == "+" or not 5 <= len(digits) <= 12 or digits[0] == "0":
        return None
    if vetoed(text, start, end):
        return None
    return digits


def _as_wechat(phone: Found) -> str:
    return phone.value[3:] if phone.value.startswith("+86") else phone.value


Cue = tuple[int, int, Keyword]


def channel_ids(text: str, cues: list[Cue], phones: list[Found]) -> list[Found]:
    """WeChat, WeChat Work and QQ contacts announced by the channel words in *cues*."""
    by_start = {phone.start: phone for phone in phones}
    by_end = {phone.end: phone for phone in phones}
    wecom_spans = [(start, end) for start, end, word in cues if word.code == "wecom"]
    found: list[Found] = []
    for cue_start, cue_end, word in cues:
        channel = word.code
        span = (cue_start, cue_end)
        disguised = word.variant != "standard"
        if (
            wecom_spans
            and channel == "wechat"
            and any(a < cue_end and cue_start < b for a, b in wecom_spans)
        ):
            continue  # 企业微信 contains 微信: the WeChat Work word wins
        facts = _cue_details(channel != "wecom", word.confirmed)
        if word.position == "after":
            phone = _phone_before(text, cue_start, by_end)
            if phone is not None:
                value = _as_wechat(phone)
                rule = "wechat.same_as_phone"
                found.append(Found("wechat", phone.start, phone.end, value, rule, span, facts))
            continue
        target = _channel_id(text, cue_end)
        if target is None:
            if channel == "wecom":
                found.append(_wecom_mention(cue_start, cue_end, word))
            continue
        start, end, is_digits = target
        if not is_digits:
            if channel != "qq":
                value = text[start:end]
                rule = f"{channel}.cue_id"
                found.append(Found(channel, start, end, value, rule, span, facts, disguised))
            continue
        phone = by_start.get(start)
        if channel != "qq" and phone is not None:
            value, rule = _as_wechat(phone), f"{channel}.cue_phone"
            found.append(
                Found(channel, phone.start, phone.end, value, rule, span, facts, disguised)
            )
            continue
        digits = _digits_id(text, start, end)
        if digits is None:
            if channel == "wecom":
                found.append(_wecom_mention(cue_start, cue_end, word))
            continue
        rule = "qq.cue_number" if channel == "qq" else f"{channel}.cue_digits"
        found.append(Found(channel, start, end, digits, rule, span, facts, disguised))
    return found


@functools.lru_cache(maxsize=16)
def _cue_details(personal: bool, confirmed: bool) -> Any:
    return details(personal=personal, confirmed=confirmed)


def _wecom_mention(start: int, end: int, word: Keyword) -> Found:
    facts = _cue_details(False, word.confirmed)
    return Found("wecom", start, end, word.listed, "wecom.mention", (start, end), facts)


def _phone_before(text: str, at: int, by_end: dict[int, Found]) -> Found | None:
    """A phone number ending at most four filler characters before *at*."""
    for end in range(at, max(-1, at - 5), -1):
        phone = by_end.get(end)
        if phone is not None:
            return phone
        if end and text[end - 1] not in _FILLER:
            return None
    return None


def _id_may_follow(text: str, at: int) -> bool:
    """Cheap test before the pattern: a Latin letter, digit or ``+`` in the filler after *at*."""
    for char in text[at : at + 6]:
        if char.isascii() and (char.isalnum() or char == "+"):
            return True
        if char not in _FILLER and char not in "号是为":
            return False
    return False


@functools.lru_cache(maxsize=2048)
def _reads_wei(char: str) -> bool:
    from pypinyin import Style, pinyin

    readings = pinyin(char, style=Style.NORMAL, heteronym=True, errors="ignore")
    return bool(readings) and "wei" in readings[0]


def homophone_ids(text: str, phones: list[Found]) -> list[Found]:
    """WeChat IDs after an unlisted homophone of 微信 (X信, X read *wei*), confirmed by pypinyin."""
    listed = keywords().by_word
    by_start = {phone.start: phone for phone in phones}
    found: list[Found] = []
    at = text.find("信", 1)
    while at != -1:
        start, end = at - 1, at + 1
        at = text.find("信", end)
        if not is_han(text[start]) or text[start:end] in listed or not _id_may_follow(text, end):
            continue
        target = _channel_id(text, end)
        if target is None or not _reads_wei(text[start]):
            continue
        id_start, id_end, is_digits = target
        phone = by_start.get(id_start) if is_digits else None
        if phone is not None:
            value, id_start, id_end = _as_wechat(phone), phone.start, phone.end
            rule = "wechat.homophone_phone"
        elif is_digits:
            digits = _digits_id(text, id_start, id_end)
            if digits is None:
                continue
            value, rule = digits, "wechat.homophone_digits"
        else:
            value, rule = text[id_start:id_end], "wechat.homophone_id"
        facts = _cue_details(True, False)
        found.append(Found("wechat", id_start, id_end, value, rule, (start, end), facts, True))
    return found
