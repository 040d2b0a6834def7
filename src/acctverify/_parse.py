"""Parse the free-text values people paste from licences and registry pages (private).

Dates (``2016年4月12日``, ``2016-04-12``, ``2016/4/12``, ``２０１６年４月１２日``), terms (``长期``,
``2016年4月12日至2046年4月11日``, ``至 长期``), capital (``1000万元人民币``, ``500万美元``,
``壹仟万元``) and statuses (``存续（在营、开业、在册）``, ``吊销，未注销`` …). Every function
returns ``None`` for what it cannot read; callers report that as a finding, never as an exception.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal, InvalidOperation

from acctverify.models.facts import RegistryStatus

__all__ = [
    "RegistryStatus",
    "parse_capital",
    "parse_date",
    "parse_status",
    "parse_term_end",
]

# The patterns use no nested quantifiers (linear time; they compile under RE2) and run on short,
# capped strings.
_DATE = re.compile(r"(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?")
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_MAX_TEXT = 200

_CN_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3, "四": 4,
    "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9,
    "玖": 9,
}  # fmt: skip
_CN_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_BIG_UNITS = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}

#: Currency words -> ISO code, for capital strings.
CURRENCIES = {
    "人民币": "CNY",
    "元": "CNY",
    "美元": "USD",
    "港元": "HKD",
    "港币": "HKD",
    "欧元": "EUR",
    "日元": "JPY",
}


def _clean(text: str) -> str:
    return unicodedata.normalize("NFKC", text[:_MAX_TEXT]).strip()


def parse_date(value: object) -> date | None:
    """Return the date in *value*, or ``None``.

    >>> parse_date('2016年4月12日'), parse_date('２０１６－０４－１２'), parse_date('20160412')
    (datetime.date(2016, 4, 12), datetime.date(2016, 4, 12), datetime.date(2016, 4, 12))
    >>> parse_date('去年') is None
    True
    """
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    text = _clean(value)
    match = _DATE.search(text) or _COMPACT_DATE.fullmatch(text)
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def parse_term_end(value: object) -> date | str | None:
    """Return the end of a business term: a date, ``'长期'`` (no end), or ``None`` if unreadable.

    A term written as a range (``A至B``, ``A - B``) ends at the date *after* the separator; a
    lone date is taken as the end only when nothing says it is a start (``自…起``, ``…至`` with
    nothing after it).

    >>> parse_term_end('2016年4月12日至2046年4月11日')
    datetime.date(2046, 4, 11)
    >>> parse_term_end('2016年4月12日至长期'), parse_term_end('永续经营')
    ('长期', '长期')
    >>> parse_term_end('2014年12月16日至 长 期')  # OCR puts spaces inside words
    '长期'
    >>> parse_term_end('2016年4月12日至') is None, parse_term_end('自2016年4月12日起') is None
    (True, True)
    >>> parse_term_end('2046-04-11'), parse_term_end('2016年4月12日-2046年4月11日')
    (datetime.date(2046, 4, 11), datetime.date(2046, 4, 11))
    """
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    text = "".join(_clean(value).split())
    if any(word in text for word in ("长期", "永久", "永续", "无固定期限", "不约定期限")):
        return "长期"
    for separator in ("至", "到", "~", "～", "—"):
        if separator in text:
            return parse_date(text.rsplit(separator, 1)[1])
    if text.startswith("自") or text.endswith("起"):
        return None  # only a start date
    dates = list(_DATE.finditer(text))
    if len(dates) >= 2:  # 2016年4月12日-2046年4月11日: the second date ends the term
        return parse_date(dates[-1].group(0))
    return parse_date(text)


def _chinese_number(text: str) -> Decimal | None:
    """Read a Chinese numeral such as 壹仟 or 一千二百五十 (no 万/亿 inside)."""
    total = 0
    digit = 0
    for char in text:
        if char in _CN_DIGITS:
            digit = _CN_DIGITS[char]
        elif char in _CN_UNITS:
            total += (digit or 1) * _CN_UNITS[char]
            digit = 0
        else:
            return None
    return Decimal(total + digit)


def parse_capital(value: object) -> tuple[Decimal, str] | None:
    """Return (amount in units of the currency, ISO currency) for a capital string, or ``None``.

    >>> parse_capital('1000万元人民币')
    (Decimal('10000000'), 'CNY')
    >>> parse_capital('500万美元')
    (Decimal('5000000'), 'USD')
    >>> parse_capital('壹仟万元整')
    (Decimal('10000000'), 'CNY')
    >>> parse_capital('30亿元')
    (Decimal('3000000000'), 'CNY')
    """
    if not isinstance(value, str):
        return None
    text = _clean(value).replace(",", "").replace("整", "").replace(" ", "")
    text = text.replace("¥", "").replace("RMB", "").replace("CNY", "")
    currency = "CNY"
    for word, code in CURRENCIES.items():
        if word in text and code != "CNY":
            currency = code
            break
    body = text
    for word in sorted(CURRENCIES, key=len, reverse=True):
        body = body.replace(word, "")
    multiplier = Decimal(1)
    if body and body[-1] in _CN_BIG_UNITS:
        multiplier = Decimal(_CN_BIG_UNITS[body[-1]])
        body = body[:-1]
    if not body:
        return None
    if _NUMBER.fullmatch(body):
        try:
            amount = Decimal(body)
        except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
            return None
    else:
        amount_or_none = _chinese_number(body)
        if amount_or_none is None:
            return None
        amount = amount_or_none
    if amount <= 0:
        return None
    return amount * multiplier, currency


# Checked in order; the first keyword found decides: 吊销，已注销 is cancelled,
# 吊销，未注销 revoked.
_STATUS_WORDS: tuple[tuple[str, RegistryStatus], ...] = (
    ("严重违法", RegistryStatus.SERIOUS_VIOLATION),
    ("失信", RegistryStatus.SERIOUS_VIOLATION),
    ("经营异常", RegistryStatus.ABNORMAL),
    ("异常名录", RegistryStatus.ABNORMAL),
    ("已注销", RegistryStatus.CANCELLED),
    ("未注销", RegistryStatus.REVOKED),
    ("吊销", RegistryStatus.REVOKED),
    ("撤销", RegistryStatus.WITHDRAWN),
    ("注销", RegistryStatus.CANCELLED),
    ("迁出", RegistryStatus.MOVED),
    ("迁往", RegistryStatus.MOVED),
    ("清算", RegistryStatus.LIQUIDATING),
    ("停业", RegistryStatus.SUSPENDED),
    ("歇业", RegistryStatus.SUSPENDED),
    ("存续", RegistryStatus.OPERATING),
    ("在营", RegistryStatus.OPERATING),
    ("开业", RegistryStatus.OPERATING),
    ("在册", RegistryStatus.OPERATING),
    ("在业", RegistryStatus.OPERATING),
    ("正常", RegistryStatus.OPERATING),
)


def parse_status(value: object) -> RegistryStatus | None:
    """Return the meaning of a registry status string, or ``None`` when none was given.

    >>> parse_status('存续（在营、开业、在册）').value, parse_status('吊销，已注销').value
    ('operating', 'cancelled')
    >>> parse_status('吊销，未注销').value, parse_status('列入经营异常名录').value
    ('revoked', 'abnormal')
    """
    if not isinstance(value, str) or not value.strip():
        return None
    text = _clean(value)
    for word, status in _STATUS_WORDS:
        if word in text:
            return status
    return RegistryStatus.UNKNOWN
