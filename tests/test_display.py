"""Reports in notebooks: the HTML card (escaped, masked, self-contained, seen in a real browser)
and Report.to_frame()."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

import acctverify as av
from acctverify.models import Level, Report
from acctverify.render import FRAME_COLUMNS, LEVEL_COLOURS, report_html

AS_OF = date(2026, 11, 29)
ROOT = Path(__file__).resolve().parent.parent
CARD = "6217000000123456786"
SCAM = json.loads((ROOT / "examples" / "consulting-company-scam.json").read_text(encoding="utf-8"))
EVIL = "<script>alert(1)</script>"


def scam() -> Report:
    return av.verify(SCAM, as_of=AS_OF)


def by_level() -> dict[Level, Report]:
    requests = {
        Level.LOW: {"payee": {"name": "深圳前海微众银行股份有限公司"}, "creditor": "微粒贷"},
        Level.MEDIUM: {
            "payee": {"name": "深圳市某达网络科技有限公司", "account": "44250100003800001234"}
        },
        Level.HIGH: {"payee": {"name": "张三", "account": "44250100003800001234"}},
        Level.CRITICAL: {"payee": {"name": "张三", "account": CARD}, "creditor": "微粒贷"},
    }
    reports = {level: av.verify(request, as_of=AS_OF) for level, request in requests.items()}
    assert all(report.level is level for level, report in reports.items())
    return reports


# --- the card -----------------------------------------------------------------------------------


def test_the_card_shows_level_score_findings_evidence_and_advice() -> None:
    report = scam()
    html = report._repr_html_()
    assert html.startswith('<div class="acctverify-report"')
    assert "极高风险 · CRITICAL" in html or report.level is not Level.CRITICAL
    assert f">{report.score}<" in html
    for finding in report.findings:
        assert finding.code in html
    assert html.count("<li") == len(report.advice)
    assert report.advice[0].zh in html
    assert '<mark style="' in html  # message spans are highlighted
    assert "<details" in html  # findings beyond the first few fold away


@pytest.mark.parametrize("level", list(Level))
def test_the_level_colour_is_on_the_band(level: Level) -> None:
    html = by_level()[level]._repr_html_()
    assert f"background:{LEVEL_COLOURS[level.value]};color:#fff" in html
    assert f"border:1px solid {LEVEL_COLOURS[level.value]}" in html


def test_every_value_is_escaped() -> None:
    request = {
        "payee": {"name": f"深圳市某某{EVIL}有限公司", "bank": '"><img src=x onerror=alert(2)>'},
        "creditor": "微粒贷&<b>",
        "messages": [f"请加微信 wx_kefu888 {EVIL} 转入对公账户"],
        "licence": {"name": "<i>某某</i>", "business_scope": "债务咨询<style>*{}</style>"},
    }
    html = av.verify(request, as_of=AS_OF)._repr_html_()
    assert "<script" not in html
    assert "<img" not in html
    assert "<style" not in html
    assert "<i>" not in html
    assert "&lt;script&gt;" in html


def test_account_numbers_are_masked() -> None:
    request = {
        "payee": {"name": "张三", "account": CARD},
        "creditor": "微粒贷",
        "messages": [f"请转账到 {CARD[:4]} {CARD[4:8]} {CARD[8:12]} {CARD[12:16]} {CARD[16:]}"],
    }
    report = av.verify(request, as_of=AS_OF)
    html = report_html(report, messages=request["messages"])
    digits = re.sub(r"\D", "", html)
    assert CARD not in digits
    assert "6217***********6786" in html


def test_self_contained() -> None:
    html = scam()._repr_html_()
    for needle in ("<link", "<script", "<style", " src=", " href=", "url(", "@import", "<iframe"):
        assert needle not in html


def test_message_excerpts_when_the_messages_are_known() -> None:
    report = scam()
    html = report_html(report, messages=SCAM["messages"])
    assert re.search(r"…?[^<]*<mark[^>]*>wlsd-kefu2025</mark>[^<]+", html)
    without = report_html(report)
    assert re.search(r"message 2:</span> <mark[^>]*>wlsd-kefu2025</mark></div>", without)


def test_a_report_without_findings_still_renders() -> None:
    report = av.verify({}, as_of=AS_OF).model_copy(update={"findings": ()})
    assert "—" in report._repr_html_()


def test_jupyter_uses_the_card() -> None:
    formatters = pytest.importorskip("IPython.core.formatters")
    formatter = formatters.HTMLFormatter()
    assert formatter(scam()) == scam()._repr_html_()


# --- to_frame -----------------------------------------------------------------------------------


def test_to_frame() -> None:
    report = scam()
    frame = report.to_frame()
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == list(FRAME_COLUMNS)
    assert frame["code"].tolist() == [f.code for f in report.findings]
    assert frame["contribution"].sum() == report.score
    assert str(frame["contribution"].dtype) == "int64"
    assert "6217***********6786" in frame.to_csv()
    assert "6217000000123456786" not in frame.to_csv()
    row = frame.set_index("code").loc["messages.personal_contact"]
    assert "messages[1][" in row["evidence"]
    assert row["kind"] == "risk"


def test_to_frame_of_a_report_without_findings() -> None:
    frame = av.verify({}, as_of=AS_OF).model_copy(update={"findings": ()}).to_frame()
    assert list(frame.columns) == list(FRAME_COLUMNS)
    assert frame.empty


# --- in a real browser ---------------------------------------------------------------------------

CHROMIUM = next(
    (shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome")
     if shutil.which(name)),
    None,
)  # fmt: skip
PAGE = """<!doctype html><html lang="zh"><head><meta charset="utf-8"></head>
<body style="margin:16px;background:{background};color:{text}">{card}</body></html>"""
THEMES = {"light": ("#ffffff", "#1f2328"), "dark": ("#111418", "#e6edf3")}


def screenshot(html: str, folder: Path, name: str) -> Path:
    assert CHROMIUM is not None
    page = folder / f"{name}.html"
    page.write_text(html, encoding="utf-8")
    png = folder / f"{name}.png"
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            f"--user-data-dir={folder / 'profile'}",
            f"--screenshot={png}",
            "--window-size=1000,2000",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=90,
        env={**os.environ, "HOME": str(folder)},
    )
    return png


def near(pixel: tuple[int, ...], colour: str, tolerance: int = 12) -> bool:
    target = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return all(abs(a - b) <= tolerance for a, b in zip(pixel[:3], target, strict=True))


@pytest.mark.skipif(CHROMIUM is None, reason="no headless Chromium (apt-get install chromium "
                    "fonts-noto-cjk) to render the card in")  # fmt: skip
@pytest.mark.parametrize("theme", sorted(THEMES))
def test_the_card_in_a_headless_browser(theme: str) -> None:
    image_module = pytest.importorskip("PIL.Image")
    report = scam()
    background, text = THEMES[theme]
    html = PAGE.format(background=background, text=text, card=report._repr_html_())
    with tempfile.TemporaryDirectory() as folder:
        png = screenshot(html, Path(folder), theme)
        image = image_module.open(png).convert("RGB")
    width, height = image.size
    assert (width, height) == (1000, 2000)
    colour = LEVEL_COLOURS[report.level.value]
    # The band: the level's colour fills the top of the card, with white text (the label) on it.
    band = [image.getpixel((x, y)) for x in range(20, 780, 4) for y in range(18, 62, 2)]
    coloured = sum(near(p, colour) for p in band)
    white = sum(min(p) > 225 for p in band)
    assert coloured > 0.6 * len(band), f"{coloured} of {len(band)} band pixels are {colour}"
    assert white > 20, "no label on the band"
    # The body: text in the page's text colour on the page's background, more than a few lines.
    body = [image.getpixel((x, y)) for x in range(20, 780, 3) for y in range(80, 900, 3)]
    assert sum(near(p, background, 6) for p in body) > 0.5 * len(body)
    ink = sum(near(p, text, 60) for p in body)
    assert ink > 2000, f"only {ink} text pixels in the body"
    # The highlighted spans (<mark>) are there.
    assert sum(near(p, "#ffe58f", 8) for p in body) > 200
    # Nothing below the card: it ends on the page (a card that overflows would reach the bottom).
    bottom = [image.getpixel((x, height - 10)) for x in range(0, width, 5)]
    assert all(near(p, background, 6) for p in bottom)
