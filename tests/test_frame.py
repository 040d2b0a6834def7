"""verify_frame(): pandas and polars frames in, the same frames with the result columns out."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pytest

import acctverify as av
from acctverify import _pool
from acctverify.frame import LEVELS, RESULT_COLUMNS, report_row, request_from_row, verify_frame


@pytest.fixture(autouse=True)
def _pool_even_for_small_inputs(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests' inputs are small: let workers=n start helpers for them anyway, so that the
    pool is what they test (test_small_inputs_stay_in_the_calling_process checks the rule)."""
    monkeypatch.setattr(_pool, "SMALL_INPUT", 0)


AS_OF = date(2026, 11, 29)
ROOT = Path(__file__).resolve().parent.parent
PAYEES = ROOT / "examples" / "payees.csv"
WEBANK = "深圳前海微众银行股份有限公司"
CARD = "6217000000123456786"

COLUMNS = {"户名": "payee.name", "账号": "payee.account", "债权人": "creditor", "短信": "messages"}


def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "编号": ["a", "b", "c", "d"],
            "户名": [WEBANK, "张三", "深圳市某某商务咨询有限公司", None],
            "账号": [None, CARD, "44250100003800001234", CARD],
            "债权人": ["微粒贷", "微粒贷", "京东金条", ""],
            "短信": [None, "请转入对公账户，加微信 wx_kefu888", "", None],
        },
        index=[10, 20, 30, 40],
    )


def generator() -> Any:
    path = ROOT / "scripts" / "make_payees_csv.py"
    spec = importlib.util.spec_from_file_location("make_payees_csv", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_pandas_rows_get_the_results_of_verify() -> None:
    df = frame()
    out = verify_frame(df, columns=COLUMNS, as_of=AS_OF)
    assert list(out.columns) == [*df.columns, *RESULT_COLUMNS]
    assert list(out.index) == [10, 20, 30, 40]
    pd.testing.assert_frame_equal(out[df.columns], df)  # the input columns are kept as they are
    for (_, row), original in zip(out.iterrows(), df.to_dict("records"), strict=True):
        report = av.verify(request_from_row(original, COLUMNS), as_of=AS_OF)
        for name, value in report_row(report).items():
            assert pd.isna(row[name]) if value is None else row[name] == value, name
    first, second = out.loc[10], out.loc[20]
    assert (first["level"], first["name_match_code"]) == ("low", "MTCH")
    assert first["name_match"] == "一致 match"  # words for people, the code to filter on
    assert pd.isna(first["account_masked"])
    assert second["level"] == "critical"
    assert second["account_masked"] == "6217***********6786"
    assert "payee.not_creditor" in second["findings"].split(", ")
    assert len(second["findings"].split(", ")) == 3
    assert out.loc[40, "name_match_code"] == "NOAP"  # no name, no creditor: nothing to compare
    assert out.loc[40, "name_match"] == "无法核对 not possible"
    assert out.loc[20, "name_match"] == "不一致 no match"
    assert CARD not in out[list(RESULT_COLUMNS)].to_csv()


def test_dtypes_are_the_same_for_an_empty_frame() -> None:
    full = verify_frame(frame(), columns=COLUMNS, as_of=AS_OF)
    empty = verify_frame(frame().iloc[:0], columns=COLUMNS, as_of=AS_OF)
    assert len(empty) == 0
    assert dict(empty.dtypes) == dict(full.dtypes)
    assert str(full["score"].dtype) == "int64"


def test_top_and_prefix() -> None:
    out = verify_frame(frame(), columns=COLUMNS, top=None, prefix="av_", as_of=AS_OF)
    assert [c for c in out.columns if c.startswith("av_")] == [f"av_{c}" for c in RESULT_COLUMNS]
    report = av.verify(request_from_row(frame().loc[20].to_dict(), COLUMNS), as_of=AS_OF)
    moved = [f.code for f in report.findings if f.kind.value != "info" or f.contribution]
    assert out.loc[20, "av_findings"] == ", ".join(moved)
    assert len(moved) > 3


def test_several_columns_feed_the_messages_in_order() -> None:
    row = {"短信1": "第一条", "短信2": None, "短信3": "第三条"}
    columns = {"短信1": "messages", "短信2": "messages", "短信3": "messages"}
    assert request_from_row(row, columns) == {"messages": ["第一条", "第三条"]}


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (None, None),
        (float("nan"), None),
        (pd.NA, None),
        (pd.NaT, None),
        ("", None),
        ("  ", None),
        (6217000000123456786, "6217000000123456786"),
        (np.int64(4425010000380000123), "4425010000380000123"),
        (np.float64("nan"), None),
        ("张三", "张三"),
    ],
)
def test_cells(cell: object, expected: str | None) -> None:
    request = request_from_row({"号": cell}, {"号": "payee.account"})
    assert request.get("payee", {}).get("account") == expected


def test_dates_from_timestamps() -> None:
    request = request_from_row({"日期": pd.Timestamp("2026-01-02")}, {"日期": "as_of"})
    assert request == {"as_of": date(2026, 1, 2)}


def test_a_bad_row_does_not_stop_the_frame() -> None:
    df = pd.DataFrame({"户名": ["张三", "李四"], "类型": ["见截图", "对私"]})
    out = verify_frame(df, columns={"户名": "payee.name", "类型": "payee.claimed_account_type"},
                       as_of=AS_OF)  # fmt: skip
    assert out.loc[0, "findings"] == "input.invalid_request"
    assert out.loc[0, "level"] == "medium"
    assert out.loc[1, "level"] in LEVELS


@pytest.mark.parametrize(
    ("columns", "message"),
    [
        ({"户名": "payee.nam"}, "payee has no field 'nam'"),
        ({"户名": "payer.name"}, "the request has no field 'payer'"),
        ({"户名": "payee"}, "map columns to the fields of 'payee'"),
        ({"户名": "creditor.name"}, "'creditor' has no fields"),
        ({"不存在": "payee.name"}, "columns not in the frame: '不存在'"),
        ({}, "columns is empty"),
    ],
)
def test_bad_mappings_fail_before_any_work(columns: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        verify_frame(frame(), columns=columns)


def test_result_columns_must_not_clash() -> None:
    df = frame().assign(level="x")
    with pytest.raises(ValueError, match="prefix="):
        verify_frame(df, columns=COLUMNS)
    assert "av_level" in verify_frame(df, columns=COLUMNS, prefix="av_", as_of=AS_OF).columns


def test_float_columns_are_refused_unless_empty() -> None:
    df = pd.DataFrame({"户名": ["张三"], "账号": [6.217000000123457e18]})
    with pytest.raises(ValueError, match="dtype=str"):
        verify_frame(df, columns={"户名": "payee.name", "账号": "payee.account"})
    empty = pd.DataFrame({"户名": ["张三"], "账号": [float("nan")]})
    out = verify_frame(empty, columns={"户名": "payee.name", "账号": "payee.account"}, as_of=AS_OF)
    assert out.loc[0, "level"] in LEVELS


def test_integer_columns_are_read_as_digits() -> None:
    df = pd.DataFrame({"户名": ["张三"], "账号": [6217000000123456786]})
    out = verify_frame(df, columns={"户名": "payee.name", "账号": "payee.account"}, as_of=AS_OF)
    assert out.loc[0, "account_masked"] == "6217***********6786"


def test_not_a_frame() -> None:
    with pytest.raises(TypeError, match="pandas or polars DataFrame"):
        verify_frame([{"户名": "张三"}], columns={"户名": "payee.name"})  # type: ignore[type-var]


def test_workers_give_the_same_frame() -> None:
    module = generator()
    df = pd.DataFrame(list(module.payee_rows(300)))
    one = verify_frame(df, columns=module.COLUMNS, as_of=AS_OF)
    two = verify_frame(df, columns=module.COLUMNS, as_of=AS_OF, workers=2, chunk_size=16)
    pd.testing.assert_frame_equal(one, two)


def test_the_shipped_csv() -> None:
    module = generator()
    df = pd.read_csv(PAYEES, comment="#", dtype=str)
    assert list(df.columns) == module.HEADER
    assert len(df) == 200
    assert df.iloc[0]["编号"] == "P00001"
    out = verify_frame(df, columns=module.COLUMNS, as_of=AS_OF)
    assert set(out["level"]) <= set(LEVELS)
    assert "input.invalid_request" in set(out["findings"])
    assert out["level"].nunique() == len(LEVELS)


def test_the_shipped_csv_is_what_the_generator_makes(tmp_path: Path) -> None:
    module = generator()
    target = tmp_path / "payees.csv"
    module.write(target, 200)
    assert target.read_text(encoding="utf-8") == PAYEES.read_text(encoding="utf-8")


def test_polars() -> None:
    df = pl.from_pandas(frame().reset_index(drop=True))
    out = verify_frame(df, columns=COLUMNS, as_of=AS_OF)
    assert isinstance(out, pl.DataFrame)
    assert out.columns == [*df.columns, *RESULT_COLUMNS]
    assert out.schema["score"] == pl.Int64
    assert out.schema["level"] == pl.String
    expected = verify_frame(frame(), columns=COLUMNS, as_of=AS_OF).reset_index(drop=True)
    assert out["level"].to_list() == expected["level"].to_list()
    assert out["account_masked"].to_list()[0] is None
    assert out["account_masked"].to_list()[1] == "6217***********6786"


def test_polars_float_column_refused() -> None:
    df = pl.DataFrame({"户名": ["张三"], "账号": [6.2e18]})
    with pytest.raises(ValueError, match="floating-point"):
        verify_frame(df, columns={"户名": "payee.name", "账号": "payee.account"})


def test_pandas_missing_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"acctverify\[pandas\]"):
        verify_frame(object(), columns={"户名": "payee.name"})  # type: ignore[type-var]
    report = av.verify({"payee": {"name": "张三"}}, as_of=AS_OF)
    with pytest.raises(ImportError, match=r"acctverify\[pandas\]"):
        report.to_frame()
