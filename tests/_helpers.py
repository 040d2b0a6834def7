"""Helpers shared by several test modules: requests for the verify() tests, the command line,
WCAG contrast.

Names are fictional (某某); card numbers and credit codes are synthetic, their check digits
computed here.
"""

from __future__ import annotations

from typing import Any

import pytest

from acctverify.cli import main
from acctverify.cn import bankcard, orgcode, uscc

CONSULTING = "深圳市某某商务咨询有限公司"


def luhn(body: str) -> str:
    return body + bankcard.calc_check_digit(body)


def make_uscc(prefix: str, region: str, org8: str = "MA5GQ7K3") -> str:
    """A credit code with a valid organisation code and check character."""
    body = prefix + region + org8 + orgcode.calc_check_digit(org8)
    return body + uscc.calc_check_digit(body)


def scam(**parts: Any) -> dict[str, Any]:
    """The consulting-company payee for 微粒贷, with *parts* added or replaced."""
    return {"payee": {"name": CONSULTING}, "creditor": "微粒贷", **parts}


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command; return (exit status, stdout, stderr)."""
    try:
        status = main(list(argv))
    except SystemExit as exc:  # argparse's own usage errors
        status = exc.code if isinstance(exc.code, int) else 2
    out, err = capsys.readouterr()
    return status, out, err


#: A colour as red, green, blue, each 0-255 (floats: blended colours).
RGB = tuple[float, float, float]


def rgb(colour: str) -> RGB:
    """``#rrggbb`` as an :data:`RGB`."""
    return (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16))


def _luminance(colour: RGB) -> float:
    """WCAG 2 relative luminance."""

    def channel(value: float) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: RGB, b: RGB) -> float:
    """The WCAG 2 contrast ratio of two opaque colours."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)
