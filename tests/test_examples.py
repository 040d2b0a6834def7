"""The examples: every request JSON through verify() and the command, and the Python script.

Each example stands for one scenario of the issue; its expected level is part of what the example
teaches, so a change in the rules that moves it is a change to review.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import acctverify as av
from acctverify.cli import main
from acctverify.directory import load_directory
from acctverify.models import Level, PaymentRequest, Report

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

#: example file -> (accepted levels, codes the example is about)
EXPECTED: dict[str, tuple[set[Level], set[str]]] = {
    "consulting-company-scam.json": (
        {Level.CRITICAL, Level.HIGH},
        {"payee.not_creditor", "account.personal_card", "payee.debt_service_company",
         "licence.debt_service_scope", "messages.personal_contact"},
    ),
    "lookalike-creditor.json": (
        {Level.CRITICAL, Level.HIGH},
        {"payee.lookalike_creditor"},
    ),
    "forged-licence.json": (
        {Level.HIGH, Level.CRITICAL},
        {"licence.uscc_invalid", "licence.org_code_invalid", "licence.not_operating",
         "licence.name_mismatch", "payee.not_creditor"},
    ),
    "genuine-payment.json": (
        {Level.LOW},
        {"payee.official_entity"},
    ),
}  # fmt: skip


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / name).read_text(encoding="utf-8"))
    return data


def test_every_example_request_is_listed() -> None:
    assert {path.name for path in EXAMPLES.glob("*.json")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_through_verify(name: str) -> None:
    levels, codes = EXPECTED[name]
    data = load(name)
    PaymentRequest.model_validate(data)
    report = av.verify(data)
    found = {finding.code for finding in report.findings}
    assert report.level in levels, (report.level, sorted(found))
    assert codes <= found, sorted(codes - found)
    assert Report.model_validate_json(report.model_dump_json()) == report


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_through_the_command(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    levels, _ = EXPECTED[name]
    status = main(["check", str(EXAMPLES / name), "--json"])
    report = Report.model_validate_json(capsys.readouterr().out)
    assert report.level in levels
    assert status == (1 if report.level.rank >= Level.HIGH.rank else 0)
    status = main(["check", str(EXAMPLES / name), "--lang", "en"])
    text = capsys.readouterr().out
    assert text.startswith(f"Risk level: {report.level.value.upper()}")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_examples_hold_no_real_account_or_person(name: str) -> None:
    """Fictional names carry 某某; the only real names are the creditor's own published ones."""
    data = load(name)
    published = {"深圳前海微众银行股份有限公司", "9144030031977063XH"}
    for name_field in (data["payee"].get("name"), (data.get("licence") or {}).get("name")):
        if name_field and name_field not in published:
            assert "某某" in name_field or "徽众" in name_field, name_field
    person = (data.get("licence") or {}).get("legal_representative")
    if person:
        assert "某某" in person
    assert not re.search(r"\d{15,}", json.dumps(data.get("messages", [])))


def test_genuine_payment_is_low_only_because_the_payee_is_the_creditor() -> None:
    data = load("genuine-payment.json")
    report = av.verify(data)
    assert report.level is Level.LOW
    data["payee"]["name"] = "深圳市某某商务咨询有限公司"
    assert av.verify(data).level.rank >= Level.HIGH.rank


def test_the_example_directory_loads() -> None:
    directory = load_directory(EXAMPLES / "my-directory.toml")
    match = directory.resolve("示例演示贷")
    assert match is not None
    assert match.creditor is not None
    assert directory.official_accounts(match.creditor)


def test_the_example_script_runs() -> None:
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / "verify_example.py")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Level: critical")
    assert "payee.not_creditor" in done.stdout
    assert "What to do:" in done.stdout
    assert "6217003827561943520" not in done.stdout  # the account is masked in messages
