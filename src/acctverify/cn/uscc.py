"""统一社会信用代码 (USCC, unified social credit code, GB 32100-2015).

The code has 18 characters over the 31-character alphabet ``0-9 A-H J-N P-R T U W X Y`` (no I, O,
S, V or Z):

* character 1: registration authority (登记管理部门码), e.g. ``9`` = 工商/市场监管,
* character 2: entity type within that authority (机构类别码), e.g. ``91`` = 企业,
  ``92`` = 个体工商户,
* characters 3-8: region code of the registering authority when the code was issued (GB/T 2260;
  ``100000`` = national registration),
* characters 9-17: 主体标识码, the organisation code (GB 11714) with its own check character,
* character 18: check character, MOD 31 with weights ``3**i mod 31``.

Unlike python-stdnum, this module accepts a letter in positions 1-2 (authority codes ``A``, ``N``,
``Y``), as Hutool and util-helpers do; on codes with digits there it gives stdnum's verdict.
:func:`parse` reads everything off a code, including codes whose check character is wrong: the
early Fujian/Xiamen pilot codes (``…M000…``) are real but fail the check and are recognised as
such.

More information:

* GB 32100-2015 法人和其他组织统一社会信用代码编码规则
* https://zh.wikipedia.org/wiki/统一社会信用代码
* ../shared/reference/identifiers.md §1

>>> validate('91110000600037341L')
'91110000600037341L'
>>> is_valid('９１１０００００１００００１３４２８')
True
>>> parse('92340603MA2UK3DF0N').entity_type_name
'个体工商户'
>>> parse('91350211M0000XUF46').anomalies
('checksum_invalid', 'pilot_code_pattern')
>>> validate('91110000600037341M')
Traceback (most recent call last):
    ...
stdnum.exceptions.InvalidChecksum: ...
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength, ValidationError

from acctverify.cn import orgcode
from acctverify.cn._util import clean

if TYPE_CHECKING:
    from acctverify.models.identifiers import UsccInfo

__all__ = [
    "ALPHABET",
    "ANOMALIES",
    "AUTHORITIES",
    "ENTITY_TYPES",
    "calc_check_digit",
    "compact",
    "format",
    "is_valid",
    "parse",
    "validate",
]

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"

# The check value is sum(v[i] * 3**i for i < 17) mod 31, v[i] being a character's index in the
# alphabet. Because 34 = 3 (mod 31), that sum equals, mod 31, the 17 values written as a base-34
# number with the first character least significant: ``int(reversed, 34) % 31`` does the whole
# weighted sum in C. The table maps each alphabet character (either case) to the base-34 digit of
# its value and everything else to "Z", which int(..., 34) rejects.
_BASE34_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWX"
_TO_BASE34 = bytes(
    ord(_BASE34_DIGITS[ALPHABET.index(chr(b).upper())]) if chr(b).upper() in ALPHABET else ord("Z")
    for b in range(256)
)
# Check value of the body (0..30) -> base-34 digit of the check character it calls for.
_CHECK_FOR = bytes(ord(_BASE34_DIGITS[-total % 31]) for total in range(31))


def _expected(translated: bytes) -> int:
    """Return the base-34 digit of the check character for 17+ translated bytes (ValueError if any
    of the first 17 is not an alphabet character)."""
    return _CHECK_FOR[int(translated[16::-1], 34) % 31]


#: Registration authority (character 1) -> (Chinese name, English name). Source: the GB 32100-2015
#: table as copied across public pages (identifiers.md §1.2, secondary); the A and N rows' origin is
#: unconfirmed.
AUTHORITIES: dict[str, tuple[str, str]] = {
    "1": ("机构编制", "establishment administration"),
    "2": ("外交", "foreign affairs"),
    "3": ("司法行政", "judicial administration"),
    "4": ("文化", "culture"),
    "5": ("民政", "civil affairs"),
    "6": ("旅游", "tourism"),
    "7": ("宗教", "religious affairs"),
    "8": ("工会", "trade unions"),
    "9": ("工商 (市场监管)", "market regulation (formerly industry and commerce)"),
    "A": ("中央军委改革和编制办公室", "CMC reform and establishment office"),
    "N": ("农业", "agriculture"),
    "Y": ("其他", "other"),
}

#: (authority, entity type) -> (Chinese name, English name); same source as :data:`AUTHORITIES`.
ENTITY_TYPES: dict[tuple[str, str], tuple[str, str]] = {
    ("1", "1"): ("机关", "government body"),
    ("1", "2"): ("事业单位", "public institution"),
    ("1", "3"): (
        "中央编办直接管理机构编制的群众团体",
        "mass organisation under the central office",
    ),
    ("1", "9"): ("其他", "other"),
    ("2", "1"): ("外国常住新闻机构", "resident foreign news agency"),
    ("2", "9"): ("其他", "other"),
    ("3", "1"): ("律师执业机构", "law firm"),
    ("3", "2"): ("公证处", "notary office"),
    ("3", "3"): ("基层法律服务所", "grassroots legal service office"),
    ("3", "4"): ("司法鉴定机构", "forensic appraisal institution"),
    ("3", "5"): ("仲裁委员会", "arbitration commission"),
    ("3", "9"): ("其他", "other"),
    ("4", "1"): ("外国在华文化中心", "foreign cultural centre in China"),
    ("4", "9"): ("其他", "other"),
    ("5", "1"): ("社会团体", "social organisation"),
    ("5", "2"): ("民办非企业单位", "private non-enterprise unit"),
    ("5", "3"): ("基金会", "foundation"),
    ("5", "9"): ("其他", "other"),
    ("6", "1"): ("外国旅游部门常驻代表机构", "resident office of a foreign tourism body"),
    ("6", "2"): (
        "港澳台地区旅游部门常驻内地(大陆)代表机构",
        "resident office of a Hong Kong, Macao or Taiwan tourism body",
    ),
    ("6", "9"): ("其他", "other"),
    ("7", "1"): ("宗教活动场所", "place of religious activity"),
    ("7", "2"): ("宗教院校", "religious school"),
    ("7", "9"): ("其他", "other"),
    ("8", "1"): ("基层工会", "grassroots trade union"),
    ("8", "9"): ("其他", "other"),
    ("9", "1"): ("企业", "enterprise"),
    ("9", "2"): ("个体工商户", "individual business (sole trader)"),
    ("9", "3"): ("农民专业合作社", "farmers' specialised cooperative"),
    ("A", "1"): ("军队事业单位", "military public institution"),
    ("A", "9"): ("其他", "other"),
    ("N", "1"): ("组级集体经济组织", "group-level collective economic organisation"),
    ("N", "2"): ("村级集体经济组织", "village-level collective economic organisation"),
    ("N", "3"): ("乡镇级集体经济组织", "township-level collective economic organisation"),
    ("N", "9"): ("其他", "other"),
    ("Y", "1"): ("其他", "other"),
}

#: Anomaly code -> (Chinese, English) description. Codes are stable public API.
ANOMALIES: dict[str, tuple[str, str]] = {
    "checksum_invalid": ("校验码错误", "the check character is wrong"),
    "pilot_code_pattern": (
        "早期福建/厦门试点代码格式（真实存在但不符合校验规则）",
        "early Fujian/Xiamen pilot code pattern (real codes that fail the check character)",
    ),
    "unknown_authority": ("登记管理部门码不在标准表中", "unknown registration authority code"),
    "unknown_entity_type": (
        "机构类别码与登记管理部门码的组合不在标准表中",
        "entity type code not defined for this authority",
    ),
    "unknown_region": ("行政区划码不存在（含历史代码）", "region code unknown, even historically"),
    "abolished_region": (
        "行政区划码已撤销（发码时可能仍有效）",
        "region code since abolished (it may have been valid when the code was issued)",
    ),
    "org_code_invalid": (
        "第9-17位组织机构代码校验失败",
        "characters 9-17 fail the GB 11714 organisation-code check",
    ),
}


def compact(number: object) -> str:
    """Return the code in its compact form: NFKC, no separators or invisible characters, upper-case.

    >>> compact('9144 0300-3197 7063 xh')
    '9144030031977063XH'
    """
    return clean(number)


def calc_check_digit(number: str) -> str:
    """Return the check character for the first 17 characters of *number*.

    >>> calc_check_digit('91110000600037341')
    'L'
    """
    body = compact(number)[:17]
    if len(body) != 17 or not body.isascii():
        raise InvalidFormat()
    try:
        return ALPHABET[_BASE34_DIGITS.index(chr(_expected(body.encode().translate(_TO_BASE34))))]
    except ValueError:
        raise InvalidFormat() from None


def _translate(code: str) -> bytes | None:
    """Return the code translated to base-34 digits, or None unless the structure is right:
    alphabet characters everywhere and digits in positions 3-8 (the Hutool / util-helpers rule)."""
    if not code.isascii():
        return None
    raw = code.encode()
    translated = raw.translate(_TO_BASE34)
    if not raw[2:8].isdigit() or b"Z" in translated:
        return None
    return translated


def validate(number: object) -> str:
    """Check the length, the structure and the check character; return the compact code."""
    code = compact(number)
    if len(code) != 18:
        raise InvalidLength()
    translated = _translate(code)
    if translated is None:
        raise InvalidFormat()
    if _expected(translated) != translated[17]:
        raise InvalidChecksum()
    return code


def is_valid(number: object) -> bool:
    """Return whether *number* is a valid code (structure and check character); never raises.

    An 18-character ASCII string (the common case) is judged without any normalisation work:
    separators and invisible characters are never ASCII-and-18-long-after-removal.
    """
    if type(number) is str and len(number) == 18 and number.isascii():
        raw = number.encode()
        if not raw[2:8].isdigit():
            return False
        translated = raw.translate(_TO_BASE34)
        try:
            return _expected(translated) == translated[17]
        except ValueError:
            return False
    try:
        return bool(validate(number))
    except (ValidationError, TypeError, ValueError):
        return False


def format(number: object) -> str:
    """Return the code as printed on licences (the compact form)."""
    return compact(number)


def _is_pilot_pattern(code: str) -> bool:
    """The 2015 Fujian/Xiamen pilot series: region 35xxxx, 主体标识码 starting ``M000``."""
    return code[2:4] == "35" and code[8:12] == "M000"


def parse(number: object) -> UsccInfo:
    """Read everything off a code, even one whose check character is wrong.

    Raises :class:`~stdnum.exceptions.ValidationError` only when the length or the alphabet is
    wrong; every other problem is listed in ``anomalies`` (see :data:`ANOMALIES`).

    >>> info = parse('91120222MA0699U071')
    >>> info.region_name, info.anomalies
    ('天津市武清县', ('abolished_region',))
    """
    from acctverify.cn import region
    from acctverify.models.identifiers import UsccInfo

    code = compact(number)
    if len(code) != 18:
        raise InvalidLength()
    translated = _translate(code)
    if translated is None:
        raise InvalidFormat()
    expected = ALPHABET[_BASE34_DIGITS.index(chr(_expected(translated)))]
    checksum_valid = expected == code[17]
    authority, entity_type = code[0], code[1]
    authority_names = AUTHORITIES.get(authority)
    type_names = ENTITY_TYPES.get((authority, entity_type))
    region_info = region.lookup(code[2:8])
    org_code = code[8:17]
    org_code_valid = orgcode.is_valid(org_code)

    anomalies: list[str] = []
    if not checksum_valid:
        anomalies.append("checksum_invalid")
        if _is_pilot_pattern(code):
            anomalies.append("pilot_code_pattern")
    if authority_names is None:
        anomalies.append("unknown_authority")
    elif type_names is None:
        anomalies.append("unknown_entity_type")
    if not region_info.known:
        anomalies.append("unknown_region")
    elif region_info.abolished:
        anomalies.append("abolished_region")
    if not org_code_valid:
        anomalies.append("org_code_invalid")
    return UsccInfo(
        code=code,
        checksum_valid=checksum_valid,
        expected_check_character=expected,
        authority=authority,
        authority_name=authority_names[0] if authority_names else None,
        authority_name_en=authority_names[1] if authority_names else None,
        entity_type=entity_type,
        entity_type_name=type_names[0] if type_names else None,
        entity_type_name_en=type_names[1] if type_names else None,
        region_code=code[2:8],
        region_name=region_info.full_name,
        region=region_info,
        org_code=org_code,
        org_code_valid=org_code_valid,
        anomalies=tuple(anomalies),
    )
