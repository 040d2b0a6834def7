"""Read the licence fields off OCR lines by their layout (private; pure, no imaging libraries).

A licence prints each field as a label followed by its value on the same row (``名　　称
深圳市某某科技有限公司``), in one or two columns, long values wrapping under their first line
(licence.md §1.2). The OCR engine returns text lines with their corner points; this module turns
the page upright (a photo may be sideways or slightly skewed), finds the labels — also when the
engine splits a spaced-out label (``住``, ``所``) or glues it to its value — and collects each
value to the right of its label, with the lines that continue it below.
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from acctverify._unicode import squeeze as _nfkc_squeeze
from acctverify.cn import uscc as uscc_module

__all__ = ["LABELS", "Layout", "Token", "read_layout"]

#: Printed label -> Licence attribute (None: a label with no attribute). Longest labels first, so
#: that 主要经营场所 wins over 经营场所. Labels by entity type: licence.md §1.2.
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
#: Runs of code characters and of digits: a credit code is a run of exactly 18, a 注册号 of 15.
_RUN = re.compile(r"[0-9A-Z]+")
_DIGITS = re.compile(r"[0-9]+")
#: Letters that never occur in a credit code, read for the digit they resemble.
_NOT_IN_CODE = str.maketrans({"O": "0", "I": "1", "Z": "2", "S": "5"})


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
    """What the layout gave: fields, labels in reading order, and how well it read."""

    fields: tuple[Found, ...]
    labels: tuple[str, ...]
    rotation: int
    score: int


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


def _same_row(a: Token, b: Token) -> bool:
    overlap = min(a.y1, b.y1) - max(a.y0, b.y0)
    return overlap > 0.5 * min(a.height, b.height)


def _label_at(text: str) -> str | None:
    return next((label for label, _ in LABELS if text.startswith(label)), None)


@dataclass(frozen=True)
class _Label:
    label: str
    rest: str
    first: Token
    last: Token
    score: float

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


def _labels(items: list[Token]) -> tuple[list[_Label], set[int]]:
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
        # A fragment: join the short tokens to its right on the same row.
        row = sorted(
            (
                j
                for j in range(len(items))
                if j not in used and j != i and _same_row(token, items[j])
            ),
            key=lambda j: items[j].x0,
        )
        text, raw, parts = token.norm, token.text, [i]
        joined = False
        for j in row:
            other = items[j]
            if other.x0 < token.x0 or other.x0 - items[parts[-1]].x1 > 4 * token.height:
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
            neighbours = [o for o in items if o is not token and _same_row(token, o)]
            lone = _lone_label(token, neighbours)
            if lone is not None:
                found.append(_Label(lone, "", token, token, token.score))
                used.add(i)
    return found, used


#: A two-character label is printed spread out (名　　称); OCR may miss one of its characters.
_HALVES = {char: label for label, _ in LABELS if len(label) == 2 for char in label}


def _lone_label(token: Token, row: list[Token]) -> str | None:
    """The two-character label a lone character stands for, when it stands where labels do:
    nothing just left of it, and a value to its right."""
    label = _HALVES.get(token.norm)
    if label is None:
        return None
    left = any(other.x0 < token.x0 and other.x1 > token.x0 - 3 * token.height for other in row)
    right = any(other.x0 > token.x1 for other in row)
    return label if right and not left else None


def _value(
    label: _Label, labels: list[_Label], items: list[Token], used: set[int]
) -> tuple[str, float, set[int]] | None:
    """The value right of *label* (up to the next label on the row), and its continuation."""
    anchor = label.last
    taken: set[int] = set()
    stops = [other.x0 for other in labels if other is not label and _same_row(other.first, anchor)]
    stop = min((x for x in stops if x > label.x0), default=math.inf)
    row = sorted(
        (
            j
            for j, token in enumerate(items)
            if j not in used
            and _same_row(token, anchor)
            and token.x0 >= label.x1 - anchor.height
            and token.x0 < stop
        ),
        key=lambda j: items[j].x0,
    )
    parts = [label.rest] if label.rest else []
    scores = [label.score] if label.rest else []
    for j in row:
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
        below = [o for o in labels if o is not label and o.first.y0 > anchor.cy]
        while True:
            nxt = [
                j
                for j, token in enumerate(items)
                if j not in used
                and j not in taken
                and abs(token.x0 - left) < 1.5 * height
                and token.y0 >= bottom - 0.3 * height
                and token.y0 - bottom < 0.9 * height
                and token.x0 < stop
                and not _in_label_column(token, label, items)
            ]
            blocked = any(
                o.first.y0 < bottom + height and o.x0 < left and o.x1 > label.x0 - height
                for o in below
                if o.first.y0 >= bottom - 0.3 * height
            )
            if not nxt or blocked:
                break
            j = min(nxt, key=lambda k: items[k].y0)
            parts.append(items[j].text)
            scores.append(items[j].score)
            taken.add(j)
            bottom = items[j].y1
    # A stray mark before the value (a speck read as "、") is not part of it.
    return "".join(parts).lstrip(_PUNCT + "、，"), min(scores), taken


def _in_label_column(token: Token, label: _Label, items: list[Token]) -> bool:
    """Whether something stands left of *token* in the label's column: a wrapped value line has
    nothing there, the next field (its label unread) does."""
    return any(
        other is not token
        and _same_row(other, token)
        and other.x1 <= token.x0 + token.height
        and other.x0 >= label.x0 - label.last.height
        for other in items
    )


def _code_candidates(items: list[Token]) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    for index, token in enumerate(items):
        text = token.norm.upper()
        label = _label_at(text)
        if label is not None:
            text = text[len(label) :]
        codes = [run for run in _RUN.findall(text) if len(run) == 18]
        if not codes:
            codes = [run for run in _DIGITS.findall(text) if len(run) == 15]
        out.extend((code.translate(_NOT_IN_CODE), index) for code in codes)
    return out


def _credit_code(items: list[Token], labels: list[_Label]) -> tuple[str, str, float] | None:
    """The credit code (or 注册号): the candidate nearest its label, or the only one."""
    candidates = _code_candidates(items)
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


def read_layout(items: list[Token], *, rotation: int = 0) -> Layout:
    """Read the fields off *items* (tokens of an upright page)."""
    labels, used = _labels(items)
    labels.sort(key=lambda lab: (lab.first.y0, lab.first.x0))
    fields: dict[str, Found] = {}
    consumed = set(used)
    for label in labels:
        field = _FIELD_OF[label.label]
        if field is None or field == "uscc" or field in fields:
            continue
        if field == "registration_authority":
            got = _authority(label, items, consumed)
            if got is not None:
                fields[field] = Found(field, label.label, got[0], got[1])
            continue
        result = _value(label, labels, items, consumed)
        if result is not None and result[0]:
            value, score, taken = result
            consumed |= taken
            fields[field] = Found(field, label.label, value, score)
    code = _credit_code(items, labels)
    if code is not None:
        fields["uscc"] = Found("uscc", code[1], code[0], code[2])
    score = len(fields) + sum(1 for label in labels if _FIELD_OF[label.label] is not None)
    order = [field for _, field in LABELS if field]
    ordered = tuple(sorted(fields.values(), key=lambda f: order.index(f.field)))
    return Layout(
        fields=ordered,
        labels=tuple(dict.fromkeys(label.label for label in labels)),
        rotation=rotation,
        score=score,
    )
