"""Every public function takes hostile input: is_valid never raises, the others raise only
stdnum's ValidationError (validate, parse) or nothing at all (lookups, classify, resolve)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.exceptions import ValidationError

from acctverify.cn import account, bankcard, banks, cnaps, orgcode, region, regno, uscc

NASTY: list[Any] = [
    None,
    "",
    0,
    -1,
    True,
    1.5,
    object(),
    b"911000001000013428",
    ["911000001000013428"],
    "€",
    "３²",
    "\ud800",
    "\udfff" * 18,
    "a\x00b",
    "9" * 100_000,
    "９" * 100_000,
    "\u200b" * 100_000,
    "𝟗𝟏𝟏𝟎𝟎𝟎𝟎𝟎𝟏𝟎𝟎𝟎𝟎𝟏𝟑𝟒𝟐𝟖",  # mathematical bold digits (NFKC folds them)
    "⑨①①",
]

MODULES = [uscc, orgcode, regno, region, cnaps, bankcard]


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
@pytest.mark.parametrize("value", NASTY, ids=range(len(NASTY)))
def test_is_valid_is_total(module: Any, value: Any) -> None:
    assert module.is_valid(value) in (True, False)


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
@pytest.mark.parametrize("value", NASTY, ids=range(len(NASTY)))
def test_validate_raises_only_validation_errors(module: Any, value: Any) -> None:
    with contextlib.suppress(ValidationError):
        module.validate(value)


PARSERS: list[Callable[[Any], Any]] = [uscc.parse, cnaps.parse, region.lookup]
TOTAL: list[Callable[[Any], Any]] = [
    bankcard.lookup,
    bankcard.mask,
    account.classify,
    account.mask,
    banks.resolve,
    banks.get,
    lambda v: account.classify("6228480402564890018", bank=v),
]


@pytest.mark.parametrize("parse", PARSERS, ids=lambda f: f"{f.__module__}.{f.__name__}")
@pytest.mark.parametrize("value", NASTY, ids=range(len(NASTY)))
def test_parsers_raise_only_validation_errors(parse: Callable[[Any], Any], value: Any) -> None:
    with contextlib.suppress(ValidationError):
        parse(value)


@pytest.mark.parametrize("function", TOTAL, ids=range(len(TOTAL)))
@pytest.mark.parametrize("value", NASTY, ids=range(len(NASTY)))
def test_lookups_never_raise(function: Callable[[Any], Any], value: Any) -> None:
    function(value)


@given(st.text(max_size=40))
def test_text_never_breaks_anything(text: str) -> None:
    for module in MODULES:
        assert module.is_valid(text) in (True, False)
    for function in TOTAL:
        function(text)
    for parse in PARSERS:
        with contextlib.suppress(ValidationError):
            parse(text)


def test_is_valid_on_the_nasty_values_is_false() -> None:
    # none of the values above is a valid identifier, except the full-width forms of valid codes
    assert not any(uscc.is_valid(v) for v in NASTY[:-2])
    assert uscc.is_valid(NASTY[-2])  # NFKC folds mathematical digits into a valid code
