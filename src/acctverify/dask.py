"""Screen a Dask DataFrame: :func:`verify_frame` runs :func:`acctverify.frame.verify_frame` on
every partition, on whatever runs the graph (threads, processes, a ``dask.distributed`` cluster).

Needs ``pip install 'acctverify[dask]'``; every Dask worker needs acctverify installed too::

    import dask.dataframe as dd
    from dask.distributed import Client
    import acctverify.dask

    client = Client("tcp://scheduler:8786")
    payees = dd.read_csv("s3://bucket/payees-*.csv", dtype=str, comment="#")
    screened = acctverify.dask.verify_frame(payees, columns={"收款户名": "payee.name",
                                                           "账号": "payee.account"})
    screened.to_parquet("s3://bucket/screened/")

Each partition is checked in the worker that holds it (``workers=None`` inside: Dask provides the
parallelism); the output's meta is :func:`acctverify.frame.verify_frame` run on the input's empty
meta, so its column types are exactly those of every partition.

**Spark.** The same function runs under ``DataFrame.mapInPandas``, one pandas batch at a time::

    from acctverify.frame import verify_frame

    COLUMNS = {"收款户名": "payee.name", "账号": "payee.account", "债权人": "creditor"}

    def screen(batches):
        for batch in batches:
            yield verify_frame(batch, columns=COLUMNS)

    schema = (payees.schema.add("level", "string").add("score", "long")
              .add("findings", "string").add("name_match", "string")
              .add("name_match_code", "string").add("account_masked", "string"))
    screened = payees.mapInPandas(screen, schema=schema)

Read identifier columns as strings (``inferSchema`` off), and install acctverify on the executors.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from acctverify.directory import Directory

__all__ = ["verify_frame"]

_DASK_MISSING = "acctverify.dask needs Dask: pip install 'acctverify[dask]'"


def verify_frame(
    ddf: Any,
    *,
    columns: Mapping[str, str],
    top: int | None = 3,
    prefix: str = "",
    directory: Directory | None = None,
    weights: Mapping[str, float] | None = None,
    as_of: date | None = None,
) -> Any:
    """Return a lazy Dask DataFrame: *ddf* with the result columns of
    :func:`acctverify.frame.verify_frame` added, partition by partition.

    Nothing runs until the result is computed (``.compute()``, ``.to_parquet()`` …). The options
    are those of :func:`acctverify.frame.verify_frame`; a bad mapping raises here, at once, not
    on the cluster. Pass *as_of* to judge every partition at the same date.
    """
    try:
        import dask.dataframe as dd
    except ImportError:
        raise ImportError(_DASK_MISSING) from None
    from acctverify.frame import verify_frame as verify_pandas

    if not isinstance(ddf, dd.DataFrame):
        raise TypeError(f"expected a dask DataFrame, not {type(ddf).__name__}")
    options: dict[str, Any] = {
        "columns": dict(columns),
        "top": top,
        "prefix": prefix,
        "directory": directory,
        "weights": dict(weights) if weights is not None else None,
        "as_of": as_of,
    }
    meta = verify_pandas(ddf._meta, **options)
    return ddf.map_partitions(verify_pandas, **options, meta=meta)  # type: ignore[no-untyped-call]
