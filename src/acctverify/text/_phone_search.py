"""Phone search: find phone and service numbers in digit runs of a text (private).

Searching and validating are separate, as in phonenumbers' matcher. This module searches: it
proposes candidates and judges them by the text around them; :mod:`acctverify.text._phone_plan`
decides what a candidate's digits are (number type, region, cross-border, service number).

* **runs**: a digit run is at least five digits joined by at most three separators each
  (space, dash, dot, parentheses, underscore); Chinese numerals and junk characters were turned
  into digits and removed by :func:`acctverify._unicode.fold_message` before. A run is cut into
  its digit groups, and a phone number is looked for at group boundaries only: ``138 1234 5678``
  is one number, ``尾号1234 95555`` is two things, ``202611290001234567`` is nothing.
* **candidates**: at each group boundary, the lengths the numbering plan allows for the digits
  there are tried, longest first; the first one the plan accepts is the number.
* **context**: amounts (``¥13812.34``, ``…元``), labels (订单号, 尾号, 验证码 …), card-number
  grouping (``6222 0755 8888 8888``) and Latin letters glued to the digits (an ID such as
  ``abc13812345678``) veto a candidate, except phone and channel words (``vx13812345678``,
  ``tel…``). Most runs are amounts and dates that no number can start: they are dismissed from
  their digit groups alone, before anything is built.

Service numbers (95xxx, 96xxx, 12xxx, 10xxx) must stand alone; those listed in
``bank_hotlines.csv`` or ``service_numbers.csv`` carry their institution, the others need
phonenumbers' short-number metadata and a phone word nearby (电话, 客服, 拨打 …). Written after
China's country code (``+86 95384``, ``+8695384``, ``0086-95384``) they are the same service number
(value ``95384``); the hit's span includes the prefix.
"""

from __future__ import annotations

from bisect import bisect_left

from acctverify._regex import compile_pattern
from acctverify.text._found import Found
from acctverify.text._phone_plan import (
    candidate_lengths,
    classify_phone,
    listed_numbers,
    phone_details,
    service_after_country_code,
    service_shape,
    short_details,
    valid_short_number,
)

__all__ = ["DIGIT_GROUPS", "NUMBER_RUN", "numbers_in_run", "vetoed"]

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
#: A digit run (RE2 subset): at least five digits joined by at most three separators each,
#: optionally after ``+``. Shorter runs can be neither a phone nor a service number.
NUMBER_RUN = f"\\+?[0-9](?:[ \\t\\-.()（）_{_DASHES}]{{0,3}}[0-9]){{4,}}"

_GLUED_CUES = {
    "v": "wechat",
    "vx": "wechat",
    "wx": "wechat",
    "weixin": "wechat",
    "wechat": "wechat",
    "q": "qq",
    "qq": "qq",
    "tel": "",
    "dh": "",
    "phone": "",
    "call": "",
    "mobile": "",
}

_VETO_LABEL = compile_pattern(
    "phones.veto_label",
    "(?:订单号?|单号|编号|流水号|交易号|尾号|卡号|验证码|校验码|动态码|密码|身份证号?|证件号码?|"
    "合同号|借据号|工号|序列号|运单号?|券码|取件码|编码|代码|账单号|批次号?)[ :：#=是为]{0,3}$",
)
_AMOUNT_BEFORE = compile_pattern(
    "phones.amount_before",
    "(?:[¥￥$€£]|rmb|cny|usd|hkd|人民币|金额|余额|应还|欠款|本金|利息|罚息|合计|共计|总计)"
    "[ :：]{0,2}$",
)
_UNIT_AFTER = compile_pattern(
    "phones.unit_after",
    " ?(?:[元块万亿千百%‰年月日期笔个次秒天周位名件岁倍折份张条股辆]"
    "|分钟|美元|港币|港元|rmb|usd|hkd)",
)


def _edges(source: str, last: bool) -> frozenset[str]:
    """Characters a match of *source* (``(?:a|b?|[cd])`` then a filler class) can end (*last*)
    or start with: a window whose edge character is not among them cannot match, so the pattern
    is not run (most windows around a number)."""
    group, _, tail = source.partition(")")
    fillers = tail[tail.index("[") + 1 : tail.index("]")] if "[" in tail else ""
    edges = set(fillers)
    for word in group.removeprefix(" ?").removeprefix("(?:").split("|"):
        if word.startswith("["):
            edges.update(word[1:-1])
        elif not last:
            edges.add(word[0])
        elif word.endswith("?"):
            edges.update(word[-3:-1])
        else:
            edges.add(word[-1])
    return frozenset(edges)


_BEFORE_EDGES = _edges(_VETO_LABEL.source, True) | _edges(_AMOUNT_BEFORE.source, True)
_AFTER_EDGES = _edges(_UNIT_AFTER.source, False) | {" "}
_PHONE_CONTEXT = compile_pattern(
    "phones.phone_context",
    "电话|致电|拨打|热线|客服|咨询|联系|详询|回复|来电|号码|服务|官方|call|tel",
)
DIGIT_GROUPS = compile_pattern("phones.digit_groups", "[0-9]+")


def _is_latin(char: str) -> bool:
    return char.isascii() and (char.isalpha() or char == "_")


def _glued_before(text: str, start: int) -> tuple[str | None, tuple[int, int] | None]:
    """Letters glued before *start*: ``(None, None)`` if none, ``(channel, span)`` for a channel
    word such as ``vx``, ``('blocked', None)`` when the digits are part of an ID."""
    index = start
    if index and text[index - 1] in "-_" and index > 1 and _is_latin(text[index - 2]):
        index -= 1
    if not index or not _is_latin(text[index - 1]):
        return None, None
    begin = index
    while (
        begin
        and begin > index - 20
        and text[begin - 1].isascii()
        and (text[begin - 1].isalnum() or text[begin - 1] == "_")
    ):
        begin -= 1
    token = text[begin:index]
    channel = _GLUED_CUES.get(token)
    if channel is None or (index != start and channel):
        return "blocked", None
    return channel, (begin, index)


def _glued_after(text: str, end: int) -> bool:
    if end >= len(text):
        return False
    char = text[end]
    if _is_latin(char):
        return True
    return char == "-" and end + 1 < len(text) and _is_latin(text[end + 1])


def vetoed(text: str, start: int, end: int) -> bool:
    """An amount, a date part, or a labelled non-contact number (订单号, 尾号, 验证码 …)."""
    if start and text[start - 1] in _BEFORE_EDGES:
        before = text[max(0, start - 8) : start]
        if (
            _VETO_LABEL.window_search(before) is not None
            or _AMOUNT_BEFORE.window_search(before) is not None
        ):
            return True
    if end < len(text) and text[end] in _AFTER_EDGES:
        return _UNIT_AFTER.window_match(text[end : end + 3]) is not None
    return False


def _card_like(groups: list[tuple[int, int]]) -> bool:
    """Digit groups written like a card or account number (6222 0202 0011 2233 449)."""
    return len(groups) >= 4 and all(end - start == 4 for start, end in groups[:4])


def _hopeless(groups: list[str], plus: bool) -> bool:
    """Whether no digit group can start a phone number or be a service number (amounts, dates,
    times, order numbers): the common case, decided without building anything."""
    remaining = sum(map(len, groups))
    for index, group in enumerate(groups):
        if remaining >= 7 and (group[0] in "01489" or (plus and not index)):
            return False
        if service_shape(group):
            return False
        remaining -= len(group)
    return True


def numbers_in_run(text: str, start: int, end: int) -> list[Found]:
    """Phone numbers and service numbers in the digit run ``text[start:end]``."""
    plus = text[start] == "+"
    first = start + 1 if plus else start
    run = text[first:end]
    if run.isdigit():  # one group: the common case
        phone_length = len(run) in candidate_lengths(run[:3], plus)
        if (
            not phone_length
            and not service_shape(run)
            and not service_after_country_code(run, plus)
        ):
            return []
        return _one_group(text, start, end, run, plus=plus, phone_length=phone_length)
    parts = DIGIT_GROUPS.python().findall(run)
    if _hopeless(parts, plus):
        return []
    groups = []
    index = first
    for part in parts:  # separators are not digits: each group is the next occurrence of its digits
        index = text.index(part, index)
        groups.append((index, index + len(part)))
        index += len(part)
    digits = "".join(parts)
    offsets = [0]
    for a, b in groups:
        offsets.append(offsets[-1] + b - a)
    glued, cue = _glued_before(text, start)
    first_group = 1 if glued == "blocked" else 0
    last_allowed = len(groups) - (1 if _glued_after(text, end) else 0)
    card = _card_like(groups)
    found: list[Found] = []
    group = first_group
    while group < len(groups):
        at = offsets[group]
        international = plus and group == 0
        match = None
        for length in candidate_lengths(digits[at : at + 3], international):
            position = bisect_left(offsets, at + length)
            if position >= len(offsets) or offsets[position] != at + length:
                continue
            if position > last_allowed or (card and (group or position < len(groups))):
                continue
            info = classify_phone(digits[at : at + length], international)
            if info is not None:
                match = position, info
                break
        if match is not None:
            position, info = match
            span_start = start if group == 0 else groups[group][0]
            span_end = groups[position - 1][1]
            if not vetoed(text, span_start, span_end):
                written_international = international or digits.startswith("00", at)
                rule = "phone.international" if written_international else "phone.national"
                phone_cue = cue if group == 0 else None
                if phone_cue is not None:
                    rule = "phone.glued_cue"
                found.append(
                    Found(
                        "phone",
                        span_start,
                        span_end,
                        info[0],
                        rule,
                        phone_cue,
                        phone_details(info),
                    )
                )
                group = position
                continue
        if group == 0 and not card:
            prefixed = _prefixed_short(
                text,
                start,
                digits=digits,
                groups=groups,
                offsets=offsets,
                plus=plus,
                last_allowed=last_allowed,
            )
            if prefixed is not None:
                found.append(prefixed[0])
                group = prefixed[1]
                continue
        if group < last_allowed and not card:
            short = _short_number(text, groups, group, glued if group == 0 else None)
            if short is not None:
                found.append(short)
        group += 1
    return found


def _one_group(
    text: str, start: int, end: int, digits: str, *, plus: bool, phone_length: bool
) -> list[Found]:
    """:func:`numbers_in_run` for a run of *digits* only (after ``+`` when *plus*), the common
    case; *phone_length*: the digits have a length a phone number starting with them can have."""
    glued, cue = _glued_before(text, start)
    if glued == "blocked" or _glued_after(text, end):
        return []
    info = classify_phone(digits, plus) if phone_length else None
    if info is not None and not vetoed(text, start, end):
        if cue is not None:
            rule = "phone.glued_cue"
        elif plus or digits.startswith("00"):
            rule = "phone.international"
        else:
            rule = "phone.national"
        return [Found("phone", start, end, info[0], rule, cue, phone_details(info))]
    rest = service_after_country_code(digits, plus)
    if rest:  # +8695384, 008695384: a service number after the country code
        if vetoed(text, start, end):
            return []
        short = _short_found(text, start, end, rest)
        return [short] if short is not None else []
    short = _short_number(text, [(end - len(digits), end)], 0, glued)
    return [short] if short is not None else []


def _prefixed_short(
    text: str,
    start: int,
    *,
    digits: str,
    groups: list[tuple[int, int]],
    offsets: list[int],
    plus: bool,
    last_allowed: int,
) -> tuple[Found, int] | None:
    """A service number after the country code at the start of a run of several groups
    (``+86 95384``, ``0086-95384``): the hit, from the ``+`` or ``00``, and the next group."""
    prefix = 2 if plus else 4
    if not digits.startswith("86" if plus else "0086"):
        return None
    for length in (5, 6):
        position = bisect_left(offsets, prefix + length)
        if position > last_allowed or position >= len(offsets):
            continue
        if offsets[position] != prefix + length:
            continue
        rest = digits[prefix : prefix + length]
        if not service_shape(rest):
            continue
        end = groups[position - 1][1]
        if vetoed(text, start, end):
            return None
        short = _short_found(text, start, end, rest)
        return (short, position) if short is not None else None
    return None


def _short_number(
    text: str, groups: list[tuple[int, int]], group: int, glued: str | None
) -> Found | None:
    start, end = groups[group]
    digits = text[start:end]
    if not service_shape(digits) or glued == "blocked":
        return None
    # a decimal part or a neighbour joined by a dot makes it an amount or a version
    if (group + 1 < len(groups) and text[end] == ".") or (group and text[start - 1] == "."):
        return None
    if vetoed(text, start, end):
        return None
    return _short_found(text, start, end, digits)


def _short_found(text: str, start: int, end: int, digits: str) -> Found | None:
    """The service number *digits* written at ``text[start:end]``: listed, or valid with a phone
    word in the ten characters before it."""
    listed = listed_numbers().get(digits)
    context = None
    if listed is None:
        if not valid_short_number(digits):
            return None
        before = text[max(0, start - 10) : start]
        match = _PHONE_CONTEXT.window_search(before) if before else None
        if match is None:
            return None
        offset = start - len(before)
        context = (offset + match.start(), offset + match.end())
    rule = "short_number.listed" if listed else "short_number.pattern"
    return Found("short_number", start, end, digits, rule, context, short_details(listed))
