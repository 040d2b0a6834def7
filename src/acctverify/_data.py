"""Read the shipped data files (private): the one loader for CSV tables and TOML documents.

Each table in ``acctverify/data`` is a UTF-8 CSV file whose leading ``#`` lines name its origin,
date and licence; each TOML document (``phrases.toml``, ``cues.toml``, ``typologies.toml``,
``creditors.toml``) does the same in its comment header. Files are read on first use and cached;
nothing is read at import time.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import sys
from dataclasses import dataclass
from importlib import resources
from typing import Any

from acctverify.exceptions import DataError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

__all__ = ["TABLES", "Table", "data_files", "data_version", "document", "table"]

#: Every table the package ships, in the order ``acctverify --version`` lists them.
TABLES = (
    "banks.csv",
    "card_bins.csv",
    "account_lengths.csv",
    "bank_hotlines.csv",
    "cnaps_categories.csv",
    "cnaps_codes.csv",
    "name_parts.csv",
    "lookalikes.csv",
    "apps.csv",
    "brands.csv",
    "channel_words.csv",
    "service_numbers.csv",
    "short_links.csv",
    "gsxt_hosts.csv",
    "message_weights.csv",
)


@dataclass(frozen=True)
class Table:
    """A parsed data table: its header comments and its rows."""

    name: str
    comments: tuple[str, ...]
    rows: tuple[dict[str, str], ...]


def _read_bytes(name: str) -> bytes:
    try:
        return resources.files("acctverify.data").joinpath(name).read_bytes()
    except OSError as exc:  # pragma: no cover - a broken installation
        raise DataError(f"cannot read the shipped table {name}: {exc}") from exc


def parse_table(name: str, text: str) -> Table:
    """Parse a table in the shipped format (also used for tests of the format itself)."""
    lines = text.splitlines()
    comments = []
    index = 0
    while index < len(lines) and lines[index].startswith("#"):
        comments.append(lines[index][1:].strip())
        index += 1
    reader = csv.DictReader(io.StringIO("\n".join(lines[index:])))
    rows = []
    for number, row in enumerate(reader, start=index + 2):
        if None in row or any(value is None for value in row.values()):
            raise DataError(f"{name}, line {number}: wrong number of fields")
        rows.append({key: value.strip() for key, value in row.items()})
    return Table(name=name, comments=tuple(comments), rows=tuple(rows))


@functools.cache
def table(name: str) -> Table:
    """Return the shipped table *name*, read once."""
    return parse_table(name, _read_bytes(name).decode("utf-8"))


@functools.cache
def document(name: str) -> dict[str, Any]:
    """Return the shipped TOML document *name*, read once (raise :class:`DataError` if broken)."""
    try:
        return tomllib.loads(_read_bytes(name).decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:  # pragma: no cover - broken
        raise DataError(f"cannot read the shipped file {name}: {exc}") from exc


def data_files() -> tuple[str, ...]:
    """Return the names of every shipped data file (tables, TOML files …), sorted."""
    folder = resources.files("acctverify.data")
    return tuple(
        sorted(
            entry.name
            for entry in folder.iterdir()
            if entry.is_file() and entry.name.endswith((".csv", ".toml", ".json", ".txt"))
        )
    )


@functools.cache
def data_version() -> str:
    """Return a short digest of every shipped data file; it changes whenever any file changes."""
    digest = hashlib.sha256()
    for name in data_files():
        digest.update(name.encode())
        digest.update(b"\0")
        digest.update(_read_bytes(name))
        digest.update(b"\0")
    return digest.hexdigest()[:12]
