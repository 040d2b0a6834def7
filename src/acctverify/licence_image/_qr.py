"""The licence's QR code: decode it (zxing-cpp) and judge where it points (private).

Decoding needs the ``ocr`` extra; :func:`classify` is pure and needs nothing but the shipped table
``data/gsxt_hosts.csv`` (licence.md §2.2-§2.3).
"""

from __future__ import annotations

import functools
import ipaddress
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from acctverify._data import table
from acctverify.models.licence_image import QrVerdict

if TYPE_CHECKING:
    from PIL import Image

__all__ = ["QrFacts", "classify", "decode"]

#: The query parameter that licence-generating code and the national system use for the code in
#: clear (licence.md §2.2); also looked for on hosts that are not official, so that a forged link
#: can still be compared with the printed code.
UNISCID = "uniscid"
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*://")
_BARE_HOST = re.compile(r"(?:[A-Za-z0-9\-]+\.)+[A-Za-z]{2,}(?::\d+)?(?:[/?#]|$)")
_MAX_TEXT = 4096


@dataclass(frozen=True)
class QrFacts:
    """What a QR text says: its host, the verdict on it, the system and the code it carries."""

    host: str | None
    verdict: QrVerdict
    system: str | None = None
    code: str | None = None


@dataclass(frozen=True)
class _Host:
    host: str
    subdomains: bool
    system: str
    code_param: str


@functools.cache
def _hosts() -> tuple[_Host, ...]:
    return tuple(
        _Host(row["host"], row["match"] == "subdomains", row["province"], row["code_param"])
        for row in table("gsxt_hosts.csv").rows
    )


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


def _code(query: str, param: str) -> str | None:
    values = parse_qs(query, keep_blank_values=False).get(param)
    if not values:
        return None
    value = "".join(values[0].split()).upper()
    return value[:40] or None


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
    """
    text = text.strip()[:_MAX_TEXT]
    if not _SCHEME.match(text):
        if not _BARE_HOST.match(text):
            return QrFacts(host=None, verdict=QrVerdict.NOT_A_LINK)
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
        code = _code(parts.query, entry.code_param) if entry.code_param else None
        return QrFacts(host=host, verdict=QrVerdict.OFFICIAL, system=entry.system, code=code)
    verdict = QrVerdict.UNOFFICIAL
    if not _is_ip(host) and (host == "gov.cn" or host.endswith(".gov.cn")):
        verdict = QrVerdict.GOV_UNLISTED
    return QrFacts(host=host, verdict=verdict, code=_code(parts.query, UNISCID))


def decode(image: Image.Image) -> tuple[tuple[str, int], ...]:
    """Return the text and orientation (degrees) of every QR code on *image*, largest first."""
    import zxingcpp

    # One format (an enum member) where the stubs ask for a set of them: the binding accepts both.
    qr_only: Any = zxingcpp.BarcodeFormat.QRCode
    found = zxingcpp.read_barcodes(image, formats=qr_only)
    if not found and max(image.size) < 1600:
        # A small photo: the modules of the code may be only a pixel or two wide.
        from PIL import Image as PILImage

        bigger = image.convert("L").resize(
            (image.width * 2, image.height * 2), PILImage.Resampling.LANCZOS
        )
        found = zxingcpp.read_barcodes(bigger, formats=qr_only)

    def size(barcode: object) -> float:
        position = getattr(barcode, "position", None)
        if position is None:
            return 0.0
        xs = [point.x for point in (position.top_left, position.top_right, position.bottom_right)]
        return float(max(xs) - min(xs))

    ordered = sorted(found, key=size, reverse=True)
    seen: dict[str, int] = {}
    for barcode in ordered:
        text = barcode.text
        if text and text not in seen:
            seen[text] = int(getattr(barcode, "orientation", 0) or 0)
    return tuple(seen.items())
