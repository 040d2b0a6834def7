"""acctverify.dask.verify_frame on a Dask DataFrame: the same rows as pandas, on a real cluster."""

from __future__ import annotations

import sys
from datetime import date

import dask.dataframe as dd
import pandas as pd
import pytest

import acctverify.dask as avd
from acctverify.frame import RESULT_COLUMNS
from acctverify.frame import verify_frame as verify_pandas

AS_OF = date(2026, 11, 29)
COLUMNS = {"户名": "payee.name", "账号": "payee.account", "债权人": "creditor", "短信": "messages"}


def payees(count: int) -> pd.DataFrame:
    names = ["深圳前海微众银行股份有限公司", "张三", "深圳市某某商务咨询有限公司", None]
    accounts = [None, "6217000000123456786", "44250100003800001234", "6222020200112233449"]
    messages = [None, "请转入对公账户，加微信 wx_kefu888", "", "【微粒贷】请在App内还款"]
    return pd.DataFrame(
        {
            "编号": [f"P{i:04d}" for i in range(count)],
            "户名": [names[i % 4] for i in range(count)],
            "账号": [accounts[i % 4] for i in range(count)],
            "债权人": ["微粒贷" if i % 3 else "京东金条" for i in range(count)],
            "短信": [messages[i % 4] for i in range(count)],
        }
    )


def test_meta_and_lazy_graph() -> None:
    ddf = dd.from_pandas(payees(12), npartitions=3)
    out = avd.verify_frame(ddf, columns=COLUMNS, as_of=AS_OF)
    assert isinstance(out, dd.DataFrame)
    assert list(out.columns) == [*ddf.columns, *RESULT_COLUMNS]
    assert str(out.dtypes["score"]) == "int64"
    assert out.npartitions == 3


def test_same_rows_as_pandas_with_the_threaded_scheduler() -> None:
    df = payees(40)
    out = avd.verify_frame(dd.from_pandas(df, npartitions=4), columns=COLUMNS, as_of=AS_OF)
    got = out.compute(scheduler="threads")
    want = verify_pandas(df, columns=COLUMNS, as_of=AS_OF)
    assert got["level"].tolist() == want["level"].tolist()
    assert got["findings"].tolist() == want["findings"].tolist()
    assert got["score"].tolist() == want["score"].tolist()


def test_bad_mapping_fails_at_once() -> None:
    ddf = dd.from_pandas(payees(4), npartitions=2)
    with pytest.raises(ValueError, match="has no field"):
        avd.verify_frame(ddf, columns={"户名": "payee.nam"})
    with pytest.raises(TypeError, match="dask DataFrame"):
        avd.verify_frame(payees(4), columns=COLUMNS)


def test_missing_dask_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "dask.dataframe", None)
    with pytest.raises(ImportError, match=r"acctverify\[dask\]"):
        avd.verify_frame(object(), columns=COLUMNS)


def test_on_a_local_cluster() -> None:
    distributed = pytest.importorskip("dask.distributed")
    df = payees(60)
    want = verify_pandas(df, columns=COLUMNS, as_of=AS_OF)
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            host="127.0.0.1",
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        ddf = dd.from_pandas(df, npartitions=4)
        out = avd.verify_frame(ddf, columns=COLUMNS, as_of=AS_OF)
        got = client.compute(out).result(timeout=120)
        workers = client.run(lambda: __import__("os").getpid())
    assert len(workers) == 2
    assert got.sort_index()["level"].tolist() == want["level"].tolist()
    assert got.sort_index()["account_masked"].fillna("").tolist() == (
        want["account_masked"].fillna("").tolist()
    )
