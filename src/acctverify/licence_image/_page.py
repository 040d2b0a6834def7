"""What the page as a whole says: the licence's version, and whether the spot where a 2019-version
licence prints its QR code is blank (private; needs numpy, which the OCR engine brings).

The 2019 version (国市监注〔2018〕253号, licence.md §1.1) prints 国家市场监督管理总局监制 at
the foot and, for every entity, a QR code beside the title 营业执照 with the prompt
扫描二维码登录… next to it; the 2014 version prints 国家工商行政管理总局监制; forms
before 2014 are titled 企业法人营业执照, 个体工商户营业执照 and the like.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from acctverify.models.licence_image import LicenceStyle

__all__ = ["qr_zone_blank", "style"]

Line = tuple[list[tuple[float, float]], str, float]

#: 国家市场监督管理总局监制 and the QR prompt, allowing for a misread character or two.
_CURRENT = re.compile(r"市场.{0,3}督.{0,3}总.{0,2}监制|国家市场监督|二维码登录|扫描二维码登")
_CREDIT_CODE_ERA = re.compile(r"工商行政管理总局监制|工商行政管理总局")
#: The title of a form before 2014 (the later versions are titled 营业执照 alone).
_OLD_TITLE = re.compile(r"(?:企业法人|个体工商户|合伙企业|个人独资企业|法人)营业执照")
_TITLE = re.compile(r"^营业执照$")
#: The smallest title height (pixels, as read) at which a QR code beside it would be large
#: enough to be found: the code is about three quarters of the title's height.
_MIN_TITLE_HEIGHT = 48
#: A window is QR-like when this share of it is dark (a QR code is about half dark modules;
#: a few lines of the small prompt text, the frame's fine lines and the paper's pattern are far
#: less).
_DARK_SHARE = 0.3


def _squeeze(text: str) -> str:
    return "".join(text.split())


def style(lines: Sequence[Line], code: str | None) -> LicenceStyle:
    """The licence's version, from what the page prints and the kind of its code.

    >>> style([([(0, 0)] * 4, "国家市场监督管理总局监制", 0.9)], "91110000600037341L").value
    'current'
    >>> style([([(0, 0)] * 4, "企业法人营业执照", 0.9)], "110000450036189").value
    'old_form'
    """
    text = "".join(_squeeze(text) for _, text, _ in lines)
    if _OLD_TITLE.search(text):
        return LicenceStyle.OLD_FORM
    digits = code is not None and code.isdigit() and len(code) in (13, 15)
    if _CURRENT.search(text):
        return LicenceStyle.REGISTRATION_NUMBER if digits else LicenceStyle.CURRENT
    if digits:
        return LicenceStyle.REGISTRATION_NUMBER
    if _CREDIT_CODE_ERA.search(text) and code is not None and len(code) == 18:
        return LicenceStyle.CREDIT_CODE_2015
    return LicenceStyle.UNKNOWN


def _title(lines: Sequence[Line]) -> tuple[float, float, float, float] | None:
    """The box of the title 营业执照 (the tallest such line), or None."""
    best = None
    for quad, text, _ in lines:
        if not _TITLE.match(_squeeze(text).replace("　", "")):
            continue
        xs = [x for x, _ in quad]
        ys = [y for _, y in quad]
        box = (min(xs), min(ys), max(xs), max(ys))
        if best is None or box[3] - box[1] > best[3] - best[1]:
            best = box
    return best


def qr_zone_blank(gray: Any, lines: Sequence[Line]) -> bool | None:
    """Whether the area right of the title, where a 2019-version licence prints its QR code
    (beside the title, or above the prompt in the top right corner), holds nothing QR-like.

    *gray* is the page as read (a 2-D uint8 array, same pixels as the OCR lines). ``None`` when
    the title is not found or too small for the answer to mean anything.
    """
    import numpy as np

    title = _title(lines)
    if title is None:
        return None
    _, top, right, bottom = title
    height = bottom - top
    if height < _MIN_TITLE_HEIGHT:
        return None
    rows, cols = gray.shape
    x0, x1 = int(right + 0.1 * height), int(min(cols, right + 4 * height))
    y0, y1 = int(max(0, top - 1.5 * height)), int(min(rows, bottom + 0.5 * height))
    if x1 - x0 < height or y1 - y0 < height:
        return None  # the photo is cut off right of the title: nothing to judge
    zone = np.asarray(gray[y0:y1, x0:x1], dtype=np.float32)
    low, high = np.percentile(zone, 5), np.percentile(zone, 95)
    if high - low < 40:  # flat: blank paper
        return True
    dark = (zone < (low + high) / 2).astype(np.float32)
    side = max(8, int(0.6 * height))
    # Share of dark pixels in every side x side window, from the summed-area table.
    table = np.pad(dark.cumsum(0).cumsum(1), ((1, 0), (1, 0)))
    sums = table[side:, side:] - table[:-side, side:] - table[side:, :-side] + table[:-side, :-side]
    return bool(sums.size == 0 or sums.max() / (side * side) < _DARK_SHARE)
