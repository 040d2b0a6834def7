"""Risk lists: normalised keys, the CSV format and its errors, the SQLite import (batches, one
transaction, no duplicates), lookups, enrich() with local lists, and the CLI flags.

The million-row list is in bench/bench_risklist.py; here a list of 20,000 rows is enough.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import acctverify as av
from _helpers import cli
from acctverify.cn import bankcard
from acctverify.exceptions import DataError
from acctverify.sources import (
    CsvRiskList,
    LookupStatus,
    RiskKind,
    SourceError,
    Sources,
    SqliteRiskList,
    enrich,
    import_csv,
    normalise,
)

DATA = Path(__file__).parent / "data"
LIST = DATA / "sources_risk_list.csv"
LISTED_ACCOUNT = "6217000000123456786"
CONSULTING = "深圳市某某商务咨询有限公司"
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def write(tmp_path: Path, text: str, name: str = "list.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def listed_db(tmp_path: Path) -> Path:
    """The test list imported into a new SQLite database."""
    db = tmp_path / "risk.sqlite"
    import_csv(LIST, db)
    return db


@pytest.fixture
def closed_list(listed_db: Path) -> SqliteRiskList:
    """A list whose database has been closed: every lookup fails."""
    risk = SqliteRiskList(listed_db)
    risk.close()
    return risk


# --- normalised keys ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "value", "key"),
    [
        ("account", "6217 0000-0012 3456 786", LISTED_ACCOUNT),
        ("account", LISTED_ACCOUNT.translate(FULL_WIDTH), LISTED_ACCOUNT),
        ("account", "12345", None),
        ("account", "6217x", None),
        ("phone", "13800138000", "13800138000"),
        ("phone", "+86 138 0013 8000", "13800138000"),
        ("phone", "0086-138-0013-8000", "13800138000"),
        ("phone", "8613800138000", "13800138000"),
        ("phone", "+8613800138000", "13800138000"),  # E.164, as the message scanner gives it
        ("phone", "0755-8345 6789", "075583456789"),
        ("phone", "+8675583456789", "075583456789"),
        ("phone", "+852 5123 4567", "0085251234567"),
        ("phone", "00852-5123-4567", "0085251234567"),
        ("phone", "95384", "95384"),
        ("wechat", "WLSD-kefu2025", "wlsd-kefu2025"),
        ("wechat", "微信号", None),
        ("qq", "88886666", "88886666"),
        ("qq", "8888", None),
        ("domain", "WWW.Wlsd-Help.com", "wlsd-help.com"),
        ("domain", "https://user@pay.wlsd-help.com:8443/a?b#c", "pay.wlsd-help.com"),
        ("domain", "localhost", None),
        ("uscc", "91440300ma5gq7k33e", "91440300MA5GQ7K33E"),
        ("name", " 深圳市某某 商务咨询有限公司 ", CONSULTING),
        ("name", "", None),
    ],
)
def test_normalise(kind: str, value: str, key: str | None) -> None:
    assert normalise(kind, value) == key


@given(st.sampled_from(list(RiskKind)), st.text(max_size=300))
def test_normalise_never_raises_and_is_idempotent(kind: RiskKind, value: str) -> None:
    key = normalise(kind, value)
    if key is not None and kind is not RiskKind.PHONE:
        assert normalise(kind, key) == key


@pytest.mark.parametrize("value", [None, 0, object(), b"123456789"])
def test_normalise_takes_only_text(value: Any) -> None:
    assert normalise("account", value) is None


# --- CSV lists ------------------------------------------------------------------------------------


def test_csv_list_lookups() -> None:
    risk = CsvRiskList(LIST)
    assert risk.name == "sources_risk_list.csv"
    assert len(risk) == 7
    (entry,) = risk.lookup("account", "6217-0000-0012-3456-786")
    assert (entry.kind, entry.value, entry.note, entry.source) == (
        RiskKind.ACCOUNT,
        LISTED_ACCOUNT,
        "收款账户涉诈（已冻结）",
        "测试通报 2026-001",
    )
    assert risk.lookup("phone", "+8613800138000")
    assert risk.lookup("wechat", "wlsd-KEFU2025")
    assert risk.lookup("domain", "https://login.pay.wlsd-help.com/x")  # a sub-domain
    assert not risk.lookup("domain", "wlsd-help.com.evil.example")
    assert not risk.lookup("phone", "13900139000")
    assert not risk.lookup("account", "not a number")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("kind,value\nbank,123456789\n", r"list.csv:2: unknown kind 'bank'"),
        ("kind,value\naccount,12x\n", r"list.csv:2: '12x' is not a valid account"),
        ("value,note\n123456789,x\n", "the header must name the columns"),
        ("# only a comment\n", "no header row"),
        ('kind,value\nphone,"13800138000\n', "list.csv:2"),
    ],
)
def test_csv_errors_name_the_line(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(DataError, match=message):
        CsvRiskList(write(tmp_path, text))


def test_a_missing_csv_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="cannot read risk list"):
        CsvRiskList(tmp_path / "missing.csv")


def test_csv_with_bom_extra_columns_and_blank_lines(tmp_path: Path) -> None:
    text = (
        "\ufeffKind,Value,Note,Source,Added\n\naccount,6217000000123456786,冻结,通报,2026-01-01\n"
    )
    risk = CsvRiskList(write(tmp_path, text))
    assert [e.note for e in risk.lookup("account", LISTED_ACCOUNT)] == ["冻结"]


# --- SQLite lists ---------------------------------------------------------------------------------


def big_list(tmp_path: Path, rows: int) -> Path:
    lines = ["kind,value,note,source"]
    lines += [f"account,{6200000000000000000 + i},note {i},case {i}" for i in range(rows)]
    lines += [f"phone,1390000{i:04d},phone {i},case {i}" for i in range(100)]
    return write(tmp_path, "\n".join(lines) + "\n", "big.csv")


def test_sqlite_import_and_lookups(tmp_path: Path) -> None:
    db = tmp_path / "risk.sqlite"
    assert import_csv(big_list(tmp_path, 20_000), db, batch_size=3_000) == 20_100
    with SqliteRiskList(db) as risk:
        assert len(risk) == 20_100
        (entry,) = risk.lookup("account", "6200 0000 0000 0012 345")
        assert (entry.note, entry.source) == ("note 12345", "case 12345")
        assert risk.lookup("phone", "+86 139 0000 0042")
        assert risk.lookup("account", "6200000000000099999") == ()
        plan = risk._db.execute(
            "EXPLAIN QUERY PLAN SELECT key FROM entries WHERE kind = ? AND key IN (?)",
            ("account", "1"),
        ).fetchall()
        assert "USING INDEX" in str(plan) or "USING COVERING INDEX" in str(plan)


def test_sqlite_import_adds_to_a_list_without_duplicates(tmp_path: Path) -> None:
    db = tmp_path / "risk.db"
    assert import_csv(LIST, db) == 7
    assert import_csv(LIST, db) == 0
    assert import_csv(write(tmp_path, "kind,value\nqq,123456\n"), db) == 1
    with SqliteRiskList(db) as risk:
        assert len(risk) == 8
        assert risk.lookup("domain", "pay.wlsd-help.com")


def test_a_bad_row_leaves_the_database_as_it_was(tmp_path: Path, listed_db: Path) -> None:
    bad = "kind,value\n" + "qq,1234567\n" * 50 + "qq,not-a-number\n"
    with pytest.raises(DataError, match=":52:"):
        import_csv(write(tmp_path, bad), listed_db, batch_size=10)
    with SqliteRiskList(listed_db) as risk:
        assert len(risk) == 7


def test_sqlite_lists_are_opened_read_only(listed_db: Path) -> None:
    with (
        SqliteRiskList(listed_db) as risk,
        pytest.raises(sqlite3.OperationalError, match="readonly"),
    ):
        risk._db.execute("DELETE FROM entries")


def test_other_databases_are_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE t (x)")
    with pytest.raises(DataError, match="not an acctverify risk-list database"):
        SqliteRiskList(other)
    with pytest.raises(DataError, match="not an acctverify risk-list database"):
        import_csv(LIST, other)
    with pytest.raises(DataError, match="does not exist"):
        SqliteRiskList(tmp_path / "missing.sqlite")
    junk = write(tmp_path, "not a database at all", "junk.db")
    with pytest.raises(DataError):
        SqliteRiskList(junk)


def test_a_closed_database_is_a_source_error(closed_list: SqliteRiskList) -> None:
    with pytest.raises(SourceError, match="cannot read the database"):
        closed_list.lookup("qq", "88886666")


# --- enrich() with local lists --------------------------------------------------------------------


def scam() -> dict[str, Any]:
    return {
        "payee": {"name": CONSULTING, "account": "6217 0000 0012 3456 786"},
        "creditor": "微粒贷",
        "licence": {"name": CONSULTING, "uscc": "91440300MA5GQ7K33E"},
        "messages": [
            "请添加专员微信 WLSD-kefu2025 办理，或访问 https://pay.wlsd-help.com",
            "转账到 6217 0000 0012 3456 786 后致电 +86 138 0013 8000",
        ],
        "contact": {"caller_number": "13800138000", "link": "wlsd-help.com/login"},
        "as_of": "2026-11-29",
    }


def test_enrich_finds_every_listed_identifier(listed_db: Path) -> None:
    with SqliteRiskList(listed_db, name="bank list") as bank:
        request = enrich(scam(), Sources(risk_lists=[CsvRiskList(LIST), bank]))
    assert [(o.source, o.status, o.detail) for o in request.lookups] == [
        ("sources_risk_list.csv", LookupStatus.OK, "10 listed"),
        ("bank list", LookupStatus.OK, "10 listed"),
    ]
    hits = {(hit.field, hit.kind.value, hit.value) for hit in request.risk_hits}
    assert hits == {
        ("payee.account", "account", "6217***********6786"),
        ("payee.name", "name", CONSULTING),
        ("licence.uscc", "uscc", "91440300MA5GQ7K33E"),
        ("licence.name", "name", CONSULTING),
        ("contact.caller_number", "phone", "13800138000"),
        ("contact.link", "domain", "wlsd-help.com"),
        ("messages[0]", "wechat", "wlsd-kefu2025"),
        ("messages[0]", "domain", "wlsd-help.com"),
        ("messages[1]", "account", "6217***********6786"),
        ("messages[1]", "phone", "13800138000"),
    }
    spans = [h for h in request.risk_hits if h.field == "messages[0]" and h.kind.value == "wechat"]
    assert scam()["messages"][0][spans[0].start : spans[0].end] == "WLSD-kefu2025"
    assert LISTED_ACCOUNT not in request.model_dump_json()  # account numbers stay masked


def test_listed_identifiers_make_the_report_high(tmp_path: Path) -> None:
    request = enrich(scam(), Sources(risk_lists=[CsvRiskList(LIST)]))
    report = av.verify(request)
    (found,) = [f for f in report.findings if f.code == "sources.risk_list_hit"]
    assert report.level is av.Level.CRITICAL
    assert "风险名单“sources_risk_list.csv”" in found.message_zh
    assert len(found.evidence) == 10
    assert all(LISTED_ACCOUNT not in (evidence.value or "") for evidence in found.evidence)


def test_a_clean_request_has_no_hits_but_records_the_check() -> None:
    request = enrich(
        {"payee": {"name": "深圳前海微众银行股份有限公司"}, "creditor": "微粒贷"},
        Sources(risk_lists=[CsvRiskList(LIST)]),
    )
    assert request.risk_hits == ()
    assert request.lookups[0].status is LookupStatus.OK
    assert av.verify({**request.model_dump(), "as_of": "2026-11-29"}).level is av.Level.LOW


def test_a_failing_list_is_reported_not_passed(closed_list: SqliteRiskList) -> None:
    request = enrich(scam(), Sources(risk_lists=[closed_list]))
    assert request.lookups[0].status is LookupStatus.ERROR
    report = av.verify(request)
    assert "sources.risk_list_unavailable" in {f.code for f in report.findings}


def test_enrich_refuses_async_sources() -> None:
    from acctverify.sources import AsyncAlipayCardBinSource

    with pytest.raises(TypeError, match="aenrich"):
        enrich({}, Sources(card_bin=AsyncAlipayCardBinSource()))


# --- the command line ---------------------------------------------------------------------------


def test_cli_risk_lists(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "bank.sqlite"
    import_csv(LIST, db)
    status, out, _ = cli(
        capsys,
        "check",
        "--payee-name",
        CONSULTING,
        "--account",
        LISTED_ACCOUNT,
        "--creditor",
        "微粒贷",
        "--risk-list",
        str(LIST),
        "--risk-list",
        str(db),
        "--lang",
        "en",
    )
    assert status == 1
    assert "[sources.risk_list_hit]" in out
    assert "is on the risk list" in out
    assert LISTED_ACCOUNT not in out  # masked in text output


@pytest.mark.parametrize(
    ("name", "message"),
    [("list.txt", "expected a .csv, .sqlite"), ("missing.csv", "cannot read risk list")],
)
def test_cli_bad_risk_lists_are_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, message: str
) -> None:
    if name.endswith(".txt"):
        write(tmp_path, "kind,value\n", name)
    status, out, err = cli(
        capsys, "check", "--payee-name", "x", "--risk-list", str(tmp_path / name)
    )
    assert status == 2
    assert out == ""
    assert err.startswith("acctverify: error: ")
    assert message in err
    assert err.count("\n") == 1


def test_cli_online_uses_the_sources_and_keys_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from acctverify import sources

    made: list[str] = []

    class FakeCardBin:
        name = "alipay"

        def __enter__(self) -> FakeCardBin:
            return self

        def __exit__(self, *exc: object) -> None:
            made.append("closed")

        def lookup(self, number: str) -> None:
            made.append(f"card {number[:6]}")

    class FakeRegistry(FakeCardBin):
        name = "tianyancha"

        def __init__(self) -> None:
            import os

            made.append(f"key {os.environ['ACCTVERIFY_TIANYANCHA_KEY']}")

        def lookup(self, uscc: str | None = None, name: str | None = None) -> None:  # type: ignore[override]
            made.append(f"registry {uscc or name}")

    card = "621700382756194352" + bankcard.calc_check_digit("621700382756194352")
    monkeypatch.setattr(sources, "AlipayCardBinSource", FakeCardBin)
    monkeypatch.setattr(sources, "TianyanchaLicenceSource", FakeRegistry)
    monkeypatch.delenv("ACCTVERIFY_TIANYANCHA_KEY", raising=False)
    args = ("check", "--payee-name", CONSULTING, "--account", card, "--online", "--json")
    _, out, _ = cli(capsys, *args)
    assert made == ["card 621700", "closed"]
    assert "the BIN is unknown" in out
    made.clear()
    monkeypatch.setenv("ACCTVERIFY_TIANYANCHA_KEY", "k-123")
    _status, out, _ = cli(capsys, *args)
    assert made == ["key k-123", f"registry {CONSULTING}", "card 621700", "closed", "closed"]
    assert '"sources.registry_not_found"' in out
