"""The public surface is listed once and agrees with itself, as httpx's test_exported_members.

``acctverify`` imports its public names on first use (``_LAZY``, for a cheap ``import acctverify``)
and shows type checkers the real imports (``if TYPE_CHECKING:``). Three lists of the same names can
drift apart; these tests keep ``__all__``, the lazy table and the typed imports in step, and check
that each name is served from the module that defines it (or a package above it).
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from collections import Counter
from types import ModuleType

import pytest

import acctverify
import acctverify.cn

#: Names that ``acctverify/__init__.py`` needs to work but does not export.
MACHINERY = {"annotations", "importlib", "TYPE_CHECKING", "Any"}
#: Names bound when the package is imported, not through the lazy table.
EAGER = {"__version__"}
#: Public modules whose import paths users rely on (DESIGN.md, "Layout"), besides acctverify.cn.*.
PUBLIC_MODULES = [
    "acctverify.batch",
    "acctverify.dask",
    "acctverify.directory",
    "acctverify.exceptions",
    "acctverify.frame",
    "acctverify.licence_image",
    "acctverify.models",
    "acctverify.names",
    "acctverify.scoring",
    "acctverify.sources",
    "acctverify.testing",
    "acctverify.text",
    *sorted(
        f"acctverify.cn.{info.name}"
        for info in pkgutil.iter_modules(acctverify.cn.__path__)
        if not info.name.startswith("_")
    ),
]


def _typed_imports() -> dict[str, str]:
    """The names imported under ``if TYPE_CHECKING:`` in acctverify/__init__.py, with their
    modules."""
    tree = ast.parse(inspect.getsource(acctverify))
    found: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for statement in node.body:
                assert isinstance(statement, ast.ImportFrom), ast.unparse(statement)
                for alias in statement.names:
                    found[alias.asname or alias.name] = str(statement.module)
    return found


def test_every_name_is_listed_once() -> None:
    twice = [name for name, count in Counter(acctverify.__all__).items() if count > 1]
    assert not twice


@pytest.mark.parametrize("name", acctverify.__all__)
def test_every_exported_name_is_importable(name: str) -> None:
    namespace: dict[str, object] = {}
    exec(f"from acctverify import {name}", namespace)
    assert namespace[name] is getattr(acctverify, name)


def test_all_is_exactly_what_the_lazy_table_serves() -> None:
    assert set(acctverify.__all__) == set(acctverify._LAZY) | EAGER


def test_type_checkers_see_the_lazy_table() -> None:
    assert _typed_imports() == acctverify._LAZY


@pytest.mark.parametrize("name", sorted(acctverify._LAZY))
def test_each_name_comes_from_where_it_is_defined(name: str) -> None:
    source = acctverify._LAZY[name]
    module = importlib.import_module(source)
    value = getattr(acctverify, name)
    assert getattr(module, name) is value
    assert name in module.__all__, f"{source} does not export {name}"
    defined = getattr(value, "__module__", None)
    if isinstance(defined, str) and defined.split(".")[0] == "acctverify":
        # defined in that module or below it; a re-export from outside (stdnum's
        # ValidationError) keeps its own __module__
        assert defined == source or defined.startswith(source + "."), (name, defined, source)


def test_no_public_name_is_missing_from_all() -> None:
    for name in acctverify.__all__:
        getattr(acctverify, name)  # bind every lazy name, as a session would
    public = {
        name
        for name, value in vars(acctverify).items()
        if not name.startswith("_") and not isinstance(value, ModuleType)
    }
    assert public - MACHINERY <= set(acctverify.__all__)
    assert dir(acctverify) == sorted(acctverify.__all__)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'verify_everything'"):
        acctverify.verify_everything  # noqa: B018
    with pytest.raises(ImportError):
        exec("from acctverify import verify_everything", {})


@pytest.mark.parametrize("path", PUBLIC_MODULES)
def test_public_modules_list_each_name_once_and_serve_it(path: str) -> None:
    module = importlib.import_module(path)
    names = module.__all__
    assert len(names) == len(set(names)), path
    missing = [name for name in names if not hasattr(module, name)]
    assert not missing, f"{path}.__all__ names what it does not have: {missing}"
