"""What the one-way restructuring promised, as behaviour: one look-alike engine that both entry
points share, look-alikes reported with or without a creditor, one exception tree."""

from __future__ import annotations

from pathlib import Path

import pydantic
import pytest

import acctverify as av
from acctverify.directory import resolve_creditor
from acctverify.names import match_names

AS_OF = "2026-11-29"


def test_one_lookalike_module() -> None:
    root = Path(av.__file__).resolve().parent
    assert [p.name for p in root.rglob("*lookalike*.py")] == ["_lookalike.py"]


@pytest.mark.parametrize(
    ("text", "official"),
    [("徽众很行", "微众银行"), ("徽粒货", "微粒贷"), ("徽粒贷", "微粒贷"), ("为粒贷", "微粒贷")],
)
def test_both_entry_points_agree(text: str, official: str) -> None:
    assert match_names(text, official).outcome is av.MatchOutcome.NO_MATCH
    assert set(match_names(text, official).reasons) & {"LKHG", "LKHP", "LKED"}
    found = resolve_creditor(text)
    assert found is not None
    assert found.lookalike
    assert found.lookalike_of == official


def test_a_creditor_lookalike_of_two_glyph_swaps_is_reported() -> None:
    report = av.verify({"creditor": "徽粒货", "as_of": AS_OF})
    assert "creditor.lookalike" in {f.code for f in report.findings}


def test_a_lookalike_payee_is_reported_without_a_creditor() -> None:
    report = av.verify({"payee": {"name": "深圳前海徽众银行股份有限公司"}, "as_of": AS_OF})
    assert report.findings[0].code == "payee.lookalike_creditor"
    assert report.level is av.Level.CRITICAL
    genuine = av.verify({"payee": {"name": "深圳前海微众银行股份有限公司"}, "as_of": AS_OF})
    assert "payee.lookalike_creditor" not in {f.code for f in genuine.findings}


@pytest.mark.parametrize(
    "caught", [av.InvalidRequest, av.ValidationError, av.AcctVerifyError, pydantic.ValidationError]
)
def test_a_bad_request_is_caught_by_the_package_exceptions(caught: type[Exception]) -> None:
    with pytest.raises(caught) as raised:
        av.verify({"payee": {"account": 6217000000123456786}})
    assert isinstance(raised.value, av.InvalidRequest)
    assert raised.value.errors()[0]["loc"] == ("payee", "account")
    assert "payee.account" in str(raised.value)


def test_source_errors_are_in_the_one_tree() -> None:
    from acctverify import exceptions, sources

    assert sources.SourceError is exceptions.SourceError
    assert issubclass(exceptions.SourceUnavailable, av.AcctVerifyError)
