"""Screen the rows of a DataFrame: :func:`verify_frame` for pandas and polars.

Needs ``pip install 'acctverify[pandas]'`` (or ``acctverify[polars]``). *columns* maps the frame's
columns to dotted request fields; every row becomes a request, and the frame comes back with
six columns added (see :data:`RESULT_COLUMNS`)::

    import pandas as pd
    from acctverify.frame import verify_frame

    df = pd.read_csv("payees.csv", comment="#", dtype=str)
    screened = verify_frame(df, columns={"收款户名": "payee.name", "账号": "payee.account",
                                         "债权人": "creditor", "短信": "messages"})
    screened[["收款户名", "level", "score", "findings", "name_match", "account_masked"]]

Cells that are empty or missing (``None``, ``NaN``, ``NA``, ``""``) are not given. Several columns
may map to ``messages``: each non-empty cell is one message, in column order. Integer cells are
read as their digits; read identifier columns as text (``dtype=str``), because a float column has
already lost digits of long account numbers (such a column is refused). A row that does not
validate gets level ``medium`` and the finding ``input.invalid_request``; it never stops the run.
"""

from __future__ import annotations

import functools
import math
import numbers
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TypeVar, cast

from acctverify._optional import import_pandas

if TYPE_CHECKING:
    from acctverify.directory import Directory
    from acctverify.models.report import Report

__all__ = ["LEVELS", "RESULT_COLUMNS", "report_row", "request_from_row", "verify_frame"]

#: The columns :func:`verify_frame` adds, with their types (for a Spark schema or a Dask meta).
RESULT_COLUMNS: Mapping[str, str] = {
    "level": "string",  # low / medium / high / critical
    "score": "int64",  # 0-100
    "findings": "string",  # codes that moved the score, largest contribution first, ", "-joined
    # The payee name against the creditor's entities, in words: 一致 match, 近似 close match,
    # 不一致 no match, 无法核对 not possible ...
    "name_match": "string",
    # ... and as its code, to filter on: MTCH, CMTC, NMTC, NOAP.
    "name_match_code": "string",
    "account_masked": "string",  # the account number, first and last four digits kept; null if none
}
#: The levels from lowest to highest (to sort or order a plot by level).
LEVELS = ("low", "medium", "high", "critical")

_MISSING = object()

FrameT = TypeVar("FrameT")


# --- rows -> requests ----------------------------------------------------------------------------


def _fields(model: Any) -> dict[str, Any]:
    return dict(model.model_fields)


def _check_columns(columns: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    """Resolve every target to a path of PaymentRequest fields, or raise ValueError."""
    from pydantic import BaseModel

    from acctverify.models.request import PaymentRequest

    if not columns:
        raise ValueError("columns is empty: map at least one column to a request field")
    resolved: dict[str, tuple[str, ...]] = {}
    for column, target in columns.items():
        if not isinstance(target, str):
            raise ValueError(f"column {column!r}: the target must be a dotted field name")
        parts = tuple(target.split("."))
        model: Any = PaymentRequest
        for depth, part in enumerate(parts):
            field = _fields(model).get(part)
            if field is None:
                known = ", ".join(sorted(_fields(model)))
                where = ".".join(parts[:depth]) or "the request"
                raise ValueError(
                    f"column {column!r} -> {target!r}: {where} has no field {part!r} "
                    f"(fields: {known})"
                )
            annotation = field.annotation
            nested = [
                arg
                for arg in (*getattr(annotation, "__args__", ()), annotation)
                if isinstance(arg, type) and issubclass(arg, BaseModel)
            ]
            if depth < len(parts) - 1:
                if not nested:
                    raise ValueError(f"column {column!r} -> {target!r}: {part!r} has no fields")
                model = nested[0]
            elif nested:
                raise ValueError(
                    f"column {column!r} -> {target!r}: map columns to the fields of {part!r} "
                    f"(e.g. {part}.{next(iter(_fields(nested[0])))})"
                )
        resolved[column] = parts
    return resolved


def _cell(value: object) -> object:
    """A cell as a request value: missing -> _MISSING, integers -> their digits."""
    if value is None or value is _MISSING:
        return _MISSING
    if isinstance(value, str):
        return value if value.strip() else _MISSING
    if isinstance(value, bool):
        return value
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, float) and math.isnan(value):
        return _MISSING
    if type(value).__name__ in ("NAType", "NaTType"):  # pandas.NA, pandas.NaT
        return _MISSING
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, numbers.Real) and math.isnan(float(value)):  # numpy floats
        return _MISSING
    return value


def request_from_row(
    row: Mapping[str, object], columns: Mapping[str, str] | Mapping[str, tuple[str, ...]]
) -> dict[str, Any]:
    """Build a request dict from one row (column -> cell) and the column mapping.

    >>> request_from_row({"名": "张三", "号": 6217000000123456786, "短信1": "你好", "短信2": None},
    ...                  {"名": "payee.name", "号": "payee.account", "短信1": "messages",
    ...                   "短信2": "messages"})
    {'payee': {'name': '张三', 'account': '6217000000123456786'}, 'messages': ['你好']}
    """
    request: dict[str, Any] = {}
    for column, target in columns.items():
        value = _cell(row.get(column))
        if value is _MISSING:
            continue
        parts = tuple(target.split(".")) if isinstance(target, str) else target
        if parts == ("messages",):
            if isinstance(value, (list, tuple)):
                request.setdefault("messages", []).extend(value)
            else:
                request.setdefault("messages", []).append(value)
            continue
        node = request
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return request


# --- reports -> result columns -------------------------------------------------------------------


def _name_match(report: Report) -> str:
    names = report.facts.names
    pair = names.payee_creditor or names.payee_creditor_unconfirmed
    return pair.match.outcome.value if pair is not None else "NOAP"


def _name_match_words(code: str) -> str:
    from acctverify.render._words import name_match_label

    return name_match_label(code)


def report_row(report: Report, *, top: int | None = 3) -> dict[str, object]:
    """The result columns for one report (see :data:`RESULT_COLUMNS`).

    *top* limits the finding codes listed (``None``: all that moved the score). Findings that are
    context only (kind ``info``, no contribution) are not listed.
    """
    codes = [f.code for f in report.findings if f.kind.value != "info" or f.contribution]
    account = report.facts.payee.account
    name_match = _name_match(report)
    return {
        "level": report.level.value,
        "score": report.score,
        "findings": ", ".join(codes if top is None else codes[:top]),
        "name_match": _name_match_words(name_match),
        "name_match_code": name_match,
        "account_masked": account.masked if account is not None else None,
    }


def _result_columns(rows: Iterable[dict[str, object]], *, prefix: str) -> dict[str, list[object]]:
    out: dict[str, list[object]] = {name: [] for name in RESULT_COLUMNS}
    for row in rows:
        for name, value in row.items():
            out[name].append(value)
    return {prefix + name: values for name, values in out.items()}


# --- frames ------------------------------------------------------------------------------------


def _is_polars(df: object) -> bool:
    return type(df).__module__.split(".", 1)[0] == "polars"


def _rows_pandas(df: Any, columns: Sequence[str]) -> Iterator[dict[str, object]]:
    for values in df[list(columns)].itertuples(index=False, name=None):
        yield dict(zip(columns, values, strict=True))


def _refuse_floats(column: str, dtype: object, has_values: bool) -> None:
    if has_values:
        raise ValueError(
            f"column {column!r} holds floating-point numbers ({dtype}): account numbers and codes "
            "lose digits as floats; read the file with dtype=str (pandas) or as strings (polars)"
        )


def verify_frame(
    df: FrameT,
    *,
    columns: Mapping[str, str],
    top: int | None = 3,
    prefix: str = "",
    workers: int | None = None,
    chunk_size: int | None = None,
    progress: bool = False,
    directory: Directory | None = None,
    weights: Mapping[str, float] | None = None,
    as_of: date | None = None,
) -> FrameT:
    """Check every row of a pandas or polars DataFrame; return it with the result columns added.

    *columns* maps column names to dotted :class:`~acctverify.PaymentRequest` fields
    (``{"收款户名": "payee.name", "账号": "payee.account"}``); unmapped columns are kept as they
    are. The added columns are :data:`RESULT_COLUMNS`, each name preceded by *prefix*; *top*
    limits the finding codes listed. The other options are those of
    :func:`acctverify.verify_many`. Raises ``ValueError`` for a mapping to an unknown field, a
    missing column, a result column that already exists, or a float column with values.
    """
    from acctverify._pool import DEFAULT_CHUNK_SIZE, run
    from acctverify._request_check import VerifyTask

    resolved = _check_columns(columns)
    names = list(resolved)
    polars = _is_polars(df)
    frame: Any = df
    if not polars:
        pd = import_pandas()
        if not isinstance(frame, pd.DataFrame):
            raise TypeError(f"expected a pandas or polars DataFrame, not {type(df).__name__}")
    present = list(frame.columns)
    missing = [name for name in names if name not in present]
    if missing:
        raise ValueError(f"columns not in the frame: {', '.join(map(repr, missing))}")
    clash = [prefix + name for name in RESULT_COLUMNS if prefix + name in present]
    if clash:
        raise ValueError(
            f"the frame already has {', '.join(map(repr, clash))}: pass prefix= to name the "
            "result columns differently"
        )
    if polars:
        import polars as pl

        for name in names:
            dtype = frame.schema[name]
            if dtype.is_float():
                _refuse_floats(name, dtype, frame[name].drop_nulls().drop_nans().len() > 0)
        rows: Iterable[dict[str, object]] = frame.select(names).iter_rows(named=True)
    else:
        for name in names:
            dtype = frame[name].dtype
            if pd.api.types.is_float_dtype(dtype):
                _refuse_floats(name, dtype, bool(frame[name].notna().any()))
        rows = _rows_pandas(frame, names)
    # Each report becomes its row of results where it is made, so that with workers only the
    # six values travel between processes, not the whole report.
    task = VerifyTask.make(
        directory=directory,
        weights=weights,
        rules=None,
        as_of=as_of,
        transform=functools.partial(report_row, top=top),
    )
    values = run(
        (request_from_row(row, resolved) for row in rows),
        task,
        workers=workers,
        chunk_size=chunk_size or DEFAULT_CHUNK_SIZE,
        progress=progress,
        length=len(frame),
    )
    results = _result_columns(values, prefix=prefix)
    if polars:
        types = {"string": pl.String, "int64": pl.Int64}
        return cast(
            "FrameT",
            frame.with_columns(
                [
                    pl.Series(prefix + name, results[prefix + name], dtype=types[kind])
                    for name, kind in RESULT_COLUMNS.items()
                ]
            ),
        )
    # str: pandas' own string dtype (the "str" dtype from pandas 3, object before).
    dtypes: dict[str, object] = {"string": str, "int64": "int64"}
    added = {
        prefix + name: pd.Series(results[prefix + name], index=frame.index, dtype=dtypes[kind])
        for name, kind in RESULT_COLUMNS.items()
    }
    return cast("FrameT", frame.assign(**added))
