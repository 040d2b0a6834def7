"""The message preset: a message folded for matching, with a map back to the original (private).

The steps (scam-signals.md §5.4), each linear in the text:

1. NFKC, character by character (full-width ``１３８``, circled ``①``, ``ＶＸ``, ``℡`` …),
   when the text has a character NFKC would change into a Latin letter, digit, symbol or
   Chinese character; ``…`` stays one character. The everyday full-width punctuation of
   Chinese text (``，：（）！？；``) is not folded: every pattern reads it as it is.
   Traditional → simplified Chinese (OpenCC ``t2s``), always: every table is written in simplified
   script, and a scam in traditional script is the same scam. A conversion that would change the
   length is made character by character, so offsets stay one for one. Lone surrogates become
   U+FFFD. Latin lower-case.
2. Junk removed between characters: invisible characters everywhere; runs of at most three spaces
   and symbols (``★ · * ~ |`` …) between two Chinese characters, between a Chinese character and
   a Latin letter or digit, or — with a symbol among them, not plain spaces — between two Latin
   letters or digits. Separators that mean something (``_ - . /``) are never junk.
   ``138 1234 5678`` keeps its spaces (the number finder reads them as separators);
   ``138★1234★5678`` and ``微 信`` lose their junk; a mask such as ``138****5678`` (four symbols)
   stays broken.
3. Runs of seven or more Chinese numerals and digits become digits: ``一三八一二三四五六七八``,
   ``壹叁捌…``, ``幺`` = 1, ``两`` = 2. Shorter runs (``一下``, ``三天``) stay.

One pass over the text tells which steps it needs; most messages need none or one. Only step 1's
rare expansions (``℡`` → ``tel``) and step 2's deletions change the length; both record segments,
so every normalised index maps back to exactly one original character.

>>> n = fold_message('加 V信：１３８★１２３４★５６７８')
>>> n.text
'加v信:13812345678'
>>> start = n.text.index('138')
>>> n.to_original(start, start + 11)
(5, 18)
>>> fold_message('一三八一二三四五六七八，一下').text
'13812345678，一下'
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable
from typing import Any

from acctverify._regex import compile_pattern
from acctverify._unicode._chars import (
    INVISIBLE_CHARACTERS,
    has_traditional,
    is_han,
    replace_surrogates,
    t2s,
)

__all__ = ["JUNK_SYMBOLS", "MIN_NUMERAL_RUN", "NormalisedText", "fold_message"]

#: Characters NFKC would expand but that are kept as they are (an ellipsis is not three dots).
_KEEP = frozenset("…‥")

#: Symbols people put between the characters of a number or a word to dodge filters.
JUNK_SYMBOLS = frozenset("★☆✩✪✫✬✭✮✯✰⭐✦✧✱✲✳✴✵✶✷✸✹✺❉❋●○◎◇◆□■△▲▽▼♡♥❤♦♣♠✿❀❁❃*·•‧∙・~^`|¦\\#＃♪♫")
_SPACES = frozenset(" \t\u00a0")

_NUMERALS = {
    **dict.fromkeys("〇零", "0"),
    **dict.fromkeys("一壹幺", "1"),
    **dict.fromkeys("二贰貳两", "2"),
    **dict.fromkeys("三叁參参", "3"),
    **dict.fromkeys("四肆", "4"),
    **dict.fromkeys("五伍", "5"),
    **dict.fromkeys("六陆陸", "6"),
    **dict.fromkeys("七柒", "7"),
    **dict.fromkeys("八捌", "8"),
    **dict.fromkeys("九玖", "9"),
}
_NUMERAL_TABLE = str.maketrans(_NUMERALS)
#: Shortest run of numerals (with digits) that is read as a number.
MIN_NUMERAL_RUN = 7

_NUMERAL_CLASS = "".join(_NUMERALS)
_NUMERAL_OR_DIGIT = frozenset(_NUMERAL_CLASS + "0123456789")
#: Where a long run of numerals and digits starts to be looked for: a numeral followed by a numeral
#: or a digit (every run of seven has one, unless its only numeral is its last character). Seeds are
#: extended in both directions.
_NUMERAL_SEED = compile_pattern(
    "normalise.numeral_seed", f"[{_NUMERAL_CLASS}][0-9{_NUMERAL_CLASS}]"
)
_JUNK_CHARS = "".join(sorted(JUNK_SYMBOLS | _SPACES | INVISIBLE_CHARACTERS))


def _class_escape(chars: str) -> str:
    """Escape *chars* for use inside ``[...]`` in both RE2 and :mod:`re`."""
    return "".join("\\" + c if c in "\\]^-[" else c for c in chars)


_JUNK_RUN = compile_pattern("normalise.junk_run", f"[{_class_escape(_JUNK_CHARS)}]+")
_JUNK_SYMBOLS = JUNK_SYMBOLS
_INVISIBLE = INVISIBLE_CHARACTERS


def _is_word(char: str) -> bool:
    return char.isascii() and char.isalnum()


class _Fold(dict[int, Any]):
    """``str.translate`` table: NFKC of each character, computed on first sight."""

    limit = 1 << 16

    def __missing__(self, code: int) -> Any:
        char = chr(code)
        folded = unicodedata.normalize("NFKC", char)
        value: Any = code if folded == char or char in _KEEP else folded
        if len(self) < self.limit:
            self[code] = value
        return value


_FOLD = _Fold()

#: Blocks holding the characters NFKC turns into Latin letters, digits, symbols or Chinese
#: characters (full-width forms, circled and parenthesised numbers, mathematical letters, Kangxi
#: radicals, compatibility ideographs, ligatures, ℡ …). A text with none of them is left as it is:
#: the everyday full-width punctuation of Chinese text (，：（）！？；) and ￥ are read as written
#: by every pattern, so they need not be folded.
_FOLD_BLOCKS = (
    (0x00A0, 0x00A0),
    (0x00A8, 0x00A8),
    (0x00AA, 0x00AA),
    (0x00AF, 0x00AF),
    (0x00B2, 0x00B5),
    (0x00B8, 0x00BA),
    (0x00BC, 0x00BE),
    (0x0132, 0x017F),
    (0x01C4, 0x01F3),
    (0x02B0, 0x02E4),
    (0x1D2C, 0x1DBF),
    (0x1E9A, 0x1E9B),
    (0x2000, 0x200A),
    (0x2011, 0x2011),
    (0x2024, 0x2024),
    (0x2070, 0x209F),
    (0x20A8, 0x20A8),
    (0x2100, 0x218F),
    (0x2460, 0x24FF),
    (0x2776, 0x2793),
    (0x2C7C, 0x2C7D),
    (0x2F00, 0x2FDF),
    (0x3000, 0x3000),
    (0x3200, 0x33FF),
    (0xA7F2, 0xA7F4),
    (0xF900, 0xFB06),
    (0xFE10, 0xFE19),
    (0xFE30, 0xFE6B),
    (0xFF02, 0xFF07),
    (0xFF0A, 0xFF0B),
    (0xFF0D, 0xFF19),
    (0xFF1C, 0xFF1E),
    (0xFF20, 0xFF60),
    (0xFFE0, 0xFFE4),
    (0xFFE6, 0xFFEE),
    (0x107A5, 0x107A5),
    (0x1D400, 0x1D7FF),
    (0x1F100, 0x1F1AD),
    (0x1FBF0, 0x1FBF9),
)
_FOLD_NEEDED = compile_pattern(
    "normalise.fold_needed",
    "["
    + "".join(
        _class_escape(chr(low)) if low == high else f"{_class_escape(chr(low))}-{chr(high)}"
        for low, high in _FOLD_BLOCKS
    )
    + "]",
)


class _Layer:
    """One length-changing step: segments of new positions, each mapping 1:1 onto old ones."""

    __slots__ = ("new", "old")

    def __init__(self) -> None:
        self.new = [0]
        self.old = [0]

    def add(self, new: int, old: int) -> None:
        self.new.append(new)
        self.old.append(old)

    def map(self, index: int) -> int:
        k = bisect_right(self.new, index) - 1
        return self.old[k] + (index - self.new[k])


class NormalisedText:
    """A normalised text and the way back to the original."""

    __slots__ = ("_layers", "original", "text")

    def __init__(self, text: str, original: str, layers: tuple[_Layer, ...] = ()) -> None:
        self.text = text
        """The normalised text."""
        self.original = original
        """The text it was made from."""
        self._layers = layers

    def __repr__(self) -> str:
        return f"NormalisedText({self.text!r})"

    def original_index(self, index: int) -> int:
        """Return the original index of the character at normalised *index*."""
        for layer in reversed(self._layers):
            index = layer.map(index)
        return index

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the normalised span ``[start, end)`` (``start < end``) to the original text."""
        if not self._layers:
            return start, end
        return self.original_index(start), self.original_index(end - 1) + 1

    def span_mapper(self) -> Callable[[int, int], tuple[int, int]] | None:
        """:meth:`to_original` as a function, ``None`` when indexes need no mapping; the common
        case of one length-changing step is mapped directly."""
        if not self._layers:
            return None
        if len(self._layers) > 1:
            return self.to_original
        new, old = self._layers[0].new, self._layers[0].old

        def one_layer(start: int, end: int) -> tuple[int, int]:
            k = bisect_right(new, start) - 1
            first = old[k] + start - new[k]
            k = bisect_right(new, end - 1) - 1
            return first, old[k] + end - new[k]

        return one_layer

    @property
    def identity(self) -> bool:
        """True when indexes in the normalised text are indexes in the original."""
        return not self._layers


def _fold(text: str, layers: list[_Layer]) -> str:
    if _FOLD_NEEDED.python().search(text) is None:
        return text
    folded = text.translate(_FOLD)
    if len(folded) == len(text):
        return folded
    # Some character expanded (℡ -> TEL): record where, using the distinct characters only.
    changing = {c for c in set(text) if isinstance(_FOLD[ord(c)], str) and len(_FOLD[ord(c)]) != 1}
    layer = _Layer()
    pieces = []
    previous = shift = 0
    for index, char in enumerate(text):
        if char not in changing:
            continue
        replacement: str = _FOLD[ord(char)]
        pieces.append(text[previous:index].translate(_FOLD))
        pieces.append(replacement)
        new = index + shift
        for offset in range(1, len(replacement)):
            layer.add(new + offset, index)
        shift += len(replacement) - 1
        layer.add(index + 1 + shift, index + 1)
        previous = index + 1
    pieces.append(text[previous:].translate(_FOLD))
    layers.append(layer)
    return "".join(pieces)


def _char_kind(char: str) -> int:
    """1 for a Chinese character, 2 for a Latin letter or digit, 0 for anything else."""
    if char.isascii():
        return 2 if char.isalnum() else 0
    return int(is_han(char))


class _Kinds(dict[str, int]):
    """:func:`_char_kind` of each character, computed on first sight."""

    limit = 1 << 16

    def __missing__(self, char: str) -> int:
        kind = _char_kind(char)
        if len(self) < self.limit:
            self[char] = kind
        return kind


_CHAR_KINDS = _Kinds()


def _drop_junk(text: str, layers: list[_Layer], invisible: bool = True) -> str:
    """Remove junk between characters (see the module docstring); *invisible*: the text may hold
    invisible characters."""
    deletions: list[tuple[int, int]] = []
    size = len(text)
    kinds = _CHAR_KINDS
    for match in _JUNK_RUN.python().finditer(text):
        start, end = match.span()
        run = visible = match.group()
        if invisible and not _INVISIBLE.isdisjoint(run):
            visible = "".join(c for c in run if c not in _INVISIBLE)
            if not visible:
                deletions.append((start, end))
                continue
        if start and end < size and len(visible) <= 3:
            left, right = text[start - 1], text[end]
            left_kind, right_kind = kinds[left], kinds[right]
            # between Chinese characters, or a Chinese character and a Latin letter or digit:
            # spaces and symbols; between two Latin letters or digits: only with a symbol
            if (
                left_kind
                and right_kind
                and (left_kind == 1 or right_kind == 1 or not _JUNK_SYMBOLS.isdisjoint(visible))
            ):
                deletions.append((start, end))
                continue
        if visible is not run:
            deletions.extend(
                (start + i, start + i + 1) for i, c in enumerate(run) if c in _INVISIBLE
            )
    if not deletions:
        return text
    layer = _Layer()
    new, old = layer.new, layer.old
    pieces = []
    previous = removed = 0
    for start, end in deletions:
        pieces.append(text[previous:start])
        previous = end
        removed += end - start
        new.append(end - removed)
        old.append(end)
    pieces.append(text[previous:])
    layers.append(layer)
    return "".join(pieces)


def _numerals(text: str) -> str:
    """Turn runs of at least seven Chinese numerals and digits into digits."""
    pieces = []
    previous = 0
    size = len(text)
    for match in _NUMERAL_SEED.python().finditer(text):
        start, end = match.span()
        if start < previous:
            continue
        while start > previous and text[start - 1] in _NUMERAL_OR_DIGIT:
            start -= 1
        while end < size and text[end] in _NUMERAL_OR_DIGIT:
            end += 1
        if end - start < MIN_NUMERAL_RUN:
            continue
        pieces.append(text[previous:start])
        pieces.append(text[start:end].translate(_NUMERAL_TABLE))
        previous = end
    if not pieces:
        return text
    pieces.append(text[previous:])
    return "".join(pieces)


def fold_message(text: str, *, simplify: bool = True) -> NormalisedText:
    """Return *text* folded for matching, with the map back to the original.

    >>> fold_message('ＶＸ：ｗｘ＿ｋｅｆｕ８８８').text
    'vx:wx_kefu888'
    >>> fold_message('安 全★账 户').text
    '安全账户'
    >>> fold_message('請勿轉賬到安全賬戶').text
    '请勿转账到安全账户'
    >>> fold_message(12)
    Traceback (most recent call last):
        ...
    TypeError: normalise() expects str, got int

    *simplify* (default True) converts traditional characters to simplified ones.
    """
    if not isinstance(text, str):
        raise TypeError(f"normalise() expects str, got {type(text).__name__}")
    layers: list[_Layer] = []
    current = text
    if current.isascii():
        ascii_marks = _ASCII_MARKS.python().findall(current)
        if not ascii_marks:
            return NormalisedText(current, text)
        current = current.lower()
        if not _JUNK_SET.isdisjoint(ascii_marks):
            current = _drop_junk(current, layers)
        return NormalisedText(current, text, tuple(layers))
    current = replace_surrogates(current)  # RE2 and OpenCC need valid UTF-8
    # one pass finds which steps the text needs
    marks = "".join(set(_MARKS.findall(current)))
    if not marks and not (simplify and has_traditional(current)):
        return NormalisedText(current, text)
    if _FOLD_NEEDED.python().search(marks) is not None:
        current = _fold(current, layers)
        marks = "".join(set(_MARKS.findall(current)))
    if simplify and has_traditional(current):
        current = _simplify(current)
    if not _UPPER.isdisjoint(marks):
        # a few letters (İ) lower-case to two characters: then lower-case Latin letters only
        lowered = current.lower()
        current = lowered if len(lowered) == len(current) else current.translate(_ASCII_LOWER)
    if not _JUNK_SET.isdisjoint(marks):
        current = _drop_junk(current, layers, not _INVISIBLE.isdisjoint(marks))
    if not _NUMERAL_SET.isdisjoint(marks):
        current = _numerals(current)
    return NormalisedText(current, text, tuple(layers))


_ASCII_LOWER = {code: code + 32 for code in range(ord("A"), ord("Z") + 1)}
_UPPER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_JUNK_SET = frozenset(_JUNK_CHARS)
_NUMERAL_SET = frozenset(_NUMERAL_CLASS)
_ASCII_MARKS = compile_pattern(
    "normalise.ascii_marks", f"[A-Z{_class_escape(''.join(c for c in _JUNK_CHARS if c.isascii()))}]"
)
#: Characters that call for a step: junk, upper-case Latin, Chinese numerals, characters NFKC
#: changes. (Traditional script needs no mark: it is always converted.)
_MARKS = re.compile(
    "[" + _FOLD_NEEDED.source[1:-1] + _class_escape(_JUNK_CHARS + _NUMERAL_CLASS) + "A-Z]"
)


def _simplify(text: str) -> str:
    """Traditional to simplified Chinese; character by character where converting whole phrases
    would change the length (offsets must stay one for one)."""
    converted = t2s(text)
    if converted == text:
        return text  # the same object: the scanner knows nothing was changed
    if len(converted) == len(text):
        return converted
    return "".join(
        single if len(single := t2s(char)) == 1 else char for char in text
    )  # pragma: no cover - OpenCC's t2s phrases keep their length
