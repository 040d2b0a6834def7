"""Regression tests for the defects a new user met trying acctverify (issue 14), one per item.

Each test runs the command or call the issue quotes and asserts the behaviour it asks for. Names
are the public lenders' registered names or fictional (某某); card numbers are synthetic.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import acctverify as av
from _helpers import cli
from acctverify.models import Level, Payee, Report

ROOT = Path(__file__).resolve().parent.parent
SCAM = ROOT / "examples" / "consulting-company-scam.json"
AS_OF = "2026-11-29"


def finding(report: Report, code: str) -> av.models.Finding:
    found = [f for f in report.findings if f.code == code]
    assert found, f"{code} not in {[f.code for f in report.findings]}"
    return found[0]


# --- 1. "could not check" never adds up to high; no Python object text -----------------------


def test_an_unreadable_image_alone_is_not_high(tmp_path: Path) -> None:
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"\x00junk, not an image" * 10)
    report = av.verify({"licence_image": str(junk)}, as_of=AS_OF)
    assert report.level is Level.MEDIUM
    unreadable = finding(report, "image.unreadable")
    for text in (unreadable.message_zh, unreadable.message_en):
        assert "_io." not in text
        assert "object at 0x" not in text
        assert "<" not in text
    assert "PNG" in unreadable.message_en
    assert "图片" in unreadable.message_zh
    assert "not a" not in unreadable.message_zh  # the Chinese message is Chinese


def test_the_reading_error_has_both_languages() -> None:
    from acctverify.licence_image import try_read_licence

    reading = try_read_licence(b"not an image at all")
    assert reading.problem_detail is not None
    assert "object at" not in reading.problem_detail
    assert reading.problem_detail_zh == "不是PNG、JPEG等可识别的图片"


# --- 3. a name equal to a former name ---------------------------------------------------------


def test_a_former_name_is_a_match_on_a_former_name() -> None:
    report = av.verify(
        {"payee": {"name": "重庆市蚂蚁小微小额贷款有限公司"}, "creditor": "借呗"}, as_of=AS_OF
    )
    former = finding(report, "payee.former_entity_name")
    assert "former name" in former.message_en
    assert "close to" not in former.message_en
    assert "重庆蚂蚁消费金融有限公司" in former.message_en  # the current name
    assert "曾用名" in former.message_zh
    assert not [f for f in report.findings if f.code == "payee.close_to_creditor"]
    assert report.level is Level.MEDIUM


# --- 4. a product whose lending entities the directory does not know ---------------------------


@pytest.mark.parametrize("creditor", ["京东金条", "有钱花", "360借条"])
def test_unknown_lending_entities_are_not_a_confident_third_party(creditor: str) -> None:
    report = av.verify({"payee": {"name": "重庆京东盛际小额贷款有限公司"}, "creditor": creditor},
                       as_of=AS_OF)  # fmt: skip
    codes = [f.code for f in report.findings]
    assert "payee.creditor_entity_unknown" in codes
    assert "payee.not_creditor" not in codes
    assert report.level is Level.MEDIUM


def test_a_known_lender_still_names_a_third_party() -> None:
    report = av.verify({"payee": {"name": "深圳市某某科技有限公司"}, "creditor": "微粒贷"},
                       as_of=AS_OF)  # fmt: skip
    assert "payee.not_creditor" in [f.code for f in report.findings]


# --- 5. spoofing in words -----------------------------------------------------------------------


def test_spoofing_is_said_in_words_and_the_code_point_kept_in_evidence() -> None:
    report = av.verify(
        {"payee": {"name": "深圳前海微众銀行股份有限公司"}, "creditor": "微粒贷"}, as_of=AS_OF
    )
    spoofed = finding(report, "payee.spoofed_characters")
    assert "“銀” is a Traditional character in a Simplified name" in spoofed.message_en
    assert "繁体字" in spoofed.message_zh
    for text in (spoofed.message_zh, spoofed.message_en):
        assert "mixed_traditional" not in text
        assert "U+9280@" not in text
    assert any("U+9280" in (e.detail or "") for e in spoofed.evidence)


def test_an_invisible_character_is_placed_in_words() -> None:
    report = av.verify(
        {"payee": {"name": "深圳前海微众\u200b银行股份有限公司"}, "creditor": "微粒贷"},
        as_of=AS_OF,
    )
    spoofed = finding(report, "payee.spoofed_characters")
    assert "an invisible character" in spoofed.message_en
    assert "after “前海微众”" in spoofed.message_en
    assert "hidden_character" not in spoofed.message_en


# --- 6. one evidence item per distinct contact ------------------------------------------------


def test_personal_contacts_are_listed_once_each_with_every_kind() -> None:
    report = av.verify(
        {
            "messages": [
                "加微信 wx_kefu888 协商还款",
                "再说一次：微信 wx_kefu888，或打 13812345678",
                "微信wx_kefu888",
            ]
        },
        as_of=AS_OF,
    )
    contact = finding(report, "messages.personal_contact")
    values = [e.value for e in contact.evidence]
    assert len(values) == len(set(values)) == 2, values
    assert "微信" in contact.message_zh
    assert "手机" in contact.message_zh
    assert "WeChat" in contact.message_en
    assert "mobile" in contact.message_en


# --- 7. bounded JSON ---------------------------------------------------------------------------


def test_what_a_report_carries_per_message_is_capped() -> None:
    from acctverify._verify import MAX_HITS_PER_MESSAGE

    message = "加微信 wx_kefu888 " * 2000
    report = av.verify({"messages": [message]}, as_of=AS_OF)
    facts = report.facts.messages[0]
    assert len(facts.hits) == MAX_HITS_PER_MESSAGE
    assert facts.hits_omitted > 0
    assert len(report.model_dump_json()) < 400_000


# --- 8, 9. output encoding and broken pipes ---------------------------------------------------


def _run(argv: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "acctverify", *argv],
        capture_output=True,
        timeout=120,
        check=False,
        env={**os.environ, **(env or {})},
    )


def test_output_degrades_on_a_narrow_encoding() -> None:
    done = _run(["check", str(SCAM), "--as-of", AS_OF], env={"PYTHONIOENCODING": "gbk"})
    assert b"Traceback" not in done.stderr, done.stderr.decode("utf-8", "replace")
    assert done.returncode == 1  # critical: the exit code still means "risky"
    text = done.stdout.decode("gbk")
    assert text.startswith("风险等级")
    assert "?" in text  # '↳' cannot be shown in GBK and is replaced


def test_a_broken_pipe_keeps_the_level_exit_code() -> None:
    script = (
        f'"{sys.executable}" -m acctverify check "{SCAM}" --json --as-of {AS_OF} | true; '
        'echo "status=${PIPESTATUS[0]}"'
    )
    done = subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert "status=1" in done.stdout, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr


# --- 10. dates of public registry facts are not redacted -------------------------------------


def test_redaction_keeps_dates(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = cli(capsys, "check", str(SCAM), "--redact", "--lang", "en", "--as-of", AS_OF)
    assert status == 1
    assert "2026-09-03" in out
    assert "20**-**-03" not in out


# --- 11. the account types users write ---------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "read"),
    [("对公", "corporate"), ("公户", "corporate"), ("对公账户", "corporate"),
     ("对私", "personal"), ("个人", "personal"), ("私户", "personal"), (" 对公 ", "corporate")],
)  # fmt: skip
def test_chinese_account_type_words(written: str, read: str) -> None:
    assert Payee(claimed_account_type=written).claimed_account_type.value == read


def test_a_batch_of_chinese_account_types_has_no_invalid_rows() -> None:
    words = ("对公", "对私", "个人")
    requests: list[dict[str, Any]] = [
        {"payee": {"name": "张三", "claimed_account_type": word}} for word in words
    ]
    codes = {f.code for report in av.verify_many(requests) for f in report.findings}
    assert "input.invalid_request" not in codes
    assert "account.claimed_corporate_is_person" in codes or "payee.is_person" in codes


def test_an_unreadable_account_type_is_still_an_error() -> None:
    with pytest.raises(av.InvalidRequest):
        av.verify({"payee": {"claimed_account_type": "见截图"}})


# --- 12. BOM, each half of an error in its language, nothing to check ---------------------------


def test_a_byte_order_mark_is_accepted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(SCAM.read_bytes().decode("utf-8").encode("utf-8-sig"))
    status, out, err = cli(capsys, "check", str(path), "--json", "--as-of", AS_OF)
    assert status == 1, err
    assert Report.model_validate_json(out).level is Level.CRITICAL


def test_error_halves_are_each_in_their_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = cli(capsys, "check", str(tmp_path / "missing.json"))
    assert status == 2
    english, chinese = err.strip().split(" | ")
    assert "No such file" in english
    assert "文件不存在" in chinese
    assert "No such file" not in chinese
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"payee": {"nam": "x"}}), encoding="utf-8")
    status, _, err = cli(capsys, "check", str(bad))
    assert status == 2
    english, chinese = err.strip().split(" | ")
    assert "Extra inputs are not permitted" in english
    assert "Extra inputs" not in chinese
    assert "不认识的字段" in chinese


@pytest.mark.parametrize("argv", [["--message", ""], ["{}"]])
def test_an_empty_request_says_there_is_nothing_to_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    if argv == ["{}"]:
        path = tmp_path / "empty.json"
        path.write_text("{}", encoding="utf-8")
        argv = [str(path)]
    status, out, err = cli(capsys, "check", *argv)
    assert status == 2
    assert out == ""
    assert "nothing to check" in err
    assert "没有可检查的内容" in err
