"""Risk lists: identifiers known to be used in fraud, in a CSV file, an SQLite database or behind
a JSON endpoint you run (private).

A list has four columns — ``kind,value,note,source`` — one identifier a row::

    kind,value,note,source
    account,6217 0000 0012 3456 786,收款账户涉诈（已冻结）,公安通报 2026-031
    phone,+86 138 1234 5678,冒充微粒贷客服,用户举报
    wechat,wlsd-kefu2025,债务优化中介,内部案件 1187
    domain,wlsd-help.com,仿冒网站,12321 举报

``kind`` is one of :class:`~acctverify.models.sources.RiskKind` (``account``, ``phone``,
``wechat``, ``qq``, ``domain``, ``uscc``, ``name``); values are normalised (:func:`normalise`) so
that ``6217-0000…`` and ``62170000…``, ``+86 138…`` and ``138…``, ``WLSD-kefu`` and
``wlsd-kefu`` are the same key. A domain entry also matches its sub-domains. Lines starting with
``#`` are comments; a row that cannot be read is an error, with its line number — a list is never
half-loaded silently.

* :class:`CsvRiskList` reads a small list into memory.
* :class:`SqliteRiskList` opens a database made by :func:`import_csv` (read-only): one indexed
  table, so a lookup costs a B-tree search whatever the size — millions of rows are fine
  (``bench/bench_risklist.py``). :func:`import_csv` streams the CSV in batches inside one
  transaction: memory stays flat, and a bad row leaves the database as it was.
* :class:`JsonHttpRiskList` asks an endpoint you run:
  ``GET <base_url><path>?kind=<kind>&value=<normalised value>`` answering
  ``{"hits": [{"note": "…", "source": "…"}]}`` (an empty list when the value is not listed).
"""

from __future__ import annotations

import csv
import os
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import NamedTuple

import httpx
from typing_extensions import override

from acctverify.exceptions import DataError, SourceError, SourceRejected, SourceResponseError
from acctverify.models.sources import RiskKind
from acctverify.sources._base import AsyncSource, Closing, HttpSource, SyncSource, clean_text
from acctverify.sources._settings import (
    DEFAULT_BACKOFF,
    DEFAULT_CACHE_TTL,
    DEFAULT_RETRIES,
    DEFAULT_TIMEOUT,
    Timeout,
    Verify,
    check_api_key,
)
from acctverify.sources._transport import Body, ClientT, Request

__all__ = [
    "AsyncJsonHttpRiskList",
    "CsvRiskList",
    "JsonHttpRiskList",
    "RiskEntry",
    "SqliteRiskList",
    "import_csv",
    "lookup_keys",
    "normalise",
    "read_csv",
]

SCHEMA_VERSION = 1
_MAX_VALUE = 200
_MAX_NOTE = 500
_SPACES = re.compile("[\\s\u200b-\u200f\u2060\ufeff]+")  # whitespace and invisible characters
_ACCOUNT_JUNK = re.compile(r"[\s\-]+")
_WECHAT = re.compile(r"[a-z0-9_\-]{2,40}")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.\-]*://")


class RiskEntry(NamedTuple):
    """One row of a risk list."""

    kind: RiskKind
    """What the identifier is."""
    value: str
    """The normalised identifier (the lookup key)."""
    note: str
    """Why it is listed."""
    source: str
    """Where the listing comes from."""


def _phone(text: str) -> str | None:
    digits = "".join(char for char in text if char.isdigit())
    if text.startswith("+"):
        digits = "00" + digits
    if digits.startswith("0086"):
        national = digits[4:]
    elif len(digits) == 13 and digits.startswith("861"):
        national = digits[2:]
    else:
        national = None
    if national is not None:
        # Mainland numbers as dialled at home: mobiles as they are, others with the trunk 0.
        mobile = len(national) == 11 and national.startswith("1")
        digits = national if mobile or national.startswith("0") else "0" + national
    return digits if 3 <= len(digits) <= 20 else None


def _domain(text: str) -> str | None:
    host = _SCHEME.sub("", text.lower())
    host = re.split(r"[/?#]", host, maxsplit=1)[0]
    host = host.rsplit("@", 1)[-1].split(":", 1)[0].strip(".")
    host = host.removeprefix("www.")
    if "." not in host or len(host) > 253 or not all(host.split(".")) or _SPACES.search(host):
        return None
    return host


def normalise(kind: RiskKind | str, value: object) -> str | None:
    """Return the lookup key of *value* as an identifier of *kind*, ``None`` when it is not one.

    >>> normalise("account", "6217 0000-0012 3456 786")
    '6217000000123456786'
    >>> normalise("phone", "+86 138 1234 5678"), normalise("phone", "+8675583456789")
    ('13812345678', '075583456789')
    >>> normalise("domain", "https://Pay.WLSD-help.com:8443/login?x=1")
    'pay.wlsd-help.com'
    >>> normalise("wechat", "WLSD-kefu2025"), normalise("qq", "QQ"), normalise("name", "张 三")
    ('wlsd-kefu2025', None, '张三')
    """
    kind = RiskKind(kind)
    if not isinstance(value, str):
        return None
    text = unicodedata.normalize("NFKC", value).strip()
    if not text or len(text) > _MAX_VALUE:
        return None
    if kind is RiskKind.ACCOUNT:
        digits = _ACCOUNT_JUNK.sub("", text)
        ok = digits.isascii() and digits.isdigit() and 6 <= len(digits) <= 40
        return digits if ok else None
    if kind is RiskKind.PHONE:
        return _phone(text)
    if kind is RiskKind.QQ:
        digits = _SPACES.sub("", text)
        return digits if digits.isascii() and digits.isdigit() and 5 <= len(digits) <= 12 else None
    if kind is RiskKind.WECHAT:
        wechat = _SPACES.sub("", text).lower()
        return wechat if _WECHAT.fullmatch(wechat) else None
    if kind is RiskKind.DOMAIN:
        return _domain(text)
    if kind is RiskKind.USCC:
        code = _ACCOUNT_JUNK.sub("", text).upper()
        return code if code.isascii() and code.isalnum() and 8 <= len(code) <= 20 else None
    # NFKC can put a space back (´ becomes a space and a combining accent): repeat until stable.
    name = _SPACES.sub("", text)
    for _ in range(3):
        again = _SPACES.sub("", unicodedata.normalize("NFKC", name))
        if again == name:
            break
        name = again
    return name or None


Query = tuple[RiskKind, str]


def _query(kind: RiskKind | str, value: str) -> Query | None:
    """The kind and the lookup key of *value*, ``None`` when it is not an identifier of *kind*;
    an unknown kind raises ``ValueError``."""
    kind = RiskKind(kind)
    key = normalise(kind, value)
    return None if key is None else (kind, key)


def lookup_keys(kind: RiskKind, key: str) -> tuple[str, ...]:
    """The keys to look up for a normalised value: a host and each of its parent domains."""
    if kind is not RiskKind.DOMAIN:
        return (key,)
    labels = key.split(".")
    return tuple(".".join(labels[i:]) for i in range(len(labels) - 1))


def read_csv(path: str | os.PathLike[str]) -> Iterator[RiskEntry]:
    """Yield the entries of a CSV risk list; raise :class:`~acctverify.DataError` on a bad row."""
    where = Path(path)
    if where.exists() and not where.is_file():
        raise DataError(f"cannot read risk list {where}: not a regular file")
    try:
        handle = where.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise DataError(f"cannot read risk list {where}: {exc.strerror or exc}") from exc
    with handle:
        rows = csv.reader(handle, strict=True)
        columns: dict[str, int] | None = None
        try:
            for row in rows:
                line = rows.line_num
                if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
                    continue
                if columns is None:
                    columns = _header(where, row)
                    continue
                yield _entry(where, line, row, columns)
        except (csv.Error, UnicodeDecodeError) as exc:
            raise DataError(f"{where}:{rows.line_num}: cannot read the row ({exc})") from exc
        if columns is None:
            raise DataError(f"{where}: no header row (kind,value,note,source)")


def _header(where: Path, row: list[str]) -> dict[str, int]:
    columns = {name.strip().lower(): index for index, name in enumerate(row)}
    missing = [name for name in ("kind", "value") if name not in columns]
    if missing:
        raise DataError(f"{where}: the header must name the columns kind,value,note,source")
    return columns


def _entry(where: Path, line: int, row: list[str], columns: Mapping[str, int]) -> RiskEntry:
    def cell(name: str) -> str:
        index = columns.get(name)
        return row[index].strip() if index is not None and index < len(row) else ""

    try:
        kind = RiskKind(cell("kind").lower())
    except ValueError:
        kinds = ", ".join(k.value for k in RiskKind)
        raise DataError(f"{where}:{line}: unknown kind {cell('kind')[:20]!r} ({kinds})") from None
    key = normalise(kind, cell("value"))
    if key is None:
        raise DataError(f"{where}:{line}: {cell('value')[:40]!r} is not a valid {kind.value}")
    return RiskEntry(kind, key, cell("note")[:_MAX_NOTE], cell("source")[:_MAX_NOTE])


class CsvRiskList:
    """A risk list read from a CSV file into memory (for lists of up to some 100,000 rows)."""

    def __init__(self, path: str | os.PathLike[str], *, name: str | None = None) -> None:
        self.name = name or Path(path).name
        self._index: dict[tuple[RiskKind, str], list[RiskEntry]] = {}
        count = 0
        for entry in read_csv(path):
            self._index.setdefault((entry.kind, entry.value), []).append(entry)
            count += 1
        self._count = count

    def __len__(self) -> int:
        return self._count

    def lookup(self, kind: RiskKind | str, value: str) -> tuple[RiskEntry, ...]:
        """Return the entries listing *value* as an identifier of *kind*."""
        query = _query(kind, value)
        if query is None:
            return ()
        kind, key = query
        return tuple(e for k in lookup_keys(kind, key) for e in self._index.get((kind, k), ()))

    def __repr__(self) -> str:
        return f"CsvRiskList(name={self.name!r}, entries={self._count})"


_CREATE = (
    "CREATE TABLE IF NOT EXISTS entries "
    "(kind TEXT NOT NULL, key TEXT NOT NULL, note TEXT NOT NULL, source TEXT NOT NULL)",
    "CREATE UNIQUE INDEX IF NOT EXISTS entries_key ON entries (kind, key, source, note)",
)


def import_csv(
    csv_path: str | os.PathLike[str], db_path: str | os.PathLike[str], *, batch_size: int = 10_000
) -> int:
    """Import a CSV risk list into an SQLite database (made if missing, added to otherwise);
    return the number of new entries (a row already there is not added twice).

    The CSV is streamed in batches of *batch_size* rows inside one transaction: memory does not
    grow with the list, and a bad row (:class:`~acctverify.DataError`) leaves the database as it
    was.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be positive")
    db = sqlite3.connect(os.fspath(db_path), isolation_level=None)
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
        if version not in (0, SCHEMA_VERSION) or (version == 0 and tables):
            raise DataError(f"{db_path}: not an acctverify risk-list database")
        db.execute("BEGIN")
        try:
            for statement in _CREATE:
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            before = db.total_changes
            batch: list[RiskEntry] = []
            for entry in read_csv(csv_path):
                batch.append(entry)
                if len(batch) >= batch_size:
                    _insert(db, batch)
                    batch.clear()
            _insert(db, batch)
            added = db.total_changes - before
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return added
    except sqlite3.Error as exc:
        raise DataError(f"{db_path}: {exc}") from exc
    finally:
        db.close()


def _insert(db: sqlite3.Connection, batch: list[RiskEntry]) -> None:
    db.executemany(
        "INSERT OR IGNORE INTO entries (kind, key, note, source) VALUES (?, ?, ?, ?)",
        [(entry.kind.value, entry.value, entry.note, entry.source) for entry in batch],
    )


class SqliteRiskList(Closing):
    """A risk list in an SQLite database made by :func:`import_csv`, opened read-only."""

    def __init__(self, path: str | os.PathLike[str], *, name: str | None = None) -> None:
        where = Path(path)
        self.name = name or where.name
        if not where.is_file():
            raise DataError(f"risk list {where} does not exist")
        try:
            self._db = sqlite3.connect(
                where.resolve().as_uri() + "?mode=ro", uri=True, check_same_thread=False
            )
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            self._db.execute("SELECT kind, key, note, source FROM entries LIMIT 1").fetchall()
        except sqlite3.Error as exc:
            raise DataError(f"{where}: not an acctverify risk-list database ({exc})") from exc
        if version != SCHEMA_VERSION:
            self._db.close()
            raise DataError(f"{where}: risk-list schema {version}, expected {SCHEMA_VERSION}")
        self._lock = threading.Lock()

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM entries").fetchone()[0])

    def lookup(self, kind: RiskKind | str, value: str) -> tuple[RiskEntry, ...]:
        """Return the entries listing *value* as an identifier of *kind*."""
        asked = _query(kind, value)
        if asked is None:
            return ()
        kind, key = asked
        keys = lookup_keys(kind, key)
        marks = ",".join("?" * len(keys))
        query = f"SELECT key, note, source FROM entries WHERE kind = ? AND key IN ({marks})"
        try:
            with self._lock:
                rows = self._db.execute(query, (kind.value, *keys)).fetchall()
        except sqlite3.Error as exc:
            raise SourceError(self.name, f"cannot read the database ({exc})") from exc
        return tuple(RiskEntry(kind, row[0], row[1], row[2]) for row in rows)

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    def __repr__(self) -> str:
        return f"SqliteRiskList(name={self.name!r})"


class _JsonRiskList(HttpSource[ClientT, Query, tuple[RiskEntry, ...]]):
    """The endpoint's settings, request and answer, shared by the sync and async lists."""

    def __init__(
        self,
        *,
        base_url: str,
        path: str = "",
        api_key: str | None = None,
        api_key_header: str = "Authorization",
        client: ClientT | None = None,
        timeout: Timeout | None = DEFAULT_TIMEOUT,
        retries: int = DEFAULT_RETRIES,
        backoff: float = DEFAULT_BACKOFF,
        max_bytes: int = 100_000,
        cache_ttl: float = DEFAULT_CACHE_TTL,
        verify: Verify = True,
        name: str = "risk-list",
    ) -> None:
        self.path = path
        self._headers = {"Accept": "application/json"}
        if api_key is not None:
            self._headers[api_key_header] = check_api_key(api_key, name, as_given=True)
        super().__init__(
            name=name, base_url=base_url, client=client, timeout=timeout, retries=retries,
            backoff=backoff, max_bytes=max_bytes, cache_ttl=cache_ttl, verify=verify,
        )  # fmt: skip

    @override
    def _request(self, query: Query) -> Request:
        return Request(self.path, {"kind": query[0].value, "value": query[1]}, self._headers)

    @override
    def _parse(self, query: Query, body: Body) -> tuple[RiskEntry, ...]:
        if body.status_code != 200:
            raise SourceRejected(self.name, f"HTTP {body.status_code}")
        data = body.json(self.name)
        hits = data.get("hits") if isinstance(data, dict) else None
        if not isinstance(hits, list):
            raise SourceResponseError(self.name, 'no "hits" list in the answer')
        entries = []
        for hit in hits[:100]:
            if not isinstance(hit, dict):
                raise SourceResponseError(self.name, "a hit is not a JSON object")
            note = clean_text(str(hit.get("note") or "")[:_MAX_NOTE])
            source = clean_text(str(hit.get("source") or "")[:_MAX_NOTE])
            entries.append(RiskEntry(*query, note, source))
        return tuple(entries)


class JsonHttpRiskList(_JsonRiskList[httpx.Client], SyncSource[Query, tuple[RiskEntry, ...]]):
    """A risk list behind a JSON endpoint you run (see the module for the format)."""

    def lookup(self, kind: RiskKind | str, value: str) -> tuple[RiskEntry, ...]:
        """Return the entries listing *value* as an identifier of *kind*."""
        query = _query(kind, value)
        return self._ask(query) if query else ()


class AsyncJsonHttpRiskList(
    _JsonRiskList[httpx.AsyncClient], AsyncSource[Query, tuple[RiskEntry, ...]]
):
    """The async variant of :class:`JsonHttpRiskList`."""

    async def lookup(self, kind: RiskKind | str, value: str) -> tuple[RiskEntry, ...]:
        """Return the entries listing *value* as an identifier of *kind*."""
        query = _query(kind, value)
        return await self._ask(query) if query else ()
