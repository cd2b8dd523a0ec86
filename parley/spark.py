"""parley on Apache Spark: the same per-article pipeline, the same tables as ``parley export``.

Two ways in. From the shell, ``parley spark INPUT... OUTPUT [--master URL]`` reads files
and writes one Parquet dataset per table (``OUTPUT/articles``, ``quotes``, ``signals``,
``errors``). Inside an existing Spark job::

    from parley.spark import analyze_frame
    tables = analyze_frame(df)        # df: any DataFrame with a ``text`` or ``html`` column
    tables["signals"].write.parquet("s3a://bucket/parley/signals")

The plan: read (one task per file for files, Spark's own reader for Parquet) into rows of
raw inputs; repartition them by input; run ``parley.batch.analyze_input`` on each row in a
``mapInPandas`` stage (the spaCy model loads once per Python worker, which Spark reuses
across tasks); turn each analysis into the rows of ``parley.tables.rows``; split them into
one typed DataFrame per table. The analysed rows are cached, so writing four tables runs
the pipeline once.

Faults: an article that fails becomes a row of ``errors``, never a failed task. A task that
dies is rerun by Spark on the same rows (the partitioning is a function of the input alone)
and Spark's output commit keeps the files of one attempt only, so a retry never duplicates
rows. Exact duplicate articles are not merged (as in ``parley extract``): ``id`` is a content
hash, so ``dropDuplicates(["id"])`` merges them.

PySpark is an optional extra (``pip install 'parley[spark]'``); importing this module does
not need it, calling it does (error P404).
"""

from __future__ import annotations

import dataclasses
import json
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlparse

from .batch import analyze_input, analyze_item, failed
from .errors import ParleyError, UsageError
from .ingest.sources import (
    STRING_FIELDS,
    Item,
    RawInput,
    SiteMemory,
    field_map,
    read_file,
    record,
    stat_input,
    walk_folders,
)
from .model import Analysis, ErrorRecord
from .settings import Settings
from .tables import TABLES, column_type, rows

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame, SparkSession

Analyze = Callable[[RawInput, Settings], Analysis]

#: a raw input as a row: the fields of RawInput, or an error that stands for an unreadable one
INPUT_FIELDS = tuple(f.name for f in dataclasses.fields(RawInput))
ARRAY_FIELDS: dict[str, type] = {
    f.name: type(f.default) for f in dataclasses.fields(RawInput) if isinstance(f.default, (tuple, frozenset))
}
ERROR_FIELDS = ("error_code", "error_message", "error_step")
INPUT_COLUMNS = (*INPUT_FIELDS, *ERROR_FIELDS)
INPUT_SCHEMA = ", ".join(f"{name} {'array<string>' if name in ARRAY_FIELDS else 'string'}" for name in INPUT_COLUMNS)
#: what the analysis stage emits: the table a row belongs to, and the row as JSON
ROWS_SCHEMA = "table string, row string"
#: parley.tables' column types as Spark SQL types
SPARK_TYPES = {"string": "string", "int64": "long", "float64": "double"}
#: rows handed back to Spark at a time, so a large Arrow batch never sits in memory twice
OUT_BATCH = 512


def require() -> Any:
    """The pyspark module, or a coded error saying how to install it."""
    try:
        import pyspark
    except ImportError:
        raise ParleyError("P404", "parley spark needs PySpark: pip install 'parley[spark]'") from None
    return pyspark


def session(master: str | None = None, app_name: str = "parley", conf: dict[str, str] | None = None) -> SparkSession:
    """A SparkSession set up for parley: workers run this Python, the web UI is off.

    ``PYSPARK_PYTHON`` defaults to the running interpreter (the one that has parley), and a
    local master binds to 127.0.0.1; both only when not already set. A local master's JVM
    compiles with C1 only: a local run is short, and full JIT compilation cost it more CPU
    than it saved (about a third of a 200-article run, measured with bench/scale.py's sampler).
    """
    require()
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    conf = dict(conf or {})
    if master is None or master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        java = conf.get("spark.driver.extraJavaOptions", "")
        conf["spark.driver.extraJavaOptions"] = f"-XX:TieredStopAtLevel=1 {java}".strip()
    builder = SparkSession.builder.appName(app_name)
    settings = {"spark.master": master or "local[*]", "spark.ui.enabled": "false",
                "spark.ui.showConsoleProgress": "false", **conf}
    for key, value in settings.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


# --- reading ------------------------------------------------------------------------------


def _input_row(item: Item) -> dict[str, Any]:
    """An input (or the error standing for one) as a row of ``INPUT_SCHEMA``; sets become sorted lists."""
    row: dict[str, Any] = dict.fromkeys(INPUT_COLUMNS)
    if isinstance(item, ErrorRecord):
        row.update(source=item.source, location=item.location, error_code=item.code,
                   error_message=item.message, error_step=item.step)
    else:
        row.update({name: getattr(item, name) for name in INPUT_FIELDS})
        row.update({name: sorted(row[name]) if kind is frozenset else list(row[name])
                    for name, kind in ARRAY_FIELDS.items()})
    return row


def _item(row: dict[str, Any]) -> Item:
    """The input a row of ``INPUT_SCHEMA`` stands for (the inverse of ``_input_row``)."""
    if row.get("error_code"):
        return ErrorRecord(row["error_code"], row["error_message"] or "", row["source"], row["location"],
                           row["error_step"])
    fields = {name: row[name] for name in INPUT_FIELDS}
    for name, kind in ARRAY_FIELDS.items():
        fields[name] = kind(fields[name] if fields[name] is not None else ())
    return RawInput(**fields)


def _frames(items: Iterable[dict[str, Any]], columns: Iterable[str], size: int = OUT_BATCH) -> Iterator[pd.DataFrame]:
    """Rows as pandas frames of at most ``size`` rows (nothing for no rows)."""
    import pandas as pd

    columns = list(columns)
    batch: list[dict[str, Any]] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield pd.DataFrame(batch, columns=columns)
            batch = []
    if batch:
        yield pd.DataFrame(batch, columns=columns)


def _is_uri(name: str) -> bool:
    return "://" in name or name.startswith("file:")


def _is_parquet(name: str) -> bool:
    return name.rstrip("/").lower().endswith(".parquet")


@dataclass
class _Plan:
    """What the driver found in the inputs named: local files (grouped by folder), Parquet, URIs, and errors."""

    files: list[list[str]] = dataclasses.field(default_factory=list)
    parquet: list[str] = dataclasses.field(default_factory=list)
    uris: list[str] = dataclasses.field(default_factory=list)
    errors: list[ErrorRecord] = dataclasses.field(default_factory=list)


def plan(paths: Iterable[str], settings: Settings) -> _Plan:
    """Sort the inputs named into the readers that take them (directories walked as ``iter_inputs`` does)."""
    out = _Plan()
    for name in paths:
        if name == "-":
            raise UsageError("P400", "parley spark cannot read standard input; name files or URIs")
        if _is_uri(name):
            (out.parquet if _is_parquet(name) else out.uris).append(name)
        else:
            _plan_path(Path(name), settings, out)
    return out


def _plan_path(path: Path, settings: Settings, out: _Plan) -> None:
    st = stat_input(path)
    if isinstance(st, ErrorRecord):
        out.errors.append(st)
    elif _is_parquet(str(path)):
        out.parquet.append(str(path))
    elif stat.S_ISDIR(st.st_mode):
        _walk(path, settings, out)
    else:
        out.files.append([str(path)])


def _walk(root: Path, settings: Settings, out: _Plan) -> None:
    """Files under ``root`` in the order and with the names that ``parley.ingest.sources`` gives them."""
    for found in walk_folders(root, settings):
        if isinstance(found, ErrorRecord):
            out.errors.append(found)
            continue
        out.parquet.extend(str(path) for path in found if _is_parquet(path.name))
        group = [str(path) for path in found if not _is_parquet(path.name)]
        if group:
            out.files.append(group)


def read_inputs(spark: SparkSession, paths: Iterable[str], settings: Settings | None = None) -> DataFrame:
    """Rows of raw inputs (``INPUT_SCHEMA``) from files, directories, Parquet and URIs.

    Local files are read by parley's own readers (every format ``parley ingest`` reads:
    JSONL, text, HTML, WARC, feeds, gzip) and keep the names the single-machine path gives
    them; they must be readable from every executor (local mode, or a shared filesystem).
    The files of one folder are read in order by one task, so the site memory of ingestion
    (chrome lines learnt from earlier pages of a site) works as in one process as long as a
    site's pages share a folder. URIs (``s3a://``, ``hdfs://``, ``file:``) are fetched by
    Spark, one task per file. Parquet needs a ``text`` or ``html`` column; other columns of
    the JSONL record format are used (renamed by the ``fields`` setting).
    """
    settings = settings or Settings()
    found = plan(paths, settings)
    parts = [spark.createDataFrame([_input_row(e) for e in found.errors], INPUT_SCHEMA)]
    if found.files:
        listing = spark.createDataFrame([(g,) for g in found.files], "paths array<string>")
        parts.append(listing.repartition(min(len(found.files), _parallelism(spark)))
                     .mapInPandas(_file_reader(settings), INPUT_SCHEMA))
    if found.uris:
        blobs = spark.read.format("binaryFile").option("recursiveFileLookup", "true").load(found.uris)
        parts.append(blobs.select("path", "content").mapInPandas(_blob_reader(settings), INPUT_SCHEMA))
    if found.parquet:
        parts.append(_parquet_inputs(spark, found.parquet, settings))
    result = parts[0]
    for part in parts[1:]:
        result = result.unionByName(part)
    return result


def _parallelism(spark: SparkSession) -> int:
    return max(int(spark.sparkContext.defaultParallelism), 1)


def _file_reader(settings: Settings) -> Callable[[Iterator[pd.DataFrame]], Iterator[pd.DataFrame]]:
    def read(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for batch in batches:
            for group in batch["paths"]:
                items = (item for path in group for item in read_file(Path(path), settings))
                yield from _frames((_input_row(i) for i in SiteMemory().apply(items)), INPUT_COLUMNS)

    return read


def _blob_reader(settings: Settings) -> Callable[[Iterator[pd.DataFrame]], Iterator[pd.DataFrame]]:
    """Files fetched by Spark, read by parley's readers from a local copy (so every format works)."""
    def read(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for batch in batches:
            for uri, content in zip(batch["path"], batch["content"], strict=True):
                items = SiteMemory().apply(_read_blob(uri, bytes(content), settings))
                yield from _frames((_input_row(i) for i in items), INPUT_COLUMNS)

    return read


def _read_blob(uri: str, content: bytes, settings: Settings) -> list[Item]:
    name = Path(unquote(urlparse(uri).path)).name or "input"
    with tempfile.TemporaryDirectory(prefix="parley-") as tmp:
        local = Path(tmp) / name
        local.write_bytes(content)
        return [_renamed(item, str(local), uri) for item in read_file(local, settings)]


def _renamed(item: Item, old: str, new: str) -> Item:
    """``item`` with the temporary file name it was read from replaced by the URI it came from."""
    changes = {"source": new if item.source == old else item.source}
    if isinstance(item, RawInput) and item.ref == old:
        changes["ref"] = new
    return dataclasses.replace(item, **changes)


def _parquet_inputs(spark: SparkSession, paths: list[str], settings: Settings) -> DataFrame:
    from pyspark.sql import functions as F

    local = {str(Path(p).resolve()): p for p in paths if not _is_uri(p)}
    df = spark.read.parquet(*[p if _is_uri(p) else str(Path(p).resolve()) for p in paths])
    row = F.concat(F.lit("row "), (F.col("_metadata.row_index") + 1).cast("string"))
    df = df.select(*_record_columns(df, settings), F.col("_metadata.file_path").alias("__source"),
                   row.alias("__location"))
    return df.mapInPandas(_record_reader(local), INPUT_SCHEMA)


def _record_columns(df: DataFrame, settings: Settings) -> list[Any]:
    """The record fields ``df`` has, under parley's names (``--field text=body``), text as text."""
    from pyspark.sql import functions as F

    fields = field_map(settings)
    theirs = {ours: fields.get(ours, ours) for ours in (*STRING_FIELDS, "authors")}
    have = {ours for ours, name in theirs.items() if name.split(".")[0] in df.columns}
    if not {"text", "html"} & have:
        raise UsageError("P400", f"a Parquet or DataFrame input needs a {theirs['text']!r} or {theirs['html']!r}"
                                 f" column; it has {sorted(df.columns)}")
    cols = [F.col(theirs[name]).cast("string").alias(name) for name in STRING_FIELDS if name in have]
    return [*cols, F.col(theirs["authors"]).alias("authors")] if "authors" in have else cols


def _record_reader(local: dict[str, str]) -> Callable[[Iterator[pd.DataFrame]], Iterator[pd.DataFrame]]:
    def read(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for batch in batches:
            yield from _frames((_input_row(_from_record(r, local)) for r in batch.to_dict("records")), INPUT_COLUMNS)

    return read


def _from_record(row: dict[str, Any], local: dict[str, str]) -> Item:
    source, location = row.pop("__source"), row.pop("__location")
    path = unquote(urlparse(source).path) if source and source.startswith("file:") else None
    source = local.get(path or "", source) if source else "<dataframe>"
    obj = {k: v for k, v in row.items() if v is not None}
    if "authors" in obj and not isinstance(obj["authors"], str):
        obj["authors"] = [str(a) for a in obj["authors"]]
    return record(obj, source, location)


def frame_inputs(df: DataFrame, settings: Settings | None = None, source: str = "<dataframe>") -> DataFrame:
    """Rows of raw inputs from a DataFrame of records (a ``text`` or ``html`` column, and metadata).

    ``source`` and ``location`` columns, when present, say where each row came from (they
    appear in error rows); otherwise every row is from ``source``.
    """
    from pyspark.sql import functions as F

    src = F.col("source").cast("string") if "source" in df.columns else F.lit(source)
    loc = F.col("location").cast("string") if "location" in df.columns else F.lit(None).cast("string")
    picked = df.select(*_record_columns(df, settings or Settings()), src.alias("__source"), loc.alias("__location"))
    return picked.mapInPandas(_record_reader({}), INPUT_SCHEMA)


# --- analysing ----------------------------------------------------------------------------


def _safe_analysis(item: Item, settings: Settings, analyze: Analyze) -> Analysis:
    """The analysis of one input; whatever goes wrong becomes its error record, never a failed task."""
    try:
        return analyze_item(item, settings, analyze)
    except Exception as exc:  # noqa: BLE001 - one bad article must not fail the task
        err = ErrorRecord("P200", f"{type(exc).__name__}: {exc}"[:300], item.source, item.location, "analyze")
        return failed(err, item.ref)


def _table_rows(analysis: Analysis) -> Iterator[dict[str, str]]:
    for table, table_rows in rows(analysis).items():
        for row in table_rows:
            yield {"table": table, "row": json.dumps(row, ensure_ascii=False)}


def _analyzer(
    settings: Settings, analyze: Analyze, size: int
) -> Callable[[Iterator[pd.DataFrame]], Iterator[pd.DataFrame]]:
    def run(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for batch in batches:
            analyses = (_safe_analysis(_item(r), settings, analyze) for r in batch.to_dict("records"))
            yield from _frames((row for a in analyses for row in _table_rows(a)), ("table", "row"), size)

    return run


def _table_schema(name: str) -> str:
    return ", ".join(f"`{c}` {SPARK_TYPES[column_type(c)]}" for c in TABLES[name])


@dataclass
class Tables:
    """The four tables of a run as DataFrames over one cached analysis, so the pipeline runs once."""

    analysed: DataFrame

    def __getitem__(self, name: str) -> DataFrame:
        from pyspark.sql import functions as F

        if name not in TABLES:
            raise KeyError(f"no table {name!r}; the tables are {', '.join(TABLES)}")
        parsed = self.analysed.where(F.col("table") == name).select(F.from_json("row", _table_schema(name)).alias("r"))
        frame = parsed.select(*[F.col(f"r.`{c}`").alias(c) for c in TABLES[name]])
        if name == "actors":  # one row per name, as in the store; min() picks the same row on every run
            frame = frame.groupBy("name").agg(F.min("kind").alias("kind"), F.min("side").alias("side"))
        return frame

    def counts(self) -> dict[str, int]:
        """Rows per table (from the cache; actors counted once per name)."""
        found = {r["table"]: r["count"] for r in self.analysed.groupBy("table").count().collect()}
        found["actors"] = self["actors"].count()
        return {name: int(found.get(name, 0)) for name in TABLES}

    def write(self, output: str, mode: str = "errorifexists") -> dict[str, int]:
        """Write each table as Parquet under ``output`` (``output/articles`` ...); returns the row counts."""
        for name in TABLES:
            self[name].write.mode(mode).parquet(f"{output.rstrip('/')}/{name}")
        return self.counts()

    def unpersist(self) -> None:
        self.analysed.unpersist()


def analyze_inputs(
    inputs: DataFrame, settings: Settings | None = None, *, partitions: int | None = None,
    analyze: Analyze = analyze_input, batch_rows: int = OUT_BATCH,
) -> Tables:
    """Run the pipeline on rows of raw inputs (from ``read_inputs`` or ``frame_inputs``).

    ``analyze`` is the per-article function (by default ``parley.batch.analyze_input``);
    ``partitions`` defaults to four per core of the cluster; ``batch_rows`` is how many
    output rows a task hands to Spark at a time.
    """
    from pyspark import StorageLevel

    settings = settings or Settings()
    n = partitions or 4 * _parallelism(inputs.sparkSession)
    # hash of the input itself: a retried task gets exactly the rows its failed attempt had
    spread = inputs.repartition(n, "source", "location", "content")
    analysed = spread.mapInPandas(_analyzer(settings, analyze, batch_rows), ROWS_SCHEMA)
    return Tables(analysed.persist(StorageLevel.MEMORY_AND_DISK))


def analyze_frame(df: DataFrame, settings: Settings | None = None, **kw: Any) -> Tables:
    """The tables for a DataFrame of records (a ``text`` or ``html`` column): the entry point for Spark jobs."""
    return analyze_inputs(frame_inputs(df, settings), settings, **kw)


def run(
    spark: SparkSession, paths: Iterable[str], output: str, settings: Settings | None = None, *,
    partitions: int | None = None, overwrite: bool = False, **kw: Any,
) -> dict[str, int]:
    """Read ``paths``, analyse every article, write the Parquet tables under ``output``; returns row counts.

    ``kw`` goes to ``analyze_inputs`` (``analyze``, ``batch_rows``).
    """
    check_output(output, overwrite)
    tables = analyze_inputs(read_inputs(spark, paths, settings), settings, partitions=partitions, **kw)
    try:
        return tables.write(output, "overwrite" if overwrite else "errorifexists")
    finally:
        tables.unpersist()


def check_output(output: str, overwrite: bool) -> None:
    """Refuse to write over an existing local output unless asked to (before any Spark work)."""
    if not overwrite and not _is_uri(output) and Path(output).exists():
        raise UsageError("P400", f"{output} exists; choose another output or pass --overwrite")


def _quiet_log() -> dict[str, str]:
    """Spark settings that keep its INFO and WARN lines off the terminal (the driver JVM reads them at start)."""
    from importlib import resources

    config = resources.files("parley").joinpath("data/spark-log4j2.properties")
    return {"spark.driver.extraJavaOptions": f"-Dlog4j2.configurationFile={config}"}


def run_job(paths: list[str], output: str, settings: Settings | None = None, *, master: str | None = None,
            partitions: int | None = None, overwrite: bool = False, quiet: bool = True) -> dict[str, int]:
    """``parley spark``: start a session on ``master``, run, stop; Spark failures become error P405."""
    check_output(output, overwrite)
    require()
    spark = None
    try:
        spark = session(master, conf=_quiet_log() if quiet else None)
        return run(spark, paths, output, settings, partitions=partitions, overwrite=overwrite)
    except ParleyError:
        raise
    except Exception as exc:  # a Py4J or Spark failure: one line, not a JVM stack trace
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise ParleyError("P405", f"the Spark job failed: {first[:300]}") from None
    finally:
        if spark is not None:
            spark.stop()
