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
    TEXT_RECORD = "text_record"
    """The QR text is a record of the licence (``统一社会信用代码:…;名称:…``), as some provinces
    printed before 2019: its code is compared with the print. Anyone can print such a text, so it
    proves nothing by itself."""


class LicenceStyle(str, Enum):
    """Which version of the licence a photo shows, by what it prints (licence.md §1.1)."""

    CURRENT = "current"
    """The 2019 version (国家市场监督管理总局监制): every one carries a QR code."""
    CREDIT_CODE_2015 = "credit_code_2015"
    """A 2014-version licence with a 统一社会信用代码 (三证合一, 2015-2018,
    国家工商行政管理总局监制): most carry a QR code, not always where the 2019 version puts it."""
    REGISTRATION_NUMBER = "registration_number"
    """A licence with a 15- or 13-digit 注册号 instead of a credit code (before 三证合一): a QR
    code only on some provinces' licences."""
    OLD_FORM = "old_form"
    """A form before 2014 (企业法人营业执照, 个体工商户营业执照 …): no QR code."""
    UNKNOWN = "unknown"
    """Not enough printed to tell."""


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
    """The credit code carried in clear in the QR code: in a link (``uniscid=``, Shenzhen's
    ``cid=``, the e-licence's ``serial=``), as the 15-digit 注册号 of Jiangxi's older form
    (``zch=``), or in a text record."""
    qr_verdict: QrVerdict | None = None
    """Where the QR code points, when one decodes."""
    qr_name: str | None = None
    """The entity name a text-record QR code carries."""
    code_read_as: str | None = None
    """The credit code as OCR read it, when that failed its check and was corrected (from the QR
    code, or as the only reading that changes just OCR-confusable characters and passes every
    check); the corrected code is in :attr:`licence`."""
    qr_unread: int = 0
    """QR symbols located on the image that could not be decoded (blurred, tiny, covered)."""
    style: LicenceStyle = LicenceStyle.UNKNOWN
    """Which version of the licence the photo shows."""
    qr_zone_blank: bool | None = None
    """For a 2019-version licence photographed large enough: whether the area beside the title,
    where the licence prints its QR code, is blank (``None``: not judged)."""
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
