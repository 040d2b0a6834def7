"""The licence's QR code: decode it (zxing-cpp, OpenCV) and judge where it points (private).

Decoding needs the ``ocr`` extra; :func:`classify` is pure and needs nothing but the shipped table
``data/gsxt_hosts.csv`` (licence.md §2.2-§2.3).

A QR code holds one of three things: a link to a publicity system (the national one since 2019,
a provincial one before), with the credit code in clear in some forms (``uniscid=``, Shenzhen's
``cid=``, Jiangxi's ``zch=``, the e-licence's ``serial=<code>-SAIC_SHOW_…``); a text record of the
licence (``统一社会信用代码:…;名称:…``, on some older provincial licences); or anything else.
"""

from __future__ import annotations

import functools
import ipaddress
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from acctverify._data import table
from acctverify.cn import regno as regno_module
from acctverify.cn import uscc as uscc_module
from acctverify.models.licence_image import QrVerdict

if TYPE_CHECKING:
    from PIL import Image

__all__ = ["QrFacts", "Scan", "classify", "decode", "text_of"]

#: The query parameter that licence-generating code and the national system use for the code in
#: clear (licence.md §2.2); also looked for on hosts that are not official, so that a forged link
#: can still be compared with the printed code.
UNISCID = "uniscid"
#: Parameters that carry a code in clear on some host (gsxt_hosts.csv ``code_param``): looked for
#: on unlisted hosts too, so that a forged link can be compared with the printed code.
_CLEAR_PARAMS = ("uniscid", "cid", "regno", "zch")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*://")
_BARE_HOST = re.compile(r"(?:[A-Za-z0-9\-]+\.)+[A-Za-z]{2,}(?::\d+)?(?:[/?#]|$)")
_MAX_TEXT = 4096
#: The e-licence display link's serial: ``<credit code>-SAIC_SHOW_…`` (research notes §D1).
_SERIAL = re.compile(r"([0-9A-Z]{18})-SAIC_SHOW_")
#: Runs of code characters in a text: a credit code is a run of 18, a 注册号 a run of 15 digits.
_RUN = re.compile(r"[0-9A-Z]{1,64}")
#: Labels of a text record's name (publicity pages and text QR codes: 名称, 企业名称, 主体名称 …).
_NAME_LABELS = ("企业名称", "主体名称", "商事主体名称", "经营者名称", "名称")
_FIELD_SPLIT = re.compile(r"[\r\n;；|]+")
_LABEL_SPLIT = re.compile(r"\s{0,3}[:：]\s{0,3}")


@dataclass(frozen=True)
class QrFacts:
    """What a QR text says: its host, the verdict on it, the system and the code it carries."""

    host: str | None
    verdict: QrVerdict
    system: str | None = None
    code: str | None = None
    name: str | None = None
    """The entity name a text record carries."""
    ip_host: bool = False
    """An unlisted host that is a bare IP address (some provinces' older systems were)."""


@dataclass(frozen=True)
class Scan:
    """What the decoder found on an image."""

    codes: tuple[tuple[str, int], ...] = ()
    """The text and orientation (degrees, counter-clockwise) of every QR code read, largest
    first."""
    unread: int = 0
    """QR symbols located on the image that no pass could decode (blurred, damaged, covered)."""


@dataclass(frozen=True)
class _Host:
    host: str
    subdomains: bool
    system: str
    code_params: tuple[str, ...]


@functools.cache
def _hosts() -> tuple[_Host, ...]:
    rows = [
        _Host(
            row["host"],
            row["match"] == "subdomains",
            row["province"],
            tuple(param for param in row["code_param"].split("|") if param),
        )
        for row in table("gsxt_hosts.csv").rows
    ]
    # The most specific entry first: zzlz.gsxt.gov.cn before every gsxt.gov.cn host.
    return tuple(sorted(rows, key=lambda entry: -len(entry.host)))


def _lookup(host: str) -> _Host | None:
    for entry in _hosts():
        if host == entry.host or (entry.subdomains and host.endswith("." + entry.host)):
            return entry
    return None


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _code(query: str, params: tuple[str, ...]) -> str | None:
    """The first code in clear that one of *params* carries in *query* (case-insensitive names;
    ``serial`` is the e-licence serial, whose code is its prefix)."""
    found = {key.lower(): values for key, values in parse_qs(query).items()}
    for param in params:
        values = found.get(param.lower())
        if not values:
            continue
        value = "".join(values[0].split()).upper()[:120]
        if param == "serial":
            match = _SERIAL.match(value)
            if match:
                return match.group(1)
            continue
        if value:
            return value[:40]
    return None


def _record(text: str) -> QrFacts | None:
    """A text record of a licence (``统一社会信用代码:…;名称:…``): its code and name, or None when
    the text holds no valid code."""
    runs = [match.group() for match in _RUN.finditer(text[:_MAX_TEXT].upper())]
    codes = [run for run in runs if len(run) == 18 and uscc_module.is_valid(run)]
    codes += [run for run in runs if len(run) == 15 and regno_module.is_valid(run)]
    if not codes:
        return None
    code = codes[0]
    name = None
    for part in _FIELD_SPLIT.split(text[:_MAX_TEXT]):
        label, _, value = _LABEL_SPLIT.sub(":", part.strip(), count=1).partition(":")
        label = "".join(label.split()).lstrip("\ufeff")
        if label in _NAME_LABELS and value.strip():
            name = value.strip()[:100]
            break
    return QrFacts(host=None, verdict=QrVerdict.TEXT_RECORD, code=code, name=name)


def classify(text: str) -> QrFacts:
    """Return where the QR text *text* points and the credit code it carries in clear.

    >>> link = classify("http://www.gsxt.gov.cn/index.html?uniscid=91110000600037341L")
    >>> link.host, link.verdict.value, link.system, link.code
    ('www.gsxt.gov.cn', 'official', '全国', '91110000600037341L')
    >>> classify("http://www.gsxt.gov.cn@gsxt-cx.com/index.html").verdict.value
    'unofficial'
    >>> classify("http://218.95.241.36:8035/yzt/toHandleQuery.do?id=x").system
    '青海'
    >>> classify("某某科技有限公司").verdict.value
    'not_a_link'
    >>> record = classify("统一社会信用代码:91110000600037341L;名称:某某科技有限公司")
    >>> record.verdict.value, record.code, record.name
    ('text_record', '91110000600037341L', '某某科技有限公司')
    >>> classify("http://www.szcredit.com.cn/web/GSZJGSPT/QyxyDetail.aspx?rid=ab&cid=9144030079921798XW").code
    '9144030079921798XW'
    """
    text = text.strip().lstrip("\ufeff")[:_MAX_TEXT]
    if not _SCHEME.match(text):
        if not _BARE_HOST.match(text):
            return _record(text) or QrFacts(host=None, verdict=QrVerdict.NOT_A_LINK)
        text = "http://" + text
    # Browsers read a backslash in a web address as a slash: "http://evil.cn\@www.gsxt.gov.cn"
    # goes to evil.cn, although a plain URL parser sees the part after "@" as the host.
    text = text.replace("\\", "/")
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").rstrip(".")
    except ValueError:
        return QrFacts(host=None, verdict=QrVerdict.NOT_A_LINK)
    if not host:
        return QrFacts(host=None, verdict=QrVerdict.NOT_A_LINK)
    entry = _lookup(host)
    if entry is not None:
        code = _code(parts.query, entry.code_params)
        return QrFacts(host=host, verdict=QrVerdict.OFFICIAL, system=entry.system, code=code)
    verdict = QrVerdict.UNOFFICIAL
    ip_host = _is_ip(host)
    if not ip_host and (host == "gov.cn" or host.endswith(".gov.cn")):
        verdict = QrVerdict.GOV_UNLISTED
    code = _code(parts.query, _CLEAR_PARAMS)
    return QrFacts(host=host, verdict=verdict, code=code, ip_host=ip_host)


def text_of(barcode: Any) -> str:
    """The QR code's text: its bytes as UTF-8, else as GB18030 (Chinese QR codes are often written
    in GBK without saying so, which the decoder reads as Latin-1), else the decoder's text."""
    raw = bytes(getattr(barcode, "bytes", b"") or b"")
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding).lstrip("\ufeff")
        except UnicodeDecodeError:
            continue
    return str(barcode.text)


def _size(barcode: Any) -> float:
    position = getattr(barcode, "position", None)
    if position is None:
        return 0.0
    xs = [point.x for point in (position.top_left, position.top_right, position.bottom_right)]
    return float(max(xs) - min(xs))


def _box(barcode: Any, scale: float) -> tuple[float, float, float, float]:
    position = barcode.position
    points = (position.top_left, position.top_right, position.bottom_right, position.bottom_left)
    xs = [point.x / scale for point in points]
    ys = [point.y / scale for point in points]
    return min(xs), min(ys), max(xs), max(ys)


#: Passes over the crop around a located but unread symbol: (scale, sharpen, binarizer name).
_RETRIES = (
    (2, False, "LocalAverage"),
    (2, False, "FixedThreshold"),
    (3, True, "LocalAverage"),
    (1, True, "GlobalHistogram"),
    (3, False, "GlobalHistogram"),
    (4, True, "FixedThreshold"),
)
#: Most located-but-unread symbols retried (each costs a few passes over a small crop).
_MAX_RETRIED = 3


def _retry(gray: Image.Image, box: tuple[float, float, float, float]) -> Any | None:
    """Decode a located symbol that the first pass could not: crop around it, enlarge, sharpen
    and binarize several ways, and ask OpenCV's decoder too (it ships with the OCR engine)."""
    import zxingcpp
    from PIL import Image as PILImage
    from PIL import ImageFilter

    left, top, right, bottom = box
    margin = 0.3 * max(right - left, bottom - top, 8.0)
    crop = gray.crop(
        (
            max(0, int(left - margin)),
            max(0, int(top - margin)),
            min(gray.width, int(right + margin) + 1),
            min(gray.height, int(bottom + margin) + 1),
        )
    )
    qr_only: Any = zxingcpp.BarcodeFormat.QRCode
    for scale, sharpen, binarizer in _RETRIES:
        image = crop
        if scale > 1:
            image = image.resize(
                (crop.width * scale, crop.height * scale), PILImage.Resampling.LANCZOS
            )
        if sharpen:
            image = image.filter(ImageFilter.SHARPEN)
        for barcode in zxingcpp.read_barcodes(
            image,
            formats=qr_only,
            binarizer=getattr(zxingcpp.Binarizer, binarizer),
            try_downscale=False,
        ):
            if barcode.valid and barcode.bytes:
                return barcode
    return _opencv(crop)


class _Decoded:
    """A symbol decoded by OpenCV, shaped like a zxing-cpp barcode for :func:`text_of`."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.bytes = text.encode("utf-8")
        self.orientation = 0
        self.position = None


def _opencv(crop: Image.Image) -> _Decoded | None:
    try:
        import cv2
        import numpy as np
    except ImportError:  # pragma: no cover - OpenCV comes with the OCR engine
        return None
    array = np.asarray(crop)
    # OpenCV logs warnings ("ECI is not supported properly") straight to stderr: quiet it while
    # it decodes, and put the caller's level back.
    logging = getattr(getattr(cv2, "utils", None), "logging", None)
    level = logging.getLogLevel() if logging is not None else None
    if logging is not None:
        logging.setLogLevel(logging.LOG_LEVEL_ERROR)
    try:
        for detector in (cv2.QRCodeDetector(), cv2.QRCodeDetectorAruco()):
            try:
                text, _, _ = detector.detectAndDecode(array)
            except cv2.error:
                continue
            if text:
                return _Decoded(text)
        return None
    finally:
        if logging is not None:
            logging.setLogLevel(level)


def decode(image: Image.Image) -> Scan:
    """Find and decode every QR code on *image*.

    One pass over the image (a second over a doubled copy of a small photo); each symbol located
    but not decoded — a blurred or tiny code — is cropped and tried again several ways.
    """
    import zxingcpp
    from PIL import Image as PILImage

    qr_only: Any = zxingcpp.BarcodeFormat.QRCode
    gray = image.convert("L")
    scale = 1.0
    found = zxingcpp.read_barcodes(gray, formats=qr_only, return_errors=True)
    if not any(barcode.valid for barcode in found) and max(gray.size) < 1600:
        # A small photo: the modules of the code may be only a pixel or two wide.
        bigger = gray.resize((gray.width * 2, gray.height * 2), PILImage.Resampling.LANCZOS)
        again = zxingcpp.read_barcodes(bigger, formats=qr_only, return_errors=True)
        if again:
            found, scale = again, 2.0
    good = [barcode for barcode in found if barcode.valid]
    unread = [barcode for barcode in found if not barcode.valid]
    unread.sort(key=_size, reverse=True)
    still = 0
    for index, barcode in enumerate(unread):
        retried = _retry(gray, _box(barcode, scale)) if index < _MAX_RETRIED else None
        if retried is not None:
            good.append(retried)
        else:
            still += 1
    good.sort(key=_size, reverse=True)
    seen: dict[str, int] = {}
    for barcode in good:
        text = text_of(barcode)
        if text and text not in seen:
            seen[text] = int(getattr(barcode, "orientation", 0) or 0)
    return Scan(codes=tuple(seen.items()), unread=still)
