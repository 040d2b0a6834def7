"""Every public function takes hostile input: is_valid never raises, the others raise only
stdnum's ValidationError (validate, parse, compact, format, lookup) or nothing at all (a lookup
that answers None, classify, resolve).

The identifier modules and their verbs are discovered, not listed: a new module in
``acctverify.cn``, or a new verb in one, is tested without anyone remembering to add it here.
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
import pkgutil
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.exceptions import ValidationError

import acctverify.cn
from acctverify.cn import account, bankcard, banks, uscc

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

#: The verbs of an identifier module (python-stdnum's, and ours: parse, lookup).
VERBS = ("is_valid", "validate", "compact", "parse", "lookup", "format")


def _identifier_modules() -> list[ModuleType]:
    """Every public module of acctverify.cn, found by pkgutil."""
    names = sorted(
        info.name
        for info in pkgutil.iter_modules(acctverify.cn.__path__)
        if not info.name.startswith("_")
    )
    return [importlib.import_module(f"acctverify.cn.{name}") for name in names]


def _verbs(verb: str) -> list[Callable[[Any], Any]]:
    """The public *verb* function of every identifier module that has one."""
    return [
        getattr(module, verb)
        for module in _identifier_modules()
        if verb in getattr(module, "__all__", ()) and callable(getattr(module, verb))
    ]


def _may_answer_none(function: Callable[..., Any]) -> bool:
    """Whether *function* is annotated to return ``None`` for "not found" (then it never raises).

    The annotation is read as written (``CardBin | None``): its names are only imported for type
    checkers."""
    returns = inspect.signature(function).return_annotation
    written = returns if isinstance(returns, str) else repr(returns)
    return "None" in (part.strip() for part in written.split("|"))


def _name(function: Callable[..., Any]) -> str:
    return f"{function.__module__.rsplit('.', 1)[-1]}.{function.__name__}"


#: is_valid: a bool for anything, never an exception.
CHECKERS = _verbs("is_valid")
#: validate: the compact form, or one of stdnum's ValidationError classes.
VALIDATORS = _verbs("validate")
#: The other verbs: they raise stdnum's ValidationError for bad input, and nothing else.
PARSERS: list[Callable[[Any], Any]] = [
    function
    for verb in VERBS
    if verb not in ("is_valid", "validate")
    for function in _verbs(verb)
    if not (verb == "lookup" and _may_answer_none(function))
]
#: Functions that never raise: the lookups that answer None, and the helpers that are not verbs.
TOTAL: list[Callable[[Any], Any]] = [
    *(function for function in _verbs("lookup") if _may_answer_none(function)),
    bankcard.mask,
    account.classify,
    account.mask,
    banks.resolve,
    banks.get,
    lambda v: account.classify("6228480402564890018", bank=v),
]


@pytest.mark.parametrize("is_valid", CHECKERS, ids=_name)
@pytest.mark.parametrize("value", NASTY, ids=range(len(NASTY)))
def test_is_valid_is_total(is_valid: Callable[[Any], Any], value: Any) -> None:
    assert is_valid(value) in (True, False)


@pytest.mark.parametrize("validate", VALIDATORS, ids=_name)
@pytest.mark.parametrize("value", NASTY, ids=range(len(NASTY)))
def test_validate_raises_only_validation_errors(validate: Callable[[Any], Any], value: Any) -> None:
    with contextlib.suppress(ValidationError):
        validate(value)


@pytest.mark.parametrize("parse", PARSERS, ids=_name)
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
    for is_valid in CHECKERS:
        assert is_valid(text) in (True, False)
    for function in TOTAL:
        function(text)
    for parse in PARSERS:
        with contextlib.suppress(ValidationError):
            parse(text)


def test_discovery_finds_every_identifier_module_and_verb() -> None:
    modules = {module.__name__.rsplit(".", 1)[-1] for module in _identifier_modules()}
    assert modules >= {"uscc", "orgcode", "regno", "region", "cnaps", "bankcard", "account"}
    checked = {_name(function) for function in CHECKERS + VALIDATORS + PARSERS + TOTAL}
    for name in ("uscc", "orgcode", "regno", "region", "cnaps", "bankcard"):
        assert {f"{name}.is_valid", f"{name}.validate", f"{name}.compact"} <= checked
    assert {"uscc.parse", "cnaps.parse", "region.lookup", "bankcard.lookup"} <= checked
    assert bankcard.lookup in TOTAL  # "CardBin | None": an unknown BIN is None, never an error
    assert bankcard.lookup not in PARSERS


def test_is_valid_on_the_nasty_values_is_false() -> None:
    # none of the values above is a valid identifier, except the full-width forms of valid codes
    assert not any(uscc.is_valid(v) for v in NASTY[:-2])
    assert uscc.is_valid(NASTY[-2])  # NFKC folds mathematical digits into a valid code
