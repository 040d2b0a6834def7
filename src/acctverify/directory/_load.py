"""Read directory files: TOML or JSON, validated, with one-line errors (private)."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from acctverify.directory._checks import CHECKS
from acctverify.exceptions import DataError
from acctverify.models.directory import DirectoryFile

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib  # type: ignore[import-not-found,no-redef,unused-ignore]

__all__ = ["MAX_FILE_BYTES", "parse_file", "read_builtin", "read_file"]

#: Largest directory file read (a directory of thousands of entries is far smaller).
MAX_FILE_BYTES = 5_000_000

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TOML_END = re.compile(r"\s*\(at end of document\)\s*$")


def _path(loc: tuple[int | str, ...]) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text or "(top level)"


def _message(error: Any) -> str:
    msg = str(error.get("msg", "invalid"))
    for prefix in ("Value error, ", "Assertion failed, "):
        if msg.startswith(prefix):
            msg = msg[len(prefix) :]
    return msg


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _validation_message(name: str, exc: ValidationError) -> str:
    errors = exc.errors(include_url=False)
    first = errors[0]
    text = f"{name}: {_path(tuple(first['loc']))}: {_message(first)}"
    value = first.get("input")
    if first.get("type") not in {"missing", "model_type", "model_attributes_type"} and isinstance(
        value, (str, int, float)
    ):
        shown = repr(value)
        text += f" (got {shown[:60]}{'…' if len(shown) > 60 else ''})"
    if len(errors) > 1:
        text += f" (and {len(errors) - 1} more error{'s' if len(errors) > 2 else ''})"
    return _one_line(text)


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def parse_file(name: str, data: bytes, *, kind: str) -> DirectoryFile:
    """Parse and validate directory file content; *kind* is ``toml`` or ``json``."""
    try:
        text = data.decode("utf-8-sig" if kind == "json" else "utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(
            f"{name}: line {_line_of(data, exc.start)}: not UTF-8 text ({exc.reason})"
        ) from None
    raw: object
    if kind == "toml":
        try:
            raw = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            msg = str(exc)
            position = _TOML_POSITION.search(msg)
            if position:
                where = f"line {position.group(1)}, column {position.group(2)}"
                msg = msg[: position.start()]
            elif _TOML_END.search(msg):
                where = f"line {text.count(chr(10)) + 1} (end of file)"
                msg = _TOML_END.sub("", msg)
            else:  # pragma: no cover - every tomllib error names a position
                where = "line ?"
            raise DataError(_one_line(f"{name}: {where}: invalid TOML: {msg}")) from None
    else:
        try:
            raw = json.loads(text)
        except json.JSONDecodeError as exc:
            raise DataError(
                _one_line(f"{name}: line {exc.lineno}, column {exc.colno}: invalid JSON: {exc.msg}")
            ) from None
        except RecursionError:
            raise DataError(f"{name}: invalid JSON: nested too deeply") from None
    try:
        return DirectoryFile.model_validate(raw, context=CHECKS)
    except ValidationError as exc:
        raise DataError(_validation_message(name, exc)) from None


def read_file(path: str | os.PathLike[str]) -> tuple[str, DirectoryFile]:
    """Read a user file: ``.toml`` or ``.json`` by extension. Return (file name, content)."""
    if not isinstance(path, (str, os.PathLike)):
        raise DataError(f"expected a file path, got {type(path).__name__}")
    file = Path(path)
    name = file.name or str(path)
    kind = file.suffix.lower().lstrip(".")
    if kind not in {"toml", "json"}:
        raise DataError(f"{name}: unsupported file type: use a .toml or .json file")
    try:
        if file.exists() and not file.is_file():  # a device or a FIFO may never end
            raise DataError(f"{name}: cannot read the file: not a regular file")
        with file.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise DataError(f"{name}: the file is too large (limit {MAX_FILE_BYTES} bytes)")
    except OSError as exc:
        raise DataError(f"{name}: cannot read the file: {exc.strerror or exc}") from None
    return name, parse_file(name, data, kind=kind)


def read_builtin() -> DirectoryFile:
    """Read the shipped ``creditors.toml``."""
    from importlib import resources

    try:
        data = resources.files("acctverify.data").joinpath("creditors.toml").read_bytes()
    except OSError as exc:  # pragma: no cover - a broken installation
        raise DataError(f"cannot read the shipped table creditors.toml: {exc}") from exc
    return parse_file("creditors.toml", data, kind="toml")
