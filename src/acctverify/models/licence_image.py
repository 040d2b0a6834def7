"""What was read off a photo of a business licence (营业执照): fields, QR code, OCR lines."""

from __future__ import annotations

from enum import Enum

from acctverify.models._base import Model
from acctverify.models.request import Licence


class QrVerdict(str, Enum):
    """Where the licence's QR code points."""

    OFFICIAL = "official"
    """A host of 国家企业信用信息公示系统 (``gsxt.gov.cn`` and its subdomains) or of a provincial
    publicity system (``data/gsxt_hosts.csv``). This proves nothing about the licence: licence
    generators emit the same links."""
    GOV_UNLISTED = "gov_unlisted"
    """A ``.gov.cn`` host that is not a known publicity-system host: cannot be checked."""
    UNOFFICIAL = "unofficial"
    """Any other host: a genuine licence's QR code links to the publicity system."""
    NOT_A_LINK = "not_a_link"
    """The QR text is not a web address (it may be a 企业码 that only the e-licence app reads)."""


class ImageProblem(str, Enum):
    """Why an image gave no reading."""

    UNREADABLE = "unreadable"
    """The file is missing, not an image, damaged or too large."""
    OCR_UNAVAILABLE = "ocr_unavailable"
    """The ``acctverify[ocr]`` extra (rapidocr-onnxruntime, zxing-cpp, pillow) is not installed."""


class OcrLine(Model):
    """One line of text as the OCR engine read it."""

    text: str
    """The text."""
    confidence: float
    """The recogniser's confidence, 0-1."""
    box: tuple[int, int, int, int]
    """Bounding box ``(left, top, right, bottom)`` in pixels of the page as read: after its EXIF
    orientation, the scaling down of very large images and the quarter turns of ``rotation``."""


class FieldReading(Model):
    """One licence field found on the image."""

    field: str
    """The :class:`Licence` attribute: ``name``, ``uscc``, ``legal_representative`` …"""
    label: str
    """The label printed next to it, e.g. ``法定代表人`` or ``经营者``."""
    value: str
    """The text read as its value."""
    confidence: float
    """How sure the reading is, 0-1: the lowest OCR confidence of the lines that make it up."""


class LicenceReading(Model):
    """A business licence as read from an image (:func:`acctverify.licence_image.read_licence`).

    Only what is printed: the registry record (status, current name) must come from an online
    lookup, never from the image.
    """

    source: str
    """The file name, or ``<bytes>`` / ``<image>`` for data passed in memory."""
    licence: Licence
    """The fields found, as a :class:`Licence` (``source="licence_image"``)."""
    fields: tuple[FieldReading, ...] = ()
    """Every field found, with its label and confidence."""
    labels: tuple[str, ...] = ()
    """Every field label seen, in reading order, including ones without a :class:`Licence`
    attribute (``组成形式``): the labels tell a company licence from a 个体工商户 one."""
    qr_text: str | None = None
    """The text of the QR code, when one decodes."""
    qr_host: str | None = None
    """The host the QR code links to, lower-case."""
    qr_uscc: str | None = None
    """The credit code carried in clear in the QR link (``…/index.html?uniscid=<code>``), or the
    15-digit 注册号 of Jiangxi's older form (``zch=``)."""
    qr_verdict: QrVerdict | None = None
    """Where the QR code points, when one decodes."""
    qr_system: str | None = None
    """The publicity system the host belongs to: ``全国`` or a province
    (``data/gsxt_hosts.csv``)."""
    other_qr_texts: tuple[str, ...] = ()
    """The texts of further QR codes on the image, when there are several."""
    rotation: int = 0
    """Degrees (clockwise) the page was turned to read its layout: 0, 90, 180 or 270."""
    lines: tuple[OcrLine, ...] = ()
    """The raw OCR lines."""
    warnings: tuple[str, ...] = ()
    """What made the reading uncertain (a credit code read differently from the QR code's …)."""
    problem: ImageProblem | None = None
    """Why nothing could be read (only in readings that :func:`acctverify.verify` makes for a
    request whose image cannot be read; :func:`~acctverify.licence_image.read_licence` raises)."""
    problem_detail: str | None = None
    """What went wrong, in a few words."""
    problem_detail_zh: str | None = None
    """The same in Chinese."""

    @property
    def confidence(self) -> dict[str, float]:
        """Confidence per field found, e.g. ``{"uscc": 0.99, "name": 0.98}``."""
        return {item.field: item.confidence for item in self.fields}
