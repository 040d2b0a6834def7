"""The ``acctverify check`` command: exit codes, inputs, output formats, colour and masking.

Runs ``acctverify.cli.main`` in-process (capsys, monkeypatch) and the installed script once in a
subprocess. Names are fictional (某某), card numbers synthetic.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from _helpers import cli
from acctverify.cn import bankcard
from acctverify.models import Level, Report

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SCAM = EXAMPLES / "consulting-company-scam.json"
MY_DIRECTORY = EXAMPLES / "my-directory.toml"
BAD_DIRECTORY = Path(__file__).parent / "data" / "directory_bad_syntax.toml"
AS_OF = "2026-11-29"
WEBANK = "深圳前海微众银行股份有限公司"
CONSULTING = "深圳市某某商务咨询有限公司"
CARD = "621700382756194352" + bankcard.calc_check_digit("621700382756194352")  # CCB debit BIN
ANSI = "\x1b["


@pytest.fixture(autouse=True)
def _environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")


def write(tmp_path: Path, name: str, data: Any) -> str:
    path = tmp_path / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
        path.write_text(text, encoding="utf-8")
    return str(path)


def report_of(out: str) -> Report:
    return Report.model_validate_json(out)


def squash(text: str) -> str:
    """*text* without whitespace: wrapped and unwrapped text compare equal."""
    return re.sub(r"\s+", "", text)


def assert_one_line_error(status: int, out: str, err: str) -> None:
    assert status == 2
    assert out == ""
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("acctverify: error: ")


def exposed(output: str, account: str) -> list[str]:
    """Six-digit pieces of the account's masked middle that appear in *output* (separators
    between digits ignored)."""
    digits = re.sub(r"(?<=\d)[\s\-\u3000]+(?=\d)", "", output)
    middle = account[4:-4]
    return [middle[i : i + 6] for i in range(len(middle) - 5) if middle[i : i + 6] in digits]


# --- exit status ------------------------------------------------------------------------------

LOW = {"payee": {"name": WEBANK}, "creditor": "微粒贷"}
MEDIUM: dict[str, Any] = {"creditor": "微粒贷"}  # nothing to check against: medium
HIGH = {"payee": {"name": "深圳市某某科技有限公司"}, "creditor": "微粒贷"}
CRITICAL = json.loads(SCAM.read_text(encoding="utf-8"))
REQUESTS = {"low": LOW, "medium": MEDIUM, "high": HIGH, "critical": CRITICAL}


@pytest.mark.parametrize("level", list(REQUESTS))
def test_the_requests_have_the_level_their_name_says(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], level: str
) -> None:
    path = write(tmp_path, "request.json", REQUESTS[level])
    status, out, _ = cli(capsys, "check", path, "--json", "--as-of", AS_OF)
    assert report_of(out).level.value == level
    assert status == (1 if Level(level).rank >= Level.HIGH.rank else 0)


@pytest.mark.parametrize("level", list(REQUESTS))
@pytest.mark.parametrize("fail_on", ["low", "medium", "high", "critical"])
def test_exit_status_follows_fail_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], level: str, fail_on: str
) -> None:
    path = write(tmp_path, "request.json", REQUESTS[level])
    status, _, err = cli(capsys, "check", path, "--fail-on", fail_on, "--as-of", AS_OF)
    assert status == (1 if Level(level).rank >= Level(fail_on).rank else 0)
    assert err == ""


def test_default_fail_on_is_high(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, _ = cli(capsys, "check", str(SCAM))
    assert status == 1


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    from acctverify import __version__, data_version

    status, out, _ = cli(capsys, "--version")
    assert status == 0
    assert __version__ in out
    assert data_version() in out


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "--fail-on", "severe"],
        ["check", "--lang", "fr"],
        ["check", "--no-such-flag"],
        ["check", "--as-of", "2026-13-01"],
        ["check", "--as-of", "yesterday"],
        ["check", "--claimed-type", "company"],
        ["frobnicate"],
    ],
)
def test_bad_usage_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    assert_one_line_error(*cli(capsys, *argv))


def test_no_command_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = cli(capsys)
    assert status == 2
    assert out == ""
    assert "Traceback" not in err
    assert "check" in err


# --- unreadable input -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("broken.json", '{"payee": {"name": "某某"'),
        ("empty.json", ""),
        ("array.json", [CRITICAL]),
        ("string.json", '"微粒贷"'),
        ("latin1.json", '{"creditor": "微粒贷"}'.encode("gbk")),
        ("wrong_type.json", {"payee": {"name": 5}}),
        ("unknown_field.json", {"payee": {"nam": CONSULTING}}),
        ("bad_date.json", {"as_of": "tomorrow"}),
        ("too_many.json", {"messages": ["x"] * 51}),
    ],
)
def test_unreadable_or_invalid_request_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: Any
) -> None:
    path = write(tmp_path, name, content)
    assert_one_line_error(*cli(capsys, "check", path))


def test_missing_request_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert_one_line_error(*cli(capsys, "check", str(tmp_path / "nothing.json")))


def test_a_directory_as_request_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert_one_line_error(*cli(capsys, "check", str(tmp_path)))


def test_invalid_json_on_stdin_exits_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("not json"))
    assert_one_line_error(*cli(capsys, "check", "-"))


@pytest.mark.parametrize(
    ("flag", "name", "content"),
    [
        ("--licence", "licence.json", "{oops"),
        ("--licence", "licence.json", ["营业执照"]),
        ("--licence", "licence.json", {"uscc": 914403}),
        ("--message-file", "message.txt", b"\xff\xfe\x00"),
    ],
)
def test_unreadable_side_files_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flag: str, name: str, content: Any
) -> None:
    path = write(tmp_path, name, content)
    assert_one_line_error(*cli(capsys, "check", str(SCAM), flag, path))


@pytest.mark.parametrize("flag", ["--licence", "--message-file"])
def test_missing_side_files_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flag: str
) -> None:
    assert_one_line_error(*cli(capsys, "check", str(SCAM), flag, str(tmp_path / "gone")))


@pytest.mark.parametrize(
    ("content", "flags"),
    [
        ({"payee": CONSULTING}, []),
        ({"payee": ["户名", CONSULTING]}, []),
        ({"messages": 5}, []),
        ({"licence": "营业执照"}, ["--uscc", "91440300MA5GQ7K33E"]),
        ({"contact": "13812345678"}, ["--caller", "13812345678"]),
    ],
)
def test_wrong_shapes_in_the_request_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: Any, flags: list[str]
) -> None:
    path = write(tmp_path, "request.json", content)
    assert_one_line_error(*cli(capsys, "check", path, *flags))


def test_a_string_instead_of_a_message_list_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "request.json", {"messages": "请加微信 wx_kefu888"})
    assert_one_line_error(*cli(capsys, "check", path))


# --- inputs: stdin, flags, several messages, directory ------------------------------------------


def test_request_on_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(CRITICAL, ensure_ascii=False)))
    status, out, _ = cli(capsys, "check", "-", "--json", "--as-of", AS_OF)
    assert status == 1
    from_file = cli(capsys, "check", str(SCAM), "--json", "--as-of", AS_OF)[1]
    assert report_of(out) == report_of(from_file)


def test_flags_alone_make_a_request(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = cli(
        capsys,
        "check",
        "--payee-name", CONSULTING,
        "--account", CARD,
        "--bank", "中国建设银行",
        "--claimed-type", "corporate",
        "--creditor", "微粒贷",
        "--uscc", "91440300MA5GQ7K33E",
        "--caller", "13812345678",
        "--link", "https://t.cn/A6abcd",
        "--json",
        "--as-of", AS_OF,
    )  # fmt: skip
    assert status == 1
    report = report_of(out)
    codes = {f.code for f in report.findings}
    assert {"payee.not_creditor", "account.personal_card", "contact.private_number"} <= codes
    assert "messages.short_link" in codes  # the link is judged like a link in a message
    assert report.facts.licence is not None
    assert report.facts.licence.uscc is not None
    assert report.facts.licence.uscc.code == "91440300MA5GQ7K33E"


def test_flags_override_the_file(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = cli(
        capsys,
        "check", str(SCAM),
        "--payee-name", WEBANK,
        "--account", "44250100003800001234",
        "--creditor", "微众银行",
        "--uscc", "9144030031977063XH",
        "--json",
        "--as-of", AS_OF,
    )  # fmt: skip
    report = report_of(out)
    codes = {f.code for f in report.findings}
    assert "payee.official_entity" in codes
    assert "payee.not_creditor" not in codes
    assert "account.personal_card" not in codes
    assert report.facts.payee.name is not None
    assert report.facts.payee.name.original == WEBANK
    assert report.facts.licence is not None
    assert report.facts.licence.uscc is not None
    assert report.facts.licence.uscc.code == "9144030031977063XH"  # --uscc replaces the code
    assert report.facts.licence.name is not None
    assert report.facts.licence.name.original == CONSULTING  # the rest of the licence stays
    assert len(report.facts.messages) == 2  # the file's messages stay
    assert status == 1  # the file's messages and licence are still a scam


def test_licence_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    licence = write(tmp_path, "licence.json", {"name": CONSULTING, "status": "吊销"})
    _, out, _ = cli(capsys, "check", "--payee-name", CONSULTING, "--licence", licence, "--json")
    assert "licence.not_operating" in {f.code for f in report_of(out).findings}


def test_several_messages_and_message_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    request = write(tmp_path, "request.json", {"creditor": "微粒贷", "messages": ["您好"]})
    first = write(tmp_path, "first.txt", "此事不要告诉家人，把验证码告诉我就能解冻。\n")
    second = write(tmp_path, "second.txt", "请添加专员微信 wlsd-kefu2025 办理")
    status, out, _ = cli(
        capsys,
        "check", request,
        "--message", "请立即转入安全账户",
        "--message", "逾期将被起诉",
        "--message-file", first,
        "--message-file", second,
        "--json",
    )  # fmt: skip
    report = report_of(out)
    assert [m.index for m in report.facts.messages] == [0, 1, 2, 3, 4]
    where = {f.code: {e.field for e in f.evidence} for f in report.findings}
    assert where["messages.safe_account"] == {"messages[1]"}
    assert where["messages.secrecy"] == {"messages[3]"}
    assert where["messages.personal_contact"] == {"messages[4]"}
    assert status == 1


def test_user_directory_with_an_official_account(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = cli(
        capsys,
        "check",
        "--payee-name", "示例演示消费金融有限公司",
        "--account", "000000000000000000",
        "--creditor", "示例演示贷",
        "--directory", str(MY_DIRECTORY),
        "--json",
    )  # fmt: skip
    report = report_of(out)
    assert "payee.official_account" in {f.code for f in report.findings}
    assert report.level is Level.LOW
    assert status == 0


def test_without_the_directory_the_fictional_creditor_is_unknown(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = cli(
        capsys, "check", "--payee-name", "示例演示消费金融有限公司", "--creditor", "示例演示贷",
        "--json",
    )  # fmt: skip
    assert "creditor.unknown" in {f.code for f in report_of(out).findings}


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bad.toml", None),  # tests/data/directory_bad_syntax.toml
        ("schema.json", {"version": 1, "creditors": [{"id": 5}]}),
        ("version.toml", "version = 99\n"),
        ("binary.toml", b"\xff\xfe"),
        ("directory.yaml", "version: 1\n"),
        ("missing.toml", "missing"),
    ],
)
def test_broken_directory_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: Any
) -> None:
    if content is None:
        path = str(BAD_DIRECTORY)
    elif content == "missing":
        path = str(tmp_path / name)
    else:
        path = write(tmp_path, name, content)
    status, out, err = cli(capsys, "check", str(SCAM), "--directory", path)
    assert_one_line_error(status, out, err)
    assert Path(path).name in err


# --- output -----------------------------------------------------------------------------------


def test_json_output_validates_as_a_report(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = cli(capsys, "check", str(SCAM), "--json", "--as-of", AS_OF)
    data = json.loads(out)
    report = Report.model_validate(data)
    assert report.level is Level.CRITICAL
    assert data["score"] == report.score == sum(f["contribution"] for f in data["findings"])
    assert report.as_of.isoformat() == AS_OF
    assert status == 1


def test_text_report_reads_at_a_glance(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = cli(capsys, "check", str(SCAM), "--as-of", AS_OF)
    _, data, _ = cli(capsys, "check", str(SCAM), "--as-of", AS_OF, "--json")
    report = report_of(data)
    lines = out.splitlines()
    assert "critical" in lines[0]
    assert f"{report.score}/100" in lines[0]
    positions = [out.index(f"[{finding.code}]") for finding in report.findings]
    assert positions == sorted(positions)  # largest contribution first
    advice_at = out.index("建议")
    assert advice_at > positions[-1]
    for advice in report.advice:
        assert squash(advice.zh) in squash(out[advice_at:])
    assert "Traceback" not in out


def test_english_text(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = cli(capsys, "check", str(SCAM), "--lang", "en", "--as-of", AS_OF)
    _, data, _ = cli(capsys, "check", str(SCAM), "--as-of", AS_OF, "--json")
    report = report_of(data)
    assert out.startswith("Risk level: CRITICAL")
    assert "What to do" in out
    assert "风险等级" not in out
    assert "建议" not in out
    for finding in report.findings:
        assert squash(finding.message_en.split("“")[0]) in squash(out)
    for advice in report.advice:
        assert squash(advice.en) in squash(out)


def test_the_highlighted_span_appears(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = cli(capsys, "check", str(SCAM), "--as-of", AS_OF)
    assert "«wlsd-kefu2025»" in out
    assert "«不要告诉家人»" in out
    excerpt = next(line for line in out.splitlines() if "«wlsd-kefu2025»" in line)
    assert "请添加专员微信 «wlsd-kefu2025» 办理" in excerpt


# --- width ---------------------------------------------------------------------------------------

EXAMPLE_REQUESTS = sorted(EXAMPLES.glob("*.json"))


def widths(out: str) -> list[int]:
    from wcwidth import wcswidth

    return [wcswidth(re.sub(r"\x1b\[[0-9;]*m", "", line)) for line in out.splitlines()]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("request_file", EXAMPLE_REQUESTS, ids=lambda path: path.stem)
def test_every_example_fits_a_terminal(
    capsys: pytest.CaptureFixture[str], request_file: Path, lang: str
) -> None:
    _, out, _ = cli(capsys, "check", str(request_file), "--lang", lang, "--as-of", AS_OF)
    _, data, _ = cli(capsys, "check", str(request_file), "--as-of", AS_OF, "--json")
    report = report_of(data)
    assert max(widths(out)) <= 88  # the width when the output is not a terminal
    lines = out.splitlines()
    for finding in report.findings:  # each code whole, on one line
        assert any(f"[{finding.code}]" in line for line in lines), finding.code
    account = json.loads(request_file.read_text(encoding="utf-8"))["payee"]["account"]
    assert account not in squash(out)
    assert not exposed(out, account)
    assert report.facts.payee.account is not None
    assert report.facts.payee.account.masked in out


@pytest.mark.parametrize("columns", ["40", "80", "100", "132"])
def test_columns_sets_the_width(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], columns: str
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)  # coloured: escapes take no room
    _, out, _ = cli(capsys, "check", str(SCAM), "--as-of", AS_OF)
    assert ANSI in out
    assert max(widths(out)) <= int(columns)
    assert max(widths(out)) > int(columns) - 8  # and the room is used


def test_a_wide_terminal_still_gets_readable_lines(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import acctverify.cli

    wide = os.terminal_size((250, 50))
    monkeypatch.setattr(acctverify.cli.shutil, "get_terminal_size", lambda fallback=None: wide)
    _, out, _ = cli(capsys, "check", str(SCAM), "--as-of", AS_OF)
    assert 88 < max(widths(out)) <= 100


def test_no_codes_a_reader_cannot_decode(capsys: pytest.CaptureFixture[str]) -> None:
    request = str(EXAMPLES / "lookalike-creditor.json")
    _, out, _ = cli(capsys, "check", request, "--as-of", AS_OF)
    _, data, _ = cli(capsys, "check", request, "--as-of", AS_OF, "--json")
    assert "[LKHG]" in data  # the report keeps its codes
    for code in ("LKHG", "NMTC", "corporate_plausible"):
        assert code not in out
    assert "户名核对: 不一致" in out
    assert "形近字替换" in out
    # The look-alike name above the name it imitates, the swapped character marked in both.
    assert "↳ payee.name: 深圳前海«徽»众银行股份有限公司" in out
    assert "↳ 对照: 深圳前海«微»众银行股份有限公司" in out
    assert "“徽”冒充“微”" in out


def test_more_evidence_is_not_a_score(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = cli(capsys, "check", str(SCAM), "--as-of", AS_OF)
    assert re.search(r"↳ 另有\d+处", out)
    assert not re.search(r"↳ \+\d", out)
    _, out, _ = cli(capsys, "check", str(SCAM), "--as-of", AS_OF, "--lang", "en")
    assert re.search(r"↳ \d+ more", out)


def test_piped_output_has_no_colour(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = cli(capsys, "check", str(SCAM))
    assert ANSI not in out


def test_a_tty_gets_colour(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    _, out, _ = cli(capsys, "check", str(SCAM))
    assert ANSI in out
    assert out.splitlines()[0].startswith(ANSI)  # the level line
    assert f"{ANSI}7mwlsd-kefu2025{ANSI}0m" in out  # the span, reversed
    assert "«" not in out


@pytest.mark.parametrize(("variable", "value"), [("NO_COLOR", "1"), ("TERM", "dumb")])
def test_no_color_and_dumb_terminals_get_none(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], variable: str, value: str
) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setenv(variable, value)
    _, out, _ = cli(capsys, "check", str(SCAM))
    assert ANSI not in out
    assert "«wlsd-kefu2025»" in out


def test_json_on_a_tty_has_no_colour(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    _, out, _ = cli(capsys, "check", str(SCAM), "--json")
    assert ANSI not in out
    report_of(out)


# --- masking ------------------------------------------------------------------------------------


def masked_run(capsys: pytest.CaptureFixture[str], message: str, *extra: str) -> str:
    status, out, err = cli(
        capsys,
        "check",
        "--payee-name", CONSULTING,
        "--account", CARD,
        "--creditor", "微粒贷",
        "--message", message,
        *extra,
    )  # fmt: skip
    assert status == 1, err
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_account_is_masked_in_text_output(
    capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    out = masked_run(capsys, f"请转账到{CARD}后加微信 wx_kefu888", "--lang", lang)
    assert CARD not in out
    assert not exposed(out, CARD)
    assert bankcard.mask(CARD) in out
    assert "«wx_kefu888»" in out  # the excerpt is shown, with the number masked


def test_a_full_width_account_in_a_message_is_masked(capsys: pytest.CaptureFixture[str]) -> None:
    full_width = CARD.translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"})
    out = masked_run(capsys, f"卡号{full_width}加微信 wx_kefu888")
    assert full_width not in out
    assert not exposed(out, CARD)


def test_the_json_output_is_not_masked(capsys: pytest.CaptureFixture[str]) -> None:
    """--json is for programs: the facts keep the number (the text report is the masked one)."""
    _, out, _ = cli(capsys, "check", "--account", CARD, "--json")
    report = report_of(out)
    assert report.facts.payee.account is not None
    assert report.facts.payee.account.masked == bankcard.mask(CARD)


def test_a_spaced_account_in_a_message_is_masked(capsys: pytest.CaptureFixture[str]) -> None:
    spaced = " ".join(CARD[i : i + 4] for i in range(0, len(CARD), 4))
    out = masked_run(capsys, f"请转账到 {spaced} 后加微信 wx_kefu888")
    assert not exposed(out, CARD)


def test_an_account_inside_the_highlighted_span_is_masked(
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = masked_run(capsys, f"还款链接 https://pay.some-loan.example.net/r?acct={CARD} 请尽快")
    assert not exposed(out, CARD)


def test_an_account_cut_by_the_excerpt_window_is_masked(
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = masked_run(capsys, CARD + "x" * 13 + "加微信 wx_kefu888")
    assert not exposed(out, CARD)


# --- the installed script -----------------------------------------------------------------------


def test_installed_script_in_a_subprocess() -> None:
    script = Path(sys.executable).with_name("acctverify")
    assert script.exists(), script
    done = subprocess.run(
        [str(script), "check", str(SCAM), "--json", "--as-of", AS_OF],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert report_of(done.stdout).level is Level.CRITICAL
    piped = subprocess.run(
        [str(script), "check", str(SCAM), "--lang", "en"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert piped.returncode == 1
    assert piped.stdout.startswith("Risk level: CRITICAL")
    assert ANSI not in piped.stdout
    broken = subprocess.run(
        [str(script), "check", str(SCAM), "--directory", str(BAD_DIRECTORY)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert_one_line_error(broken.returncode, broken.stdout, broken.stderr)
