"""Shared test configuration: hypothesis profiles and the doctest namespace."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

DATA = Path(__file__).parent / "data"

settings.register_profile(
    "ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=50, deadline=None)
settings.register_profile("long", max_examples=5000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture
def prepared(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """verify() reads the prepared reading (tests/licence_images.py ``prepared_reading``) stored
    under a path instead of the file named in the request."""
    import acctverify.licence_image as li

    readings: dict[str, Any] = {}
    monkeypatch.setattr(li, "try_read_licence", lambda path: readings[path])
    return readings


@pytest.fixture(autouse=True)
def _doctest_data(doctest_namespace: dict[str, Any]) -> None:
    doctest_namespace["DATA"] = DATA


# --- No network --------------------------------------------------------------------------------
# The whole suite runs with outbound connections blocked except to the loopback interface (and
# Unix sockets): verify, scan and the CLI must never call out unless a test configures a source
# against a server it started itself on 127.0.0.1. Set ACCTVERIFY_ONLINE_TESTS=1 to lift the
# block for the opt-in live tests.

import ipaddress  # noqa: E402
import socket  # noqa: E402

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


class NetworkBlocked(RuntimeError):
    """A test tried to reach a host other than 127.0.0.1 / ::1."""


def _allowed(address: object) -> bool:
    if isinstance(address, (str, bytes)):  # Unix socket path
        return True
    if isinstance(address, tuple) and address:
        host = address[0]
        if host in ("localhost",):
            return True
        try:
            return ipaddress.ip_address(host).is_loopback
        except ValueError:
            return False
    return False


def _guarded_connect(self: socket.socket, address: Any) -> Any:
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _allowed(address):
        raise NetworkBlocked(f"tests may only connect to 127.0.0.1, not {address!r}")
    return _real_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: Any) -> Any:
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _allowed(address):
        raise NetworkBlocked(f"tests may only connect to 127.0.0.1, not {address!r}")
    return _real_connect_ex(self, address)


if os.environ.get("ACCTVERIFY_ONLINE_TESTS") != "1":
    socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]
