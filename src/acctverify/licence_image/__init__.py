"""Read a business licence (营业执照) from a photo, offline: OCR of its fields and its QR code.

What a scam victim holds is a photo of a licence sent over WeChat, not a registry record. This
module reads it on the machine — the OCR models (PP-OCRv4) ship inside the rapidocr-onnxruntime
wheel and the QR code is decoded with zxing-cpp; nothing is downloaded — and returns a
:class:`LicenceReading`: the :class:`~acctverify.models.Licence` fields found with a confidence
each, the QR code's text, host and credit code, and the raw OCR lines. :func:`acctverify.verify`
runs the licence checks on it when a request carries ``licence_image``.

Needs the extra ``pip install "acctverify[ocr]"``; without it, :func:`read_licence` raises
:class:`OcrUnavailable` (an ``ImportError``) naming that command. Errors::

    Exception
     └── AcctVerifyError
          ├── OcrUnavailable     (also ImportError) the ocr extra is not installed
          ├── UnreadableImage    (also ValueError) not a readable image
          └── InputTooLarge      (also ValueError) beyond MAX_FILE_BYTES / MAX_PIXELS

A QR code that links to 国家企业信用信息公示系统 proves only that the code exists, never that
the licence is genuine: licence generators emit the same link (licence.md §2.2).

>>> from acctverify.licence_image import qr_link
>>> qr_link("http://www.gsxt.gov.cn/index.html?uniscid=91110000600037341L").verdict.value
'official'
>>> qr_link("https://gsxt.gov.cn.qiye-cx.top/index.html?uniscid=91110000600037341L").verdict.value
'unofficial'
"""

from __future__ import annotations

from acctverify.exceptions import InputTooLarge
from acctverify.licence_image._qr import QrFacts
from acctverify.licence_image._qr import classify as qr_link
from acctverify.licence_image._read import (
    INSTALL_HINT,
    MAX_FILE_BYTES,
    MAX_PIXELS,
    OcrUnavailable,
    UnreadableImage,
    _source_name,
    read_licence,
)
from acctverify.models.licence_image import (
    FieldReading,
    ImageProblem,
    LicenceReading,
    LicenceStyle,
    OcrLine,
    QrVerdict,
)
from acctverify.models.request import Licence

__all__ = [
    "INSTALL_HINT",
    "MAX_FILE_BYTES",
    "MAX_PIXELS",
    "FieldReading",
    "ImageProblem",
    "LicenceReading",
    "LicenceStyle",
    "OcrLine",
    "OcrUnavailable",
    "QrFacts",
    "QrVerdict",
    "UnreadableImage",
    "qr_link",
    "read_licence",
    "try_read_licence",
]


def try_read_licence(image: object) -> LicenceReading:
    """Like :func:`read_licence`, but never raises: a failure gives a reading with ``problem``.

    >>> reading = try_read_licence("/no/such/licence.png")
    >>> reading.problem.value in ("unreadable", "ocr_unavailable")
    True
    """
    source = _source_name(image)
    try:
        return read_licence(image)
    except OcrUnavailable:
        problem, detail, detail_zh = ImageProblem.OCR_UNAVAILABLE, INSTALL_HINT, INSTALL_HINT
    except UnreadableImage as exc:
        problem, detail, detail_zh = ImageProblem.UNREADABLE, str(exc), exc.zh
    except InputTooLarge as exc:
        problem, detail, detail_zh = ImageProblem.UNREADABLE, str(exc), "图片过大"
    return LicenceReading(
        source=source,
        licence=Licence(source="licence_image"),
        problem=problem,
        problem_detail=detail[:200],
        problem_detail_zh=detail_zh[:200],
    )
