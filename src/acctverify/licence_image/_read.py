"""Load an image, run the OCR engine and the QR decoder, build the reading (private).

The imaging libraries are imported on first use; the OCR engine is created once per process and
shared (its models ship inside the rapidocr-onnxruntime wheel; nothing is downloaded).
"""

from __future__ import annotations

import functools
import importlib
import io
import os
import threading
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from acctverify.cn import regno, uscc
from acctverify.exceptions import AcctVerifyError, InputTooLarge
from acctverify.licence_image import _layout, _page, _qr
from acctverify.models.licence_image import (
    FieldReading,
    LicenceReading,
    LicenceStyle,
    OcrLine,
    QrVerdict,
)
from acctverify.models.request import Licence

if TYPE_CHECKING:
    from PIL import Image

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_PIXELS",
    "OcrUnavailable",
    "UnreadableImage",
    "engine",
    "read_licence",
]

#: Largest image file read (bytes) and largest image (pixels) decoded.
MAX_FILE_BYTES = 20_000_000
MAX_PIXELS = 40_000_000
#: Longest side handed to the OCR engine (it scales to 2000 itself) and to the QR decoder.
_OCR_SIDE = 2400
_QR_SIDE = 4000
INSTALL_HINT = 'pip install "acctverify[ocr]"'
_LOCK = threading.Lock()
_CREATE_LOCK = threading.Lock()


class OcrUnavailable(AcctVerifyError, ImportError):
    """The ``ocr`` extra is not installed: reading an image needs it."""


class UnreadableImage(AcctVerifyError, ValueError):
    """The input is not an image that can be read (missing file, wrong type, damaged data).

    ``str()`` is the English message; :attr:`zh` the same in Chinese. Neither carries the text
    of the imaging library's own exception (it names Python objects, not the problem).
    """

    def __init__(self, message: str, zh: str | None = None) -> None:
        super().__init__(message)
        self.zh = zh or "无法读取图片"


def _need(module: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise OcrUnavailable(
            f"reading a licence image needs the ocr extra ({module} is missing): {INSTALL_HINT}"
        ) from exc


@functools.cache
def _engine() -> Any:
    rapidocr = _need("rapidocr_onnxruntime")
    _need("zxingcpp")
    return rapidocr.RapidOCR()


def engine() -> Any:
    """Return the process's OCR engine (rapidocr-onnxruntime, PP-OCRv4 models from its wheel),
    created on first use — once, also when threads ask for it at the same time."""
    with _CREATE_LOCK:
        return _engine()


def _source_name(image: object) -> str:
    if isinstance(image, (str, os.PathLike)):
        return Path(image).name
    if isinstance(image, (bytes, bytearray, memoryview)):
        return "<bytes>"
    return "<image>"


def _fetch(image: object) -> object:
    """The bytes of a path or bytes-like *image* (anything else is returned as it is).

    Needs no imaging library, so that a missing file is reported as such with or without the
    extra."""
    if isinstance(image, (str, os.PathLike)):
        try:
            path = Path(image)
            # Only regular files, and never more than the cap: a device or a FIFO
            # (/dev/zero) reports size 0 and would never end.
            if not path.is_file():
                raise UnreadableImage(
                    f"cannot read {_source_name(image)}: not a regular file",
                    f"无法读取{_source_name(image)}：不是普通文件",
                )
            with path.open("rb") as handle:
                data = handle.read(MAX_FILE_BYTES + 1)
            if len(data) > MAX_FILE_BYTES:
                raise InputTooLarge(f"{path.name}: larger than {MAX_FILE_BYTES} bytes")
            return data
        except UnreadableImage:
            raise
        except (OSError, ValueError) as exc:
            if isinstance(exc, InputTooLarge):
                raise
            from acctverify.exceptions import os_error_zh

            if isinstance(exc, OSError):
                reason, reason_zh = exc.strerror or "cannot be read", os_error_zh(exc)
            else:
                reason, reason_zh = "not a usable file name", "文件名无效"
            raise UnreadableImage(
                f"cannot read {_source_name(image)}: {reason}",
                f"无法读取{_source_name(image)}：{reason_zh}",
            ) from None
    if isinstance(image, (bytes, bytearray, memoryview)):
        if len(image) > MAX_FILE_BYTES:
            raise InputTooLarge(f"image data larger than {MAX_FILE_BYTES} bytes")
        return bytes(image)
    return image


def _open(image: object) -> Image.Image:
    """Return *image* (bytes or a PIL image) as an upright RGB PIL image, or raise
    UnreadableImage / InputTooLarge."""
    pil = _need("PIL.Image")
    ops = _need("PIL.ImageOps")
    if isinstance(image, pil.Image):
        picture = image
    elif isinstance(image, bytes):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", pil.DecompressionBombWarning)
                picture = pil.open(io.BytesIO(image))
        except (pil.DecompressionBombWarning, pil.DecompressionBombError):
            raise InputTooLarge("image has too many pixels") from None
        except (OSError, ValueError, SyntaxError):
            raise UnreadableImage(
                "not a PNG, JPEG or other readable image", "不是PNG、JPEG等可识别的图片"
            ) from None
    else:
        raise UnreadableImage(
            f"expected a file path, bytes or a PIL image, not {type(image).__name__}",
            "需要图片文件路径、图片数据或PIL图片",
        )
    width, height = picture.size
    if width * height > MAX_PIXELS:
        raise InputTooLarge(f"image of {width}x{height} pixels is larger than {MAX_PIXELS}")
    if width < 8 or height < 8:
        raise UnreadableImage(
            f"image of {width}x{height} pixels is too small",
            f"图片只有{width}x{height}像素，太小",
        )
    try:
        picture = ops.exif_transpose(picture)
        if picture.mode in ("RGBA", "LA", "PA") or (
            picture.mode == "P" and "transparency" in picture.info
        ):
            rgba = picture.convert("RGBA")
            background = pil.new("RGB", rgba.size, (255, 255, 255))
            background.paste(rgba, mask=rgba.getchannel("A"))
            picture = background
        else:
            picture = picture.convert("RGB")
    except (OSError, ValueError, SyntaxError):
        raise UnreadableImage(
            "the image data is damaged or incomplete", "图片数据损坏或不完整"
        ) from None
    return picture  # type: ignore[no-any-return]


def _fit(picture: Image.Image, side: int) -> Image.Image:
    if max(picture.size) <= side:
        return picture
    scale = side / max(picture.size)
    size = (max(1, round(picture.width * scale)), max(1, round(picture.height * scale)))
    return picture.resize(size, _need("PIL.Image").Resampling.LANCZOS)


def _ocr(picture: Image.Image) -> list[tuple[list[tuple[float, float]], str, float]]:
    ocr = engine()
    with _LOCK:
        result, _ = ocr(picture)
    lines = []
    for box, text, score in result or ():
        quad = [(float(x), float(y)) for x, y in box]
        lines.append((quad, str(text), float(score)))
    return lines


def _turn(picture: Image.Image, rotation: int) -> Image.Image:
    """The picture turned *rotation* degrees clockwise."""
    if not rotation:
        return picture
    transpose = _need("PIL.Image").Transpose
    turns = {90: transpose.ROTATE_270, 180: transpose.ROTATE_180, 270: transpose.ROTATE_90}
    return picture.transpose(turns[rotation])


def _best_layout(
    lines: Sequence[tuple[list[tuple[float, float]], str, float]], size: tuple[int, int]
) -> _layout.Layout:
    """Read the layout in each of the four orientations and keep the one that reads best."""
    width, height = size
    best: _layout.Layout | None = None
    for rotation in (0, 90, 180, 270):
        items = _layout.tokens(lines, rotation=rotation, width=width, height=height)
        layout = _layout.read_layout(items, rotation=rotation)
        if best is None or layout.score > best.score:
            best = layout
    assert best is not None
    return best


#: Characters OCR engines confuse in printed codes (research notes §G: the digit-correction maps
#: of licence-OCR code, and pairs inside the GB 32100 alphabet), as pairs.
_CONFUSABLE_PAIRS = (
    "0O", "0D", "0Q", "0U", "DQ", "1I", "1L", "17", "7T", "TY", "2Z", "5S", "56", "58", "8B",
    "83", "3J", "6G", "GC", "4A", "UW", "VW", "VU", "VY", "MN", "NH", "EF", "PR", "KX", "69",
)  # fmt: skip
_PARTNERS: dict[str, str] = {}
for _pair in _CONFUSABLE_PAIRS:
    _PARTNERS[_pair[0]] = _PARTNERS.get(_pair[0], "") + _pair[1]
    _PARTNERS[_pair[1]] = _PARTNERS.get(_pair[1], "") + _pair[0]


def _confusable(a: str, b: str) -> bool:
    return b in _PARTNERS.get(a, "")


def _valid(code: str) -> bool:
    """Whether *code* passes every check it has: a credit code its check character and that of
    its organisation code, a 15-digit 注册号 its check digit."""
    if len(code) == 18:
        if not uscc.is_valid(code):
            return False
        try:
            return uscc.parse(code).org_code_valid
        except ValueError:
            return False
    return regno.is_valid(code)


def _corrections(code: str, budget: int) -> set[str]:
    """Every code that changes at most *budget* characters of *code* to OCR-confusable ones and
    passes every check."""
    found: set[str] = set()
    frontier = {code}
    for _ in range(budget):
        nxt: set[str] = set()
        for item in frontier:
            for index, char in enumerate(item):
                for other in _PARTNERS.get(char, ""):
                    nxt.add(item[:index] + other + item[index + 1 :])
        found |= {item for item in nxt if _valid(item)}
        if found:
            return found
        frontier = nxt
    return found


def _reconcile(printed: str, qr_code: str | None) -> tuple[str, str | None]:
    """Correct a printed code that was surely misread, and say so; else return it unchanged.

    Only a code as read that fails its check, and only when one reading is certain: the QR
    code's code when it passes and differs in at most two characters OCR confuses; otherwise the
    single reading — fewest changes first, at most two — that changes only such characters and
    passes every check. A forger gains nothing from a printed code that fails its own check; an
    OCR engine produces exactly that.
    """
    if len(printed) not in (15, 18) or _valid(printed) or qr_code == printed:
        return printed, None  # valid, or confirmed by the QR code: what is printed
    if qr_code is not None and len(qr_code) == len(printed) and _valid(qr_code):
        diffs = [(a, b) for a, b in zip(printed, qr_code, strict=True) if a != b]
        if len(diffs) <= 2 and all(_confusable(a, b) for a, b in diffs):
            return qr_code, (
                f"credit code read as {printed}, which fails its check; taken as {qr_code} from "
                "the QR code (the two differ only in characters OCR confuses)"
            )
        return printed, None
    candidates = _corrections(printed, 2)
    if len(candidates) == 1:
        code = next(iter(candidates))
        return code, (
            f"credit code read as {printed}, which fails its check; taken as {code}, the only "
            "reading that changes just characters OCR confuses and passes every check"
        )
    return printed, None


def _name_from_record(read: _layout.Found | None, record: str) -> _layout.Found | None:
    """The name of a text-record QR code, when the print gave none or one a few characters off:
    the code's text is exact where OCR is not. None to keep the printed reading."""
    from rapidfuzz.distance import Levenshtein

    if read is None:
        return _layout.Found("name", "二维码", record, 1.0)
    a, b = "".join(read.value.split()), "".join(record.split())
    if a == b or Levenshtein.distance(a, b) > max(2, len(b) // 4):
        return None
    return _layout.Found("name", read.label, record, read.confidence)


def read_licence(image: object) -> LicenceReading:
    """Read a business licence from *image*: a file path, the file's bytes, or a PIL image.

    Raises :class:`OcrUnavailable` (an ``ImportError``) without the ``ocr`` extra,
    :class:`UnreadableImage` for anything that is not a readable image, and
    :class:`~acctverify.exceptions.InputTooLarge` beyond :data:`MAX_FILE_BYTES` /
    :data:`MAX_PIXELS`.
    """
    source = _source_name(image)
    fetched = _fetch(image)
    engine()  # fail early, and with the install hint, when the extra is missing
    picture = _open(fetched)
    scan = _qr.decode(_fit(picture, _QR_SIDE))
    codes = scan.codes
    small = _fit(picture, _OCR_SIDE)
    # zxing-cpp gives the QR code's orientation counter-clockwise: turning the page clockwise by
    # as much (to the nearest quarter turn) brings it upright before the first OCR pass.
    turned = round(-codes[0][1] / 90) * 90 % 360 if codes else 0
    small = _turn(small, turned)
    lines = _ocr(small)
    layout = _best_layout(lines, small.size)
    if layout.rotation:
        # The text reads better upright: OCR the turned page again (once).
        small = _turn(small, layout.rotation)
        turned = (turned + layout.rotation) % 360
        lines = _ocr(small)
        layout = _best_layout(lines, small.size)
        turned = (turned + layout.rotation) % 360
    warnings_: list[str] = []
    qr_text = codes[0][0] if codes else None
    facts = _qr.classify(qr_text) if qr_text is not None else None
    values = {found.field: found for found in layout.fields}
    printed = values.get("uscc")
    read_as = None
    if printed is not None:
        code, note = _reconcile(printed.value, facts.code if facts else None)
        if note:
            warnings_.append(note)
            read_as = printed.value
            values["uscc"] = _layout.Found("uscc", printed.label, code, printed.confidence)
        elif len(code) in (15, 18) and not _valid(code):
            warnings_.append(f"credit code read as {code} fails its check")
    if len(codes) > 1:
        warnings_.append(f"{len(codes)} QR codes on the image; the largest is used")
    code_read = values["uscc"].value if "uscc" in values else None
    page_style = _page.style(lines, code_read)
    zone_blank = None
    if page_style is LicenceStyle.CURRENT and not codes and not scan.unread and not layout.rotation:
        import numpy as np

        zone_blank = _page.qr_zone_blank(np.asarray(small.convert("L")), lines)
    if not lines:
        warnings_.append("no text found on the image")
    if facts is not None and facts.name:
        name = _name_from_record(values.get("name"), facts.name)
        if name is not None:
            values["name"] = name
            warnings_.append(f"name taken from the QR code's text record: {facts.name}")
    fields = tuple(
        FieldReading(field=f.field, label=f.label, value=f.value, confidence=round(f.confidence, 4))
        for f in values.values()
    )
    licence = Licence.model_validate(
        {**{f.field: f.value for f in fields}, "source": "licence_image"}
    )
    return LicenceReading(
        source=source,
        licence=licence,
        fields=fields,
        labels=layout.labels,
        qr_text=qr_text,
        qr_host=facts.host if facts else None,
        qr_uscc=facts.code if facts else None,
        qr_verdict=facts.verdict if facts else None,
        qr_system=facts.system if facts and facts.verdict is QrVerdict.OFFICIAL else None,
        qr_name=facts.name if facts else None,
        qr_unread=scan.unread,
        code_read_as=read_as,
        style=page_style,
        qr_zone_blank=zone_blank,
        other_qr_texts=tuple(text for text, _ in codes[1:]),
        rotation=turned,
        lines=tuple(
            OcrLine(
                text=text,
                confidence=round(score, 4),
                box=(
                    round(min(x for x, _ in quad)),
                    round(min(y for _, y in quad)),
                    round(max(x for x, _ in quad)),
                    round(max(y for _, y in quad)),
                ),
            )
            for quad, text, score in lines
        ),
        warnings=tuple(warnings_),
    )
