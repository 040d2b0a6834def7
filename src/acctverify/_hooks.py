"""Behaviour models offer that only higher layers can implement (private).

``Report.redacted()``, ``Report._repr_html_()`` and ``Report.to_frame()`` render a report, and
rendering lives above the models (:mod:`acctverify.render`). A model never imports it: the package
registers the renderers here when it is imported (``acctverify/__init__.py``, which Python always
runs before any of its modules), and the model calls them by name. This module imports nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["call", "register"]

_REGISTERED: dict[str, Callable[..., Any]] = {}


def register(name: str, function: Callable[..., Any]) -> None:
    """Make *function* the implementation of the hook *name*."""
    _REGISTERED[name] = function


def call(name: str, *args: Any) -> Any:
    """Call the implementation of the hook *name*."""
    try:
        function = _REGISTERED[name]
    except KeyError:  # pragma: no cover - the package registers every hook on import
        raise RuntimeError(f"no implementation registered for {name!r}") from None
    return function(*args)
