"""Integrity of the shipped data tables (src/acctverify/data) and of their build."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest

from acctverify import _data
from acctverify._data import TABLES, Table, data_version, parse_table, table
from acctverify.cn import bankcard, banks, cnaps
from acctverify.exceptions import DataError

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"
BUILD_SCRIPT = ROOT / "scripts" / "build_data.py"

#: Tables written by scripts/build_data.py, and those edited by hand (the script only reads them).
DERIVED = ("banks.csv", "card_bins.csv", "cnaps_codes.csv")
CURATED = (
    "account_lengths.csv",
    "bank_hotlines.csv",
    "cnaps_categories.csv",
    "name_parts.csv",
    "lookalikes.csv",
    "apps.csv",
    "brands.csv",
    "channel_words.csv",
    "service_numbers.csv",
    "short_links.csv",
    "gsxt_hosts.csv",
)
#: Tables fitted by a script from development data (scripts/fit_message_model.py).
FITTED = ("message_weights.csv",)

#: The columns that identify a row of each table.
KEYS: dict[str, tuple[str, ...]] = {
    "banks.csv": ("code",),
    "card_bins.csv": ("bin", "length"),
    "account_lengths.csv": ("bank_code",),
    "bank_hotlines.csv": ("bank_code", "number", "kind"),
    "cnaps_categories.csv": ("category",),
    "cnaps_codes.csv": ("code",),
    "name_parts.csv": ("kind", "word"),
    "lookalikes.csv": ("a", "b"),
    "apps.csv": ("app", "word"),
    "brands.csv": ("brand",),
    "channel_words.csv": ("word",),
    "service_numbers.csv": ("number",),
    "message_weights.csv": ("feature",),
    "short_links.csv": ("host",),
    "gsxt_hosts.csv": ("host",),
}

CARD_TYPES = {"DC", "CC", "SCC", "PC"}
BIN_SOURCES = {"bcbc", "bankcardinfo"}
CONFIDENCES = {"verified", "secondary", "unconfirmed"}
HOTLINE_KINDS = {"general", "credit_card"}

#: creditors.md §5: old or weak numbers that must not be shipped (京东金融, 微众银行).
DO_NOT_SHIP = ("4006227186", "4009998800")

#: CNAPS codes whose category is not in cnaps_categories.csv. Its header says so: "paycq also has
#: 596 企业银行 and 717 中德银行, not included here".
UNCATEGORISED_CNAPS = {"596110000013", "717110000010"}

#: BIN rows for 20-digit cards (bankcardinfo's 广发 6858…). bankcard accepts 13-19 digits, so
#: these rows can never match; they are pinned here so that any new one is noticed.
UNREACHABLE_BINS = {("6858000", "20"), ("6858001", "20"), ("6858009", "20")}

#: Names that two bank codes share. banks.csv's header: "bcbc keeps several codes for one bank
#: (e.g. BOL and LYBANK 洛阳银行, DBS and DBSCN 星展银行); they stay separate rows".
SHARED_NAMES = {
    "临商银行": {"LSB", "LSBC"},
    "广东南粤银行": {"NYBANK", "NYNB"},
    "日照银行": {"RZB", "RZCCB"},
    "星展银行": {"DBS", "DBSCN"},
    "永隆银行": {"WLB", "WLBHK"},
    "洛阳银行": {"BOL", "LYBANK"},
    "葫芦岛市商业银行": {"HLDB", "HLDCCB"},
}


def rows(name: str) -> tuple[dict[str, str], ...]:
    return table(name).rows


def bank_codes() -> set[str]:
    return {row["code"] for row in rows("banks.csv")}


def header(name: str, key: str) -> list[str]:
    """Return the values of the header comment lines ``key: value`` of table *name*."""
    prefix = f"{key}:"
    return [line[len(prefix) :].strip() for line in table(name).comments if line.startswith(prefix)]


def is_digits(value: str) -> bool:
    """ASCII digits only (``str.isdigit`` alone also takes ``²`` and other digits)."""
    return value.isascii() and value.isdigit()


def split(value: str) -> list[str]:
    return [part.strip() for part in value.split("|") if part.strip()]


# --------------------------------------------------------------------------------------------
# The set of tables and their headers
# --------------------------------------------------------------------------------------------


def test_every_shipped_table_is_listed() -> None:
    shipped = {
        entry.name
        for entry in resources.files("acctverify.data").iterdir()
        if entry.name.endswith(".csv")
    }
    assert shipped == set(TABLES)
    assert set(TABLES) == set(DERIVED) | set(CURATED) | set(FITTED) == set(KEYS)


@pytest.mark.parametrize("name", TABLES)
def test_header_names_origin_licence_and_how_it_was_made(name: str) -> None:
    comments = table(name).comments
    assert comments[0].startswith(f"{name}:"), "the first line names the table"
    assert all(value for value in header(name, "origin")), "origin: lines are not empty"
    assert header(name, "origin"), "an origin: line"
    assert header(name, "licence"), "a licence: line"
    # Hand-made tables say who curated them from what; derived ones name the script (and must
    # not be edited by hand).
    if name in CURATED:
        assert header(name, "curated")
    elif name in FITTED:
        assert any("scripts/fit_message_model.py" in line for line in header(name, "origin"))
        assert header(name, "fitted")
    else:
        assert any("scripts/build_data.py" in line for line in header(name, "generated"))


@pytest.mark.parametrize("name", TABLES)
def test_header_documents_every_column(name: str) -> None:
    (columns,) = header(name, "columns")
    for column in rows(name)[0]:
        assert re.search(rf"(^|[;,] ?){column}\b", columns), column


@pytest.mark.parametrize("name", TABLES)
def test_tables_are_not_empty_and_have_no_blank_keys(name: str) -> None:
    assert rows(name)
    for row in rows(name):
        assert all(row[key] for key in KEYS[name]), row


@pytest.mark.parametrize("name", TABLES)
def test_no_duplicate_keys(name: str) -> None:
    counts = Counter(tuple(row[key] for key in KEYS[name]) for row in rows(name))
    assert [key for key, count in counts.items() if count > 1] == []


@pytest.mark.parametrize("name", TABLES)
def test_do_not_ship_numbers_are_absent(name: str) -> None:
    for row in rows(name):
        for value in row.values():
            compact = re.sub(r"[\s\-]", "", value)
            for number in DO_NOT_SHIP:
                assert not re.search(rf"(?<!\d){number}(?!\d)", compact), (name, row)
    # The header may name them, but only to say they were left out.
    for line in table(name).comments:
        compact = re.sub(r"[\s\-]", "", line)
        if any(number in compact for number in DO_NOT_SHIP):
            assert line.startswith("excluded:"), line


# --------------------------------------------------------------------------------------------
# banks.csv and the name index
# --------------------------------------------------------------------------------------------


def test_banks_have_code_and_name() -> None:
    for row in rows("banks.csv"):
        assert re.fullmatch(r"[A-Z][A-Z0-9_]*", row["code"]), row
        assert row["name"], row
        assert set(row["sources"].split("+")) <= {"bcbc", "bankcardinfo", "reference", "paycq"}


def name_index() -> dict[str, set[str]]:
    """Recompute which codes each normalised name, alias, legal name and code stands for."""
    index: dict[str, set[str]] = defaultdict(set)
    for row in rows("banks.csv"):
        for name in [row["name"], row["legal_name"], *split(row["aliases"]), row["code"]]:
            if name:
                index[banks.normalise_name(name)].add(row["code"])
    return index


def test_no_name_stands_for_two_different_banks() -> None:
    by_code = {row["code"]: row["name"] for row in rows("banks.csv")}
    shared = {key: codes for key, codes in name_index().items() if len(codes) > 1}
    # Where two codes share a name, it is one bank under two bcbc codes (same Chinese name) …
    for key, codes in shared.items():
        assert len({by_code[code] for code in codes}) == 1, (key, codes)
    # … and only the known cases: a new one needs a look (see account.doctest for the effect).
    assert shared == SHARED_NAMES


def test_exact_name_index_agrees_with_the_table() -> None:
    _, exact, _, _ = banks._index()
    index = name_index()
    assert set(exact) == set(index)
    for key, code in exact.items():
        assert code in index[key], key


def test_every_name_and_alias_resolves_to_its_bank() -> None:
    for row in rows("banks.csv"):
        for name in [row["name"], row["legal_name"], *split(row["aliases"])]:
            if not name:
                continue
            bank = banks.resolve(name)
            assert bank is not None, name
            assert bank.code == row["code"] or bank.name == row["name"], (name, bank.code)


# --------------------------------------------------------------------------------------------
# card_bins.csv
# --------------------------------------------------------------------------------------------


def test_card_bins() -> None:
    codes = bank_codes()
    for row in rows("card_bins.csv"):
        assert is_digits(row["bin"]), row
        assert 3 <= len(row["bin"]) <= 10, row
        assert is_digits(row["length"]), row
        assert len(row["bin"]) < int(row["length"]), row
        assert row["bank_code"] in codes, row
        assert row["card_type"] in CARD_TYPES, row
        assert set(row["sources"].split("+")) <= BIN_SOURCES, row
        for bank, card_type in bankcardinfo_entries(row["note"]):
            assert bank in codes, row
            assert card_type in CARD_TYPES, row


def test_card_bin_lengths_are_card_lengths() -> None:
    outside = {
        (row["bin"], row["length"])
        for row in rows("card_bins.csv")
        if not bankcard.MIN_LENGTH <= int(row["length"]) <= bankcard.MAX_LENGTH
    }
    assert outside == UNREACHABLE_BINS


def test_card_bins_order_and_counts_match_the_header() -> None:
    bins = rows("card_bins.csv")
    keys = [(row["bin"], int(row["length"])) for row in bins]
    assert keys == sorted(keys)
    counts = Counter(row["sources"] for row in bins)
    (line,) = header("card_bins.csv", "counts")
    assert line.startswith(
        f"{len(bins)} rows; bcbc+bankcardinfo {counts['bcbc+bankcardinfo']},"
        f" bcbc only {counts['bcbc']}, bankcardinfo only {counts['bankcardinfo']};"
    )
    disputed = multi = 0
    for row in bins:
        entries = bankcardinfo_entries(row["note"])
        multi += len(entries) > 1
        if row["sources"] == "bcbc+bankcardinfo":
            disputed += any(entry != (row["bank_code"], row["card_type"]) for entry in entries)
    assert line.endswith(
        f"; {disputed} rows where the sources disagree; {multi} rows with several bankcardinfo rows"
    )


def bankcardinfo_entries(note: str) -> list[tuple[str, str]]:
    """Read bankcardinfo's (bank, type) pairs off a note (``bankcardinfo: CCB SCC`` …)."""
    if not note:
        return []
    match = re.fullmatch(r"bankcardinfo: (\S+) (\S+)|bankcardinfo has (\d+) rows: (.*)", note)
    assert match is not None, note
    if match.group(1):
        return [(match.group(1), match.group(2))]
    entries = [tuple(entry.split(" ")) for entry in match.group(4).split("; ")]
    assert len(entries) == int(match.group(3)) > 1, note
    return [(bank, kind) for bank, kind in entries]


def test_every_bin_row_is_found_by_lookup() -> None:
    for row in rows("card_bins.csv"):
        length = int(row["length"])
        if (row["bin"], row["length"]) in UNREACHABLE_BINS:
            continue
        body = (row["bin"] + "0" * length)[: length - 1]
        found = bankcard.lookup(body + bankcard.calc_check_digit(body))
        assert found is not None, row
        # A longer prefix of the same length may win; the row's own prefix must then be shorter.
        assert found.bin.startswith(row["bin"]), (row, found.bin)
        assert found.length == length


# --------------------------------------------------------------------------------------------
# CNAPS tables
# --------------------------------------------------------------------------------------------


def test_cnaps_categories() -> None:
    codes = bank_codes()
    for row in rows("cnaps_categories.csv"):
        assert re.fullmatch(r"\d{3}", row["category"]), row
        assert row["name"], row
        assert row["source"], row
        assert row["kind"] in {"bank", "class"}, row
        # A category names a bank exactly when it stands for one bank.
        assert bool(row["bank_code"]) == (row["kind"] == "bank"), row
        if row["bank_code"]:
            assert row["bank_code"] in codes, row


def test_cnaps_codes_pass_the_check_and_have_a_known_category() -> None:
    categories = {row["category"] for row in rows("cnaps_categories.csv")}
    failing = [row["code"] for row in rows("cnaps_codes.csv") if not cnaps.is_valid(row["code"])]
    assert failing == []
    for row in rows("cnaps_codes.csv"):
        assert re.fullmatch(r"\d{12}", row["code"]), row
        assert row["category"] == row["code"][:3], row
    uncategorised = {
        row["code"] for row in rows("cnaps_codes.csv") if row["category"] not in categories
    }
    assert uncategorised == UNCATEGORISED_CNAPS


def test_cnaps_codes_are_sorted_and_the_dropped_code_is_absent() -> None:
    codes = [row["code"] for row in rows("cnaps_codes.csv")]
    assert codes == sorted(codes)
    # identifiers.md §5.2: the one paycq code that fails the check, dropped by the build.
    assert "314653617115" not in codes
    assert any("314653617115" in line for line in header("cnaps_codes.csv", "cleaning"))


# --------------------------------------------------------------------------------------------
# Hotlines and account lengths
# --------------------------------------------------------------------------------------------


def test_hotlines() -> None:
    codes = bank_codes()
    for row in rows("bank_hotlines.csv"):
        assert row["bank_code"] in codes, row
        assert is_digits(row["number"]), row
        assert 5 <= len(row["number"]) <= 11, row
        assert row["kind"] in HOTLINE_KINDS, row
        assert row["confidence"] in CONFIDENCES, row
        assert row["source"].strip(), row


def test_account_lengths() -> None:
    codes = bank_codes()
    for row in rows("account_lengths.csv"):
        assert row["bank_code"] in codes, row
        assert row["source"].strip(), row
        for column in ("personal_lengths", "corporate_lengths"):
            lengths = [int(part) for part in split(row[column])]
            assert lengths, row
            assert lengths == sorted(set(lengths)), row
            assert all(8 <= length <= 30 for length in lengths), row


# --------------------------------------------------------------------------------------------
# The table format and the data version
# --------------------------------------------------------------------------------------------


def test_parse_table_reads_comments_and_strips_values() -> None:
    parsed = parse_table("t.csv", "# t.csv: a test\n#  origin: here \na,b\n 1 , x \n2,\n")
    assert parsed == Table(
        name="t.csv",
        comments=("t.csv: a test", "origin: here"),
        rows=({"a": "1", "b": "x"}, {"a": "2", "b": ""}),
    )


@pytest.mark.parametrize("body", ["a,b\n1,2,3\n", "a,b\n1\n"])
def test_parse_table_rejects_a_wrong_number_of_fields(body: str) -> None:
    with pytest.raises(DataError, match="wrong number of fields"):
        parse_table("t.csv", "# t.csv: a test\n" + body)


@pytest.fixture
def fresh_version() -> Iterator[None]:
    """Clear the data-version cache around a test (the table cache is left alone)."""
    data_version.cache_clear()
    yield
    data_version.cache_clear()


def test_data_version_is_stable(fresh_version: None, monkeypatch: pytest.MonkeyPatch) -> None:
    version = data_version()
    assert re.fullmatch(r"[0-9a-f]{12}", version)
    assert data_version() == version
    original = _data._read_bytes
    monkeypatch.setattr(_data, "_read_bytes", lambda name: bytes(original(name)))
    data_version.cache_clear()
    assert data_version() == version


@pytest.mark.parametrize("changed", TABLES)
def test_data_version_changes_with_any_table(
    changed: str, fresh_version: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    version = data_version()
    original = _data._read_bytes
    versions = set()
    for edit in (b"\n", b"x", b"\0"):
        monkeypatch.setattr(
            _data,
            "_read_bytes",
            lambda name, edit=edit: original(name) + (edit if name == changed else b""),
        )
        data_version.cache_clear()
        versions.add(data_version())
    assert version not in versions
    assert len(versions) == 3
    monkeypatch.setattr(_data, "_read_bytes", original)
    data_version.cache_clear()
    assert data_version() == version


# --------------------------------------------------------------------------------------------
# scripts/build_data.py reproduces the derived tables
# --------------------------------------------------------------------------------------------


def test_build_script_cli() -> None:
    result = subprocess.run(
        [sys.executable, str(BUILD_SCRIPT), "--help"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    for option in ("--shared", "--out", "--date"):
        assert option in result.stdout


@pytest.mark.skipif(
    not SHARED_DATA.is_dir(),
    reason=f"the raw data folder {SHARED_DATA} (../shared/data) is not on this machine",
)
def test_build_script_reproduces_the_derived_tables(tmp_path: Path) -> None:
    shipped = resources.files("acctverify.data")
    # The script checks the hand-curated tables in its output folder; give it copies.
    for name in CURATED:
        (tmp_path / name).write_bytes(shipped.joinpath(name).read_bytes())
    (generated,) = header("banks.csv", "generated")
    date = re.search(r"\d{4}-\d{2}-\d{2}", generated)
    assert date is not None
    result = subprocess.run(
        [
            sys.executable,
            str(BUILD_SCRIPT),
            "--shared",
            str(SHARED_DATA),
            "--out",
            str(tmp_path),
            "--date",
            date.group(),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr, result.stderr
    for name in DERIVED:
        assert (tmp_path / name).read_bytes() == shipped.joinpath(name).read_bytes(), name
    for name in CURATED:
        assert (tmp_path / name).read_bytes() == shipped.joinpath(name).read_bytes(), name
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(set(TABLES) - set(FITTED))


# --------------------------------------------------------------------------------------------
# The creditor directory (creditors.toml)
# --------------------------------------------------------------------------------------------


def _facts(value: object, path: str = "") -> Iterator[tuple[str, object]]:
    """Every model inside a directory entry that carries provenance, with its path."""
    from pydantic import BaseModel

    if isinstance(value, BaseModel):
        fields = type(value).model_fields
        if "confidence" in fields:
            yield path, value
        for name in fields:
            yield from _facts(getattr(value, name), f"{path}.{name}")
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from _facts(item, f"{path}[{index}]")


def test_every_directory_fact_has_a_source_a_confidence_and_the_file_a_date() -> None:
    from acctverify.directory import Directory

    text = resources.files("acctverify.data").joinpath("creditors.toml").read_text("utf-8")
    # Retrieval dates are not recorded in the reference notes; the date a fact entered the
    # directory is the file's curation date.
    assert re.search(r"^# curated: by hand on \d{4}-\d{2}-\d{2}", text, re.MULTILINE)
    count = 0
    for creditor in Directory.builtin():
        for path, fact in _facts(creditor, creditor.id):
            count += 1
            sources = getattr(fact, "sources", None) or (getattr(fact, "source", None),)
            assert all(isinstance(s, str) and s.strip() for s in sources), path
            assert getattr(fact, "confidence", None) is not None, path
    assert count > 100


def test_brand_domains_and_numbers_agree_with_the_directory() -> None:
    """The scanner's brand table must not call official what the directory does not."""
    from acctverify.directory import Directory

    directory = Directory.builtin()
    domains = {domain.domain for creditor in directory for domain in creditor.domains}
    numbers = {hotline.number for creditor in directory for hotline in creditor.hotlines}
    for row in rows("brands.csv"):
        assert set(split(row["domains"])) <= domains, row["brand"]
        assert not row["hotline"] or row["hotline"] in numbers, row["brand"]
    for row in rows("service_numbers.csv"):
        if row["kind"] == "lender":
            assert row["number"] in numbers, row["code"]


# --------------------------------------------------------------------------------------------
# Cited sources (issue 16): no look-alike or known-bad host in a fraud tool's own citations
# --------------------------------------------------------------------------------------------

#: Hosts found bad when the citations were reviewed, so that they cannot come back: domains that
#: imitate a news outlet's name (cctv-cmpany.net for CCTV, xinhuanet.com.cn for 新华网, whose
#: domains are xinhuanet.com and news.cn), and content-farm reprints that were replaced.
DENIED_HOSTS = frozenset({"cctv-cmpany.net", "xinhuanet.com.cn", "wwwfh2222.com", "bkbbs.net"})

#: Outlets and authorities whose names a citation must not imitate, checked in addition to the
#: lenders and banks of brands.csv (passed as the caller's official domains). news.cn is left
#: out: its token "news" is the first label of many genuine regional news sites.
IMITATED_OUTLETS = ("cctv.com", "chinanews.com.cn", "people.com.cn", "thepaper.cn", "xinhuanet.com")

#: Keys whose values cite pages (creditors.toml also cites pages inside its notes).
_CITING_KEYS = ("source", "note")
_CITED_URL = re.compile(r"https?://[!-~]+", re.IGNORECASE)


def _cited_urls() -> Iterator[tuple[str, str]]:
    """(where, URL) for every URL in a source, sources or note field of a shipped data file."""
    import tomllib

    def walk(value: object, where: str, citing: bool) -> Iterator[tuple[str, str]]:
        if isinstance(value, dict):
            for key, item in value.items():
                yield from walk(item, f"{where}.{key}", citing or key.startswith(_CITING_KEYS))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                yield from walk(item, f"{where}[{index}]", citing)
        elif isinstance(value, str) and citing:
            for match in _CITED_URL.finditer(value):
                yield where, match.group(0).rstrip(".,;:)]}'\"")

    for name in _data.data_files():
        if name.endswith(".toml"):
            text = resources.files("acctverify.data").joinpath(name).read_text("utf-8")
            yield from walk(tomllib.loads(text), name, False)
        elif name.endswith(".csv"):
            for index, row in enumerate(table(name).rows):
                for key, value in row.items():
                    yield from walk(value, f"{name}[{index}].{key}", key.startswith("source"))


def _citation_problem(url: str) -> str | None:
    """What is wrong with citing *url*, or ``None``."""
    from urllib.parse import urlsplit

    from acctverify.text._urls import brand_of, brands, split_host

    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme.lower() not in ("http", "https") or not host:
        return "not an http(s) URL with a host"
    split_ = split_host(host)
    if split_ is None:
        return f"{host}: no public suffix"
    if split_[3] in DENIED_HOSTS:
        return f"{host}: on the deny-list of bad citation hosts"
    brand = brand_of(split_, brands(IMITATED_OUTLETS))
    if brand is not None and brand[1] in ("lookalike", "subdomain"):
        return f"{host}: imitates {brand[0]} ({brand[1]})"
    return None


def test_cited_sources_are_http_urls_on_hosts_that_imitate_no_one() -> None:
    cited = list(_cited_urls())
    # phrases.toml, cues.toml, typologies.toml, creditors.toml and the CSV source columns
    assert len(cited) > 400
    assert {where.split("[")[0].split(".toml")[0] for where, _ in cited} >= {
        "phrases",
        "creditors",
        "cues",
        "typologies",
        "bank_hotlines.csv",
        "service_numbers.csv",
    }
    problems = [f"{where}: {url}: {p}" for where, url in cited if (p := _citation_problem(url))]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("http://www.cctv-cmpany.net/channel11/96172.html", "deny-list"),
        ("http://news.cctv-cmpany.com/a.html", "imitates cctv.com (lookalike)"),
        ("http://xinhuanet.com.cn/politics/c.html", "deny-list"),
        ("http://www.xinhuanet.net.cn/a.html", "imitates xinhuanet.com (lookalike)"),
        ("http://bkbbs.net/yule/wlrd/579666.html", "deny-list"),
        ("https://www.webank-notice.top/a", "imitates webank (lookalike)"),
        ("https://people.com.cn.evil.top/a", "imitates people.com.cn (subdomain)"),
        ("ftp://www.pbc.gov.cn/a", "not an http(s) URL"),
        ("https:///no-host", "not an http(s) URL"),
    ],
)
def test_the_citation_check_catches_bad_hosts(url: str, problem: str) -> None:
    found = _citation_problem(url)
    assert found is not None
    assert problem in found, found


@pytest.mark.parametrize(
    "url",
    [
        "https://www.thepaper.cn/newsDetail_forward_18904513",
        "https://gaj.changzhou.gov.cn/html/czgaj/2023/QBJAPCKM_0310/86682.html",
        "http://www.zjknews.com/news/fazhi/fazhi/202205/12/371363.html",
        "https://www.webank.com/news/zygg/2801",
        "http://news.qingdaonews.com/zonghe/2017-03/13/content_11968474.htm",
    ],
)
def test_the_citation_check_passes_genuine_hosts(url: str) -> None:
    assert _citation_problem(url) is None
