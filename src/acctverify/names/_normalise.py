"""Spoofing signs in names: characters that have no legitimate use in a registered name (private).

Spoofing signs are looked for on the original string, *before* NFKC: NFKC folds Kangxi radicals,
compatibility ideographs and styled letters into ordinary characters, which is exactly what a
look-alike relies on. The comparison form itself is :func:`acctverify._unicode.fold_name`.
"""

from __future__ import annotations

import unicodedata
from collections import Counter

from acctverify._lookalike import glyph_targets
from acctverify._unicode import INVISIBLE_CHARACTERS, is_han, replace_surrogates
from acctverify._unicode._name import BRACKETS, DOTS
from acctverify.models.names import SpoofSign

#: Longest name analysed. Real registered names (with a branch tail) stay well under 100
#: characters; anything longer is analysed up to here and reported (``truncated``, reason LONG).
MAX_NAME_LENGTH = 256

#: Spoofing-sign kind -> (Chinese, English) description. Codes are stable public API.
SPOOF_KINDS: dict[str, tuple[str, str]] = {
    "hidden_character": (
        "不可见字符（零宽字符、格式控制符、控制字符、填充符）",
        "invisible character (zero-width, format or control character, filler)",
    ),
    "bidi_control": (
        "双向文本控制符（可改变显示顺序）",
        "bidirectional control (reorders display)",
    ),
    "mixed_script": (
        "混用其他文字的字母（如西里尔/希腊字母冒充拉丁字母，片假名/韩文混入汉字名称）",
        "letter of another script (Cyrillic/Greek posing as Latin, Katakana/Hangul in a Han name)",
    ),
    "compatibility_ideograph": (
        "康熙部首、部首补充、笔画或兼容汉字（NFKC 会把它们折叠为普通汉字）",
        "Kangxi radical, radical supplement, stroke or compatibility ideograph (NFKC folds them)",
    ),
    "compatibility_character": (
        "兼容字符（花体字母、连字、带圈字符等，NFKC 会折叠）",
        "compatibility character (styled letter, ligature, enclosed form; NFKC folds it)",
    ),
    "combining_mark": ("附加在汉字或无法组合的字符上的组合符号", "stray combining mark"),
    "confusable_symbol": (
        "与汉字形似的符号（如 □ 冒充 口，— 冒充 一）",
        "symbol shaped like a Han character (□ for 口, — for 一)",
    ),
    "mixed_traditional": (
        "简体名称中夹杂个别繁体字",
        "single traditional characters inside a simplified name",
    ),
    "private_use": ("私用区字符，无法核验", "private-use character: cannot be verified"),
    "unassigned": ("未分配的码位或孤立代理项，无法核验", "unassigned code point or lone surrogate"),
}

#: Kinds that make a name unverifiable (NOAP / UNSC) rather than spoofed.
UNVERIFIABLE_KINDS = frozenset({"private_use", "unassigned"})
#: Kinds that count only when the other name does not share the character (see ``_match``).
SOFT_KINDS = frozenset({"mixed_traditional"})

_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_HIDDEN = (INVISIBLE_CHARACTERS - _BIDI) | frozenset("\u2800\u3164\u115f\u1160")

# Symbols shaped like Han characters (flagged in names that contain Han characters).
SYMBOL_LOOKALIKES = {
    "□": "口",
    "▯": "口",
    "◻": "口",
    "—": "一",
    "―": "一",
    "─": "一",
    "━": "一",
    "ㄧ": "一",
    "〡": "丨",
}


def _compat_ideograph(char: str, code: int) -> str | None:
    """Return a detail when *char* is a radical, stroke or compatibility ideograph."""
    if 0x2F00 <= code <= 0x2FDF:
        return "Kangxi radical"
    if 0x2E80 <= code <= 0x2EFF:
        return "CJK radical supplement"
    if 0x31C0 <= code <= 0x31EF:
        return "CJK stroke"
    if (0xF900 <= code <= 0xFAFF or 0x2F800 <= code <= 0x2FA1F) and not is_han(char):
        return "CJK compatibility ideograph"
    if 0x3200 <= code <= 0x33FF and unicodedata.normalize("NFKC", char) != char:
        return "enclosed or compatibility CJK form"
    return None


def _script(char: str) -> str | None:
    """Return the script of a letter or non-ASCII digit, or None for anything else."""
    if char.isascii():
        return "Latin" if char.isalpha() else None
    if is_han(char):
        return "Han"
    category = unicodedata.category(char)
    if not (category.startswith("L") or category == "Nd" or char == "ー"):
        return None
    folded = unicodedata.normalize("NFKC", char)
    if folded.isascii():  # full-width Latin letters and digits
        return "Latin" if folded.isalpha() else None
    name = unicodedata.name(char, "")
    word = name.split(" ", 1)[0]
    if word in ("CJK", "IDEOGRAPHIC") and "IDEOGRAPH" in name:
        return "Han"
    if word.startswith(("KATAKANA", "HIRAGANA", "HALFWIDTH")):
        return "Hangul" if "HANGUL" in name else "Kana"
    return word.title() or "Unknown"


def _sign(kind: str, char: str, position: int, detail: str) -> SpoofSign:
    return SpoofSign(
        kind=kind,
        char=replace_surrogates(char),
        codepoint=f"U+{ord(char):04X}",
        position=position,
        detail=detail,
    )


def _name(char: str) -> str:
    return unicodedata.name(char, "")


def scan(text: str) -> tuple[SpoofSign, ...]:
    """Return the spoofing signs in *text* (which the caller has already capped)."""
    signs: list[SpoofSign] = []
    flagged: set[int] = set()
    letters: list[tuple[int, str, str]] = []
    has_han = False
    previous = ""
    for index, char in enumerate(text):
        code = ord(char)
        if code < 0x80:
            if (code < 0x20 or code == 0x7F) and not char.isspace():
                signs.append(_sign("hidden_character", char, index, "control character"))
                flagged.add(index)
            elif char.isalpha():
                letters.append((index, char, "Latin"))
            previous = char
            continue
        if 0x4E00 <= code <= 0x9FFF:
            has_han = True
            letters.append((index, char, "Han"))
            previous = char
            continue
        category = unicodedata.category(char)
        kind = detail = None
        if char in _BIDI:
            kind, detail = "bidi_control", _name(char)
        elif (
            char in _HIDDEN
            or category == "Cf"
            or (category == "Cc" and not char.isspace())
            or 0xE0100 <= code <= 0xE01EF
        ):
            kind, detail = "hidden_character", _name(char) or "control character"
        elif category == "Co":
            kind, detail = "private_use", "private use area"
        elif category == "Cs":
            kind, detail = "unassigned", "lone surrogate"
        elif category == "Cn":
            kind, detail = "unassigned", "unassigned or noncharacter code point"
        elif (compat := _compat_ideograph(char, code)) is not None:
            folded = unicodedata.normalize("NFKC", char)
            kind, detail = "compatibility_ideograph", f"{compat}, read as {folded}"
        elif category in ("Mn", "Me"):
            if not previous or len(unicodedata.normalize("NFC", previous + char)) != 1:
                kind, detail = "combining_mark", _name(char)
        elif not (0xFF00 <= code <= 0xFFEF or char in BRACKETS or char in DOTS):
            folded = unicodedata.normalize("NFKC", char)
            if folded != char and not folded.isspace():
                kind, detail = "compatibility_character", f"{_name(char)}, read as {folded}"
        if kind is not None and detail is not None:
            signs.append(_sign(kind, char, index, detail))
            flagged.add(index)
        else:
            script = _script(char)
            if script is not None:
                has_han = has_han or script == "Han"
                letters.append((index, char, script))
        previous = char
    signs.extend(_mixed_scripts(text, letters, has_han, flagged))
    signs.sort(key=lambda sign: sign.position)
    return tuple(signs)


def _mixed_scripts(
    text: str, letters: list[tuple[int, str, str]], has_han: bool, flagged: set[int]
) -> list[SpoofSign]:
    """Flag letters of a script that does not belong with the others, and Han-shaped symbols."""
    signs: list[SpoofSign] = []
    if has_han:
        allowed = {"Han", "Latin"}
        for index, char in enumerate(text):
            if char in SYMBOL_LOOKALIKES and index not in flagged:
                signs.append(
                    _sign(
                        "confusable_symbol", char, index, f"{_name(char)}, shaped like "
                        f"{SYMBOL_LOOKALIKES[char]}"
                    )
                )  # fmt: skip
    else:
        counts = Counter(script for _, _, script in letters)
        if len(counts) < 2:
            return signs
        top = max(counts.values())
        majority = sorted(s for s, n in counts.items() if n == top)
        allowed = {"Latin"} if "Latin" in majority else {majority[0]}
    targets = glyph_targets()
    for index, char, script in letters:
        if script not in allowed:
            folded = unicodedata.normalize("NFKC", char).lower()
            poses_as = targets.get(folded)
            detail = f"{script} letter in a {'/'.join(sorted(allowed))} name"
            if poses_as:
                detail += f", shaped like {poses_as}"
            signs.append(_sign("mixed_script", char, index, detail))
    return signs
