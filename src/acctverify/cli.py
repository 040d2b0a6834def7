"""The ``acctverify`` command: argument parsing and rendering only."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from acctverify._version import __version__

__all__ = ["main"]

EXIT_OK = 0
EXIT_USAGE = 2


def _version_text() -> str:
    from acctverify._data import TABLES, data_version, table

    lines = [f"acctverify {__version__} (data {data_version()})"]
    for name in TABLES:
        origins = [c for c in table(name).comments if c.lower().startswith(("origin", "curated"))]
        lines.append(f"  {name}: {'; '.join(origins) if origins else 'see file header'}")
    return "\n".join(lines)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"acctverify: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="acctverify", description=__doc__)
    parser.add_argument("--version", action="store_true", help="show version and data origins")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)
    check = commands.add_parser("check", help="check a payee's identifiers")
    check.add_argument(
        "request",
        nargs="?",
        help="a request as JSON (file path, or - for standard input); flags override its fields",
    )
    check.add_argument("--uscc", help="统一社会信用代码 of the payee")
    check.add_argument("--account", help="account or card number (masked in text output)")
    check.add_argument("--bank", help="the bank the account is said to be at")
    check.add_argument("--cnaps", help="12-digit CNAPS bank code (联行号)")
    check.add_argument("--json", action="store_true", help="print JSON")
    check.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the text")
    return parser


class _UsageError(Exception):
    """Bad usage or unreadable input: exit status 2 with a one-line message."""


def _load_request(source: str) -> dict[str, Any]:
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise _UsageError(f"cannot read {source}: {exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _UsageError(f"{source} is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise _UsageError(f"{source}: expected a JSON object")
    return data


def _merge_request(args: argparse.Namespace) -> None:
    """Fill identifier flags not given on the command line from the request file."""
    if not args.request:
        return
    data = _load_request(args.request)
    payee = data.get("payee")
    licence = data.get("licence")
    payee = payee if isinstance(payee, dict) else {}
    licence = licence if isinstance(licence, dict) else {}
    for flag, value in (
        ("account", payee.get("account")),
        ("bank", payee.get("bank")),
        ("cnaps", payee.get("cnaps")),
        ("uscc", licence.get("uscc")),
    ):
        if getattr(args, flag) is None and isinstance(value, str):
            setattr(args, flag, value)


def _facts(args: argparse.Namespace) -> dict[str, Any]:
    from acctverify.cn import account, cnaps, uscc
    from acctverify.exceptions import ValidationError

    facts: dict[str, Any] = {}
    if args.uscc is not None:
        try:
            facts["uscc"] = uscc.parse(args.uscc).model_dump(mode="json")
        except ValidationError as exc:
            facts["uscc"] = {"error": type(exc).__name__, "input": args.uscc}
    if args.account is not None:
        facts["account"] = account.classify(args.account, bank=args.bank).model_dump(mode="json")
    if args.cnaps is not None:
        try:
            facts["cnaps"] = cnaps.parse(args.cnaps).model_dump(mode="json")
        except ValidationError as exc:
            facts["cnaps"] = {"error": type(exc).__name__, "input": args.cnaps}
    return facts


def _render(facts: dict[str, Any], lang: str) -> str:
    zh = lang == "zh"
    lines = []
    if "uscc" in facts:
        info = facts["uscc"]
        if "error" in info:
            lines.append(
                ("统一社会信用代码格式错误" if zh else "credit code malformed")
                + f": {info['error']}"
            )
        else:
            state = "有效" if info["checksum_valid"] else "校验码错误"
            if not zh:
                state = "valid" if info["checksum_valid"] else "check character wrong"
            name_key = "" if zh else "_en"
            lines.append(
                f"{'统一社会信用代码' if zh else 'credit code'} {info['code']}: {state}; "
                f"{info['authority_name' + name_key] or '?'} / "
                f"{info['entity_type_name' + name_key] or '?'}; "
                f"{info['region_name'] or info['region_code']}"
            )
            for code in info["anomalies"]:
                from acctverify.cn.uscc import ANOMALIES

                lines.append(f"  - {ANOMALIES[code][0 if zh else 1]}")
    if "account" in facts:
        from acctverify.cn.account import REASONS

        info = facts["account"]
        lines.append(f"{'账号' if zh else 'account'} {info['masked']}: {info['kind']}")
        lines.extend(f"  - {REASONS[code][0 if zh else 1]}" for code in info["reasons"])
    if "cnaps" in facts:
        info = facts["cnaps"]
        if "error" in info:
            lines.append(
                ("联行号格式错误" if zh else "CNAPS code malformed") + f": {info['error']}"
            )
        else:
            lines.append(
                f"{'联行号' if zh else 'CNAPS'} {info['code']}: "
                f"{info['listed_name'] or info['category_name'] or '?'}"
                + (
                    ""
                    if info["checksum_valid"]
                    else (" (校验位错误)" if zh else " (check digit wrong)")
                )
            )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.version:
        print(_version_text())
        return EXIT_OK
    if args.command != "check":
        parser.print_help()
        return EXIT_USAGE
    try:
        _merge_request(args)
    except _UsageError as exc:
        print(f"acctverify: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    facts = _facts(args)
    if not facts:
        print(
            "acctverify: error: nothing to check; give --uscc, --account or --cnaps",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if args.json:
        print(json.dumps(facts, ensure_ascii=False, indent=2))
    else:
        print(_render(facts, args.lang))
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
