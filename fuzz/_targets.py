"""Fuzz targets shared by the atheris harness and the short CI run (see fuzz/README.md).

Each target takes raw bytes, turns them into the inputs a caller could pass, and checks the
properties every public function promises on hostile input: no exception other than the
documented ones, spans inside the text, reports that serialise.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable

from stdnum.exceptions import ValidationError

import acctverify
from acctverify.cn import account, bankcard, banks, cnaps, orgcode, region, regno, uscc
from acctverify.names import match_names, parse_company_name
from acctverify.text import scan_detailed


def _text(data: bytes) -> str:
    # surrogateescape keeps every byte: invalid UTF-8 becomes lone surrogates, the nastiest case
    return data.decode("utf-8", "surrogateescape")


def _split(data: bytes, parts: int) -> list[str]:
    text = _text(data)
    pieces = text.split("\x00", parts - 1)
    return pieces + [""] * (parts - len(pieces))


def target_identifiers(data: bytes) -> None:
    text = _text(data)
    for module in (uscc, orgcode, regno, region, cnaps, bankcard):
        assert module.is_valid(text) in (True, False)
        try:
            compact = module.validate(text)
        except ValidationError:
            continue
        assert module.is_valid(compact)
    for parse in (uscc.parse, cnaps.parse, region.lookup):
        with contextlib.suppress(ValidationError):
            parse(text)
    bankcard.lookup(text)
    account.classify(text, bank=text[:40])
    banks.resolve(text)


def target_names(data: bytes) -> None:
    given, actual = _split(data, 2)
    parsed = parse_company_name(given)
    assert parse_company_name(parsed.normalised).normalised == parsed.normalised or parsed.spoofing
    result = match_names(given, actual)
    json.loads(result.model_dump_json())


def target_scan(data: bytes) -> None:
    text = _text(data)
    result = scan_detailed(text)
    for hit in result.hits:
        assert 0 <= hit.start < hit.end <= len(text)
        assert text[hit.start : hit.end] == hit.raw


def target_verify(data: bytes) -> None:
    name, number, bank, creditor, licence_name, uscc_text, message = _split(data, 7)
    report = acctverify.verify(
        {
            "payee": {"name": name, "account": number, "bank": bank},
            "creditor": creditor,
            "licence": {"name": licence_name, "uscc": uscc_text, "established": message[:20]},
            "messages": [message],
        },
        as_of="2026-11-29",
    )
    assert 0 <= report.score <= 100
    json.loads(report.model_dump_json())


TARGETS: dict[str, Callable[[bytes], None]] = {
    "identifiers": target_identifiers,
    "names": target_names,
    "scan": target_scan,
    "verify": target_verify,
}
