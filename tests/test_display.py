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
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

import acctverify as av
from _helpers import RGB, contrast
from acctverify.models import Level, Report
from acctverify.render import FRAME_COLUMNS, LEVEL_COLOURS, report_html
from acctverify.render._card import BADGE_TINTS

AS_OF = date(2026, 11, 29)
ROOT = Path(__file__).resolve().parent.parent
CARD = "6217000000123456786"
SCAM = json.loads((ROOT / "examples" / "consulting-company-scam.json").read_text(encoding="utf-8"))
EVIL = "<script>alert(1)</script>"


EXAMPLES = {
    path.stem: json.loads(path.read_text(encoding="utf-8"))
    for path in sorted((ROOT / "examples").glob("*.json"))
}


def scam() -> Report:
    return av.verify(SCAM, as_of=AS_OF)


def example_card(name: str) -> str:
    request = EXAMPLES[name]
    return report_html(av.verify(request, as_of=AS_OF), messages=request.get("messages"))


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


# --- words, not codes; look-alikes marked; contrast ----------------------------------------------


class _Text(HTMLParser):
    """The text a reader sees (no tags, no attributes), and the tooltips."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.titles: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.titles += [value or "" for name, value in attrs if name == "title"]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def seen(html: str) -> tuple[str, str]:
    parser = _Text()
    parser.feed(html)
    return "".join(parser.text), " | ".join(parser.titles)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_the_card_says_codes_in_words(name: str) -> None:
    report = av.verify(EXAMPLES[name], as_of=AS_OF)
    text, titles = seen(report._repr_html_())
    for code in ("NMTC", "MTCH", "CMTC", "NOAP", "corporate_plausible", "(card)", "[LK", "[SPUF]"):
        assert code not in text, code
    pair = report.facts.names.payee_creditor
    assert pair is not None
    assert pair.match.outcome.value in titles  # the code is kept, in a tooltip
    assert {"不一致 no match", "一致 match"} & set(text.split(" · ")) or "match" in text
    for finding in report.findings:
        assert finding.code in text  # finding codes are for looking up: they stay


def test_the_lookalike_card_marks_the_swapped_character_in_both_names() -> None:
    html = example_card("lookalike-creditor")
    marks = re.findall(
        r'<mark style="[^"]*font-weight:700[^"]*" title="([^"]+)">([^<]+)</mark>', html
    )
    assert ("形近字 look-alike", "徽") in marks
    assert ("形近字 look-alike", "微") in marks
    text, titles = seen(html)
    assert "“徽”冒充“微”（形近字）" in text  # said in words too, not by the mark alone
    assert "“徽” poses as “微” (look-alike glyph)" in text
    assert "LKHG" in titles
    assert "LKHG" not in text


def test_hidden_characters_are_shown() -> None:
    request = {"payee": {"name": "深圳前海微众\u200b银行股份有限公司"}, "creditor": "微粒贷"}
    html = av.verify(request, as_of=AS_OF)._repr_html_()
    assert "\u200b" not in html
    assert re.search(r"<mark [^>]*>⟨U\+200B⟩</mark>", html)


def test_more_evidence_is_not_a_score() -> None:
    text, _ = seen(example_card("consulting-company-scam"))
    assert re.search(r"↳ 另有\d+处 · \d+ more", text)
    assert not re.search(r"↳ \+\d", text)


def test_trust_findings_have_a_badge_of_their_own() -> None:
    report = av.verify(EXAMPLES["genuine-payment"], as_of=AS_OF)
    kinds = {f.kind.value for f in report.findings}
    assert {"trust", "info"} <= kinds
    html = report._repr_html_()
    badges = re.findall(r'<div title="([^"]+)" style="text-align:center', html)
    assert "可信 trust" in badges  # said in words, not by colour alone
    assert "提示 info" in badges
    assert BADGE_TINTS["trust"][0] in html
    assert BADGE_TINTS["trust"] != BADGE_TINTS["info"] != BADGE_TINTS["risk"]


# Page (background, text) of the themes the card is read in: this test suite's own, GitHub's,
# JupyterLab's (text at 87 % of black or white) and VS Code's.
READING_THEMES = {
    "light": ("#ffffff", "#1f2328"),
    "dark": ("#111418", "#e6edf3"),
    "jupyterlab-light": ("#ffffff", "rgba(0,0,0,.87)"),
    "jupyterlab-dark": ("#111111", "rgba(255,255,255,.87)"),
    "vscode-light": ("#ffffff", "#3b3b3b"),
    "vscode-dark": ("#1f1f1f", "#cccccc"),
}


def colour(value: str) -> tuple[RGB, float] | None:
    value = value.strip()
    if value.startswith("#"):
        digits = value[1:]
        if len(digits) == 3:
            digits = "".join(c * 2 for c in digits)
        return (int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)), 1.0
    match = re.fullmatch(r"rgba?\(([^)]*)\)", value)
    if match is None:
        return None  # inherit, transparent, a gradient: nothing to blend
    parts = [float(part) for part in match.group(1).split(",")]
    return (parts[0], parts[1], parts[2]), parts[3] if len(parts) > 3 else 1.0


def over(top: tuple[RGB, float], bottom: RGB) -> RGB:
    (r, g, b), alpha = top
    return (
        r * alpha + bottom[0] * (1 - alpha),
        g * alpha + bottom[1] * (1 - alpha),
        b * alpha + bottom[2] * (1 - alpha),
    )


class _Contrast(HTMLParser):
    """Every piece of text with the colour it is drawn in and the colour behind it, from the
    inline styles: backgrounds blend over their parents', opacities multiply."""

    VOID = frozenset({"br", "img", "hr", "wbr"})

    def __init__(self, background: RGB, text: tuple[RGB, float]) -> None:
        super().__init__()
        self.stack: list[tuple[RGB, tuple[RGB, float], float]] = [(background, text, 1.0)]
        self.found: list[tuple[str, float]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        background, text, opacity = self.stack[-1]
        style = dict(attrs).get("style") or ""
        for declaration in style.split(";"):
            name, _, value = declaration.partition(":")
            name = name.strip()
            if name in ("background", "background-color") and (parsed := colour(value)):
                background = over(parsed, background)
            elif name == "color" and (parsed := colour(value)):
                text = parsed
            elif name == "opacity":
                opacity *= float(value)
        self.stack.append((background, text, opacity))

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if data.strip():
            background, (rgb, alpha), opacity = self.stack[-1]
            drawn = over((rgb, alpha * opacity), background)
            self.found.append((data.strip(), contrast(drawn, background)))


@pytest.mark.parametrize("theme", sorted(READING_THEMES))
@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_every_text_on_the_card_has_aa_contrast(name: str, theme: str) -> None:
    background, text = READING_THEMES[theme]
    page = colour(background)
    ink = colour(text)
    assert page is not None
    assert ink is not None
    parser = _Contrast(page[0], ink)
    parser.feed(example_card(name))
    assert parser.found
    low = [(piece, round(ratio, 2)) for piece, ratio in parser.found if ratio < 4.5]
    assert not low, f"below 4.5:1 in the {theme} theme: {low[:5]}"


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
