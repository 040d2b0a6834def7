"""Read the licence fields off OCR lines by their layout (private; pure, no imaging libraries).

A licence prints each field as a label followed by its value on the same row (``名　　称
深圳市某某科技有限公司``), in one or two columns, long values wrapping under their first line
(licence.md §1.2). The OCR engine returns text lines with their corner points; this module turns
the page upright (a photo may be sideways or slightly skewed), finds the labels — also when the
engine splits a spaced-out label (``住``, ``所``), glues it to its value, or reads the column of
label characters top to bottom as one line (``名类住``) — and collects each value to the right of
its label, with the lines that continue it below.

Photos add what the form does not print: watermarks, the 须知 panel or the annual-report
reminder beside the fields, the next field's value under a name. A value is cut where such text
joins it, and the name, the one field a reader checks first, is also found without its label:
the line at the top of the field block that ends in a legal form (有限公司, 厂, 经营部 …).
"""

from __future__ import annotations

import bisect
import math
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from acctverify._unicode import squeeze as _nfkc_squeeze
from acctverify.cn import uscc as uscc_module

__all__ = [
    "LABELS",
    "TURN_MARGIN",
    "Found",
    "Layout",
    "Token",
    "choose",
    "clean_name",
    "read_layout",
]

#: Printed label -> Licence attribute (None: a label with no attribute). Longest labels first, so
#: that 主要经营场所 wins over 经营场所. Labels by entity type: licence.md §1.2; 公司类型,
#: 企业类型 and 字号名称 are printed on the pre-2014 forms.
LABELS: tuple[tuple[str, str | None], ...] = (
    ("统一社会信用代码", "uscc"),
    ("执行事务合伙人", "legal_representative"),
    ("主要经营场所", "address"),
    ("成员出资总额", "registered_capital"),
    ("法定代表人", "legal_representative"),
    ("经营场所", "address"),
    ("营业场所", "address"),
    ("注册资本", "registered_capital"),
    ("成立日期", "established"),
    ("注册日期", "established"),
    ("营业期限", "business_term_end"),
    ("经营期限", "business_term_end"),
    ("经营范围", "business_scope"),
    ("业务范围", "business_scope"),
    ("登记机关", "registration_authority"),
    ("组成形式", None),
    ("实收资本", None),
    ("公司类型", "entity_type"),
    ("企业类型", "entity_type"),
    ("字号名称", "name"),
    ("经营者", "legal_representative"),
    ("负责人", "legal_representative"),
    ("投资人", "legal_representative"),
    ("注册号", "uscc"),
    ("名称", "name"),
    ("类型", "entity_type"),
    ("住所", "address"),
)
_FIELD_OF = dict(LABELS)
#: Fields whose value may wrap onto further lines.
_MULTILINE = {"name", "entity_type", "address", "business_scope", "registration_authority"}
_AUTHORITY = re.compile(r"(局|委员会|管理所|办公室|政府|分局)$|市场监督管理|工商行政管理|行政审批")
_PUNCT = "：:;；,，.。·•|丨"
#: Runs of code characters: a credit code is a run of exactly 18, a 注册号 of 15 digits (13
#: before 2007).
_RUN = re.compile(r"[0-9A-Z]+")
_DIGITS = re.compile(r"[0-9]+")
_HEAD = re.compile(r"[0-9A-Z]+")
#: Letters that never occur in a credit code, read for the digit they resemble.
_NOT_IN_CODE = str.maketrans({"O": "0", "I": "1", "Z": "2", "S": "5"})
#: A 注册号 begins with the code of a registering authority, a region code (11-65) or 100000:
#: a digit run beginning 7, 8 or 9 is a credit code cut short, not a 注册号.
_REGNO_FIRST = "123456"

#: Characters of the labels printed in the label column (not 统一社会信用代码, which heads the
#: page): a tall token made only of them is that column read top to bottom (``名类住``).
_LABEL_CHARS = frozenset("".join(label for label, _ in LABELS if len(label) <= 6))
#: What OCR reads a table rule or a speck at the end of a column as.
_SPECKS = "一丨|、"
#: A two-character label is printed spread out (名　　称); OCR may miss one of its characters.
_HALVES = {char: label for label, _ in LABELS if len(label) == 2 for char in label}
#: The second character of a spread-out label, which OCR may glue to the value it stands before
#: (``称深圳市某某有限公司``).
_SECOND = {label[1]: label for label, _ in LABELS if len(label) == 2 and _FIELD_OF[label]}

#: The legal forms of a company name, longest first; what follows one in a name is a branch.
_COMPANY = re.compile(r"股份有限公司|有限责任公司|有限公司")
#: How the name of a branch or office of a company ends (…有限公司朝阳分公司).
_BRANCH = re.compile(
    r"(分公司|分店|分厂|分部|分社|分行|支行|经营部|营业部|门市部|服务部|办事处|代表处"
    r"|项目部|加油站|分中心|分院)$"
)
#: How a name ends: its legal form or the kind of business (licence.md §1.3).
_NAME_END = re.compile(
    r"(公司|厂|店|经营部|营业部|门市部|服务部|批发部|商行|商社|合作社|联合社|事务所|工作室"
    r"|中心|企业|超市|诊所|药房|办事处|代表处|研究所|[(（](有限|普通)合伙[)）])$"
)
#: The value of 类型 (an entity type), which OCR may read into the line of the name above it.
_ENTITY_TYPE = re.compile(
    r"^(其他|私营)?(股份有限公司|有限责任公司|股份合作制|全民所有制|集体所有制"
    r"|个体工商户|个人独资企业|普通合伙企业|有限合伙企业|合伙企业|农民专业合作社|分公司)"
)
#: Latin letters glued after a name that has ended in its legal form are a site's watermark
#: (``EXAMPLE.COM``), never part of the name.
_LATIN = re.compile(r"[A-Za-z]")
#: How much wider a gap between the parts of one value may be than a character's height.
_GAP = 3.0
#: A token this many times taller than the row is a watermark or a column, not a value.
_TALL = 1.8


@dataclass(frozen=True)
class Token:
    """An OCR line in the upright, deskewed page frame."""

    text: str
    """As read, without white space."""
    norm: str
    """For finding labels: NFKC, without white space and punctuation."""
    score: float
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def height(self) -> float:
        return max(self.y1 - self.y0, 1.0)

    @property
    def width(self) -> float:
        return max(self.x1 - self.x0, 1.0)

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass(frozen=True)
class Found:
    """A field value found: the label, the text and the lowest confidence of its lines."""

    field: str
    label: str
    value: str
    confidence: float


@dataclass(frozen=True)
class Layout:
    """What the layout gave: fields, labels in reading order, and how well it read.

    ``score`` counts the fields and labels found plus the evidence that the page is upright
    (:func:`choose` compares the four orientations by it); ``upright`` is that evidence alone.
    """

    fields: tuple[Found, ...]
    labels: tuple[str, ...]
    rotation: int
    score: int
    upright: int = 0


def normalise(text: str) -> str:
    """NFKC, without white space and label punctuation: ``名　称：`` -> ``名称``."""
    return "".join(ch for ch in _nfkc_squeeze(text) if ch not in _PUNCT)


def squeeze(text: str) -> str:
    """The text without white space (OCR reads the spread-out ``名　　称`` with spaces)."""
    return "".join(text.split())


def after_label(text: str, label: str) -> str:
    """What follows *label* in *text*, where punctuation may separate the label's characters.

    >>> after_label("法定代表人：林某某", "法定代表人")
    '林某某'
    >>> after_label("名·称:某某有限公司", "名称")
    '某某有限公司'
    """
    index = 0
    for char in label:
        while index < len(text) and normalise(text[index]) == "":
            index += 1
        if index >= len(text) or normalise(text[index]) != char:
            return text
        index += 1
    rest = text[index:]
    while rest and not normalise(rest[0]):
        rest = rest[1:]
    return rest


def _turn(
    point: tuple[float, float], rotation: int, width: int, height: int
) -> tuple[float, float]:
    """Where *point* lands when the image is turned *rotation* degrees clockwise."""
    x, y = point
    if rotation == 90:
        return height - y, x
    if rotation == 180:
        return width - x, height - y
    if rotation == 270:
        return y, width - x
    return x, y


def _skew(quads: Sequence[Sequence[tuple[float, float]]]) -> float:
    """The median angle (radians) of the long edges of wide boxes: the page's skew."""
    angles = []
    for quad in quads:
        (ax, ay), (bx, by) = quad[0], quad[1]
        (dx, dy) = quad[3]
        top = math.hypot(bx - ax, by - ay)
        side = math.hypot(dx - ax, dy - ay)
        if top > 3 * side:
            angle = math.atan2(by - ay, bx - ax)
        elif side > 3 * top:
            angle = math.atan2(dy - ay, dx - ax) - math.pi / 2
        else:
            continue
        # Fold into (-45°, 45°]: the direction of reading is settled by the coarse rotation.
        while angle > math.pi / 4:
            angle -= math.pi / 2
        while angle <= -math.pi / 4:
            angle += math.pi / 2
        angles.append(angle)
    return statistics.median(angles) if angles else 0.0


def tokens(
    lines: Sequence[tuple[Sequence[tuple[float, float]], str, float]],
    *,
    rotation: int,
    width: int,
    height: int,
) -> list[Token]:
    """Turn OCR lines (corner points, text, confidence) into tokens on the upright page."""
    quads = [[_turn(p, rotation, width, height) for p in quad] for quad, _, _ in lines]
    angle = _skew(quads)
    cos, sin = math.cos(-angle), math.sin(-angle)
    out: list[Token] = []
    for quad, (_, text, score) in zip(quads, lines, strict=True):
        points = [(x * cos - y * sin, x * sin + y * cos) for x, y in quad]
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        norm = normalise(text)
        if norm:
            out.append(Token(squeeze(text), norm, score, min(xs), min(ys), max(xs), max(ys)))
    return out


def _split_columns(items: list[Token]) -> list[Token]:
    """The tokens, with each column of label characters split into one token a character.

    The labels of a portrait licence stand in a column, each spread over the row (``名　　称``);
    OCR may read the column's first characters top to bottom as one tall line (``名类住``). A
    token taller than wide that holds only label characters is cut into equal slices, one per
    character, each on the row of its label.
    """
    out: list[Token] = []
    for token in items:
        if not _is_column(token):
            out.append(token)
            continue
        chars = token.norm.strip(_SPECKS)
        step = token.height / len(chars)
        for k, char in enumerate(chars):
            top = token.y0 + k * step
            out.append(Token(char, char, token.score, token.x0, top, token.x1, top + step))
    return out


def _is_column(token: Token) -> bool:
    """Whether *token* is a column of label characters read top to bottom."""
    chars = token.norm.strip(_SPECKS)
    return (
        len(token.norm) >= 2
        and bool(chars)
        and token.height >= 1.5 * token.width
        and all(ch in _LABEL_CHARS for ch in chars)
    )


def _same_row(a: Token, b: Token) -> bool:
    overlap = min(a.y1, b.y1) - max(a.y0, b.y0)
    return overlap > 0.5 * min(a.height, b.height)


class _Rows:
    """Which tokens share a row with a given one, or start in a band of heights: the tokens are
    sorted by their top once, so that each question looks only at the tokens near it (a very tall
    token, a watermark or a column, is checked every time)."""

    def __init__(self, items: list[Token]) -> None:
        self.items = items
        typical = statistics.median(token.height for token in items) if items else 1.0
        self._reach = 4 * typical
        short = [i for i, token in enumerate(items) if token.height <= self._reach]
        self._tall = [i for i, token in enumerate(items) if token.height > self._reach]
        self._order = sorted(short, key=lambda i: items[i].y0)
        self._tops = [items[i].y0 for i in self._order]

    def starting(self, top: float, bottom: float) -> list[int]:
        """Indexes of the tokens whose top is in [*top*, *bottom*)."""
        lo = bisect.bisect_left(self._tops, top)
        hi = bisect.bisect_left(self._tops, bottom)
        tall = [i for i in self._tall if top <= self.items[i].y0 < bottom]
        return self._order[lo:hi] + tall

    def of(self, token: Token) -> list[int]:
        """Indexes of the tokens on *token*'s row (*token* itself included, if it is one)."""
        lo = bisect.bisect_right(self._tops, token.y0 - self._reach)
        hi = bisect.bisect_left(self._tops, token.y1)
        near = self._order[lo:hi] + self._tall
        return [i for i in near if _same_row(token, self.items[i])]


def _label_at(text: str) -> str | None:
    return next((label for label, _ in LABELS if text.startswith(label)), None)


@dataclass(frozen=True)
class _Label:
    label: str
    rest: str
    first: Token
    last: Token
    score: float
    lone: bool = False
    """Only one character of a two-character label was read (``名`` for 名称)."""

    @property
    def x0(self) -> float:
        return self.first.x0

    @property
    def x1(self) -> float:
        return self.last.x1 if not self.rest else self.last.x0


def _reading_order(items: list[Token]) -> list[int]:
    """Indexes of *items* row by row, left to right within a row."""
    rows: list[list[int]] = []
    for index in sorted(range(len(items)), key=lambda i: items[i].cy):
        if rows and _same_row(items[rows[-1][0]], items[index]):
            rows[-1].append(index)
        else:
            rows.append([index])
    return [index for row in rows for index in sorted(row, key=lambda i: items[i].x0)]


def _labels(items: list[Token], rows: _Rows) -> tuple[list[_Label], set[int]]:
    """Labels on the page, merging labels split into single characters (``住`` ``所``)."""
    found: list[_Label] = []
    used: set[int] = set()
    order = _reading_order(items)
    for i in order:
        if i in used:
            continue
        token = items[i]
        label = _label_at(token.norm)
        if label is not None:
            found.append(_Label(label, after_label(token.text, label), token, token, token.score))
            used.add(i)
            continue
        if len(token.norm) > 2:
            continue
        # A fragment: join the short tokens to its right on the same row. A spread-out label
        # leaves up to five characters' room between its two characters.
        row = sorted(
            (j for j in rows.of(token) if j not in used and j != i),
            key=lambda j: items[j].x0,
        )
        text, raw, parts = token.norm, token.text, [i]
        joined = False
        for j in row:
            other = items[j]
            if other.x0 < token.x0 or other.x0 - items[parts[-1]].x1 > 6 * token.height:
                continue
            text += other.norm
            raw += other.text
            parts.append(j)
            label = _label_at(text)
            if label is not None:
                last = items[j]
                rest = after_label(raw, label)
                score = min(items[k].score for k in parts)
                found.append(_Label(label, rest, token, last, score))
                used.update(parts)
                joined = True
                break
            if len(other.norm) > 2 or len(parts) > 4:
                break
        if not joined:
            neighbours = [items[j] for j in rows.of(token) if j != i]
            lone = _lone_label(token, neighbours)
            if lone is not None:
                found.append(_Label(lone, "", token, token, token.score, lone=True))
                used.add(i)
    return found, used


def _lone_label(token: Token, row: list[Token]) -> str | None:
    """The two-character label a lone character stands for, when it stands where labels do:
    nothing just left of it, and a value to its right."""
    label = _HALVES.get(token.norm)
    if label is None:
        return None
    left = any(other.x0 < token.x0 and other.x1 > token.x0 - 3 * token.height for other in row)
    right = any(other.x0 > token.x1 for other in row)
    return label if right and not left else None


def _remnant_labels(
    items: list[Token], rows: _Rows, found: list[_Label], used: set[int]
) -> list[_Label]:
    """Labels whose first character was not read at all and whose second is glued to the value
    (``称深圳市某某有限公司``, ``所某某路1号``): a token that begins with the second character of
    a two-character label whose field has no label found, with nothing but label characters left
    of it on its row. Only tokens that no value took are looked at (*used*: labels and values),
    so that a wrapped line of another value (``型材加工…`` in 经营范围) is never one; the tokens
    taken as labels are added to *used*."""
    seen = {_FIELD_OF[label.label] for label in found}
    out: list[_Label] = []
    for j in sorted(range(len(items)), key=lambda k: items[k].y0):
        token = items[j]
        label = _SECOND.get(token.norm[:1])
        if j in used or label is None or _FIELD_OF[label] in seen or len(token.norm) < 3:
            continue
        left = [items[k] for k in rows.of(token) if k != j and items[k].x0 < token.x0]
        if all(all(ch in _LABEL_CHARS for ch in o.norm) for o in left):
            rest = after_label(token.text, label[1])
            out.append(_Label(label, rest, token, token, token.score))
            seen.add(_FIELD_OF[label])
            used.add(j)
    return out


def _row_parts(
    label: _Label, labels: list[_Label], items: list[Token], rows: _Rows, used: set[int]
) -> list[int]:
    """The tokens of the value on the label's row: right of the label, before the next label on
    the row, no taller than a row, one line (of lines stacked over each other beside a tall label,
    the top one: the others continue it), and without a gap wider than a few characters between
    them (the 须知 panel or a watermark further right is not part of the value)."""
    anchor = label.last
    stops = [other.x0 for other in labels if other is not label and _same_row(other.first, anchor)]
    stop = min((x for x in stops if x > label.x0), default=math.inf)
    row = sorted(
        (
            j
            for j in rows.of(anchor)
            if j not in used
            and items[j].x0 >= label.x1 - anchor.height
            and items[j].x0 < stop
            and items[j].height <= _TALL * anchor.height
        ),
        key=lambda j: items[j].y0,
    )
    line: list[int] = []
    for j in row:
        token = items[j]
        if not any(_overlap_x(token, items[k]) for k in line):
            line.append(j)
    parts: list[int] = []
    right = label.last.x1 if label.rest else -math.inf
    for j in sorted(line, key=lambda j: items[j].x0):
        token = items[j]
        if (parts or label.rest) and token.x0 - right > _GAP * anchor.height:
            break
        parts.append(j)
        right = max(right, token.x1)
    return parts


def _overlap_x(a: Token, b: Token) -> bool:
    """Whether *a* and *b* stand over each other (share much of their width)."""
    return min(a.x1, b.x1) - max(a.x0, b.x0) > 0.3 * min(a.width, b.width)


def _value(
    label: _Label, labels: list[_Label], items: list[Token], rows: _Rows, used: set[int]
) -> tuple[str, float, set[int]] | None:
    """The value right of *label* (up to the next label on the row), and its continuation."""
    anchor = label.last
    taken: set[int] = set()
    stops = [other.x0 for other in labels if other is not label and _same_row(other.first, anchor)]
    stop = min((x for x in stops if x > label.x0), default=math.inf)
    parts = [label.rest] if label.rest else []
    scores = [label.score] if label.rest else []
    for j in _row_parts(label, labels, items, rows, used):
        parts.append(items[j].text)
        scores.append(items[j].score)
        taken.add(j)
    if not parts:
        return None
    field = _FIELD_OF[label.label]
    if field in _MULTILINE:
        left = items[min(taken, key=lambda j: items[j].x0)].x0 if taken else label.last.x0
        bottom = max([items[j].y1 for j in taken] + [anchor.y1])
        height = anchor.height
        line = max((items[j].height for j in taken), default=height)
        if height > 1.3 * line:
            # A label cut from a column is as tall as its row; the value's line sets the pitch.
            bottom = max(items[j].y1 for j in taken)
            height = line
        below = [o for o in labels if o is not label and o.first.y0 > anchor.cy]
        while True:
            nxt = [
                j
                for j in rows.starting(bottom - 0.3 * height, bottom + 0.9 * height)
                if j not in used
                and j not in taken
                and abs(items[j].x0 - left) < 1.5 * height
                and items[j].x0 < stop
                and items[j].height <= _TALL * height
                and items[j].norm not in _HALVES
                and not _in_label_column(items[j], label, rows)
            ]
            blocked = any(
                o.first.y0 < bottom + height and o.x0 < left and o.x1 > label.x0 - height
                for o in below
                if o.first.y0 >= bottom - 0.3 * height
            )
            if not nxt or blocked:
                break
            j = min(nxt, key=lambda k: items[k].y0)
            if field == "name" and not _continues_name("".join(parts), items[j].norm):
                break
            parts.append(items[j].text)
            scores.append(items[j].score)
            taken.add(j)
            bottom = items[j].y1
    # A stray mark before the value (a speck read as "、") is not part of it.
    return "".join(parts).lstrip(_PUNCT + "、，"), min(scores), taken


def _continues_name(name: str, line: str) -> bool:
    """Whether *line* below a name continues it: a name that has not reached its legal form
    always does (…股份 / 有限公司); one that has goes on only with the branch it names
    (…有限公司 / 朝阳分公司), never with the entity type printed under it."""
    if not _NAME_END.search(name):
        return True
    if _ENTITY_TYPE.match(line):
        return False
    if _COMPANY.search(name) and name.endswith("公司"):
        return bool(_BRANCH.search(line))
    return True


def _in_label_column(token: Token, label: _Label, rows: _Rows) -> bool:
    """Whether something stands left of *token* in the label's column: a wrapped value line has
    nothing there, the next field (its label unread) does."""
    return any(
        other is not token
        and other is not label.first
        and other is not label.last
        and other.x1 <= token.x0 + token.height
        and other.x0 >= label.x0 - label.last.height
        for other in (rows.items[j] for j in rows.of(token))
    )


def _label_edge(label: _Label, labels: list[_Label]) -> float | None:
    """Where the label column ends: the right edge of the labels read whole in the same column
    (a spread-out label ends there too, its second character right-aligned). The credit code's
    label is not one of them: it heads the page, above the column, and is wider."""
    edges = [
        other.last.x1
        for other in labels
        if other is not label
        and _FIELD_OF.get(other.label) != "uscc"
        and not other.rest
        and not other.lone
        and len(other.label) >= 3
        and abs(other.x0 - label.x0) < label.first.height
    ]
    return max(edges) if edges else None


def clean_name(value: str, *, after_lone: bool = False) -> str:
    """The name in *value*, cut where other text joins it.

    *after_lone*: the label was read as its first character alone, so a value beginning with the
    label's second character (``称重庆某某有限公司``) begins with the rest of the label.

    >>> clean_name("某某科技有限公司有限责任公司")
    '某某科技有限公司'
    >>> clean_name("某某科技有限公司朝阳分公司")
    '某某科技有限公司朝阳分公司'
    >>> clean_name("称某某科技有限公司", after_lone=True)
    '某某科技有限公司'
    """
    if after_lone and value.startswith("称") and len(value) > 3:
        value = value[1:].lstrip(_PUNCT)
    match = _COMPANY.search(value)
    if match is not None:
        rest = value[match.end() :]
        if rest and not (len(rest) <= 16 and _BRANCH.search(rest) and _wordy(rest)):
            value = value[: match.end()]
    latin = _LATIN.search(value)
    if latin is not None and _NAME_END.search(value[: latin.start()]):
        # Latin letters after a name that has ended: a watermark glued to it.
        value = value[: latin.start()]
    return value


def _wordy(text: str) -> bool:
    """Whether *text* could be (part of) a name: letters, digits and brackets, no punctuation
    (a sentence of the 经营范围 or a reminder has some)."""
    return all(ch.isalnum() or ch in "()（）·" for ch in text)


def _name_by_evidence(
    items: list[Token], labels: list[_Label], consumed: set[int]
) -> tuple[str, float] | None:
    """The name when its label was not read: the line nearest the top of the field block, on or
    above the first row of other field labels, that ends in a legal form (有限公司, 厂 …) and is
    not an entity type. The top of the block is where most of its labels lie below."""
    block = [
        lab
        for lab in labels
        if _FIELD_OF[lab.label] not in (None, "uscc", "name", "registration_authority")
    ]
    if not block:
        return None
    best: tuple[float, str, float] | None = None
    for j, token in enumerate(items):
        if j in consumed:
            continue
        text = token.text
        if text.startswith("名称"):
            text = after_label(text, "名称")
        name = clean_name(text, after_lone=True)
        core = _COMPANY.sub("", name)
        if (
            len(name) < 4
            or _ENTITY_TYPE.match(name)
            or not _NAME_END.search(name)
            or len(core) < 2
            or not _wordy(name)
        ):
            continue
        below = sum(1 for lab in block if lab.first.cy >= token.cy - 0.5 * token.height)
        if below < 0.75 * len(block):
            continue
        if best is None or token.cy > best[0]:
            best = (token.cy, name, token.score)
    return (best[1], best[2]) if best else None


def _code_text(token: Token) -> str:
    text = token.norm.upper()
    label = _label_at(text)
    return text[len(label) :] if label is not None else text


def _codes_in(text: str, *, short: bool) -> list[str]:
    """Credit codes (18 characters) in *text*, else 注册号 (15 digits; 13 with *short*)."""
    codes = [run.translate(_NOT_IN_CODE) for run in _RUN.findall(text) if len(run) == 18]
    if codes:
        return codes
    lengths = (15, 13) if short else (15,)
    return [run for run in _DIGITS.findall(text) if len(run) in lengths and run[0] in _REGNO_FIRST]


def _code_candidates(
    items: list[Token], rows: _Rows, labels: list[_Label]
) -> list[tuple[str, int]]:
    """Codes on the page with the token each begins in. A 13-digit 注册号 (before 2007, no check
    digit) is taken only on the row of a 注册号 label: elsewhere 13 digits are anything. A run
    split over two tokens of one row (the engine cut the line) is joined."""
    regno_rows = [lab.last for lab in labels if lab.label == "注册号"]
    out: list[tuple[str, int]] = []
    texts = [_code_text(token) for token in items]
    for index, token in enumerate(items):
        short = any(_same_row(token, row) for row in regno_rows)
        out.extend((code, index) for code in _codes_in(texts[index], short=short))
        runs = list(_RUN.finditer(texts[index]))
        if not runs or runs[-1].end() != len(texts[index]):
            continue
        tail = runs[-1]
        nxt = [
            j
            for j in rows.of(token)
            if j != index and 0 <= items[j].x0 - token.x1 + 0.3 * token.height < 1.5 * token.height
        ]
        if not nxt:
            continue
        head = _HEAD.match(texts[min(nxt, key=lambda j: items[j].x0)])
        if head is not None:
            joined = tail.group() + head.group()
            out.extend(
                (code, index) for code in _codes_in(joined, short=short) if len(code) == len(joined)
            )
    return out


def _credit_code(
    items: list[Token], rows: _Rows, labels: list[_Label]
) -> tuple[str, str, float] | None:
    """The credit code (or 注册号): the candidate nearest its label, or the only one."""
    candidates = _code_candidates(items, rows, labels)
    if not candidates:
        return None
    code_labels = [lab for lab in labels if _FIELD_OF[lab.label] == "uscc"]
    if code_labels:
        lab = code_labels[0]

        def distance(item: tuple[str, int]) -> float:
            token = items[item[1]]
            return math.hypot(token.x0 - lab.x0, token.cy - lab.last.cy)

        code, index = min(candidates, key=distance)
        return code, lab.label, items[index].score
    code, index = next(((c, i) for c, i in candidates if uscc_module.is_valid(c)), candidates[0])
    return code, "统一社会信用代码" if len(code) == 18 else "注册号", items[index].score


def _authority(label: _Label, items: list[Token], used: set[int]) -> tuple[str, float] | None:
    """The registration authority: usually inside the seal, right of or below the label."""
    height = label.last.height
    near = [
        token
        for j, token in enumerate(items)
        if j not in used
        and token.x0 > label.x0
        and label.last.y0 - 3 * height < token.cy < label.last.y1 + 4 * height
        and _AUTHORITY.search(token.norm)
    ]
    if not near:
        return None
    best = min(near, key=lambda t: math.hypot(t.x0 - label.x1, t.cy - label.last.cy))
    return best.text, best.score


#: Where each kind of label stands on every licence form, top to bottom: the title and the code
#: first, then the name, the other fields, and the registration authority at the foot.
def _rank(label: str) -> int:
    field = _FIELD_OF[label]
    if field == "uscc":
        return 0
    if field == "name":
        return 1
    return 3 if field == "registration_authority" else 2


#: The score of a page whose lines run top to bottom: never preferred to one whose lines run
#: left to right.
_SIDEWAYS = 50
#: How much the order of the labels may add to or take from the score.
_ORDER_CAP = 8


def _upright(items: list[Token], labels: list[_Label]) -> int:
    """Evidence that the page is upright in this frame.

    Text lines run left to right: when most characters of the lines of three or more (columns of
    label characters aside) stand in lines taller than wide, the page is sideways. Upside down,
    the labels stand in the reverse of their printed order: title and code above the name, the
    name above the other fields, the registration authority below them; each pair of labels in
    (out of) that order counts one for (against).
    """
    lines = [token for token in items if len(token.norm) >= 3 and not _is_column(token)]
    tall = sum(len(token.norm) for token in lines if token.height > token.width)
    wide = sum(len(token.norm) for token in lines if token.height <= token.width)
    if len(lines) >= 3 and tall > wide:
        return -_SIDEWAYS
    ranked = [(_rank(lab.label), lab.first) for lab in labels if _FIELD_OF[lab.label] is not None]
    titles = [token for token in items if "营业执照" in token.norm and len(token.norm) <= 10]
    if titles:
        ranked.append((0, max(titles, key=lambda token: token.height)))
    order = 0
    for a, (rank_a, token_a) in enumerate(ranked):
        for rank_b, token_b in ranked[a + 1 :]:
            if rank_a == rank_b:
                continue
            gap = token_b.cy - token_a.cy
            if abs(gap) <= 0.5 * min(token_a.height, token_b.height):
                continue
            order += 1 if (gap > 0) == (rank_a < rank_b) else -1
    return max(-_ORDER_CAP, min(_ORDER_CAP, order))


def read_layout(items: list[Token], *, rotation: int = 0) -> Layout:
    """Read the fields off *items* (tokens of an upright page)."""
    upright_items = items
    items = _split_columns(items)
    rows = _Rows(items)
    labels, used = _labels(items, rows)
    labels.sort(key=lambda lab: (lab.first.y0, lab.first.x0))
    fields: dict[str, Found] = {}
    consumed = set(used)
    _take_values(labels, labels, rows=rows, consumed=consumed, fields=fields)
    # Then the labels read only as their second character glued to the value, among the tokens
    # no value took.
    remnants = _remnant_labels(items, rows, labels, consumed)
    if remnants:
        labels = sorted(labels + remnants, key=lambda lab: (lab.first.y0, lab.first.x0))
        _take_values(remnants, labels, rows=rows, consumed=consumed, fields=fields)
    if not any(_FIELD_OF[label.label] == "name" for label in labels):
        guess = _name_by_evidence(items, labels, consumed)
        if guess is not None:
            fields["name"] = Found("name", "名称", guess[0], guess[1])
    code = _credit_code(items, rows, labels)
    if code is not None:
        fields["uscc"] = Found("uscc", code[1], code[0], code[2])
    upright = _upright(upright_items, labels)
    score = len(fields) + sum(1 for label in labels if _FIELD_OF[label.label] is not None)
    order = [field for _, field in LABELS if field]
    ordered = tuple(sorted(fields.values(), key=lambda f: order.index(f.field)))
    return Layout(
        fields=ordered,
        labels=tuple(dict.fromkeys(label.label for label in labels)),
        rotation=rotation,
        score=score + upright,
        upright=upright,
    )


def _take_values(
    todo: list[_Label],
    labels: list[_Label],
    *,
    rows: _Rows,
    consumed: set[int],
    fields: dict[str, Found],
) -> None:
    """Read the value of each label in *todo* (top first) into *fields*, unless its field is
    already read; the tokens taken are added to *consumed*."""
    items = rows.items
    for label in todo:
        field = _FIELD_OF[label.label]
        if field is None or field == "uscc" or field in fields:
            continue
        if field == "registration_authority":
            got = _authority(label, items, consumed)
            if got is not None:
                fields[field] = Found(field, label.label, got[0], got[1])
            continue
        result = _value(label, labels, items, rows, consumed)
        if result is None or not result[0]:
            continue
        value, score, taken = result
        if field == "name":
            value = _name_value(label, labels, items, taken, value)
        elif field == "legal_representative" and value.startswith("姓名"):
            # The pre-2014 forms print 法定代表人姓名 / 经营者姓名.
            value = value[2:].lstrip(_PUNCT)
        if value:
            consumed |= taken
            fields[field] = Found(field, label.label, value, score)


def _name_value(
    label: _Label, labels: list[_Label], items: list[Token], taken: set[int], value: str
) -> str:
    """The name read after *label*, cleaned: without the label's second character when only the
    first was read, and cut where other text joins it."""
    if label.lone and taken and not label.rest:
        first = items[min(taken, key=lambda j: items[j].x0)]
        edge = _label_edge(label, labels)
        width = first.width / max(len(first.text), 1)
        if (
            edge is not None
            and not value.startswith("称")
            and first.x0 + 0.5 * width < edge - 0.2 * width
            and len(value) > 4
        ):
            # The first character stands in the label column: the label's second character,
            # misread.
            value = value[1:]
    return clean_name(value, after_lone=label.lone)


#: How much better another orientation must read before the page is turned.
TURN_MARGIN = 3


def choose(layouts: Sequence[Layout]) -> Layout:
    """The layout to keep of the four orientations: the page as given (rotation 0) unless
    another orientation reads better by :data:`TURN_MARGIN` or more."""
    if not layouts:
        raise ValueError("no layouts to choose from")
    best = max(layouts, key=lambda layout: layout.score)
    given = next((layout for layout in layouts if layout.rotation == 0), None)
    if given is not None and best.score - given.score < TURN_MARGIN:
        return given
    return best
