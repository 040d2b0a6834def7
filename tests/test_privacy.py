"""Privacy: shared reports and logs carry no personal data."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

import acctverify as av

CARD = "6217000000123456786"
PERSON = "张三丰"
MOBILE = "13812345678"
WECHAT = "wx_kefu888"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

REQUEST = {
    "payee": {"name": PERSON, "account": CARD, "bank": "建设银行"},
    "creditor": "微粒贷",
    "licence": {"name": "深圳市某某商务咨询有限公司", "legal_representative": PERSON},
    "messages": [f"请转到 {CARD} 或打 {MOBILE}，加微信 {WECHAT}，QQ 123456789"],
    "contact": {"caller_number": MOBILE},
    "as_of": "2026-11-29",
}


def test_redacted_report_hides_numbers_ids_and_persons() -> None:
    report = av.verify(REQUEST)
    full = report.model_dump_json()
    assert CARD in full  # the unredacted report keeps what the caller gave (for programs)
    shared = report.redacted().model_dump_json()
    for secret in (CARD, PERSON, MOBILE, WECHAT, "123456789"):
        assert secret not in shared, secret


def test_redacted_report_keeps_the_verdict() -> None:
    report = av.verify(REQUEST)
    shared = report.redacted()
    assert shared.level is report.level
    assert shared.score == report.score
    assert [f.code for f in shared.findings] == [f.code for f in report.findings]
    assert [f.contribution for f in shared.findings] == [f.contribution for f in report.findings]
    assert shared.advice == report.advice
    assert av.Report.model_validate_json(shared.model_dump_json()) == shared


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.name)
def test_examples_redact_cleanly(path: Path) -> None:
    report = av.verify(json.loads(path.read_text(encoding="utf-8")))
    assert report.redacted().level is report.level


def test_logs_carry_no_personal_data(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="acctverify"):
        av.verify(REQUEST)
    text = "\n".join(record.getMessage() for record in caplog.records)
    assert "payee.is_person" in text  # DEBUG says what was found …
    for secret in (CARD, PERSON, MOBILE, WECHAT):  # … never about whom
        assert secret not in text
    assert not [r for r in caplog.records if r.levelno >= logging.INFO]
