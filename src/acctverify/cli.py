"""The ``acctverify`` command: argument parsing, input reading and exit status.

    acctverify check [REQUEST.json | -] [--payee-name S] [--account N] [--bank S] [--cnaps N]
                     [--claimed-type corporate|personal|unknown] [--uscc S]
                     [--licence FILE.json] [--licence-image FILE] [--creditor S]
                     [--message S]... [--message-file F]... [--caller N] [--link URL]
                     [--as-of YYYY-MM-DD] [--directory FILE] [--online] [--risk-list FILE]...
                     [--json] [--redact] [--lang zh|en] [--fail-on LEVEL|never]

Exit status: 0 when the level is below ``--fail-on`` (default ``high``; ``never`` always gives 0),
1 at or above it, 2 for bad usage or unreadable input (a one-line error, never a traceback).

The text report is wrapped to the terminal's width, at most 100 columns (88 when the output is
not a terminal); the ``COLUMNS`` environment variable sets the width exactly.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from acctverify._version import __version__
from acctverify.render import DEFAULT_WIDTH, render_text, use_colour

if TYPE_CHECKING:
    from acctverify.models import PaymentRequest

__all__ = ["main"]

EXIT_OK = 0
EXIT_FAIL = 1
EXIT_USAGE = 2

_LEVELS = ("low", "medium", "high", "critical")
_MAX_INPUT_BYTES = 20_000_000
# Text wider than this is hard to read, however wide the terminal; narrower than this is useless.
_MAX_WIDTH = 100
_MIN_WIDTH = 40


class UsageError(Exception):
    """Bad usage or unreadable input: exit status 2 with a one-line message in English and
    Chinese."""

    def __init__(self, message: str, zh: str) -> None:
        super().__init__(message)
        self.zh = zh

    def line(self) -> str:
        return f"acctverify: error: {self} | 错误：{self.zh}"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"acctverify: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="acctverify",
        description="Check whether a 'corporate account' really belongs to your creditor, and "
        "whether the request looks like a scam.",
    )
    parser.add_argument("--version", action="store_true", help="show version and data origins")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)
    check = commands.add_parser(
        "check",
        help="check a payment request",
        description="Check a payment request given as JSON and/or flags (flags win).",
    )
    check.add_argument("request", nargs="?", help="request JSON file, or - for standard input")
    payee = check.add_argument_group("payee")
    payee.add_argument("--payee-name", help="account name (收款户名)")
    payee.add_argument("--account", help="account or card number (masked in text output)")
    payee.add_argument("--bank", help="bank or branch (开户行)")
    payee.add_argument("--cnaps", help="12-digit CNAPS code (联行号)")
    payee.add_argument(
        "--claimed-type",
        metavar="TYPE",
        help="what you were told the account is: corporate (对公, 公户), personal (对私, 个人, "
        "私户) or unknown",
    )
    other = check.add_argument_group("licence, creditor and messages")
    other.add_argument("--uscc", help="credit code on the licence (统一社会信用代码)")
    other.add_argument("--licence", metavar="FILE.json", help="licence data as JSON")
    other.add_argument(
        "--licence-image",
        metavar="FILE",
        help="photo of the business licence (营业执照), read offline; needs acctverify[ocr]",
    )
    other.add_argument("--creditor", help="who you believe you are paying (微粒贷, 招商银行 …)")
    other.add_argument("--message", action="append", default=[], help="a message you received")
    other.add_argument(
        "--message-file", action="append", default=[], metavar="F", help="a file with a message"
    )
    other.add_argument("--caller", help="the number that called or texted you")
    other.add_argument("--link", help="a link you were sent")
    other.add_argument("--as-of", metavar="YYYY-MM-DD", help="judge the request at this date")
    online = check.add_argument_group(
        "online sources and risk lists",
        "--online looks up the card BIN (Alipay, the BIN only is sent) and, when "
        "ACCTVERIFY_TIANYANCHA_KEY is set, the business registry (Tianyancha)",
    )
    online.add_argument(
        "--online", action="store_true", help="opt in to the online lookups (off by default)"
    )
    online.add_argument(
        "--risk-list",
        action="append",
        default=[],
        metavar="FILE",
        help="a risk list: .csv, or .sqlite/.sqlite3/.db made by import_csv (repeatable)",
    )
    out = check.add_argument_group("output")
    out.add_argument("--directory", metavar="FILE", help="your own creditor file (TOML or JSON)")
    out.add_argument("--json", action="store_true", help="print the report as JSON")
    out.add_argument(
        "--redact",
        action="store_true",
        help="hide personal data (numbers, contact IDs, persons' names) to share the report",
    )
    out.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the text")
    out.add_argument(
        "--fail-on",
        choices=(*_LEVELS, "never"),
        default="high",
        help="exit 1 at or above this level (never: always 0)",
    )
    return parser


def _read_text(source: str, what: str) -> str:
    try:
        if source == "-":
            text = sys.stdin.read(_MAX_INPUT_BYTES + 1).removeprefix("\ufeff")
        else:
            path = Path(source)
            if path.exists() and not path.is_file():  # a directory, /dev/zero, a FIFO
                raise UsageError(
                    f"cannot read {what} {source}: not a regular file",
                    f"无法读取{source}：不是普通文件",
                )
            with path.open("rb") as handle:
                data = handle.read(_MAX_INPUT_BYTES + 1)
            if len(data) > _MAX_INPUT_BYTES:
                raise UsageError(
                    f"{source}: larger than {_MAX_INPUT_BYTES} bytes",
                    f"{source}超过{_MAX_INPUT_BYTES}字节",
                )
            text = data.decode("utf-8-sig")  # a byte-order mark is not part of the text
    except UnicodeDecodeError:
        raise UsageError(
            f"cannot read {what} {source}: not UTF-8 text", f"无法读取{source}：不是UTF-8文本"
        ) from None
    except OSError as exc:
        from acctverify.exceptions import os_error_zh

        raise UsageError(
            f"cannot read {what} {source}: {exc.strerror or exc}",
            f"无法读取{source}：{os_error_zh(exc)}",
        ) from None
    if len(text) > _MAX_INPUT_BYTES:
        raise UsageError(
            f"{what} on standard input is larger than {_MAX_INPUT_BYTES} bytes",
            f"标准输入超过{_MAX_INPUT_BYTES}字节",
        )
    return text


def _read_json(source: str, what: str) -> dict[str, Any]:
    text = _read_text(source, what)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(
            f"{source}: not valid JSON (line {exc.lineno}: {exc.msg})",
            f"{source}不是有效的JSON（第{exc.lineno}行第{exc.colno}列）",
        ) from None
    if not isinstance(data, dict):
        raise UsageError(f"{source}: expected a JSON object", f"{source}应是一个JSON对象")
    return data


def _request_data(args: argparse.Namespace) -> dict[str, Any]:
    """Build the request dict from the JSON file and the flags (flags win)."""
    data: dict[str, Any] = _read_json(args.request, "request") if args.request else {}
    for key in ("payee", "licence", "contact"):
        if data.get(key) is not None and not isinstance(data[key], dict):
            raise UsageError(
                f"invalid request: {key} must be a JSON object", f"请求无效：{key}应是JSON对象"
            )
    if data.get("messages") is not None and not (
        isinstance(data["messages"], list) and all(isinstance(m, str) for m in data["messages"])
    ):
        raise UsageError(
            "invalid request: messages must be a list of strings",
            "请求无效：messages应是字符串列表",
        )
    payee = dict(data.get("payee") or {})
    for flag, field in (
        ("payee_name", "name"),
        ("account", "account"),
        ("bank", "bank"),
        ("cnaps", "cnaps"),
        ("claimed_type", "claimed_account_type"),
    ):
        if getattr(args, flag) is not None:
            payee[field] = getattr(args, flag)
    data["payee"] = payee
    if args.licence:
        data["licence"] = _read_json(args.licence, "licence")
    if args.uscc is not None:
        data["licence"] = {**(data.get("licence") or {}), "uscc": args.uscc}
    if args.licence_image is not None:
        if not Path(args.licence_image).is_file():
            raise UsageError(
                f"cannot read licence image {args.licence_image}: no such file",
                f"找不到营业执照图片{args.licence_image}",
            )
        data["licence_image"] = args.licence_image
    if args.creditor is not None:
        data["creditor"] = args.creditor
    messages = list(data.get("messages") or [])
    messages += args.message
    messages += [_read_text(name, "message file") for name in args.message_file]
    data["messages"] = messages
    if args.caller or args.link:
        contact = dict(data.get("contact") or {})
        if args.caller:
            contact["caller_number"] = args.caller
        if args.link:
            contact["link"] = args.link
        data["contact"] = contact
    if args.as_of:
        try:
            data["as_of"] = date.fromisoformat(args.as_of).isoformat()
        except ValueError:
            raise UsageError(
                f"--as-of {args.as_of}: expected YYYY-MM-DD", "--as-of应为YYYY-MM-DD格式的日期"
            ) from None
    return data


def _validation_message(exc: Exception) -> tuple[str, str]:
    """The first problem of a validation error, in English (pydantic's words) and in Chinese."""
    errors = getattr(exc, "errors", None)
    if callable(errors):
        first = errors()[0]
        where = ".".join(str(part) for part in first.get("loc", ())) or "request"
        kind = str(first.get("type", ""))
        zh = next((text for prefix, text in _ERROR_ZH if kind.startswith(prefix)), "值无效")
        return f"{where}: {first.get('msg', 'invalid')}", f"{where}：{zh}"
    line = str(exc).splitlines()[0]
    return line, "值无效"


#: pydantic error types -> what they mean, in Chinese.
_ERROR_ZH = (
    ("missing", "缺少必填字段"),
    ("extra_forbidden", "不认识的字段"),
    ("string_type", "应是文本（字符串）"),
    ("int", "应是整数"),
    ("float", "应是数字"),
    ("bool", "应是 true 或 false"),
    ("date", "应是日期（YYYY-MM-DD）"),
    ("enum", "不是允许的取值"),
    ("literal", "不是允许的取值"),
    ("list", "应是列表"),
    ("tuple", "应是列表"),
    ("too_long", "条目太多"),
    ("too_short", "条目太少"),
    ("model", "应是JSON对象"),
    ("dict", "应是JSON对象"),
    ("value_error", "值无效"),
)


def _version_text() -> str:
    from importlib import resources

    from acctverify._data import data_files, data_version

    lines = [f"acctverify {__version__} (data {data_version()})"]
    folder = resources.files("acctverify.data")
    for name in data_files():
        text = folder.joinpath(name).read_text(encoding="utf-8")
        header = [line.lstrip("# ").strip() for line in text.splitlines() if line.startswith("#")]
        origins = [line for line in header if line.lower().startswith(("origin", "curated"))]
        lines.append(f"  {name}: {origins[0] if origins else 'see the file header'}")
    return "\n".join(lines)


_RISK_LIST_SUFFIXES = {".csv": "csv", ".sqlite": "sqlite", ".sqlite3": "sqlite", ".db": "sqlite"}


def _enrich(request: PaymentRequest, args: argparse.Namespace) -> PaymentRequest:
    """Ask the sources the flags opted into (keys from the environment only)."""
    from contextlib import ExitStack

    from acctverify.exceptions import DataError
    from acctverify.sources import (
        TIANYANCHA_KEY_ENV,
        AlipayCardBinSource,
        CsvRiskList,
        RiskListSource,
        Sources,
        SqliteRiskList,
        TianyanchaLicenceSource,
        enrich,
    )

    with ExitStack() as stack:
        lists: list[RiskListSource] = []
        for name in args.risk_list:
            kind = _RISK_LIST_SUFFIXES.get(Path(name).suffix.lower())
            if kind is None:
                raise UsageError(
                    f"--risk-list {name}: expected a .csv, .sqlite, .sqlite3 or .db file",
                    f"风险名单{name}应是.csv、.sqlite、.sqlite3或.db文件",
                )
            try:
                if kind == "csv":
                    lists.append(CsvRiskList(name))
                else:
                    lists.append(stack.enter_context(SqliteRiskList(name)))
            except DataError as exc:
                raise UsageError(str(exc), f"无法使用风险名单：{exc}") from None
        card_bin = registry = None
        if args.online:
            card_bin = stack.enter_context(AlipayCardBinSource())
            if os.environ.get(TIANYANCHA_KEY_ENV, "").strip():
                try:
                    registry = stack.enter_context(TianyanchaLicenceSource())
                except ValueError as exc:
                    raise UsageError(
                        f"{TIANYANCHA_KEY_ENV}: {exc}", f"环境变量{TIANYANCHA_KEY_ENV}无效：{exc}"
                    ) from None
        sources = Sources(card_bin=card_bin, registry=registry, risk_lists=tuple(lists))
        return enrich(request, sources)


def _anything_to_check(data: dict[str, Any]) -> bool:
    """Whether the request holds any text to check (an empty file or ``--message ""`` does not)."""

    def given(value: object) -> bool:
        if isinstance(value, str):
            return bool(value.strip())
        if isinstance(value, dict):
            return any(given(item) for key, item in value.items() if key != "claimed_account_type")
        if isinstance(value, (list, tuple)):
            return any(given(item) for item in value)
        return value is not None

    keys = ("payee", "licence", "licence_image", "creditor", "messages", "contact", "registry")
    return any(given(data.get(key)) for key in keys)


def _check(args: argparse.Namespace) -> int:
    from pydantic import ValidationError as ModelError

    from acctverify._verify import verify
    from acctverify.directory import load_directory
    from acctverify.exceptions import DataError
    from acctverify.models import Level, PaymentRequest

    data = _request_data(args)
    if not _anything_to_check(data):
        raise UsageError(
            "nothing to check: give a request file, or --payee-name, --account, --creditor, "
            "--message … (see acctverify check --help)",
            "没有可检查的内容：请给出请求文件，或 --payee-name、--account、--creditor、"
            "--message 等参数",
        )
    try:
        request = PaymentRequest.model_validate(data)
    except ModelError as exc:
        english, chinese = _validation_message(exc)
        raise UsageError(f"invalid request: {english}", f"请求无效：{chinese}") from None
    try:
        directory = load_directory(args.directory) if args.directory else None
    except DataError as exc:
        raise UsageError(str(exc), f"无法使用债权人文件：{exc}") from None
    if args.online or args.risk_list:
        request = _enrich(request, args)
    report = verify(request, directory=directory)
    shown = report.redacted() if args.redact else report
    status = EXIT_OK
    if args.fail_on != "never" and report.level.rank >= Level(args.fail_on).rank:
        status = EXIT_FAIL
    try:
        if args.json:
            print(shown.model_dump_json(indent=2))
        else:
            # The text report never shows whole messages, only excerpts around findings: with
            # --redact those come from the redacted evidence, not from the messages.
            messages = () if args.redact else request.messages
            colour = use_colour(sys.stdout)
            print(render_text(shown, messages, lang=args.lang, colour=colour, width=_text_width()))
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (acctverify check … | head): the verdict still decides the exit
        # status, and Python must not complain again when it flushes stdout at exit.
        _silence_stdout()
    return status


def _text_width() -> int:
    """The width to wrap the text report to: ``COLUMNS`` if set, else the terminal's (at most
    100), else 88."""
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0:
        return max(_MIN_WIDTH, int(columns))
    size = shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns
    return max(_MIN_WIDTH, min(size, _MAX_WIDTH))


def _silence_stdout() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    for stream in (sys.stdout, sys.stderr):
        # A terminal or file in a narrower encoding (GBK) shows what it cannot encode as "?",
        # never a traceback.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    parser = _parser()
    args = parser.parse_args(argv)
    if args.version:
        print(_version_text())
        return EXIT_OK
    if args.command != "check":
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return _check(args)
    except UsageError as exc:
        print(exc.line(), file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        # The reader went away before the verdict was known (--version | head): stop quietly.
        _silence_stdout()
        return EXIT_OK
    except KeyboardInterrupt:  # pragma: no cover - interactive
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
