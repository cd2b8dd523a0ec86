"""Export the store as flat tables (CSV, JSON lines or Parquet) for other tools.

One file per table of ``parley.tables`` (articles, actors, quotes, signals, errors), with
exactly those columns, so an export and a cluster run of the same corpus line up. Rows are
streamed from the store, so a large store exports in bounded memory. Parquet files carry
explicit column types and read as-is in pandas, DuckDB, Polars and Spark.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from .errors import ParleyError, UsageError
from .store import Store
from .tables import TABLES, column_type

FORMATS = ("csv", "jsonl", "parquet")
SUFFIX = {"csv": ".csv", "jsonl": ".jsonl", "parquet": ".parquet"}
BATCH_ROWS = 5000


def export(store: Store, out_dir: str | Path, fmt: str = "csv", tables: Iterable[str] | None = None) -> dict[str, int]:
    """Write each table to ``out_dir/<table>.<fmt>``; returns the row count per table.

    Raises ``UsageError`` for an unknown format or table, and ``ParleyError`` (P404) when
    Parquet is asked for without pyarrow installed.
    """
    if fmt not in FORMATS:
        raise UsageError("P400", f"export format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    names = list(tables or TABLES)
    unknown = [t for t in names if t not in TABLES]
    if unknown:
        raise UsageError("P400", f"no table {unknown[0]!r}; tables: {', '.join(TABLES)}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    writer = {"csv": write_csv, "jsonl": write_jsonl, "parquet": write_parquet}[fmt]
    return {t: writer(store.iter_table(t), TABLES[t], out / f"{t}{SUFFIX[fmt]}") for t in names}


def write_csv(rows: Iterable[dict[str, Any]], columns: tuple[str, ...], path: Path) -> int:
    """RFC 4180 CSV with a header row; None is an empty field."""
    n = 0
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(columns)
        for row in rows:
            w.writerow(["" if row.get(c) is None else row.get(c) for c in columns])
            n += 1
    return n


def write_jsonl(rows: Iterable[dict[str, Any]], columns: tuple[str, ...], path: Path) -> int:
    """One JSON object per line, every column present (null when empty)."""
    n = 0
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False) + "\n")
            n += 1
    return n


def write_parquet(rows: Iterable[dict[str, Any]], columns: tuple[str, ...], path: Path) -> int:
    """A Parquet file with the schema of ``parley.tables``, written in row batches."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ParleyError("P404", "Parquet export needs pyarrow: pip install pyarrow") from None
    schema = arrow_schema(columns)
    n = 0
    with pq.ParquetWriter(str(path), schema, compression="zstd") as w:
        for batch in _batches(rows, BATCH_ROWS):
            w.write_table(pa.Table.from_pylist([{c: r.get(c) for c in columns} for r in batch], schema=schema))
            n += len(batch)
    return n


def arrow_schema(columns: tuple[str, ...]):  # type: ignore[no-untyped-def]
    """The Arrow schema of a table's columns (every column nullable)."""
    import pyarrow as pa

    types = {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64()}
    return pa.schema([pa.field(c, types[column_type(c)]) for c in columns])


def _batches(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    it = iter(rows)
    while batch := list(islice(it, size)):
        yield batch
