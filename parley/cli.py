"""The ``parley`` command: a thin layer over the Python API.

Expected failures print one line (``error P104 too_large: ...``) and exit 1, or 2 for a
usage error; tracebacks are for bugs only.
"""

from __future__ import annotations

import json
import logging
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import Annotated

import typer

from . import __version__
from .errors import ParleyError, UsageError
from .render import FORMATS, write_rows

app = typer.Typer(
    name="parley",
    help="Negotiation signals, quotes and actors from conflict news, every record linked to its evidence.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
log = logging.getLogger("parley")

DbOption = Annotated[str, typer.Option("--db", help="SQLite database of the store.", envvar="PARLEY_DB")]
ActorsOption = Annotated[
    list[str] | None, typer.Option("--actors", help="Extra actor registry file (YAML); repeatable.")
]
FormatOption = Annotated[str, typer.Option("--format", "-f", help=f"Output format: {', '.join(FORMATS)}.")]
WorkersOption = Annotated[
    int | None, typer.Option("--workers", "-w", help="Worker processes (default: all cores; 1: no pool).")
]
UrlsOption = Annotated[str | None, typer.Option("--urls", help="File of URLs to fetch, one a line.")]
FieldOption = Annotated[
    list[str] | None,
    typer.Option("--field", help="JSON field name, parley's=yours (text=body, date=meta.published); repeatable."),
]
TimeoutOption = Annotated[float | None, typer.Option(help="Seconds to wait for each URL.")]

# tables show the clean text of evidence and quotes (the raw slice of an HTML page carries markup)
SIGNAL_COLUMNS = ("date", "holder", "holder_side", "stance", "counterpart", "conditions", "reasons", "evidence_text")
QUOTE_COLUMNS = ("date", "speaker", "speaker_side", "kind", "cue", "medium", "quote_text")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"parley {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress details to stderr.")] = False,
) -> None:
    """Negotiation signals, quotes and actors from conflict news.

    Example: parley ingest examples/ && parley signals
    """
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(message)s")


def _settings(**overrides: object):  # type: ignore[no-untyped-def]
    from .actors.registry import load_registry
    from .settings import load_settings

    settings = load_settings(**overrides)
    if settings.actors:
        load_registry(settings.actors)  # a malformed actor file stops the run here, naming its line
    return settings


def _check_paths(paths: list[str]) -> None:
    for p in paths:
        if p != "-" and not p.startswith(("http://", "https://")) and not Path(p).exists():
            raise UsageError("P400", f"no such file or directory: {p}")


def _sources(paths: list[str] | None, urls: str | None) -> list[str]:
    """What to read: the paths and URLs named, then those listed in the ``--urls`` file."""
    from .ingest.sources import read_url_list

    named = list(paths or [])
    _check_paths(named)
    named += read_url_list(urls) if urls else []
    if not named:
        raise UsageError("P400", "name at least one file, directory or URL (or give --urls)")
    return named


@app.command()
def extract(
    inputs: Annotated[
        list[str] | None, typer.Argument(help="Files, directories, URLs or JSONL files; '-' for stdin.")
    ] = None,
    output: Annotated[str, typer.Option("--output", "-o", help="Output JSONL file; '-' for stdout.")] = "-",
    actors: ActorsOption = None,
    max_bytes: Annotated[int | None, typer.Option(help="Largest input read, in bytes.")] = None,
    urls: UrlsOption = None,
    field: FieldOption = None,
    fetch_timeout: TimeoutOption = None,
    workers: WorkersOption = None,
) -> None:
    """Extract quotes and signals; write one JSON line per article (the extract contract).

    Output is in input order, whatever the number of workers.

    Example: parley extract articles.jsonl -o out.jsonl --workers 4
    """
    from .parallel import analyze_paths

    sources = _sources(inputs, urls)
    settings = _settings(actors=tuple(actors or ()) or None, max_bytes=max_bytes, fields=tuple(field or ()) or None,
                         fetch_timeout=fetch_timeout, workers=workers)
    target = nullcontext(sys.stdout) if output == "-" else open(output, "w", encoding="utf-8")
    n = failed = 0
    with target as out:
        for analysis in analyze_paths(sources, settings):
            out.write(json.dumps(analysis.as_contract(), ensure_ascii=False) + "\n")
            n += 1
            failed += bool(analysis.errors and not analysis.article.raw)
    log.info("extracted %d articles (%d could not be read)", n, failed)


@app.command()
def ingest(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Files, directories or URLs to ingest; '-' for stdin.")
    ] = None,
    db: DbOption = "parley.db",
    actors: ActorsOption = None,
    include: Annotated[list[str] | None, typer.Option(help="Only files matching this glob; repeatable.")] = None,
    exclude: Annotated[list[str] | None, typer.Option(help="Skip files matching this glob; repeatable.")] = None,
    max_bytes: Annotated[int | None, typer.Option(help="Largest input read, in bytes.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    urls: UrlsOption = None,
    field: FieldOption = None,
    fetch_timeout: TimeoutOption = None,
    workers: WorkersOption = None,
) -> None:
    """Analyse articles and store them; the same article twice is stored once.

    Reads text and Markdown page dumps, HTML, JSON/JSONL records, WARC archives, RSS/Atom
    feeds (any of them gzipped) and URLs. Near-duplicates (the same story re-posted) are
    stored and linked to the first copy. Workers analyse; this process alone writes the
    store, in input order.

    Example: parley ingest examples/ --db parley.db
    """
    from . import open as open_store
    from .ingest.sources import iter_inputs
    from .parallel import analyze_inputs
    from .progress import progress

    sources = _sources(paths, urls)
    settings = _settings(
        actors=tuple(actors or ()) or None, max_bytes=max_bytes, workers=workers,
        include=tuple(include or ()) or None, exclude=tuple(exclude or ()) or None,
        fields=tuple(field or ()) or None, fetch_timeout=fetch_timeout,
    )
    counts = {"added": 0, "near_duplicate": 0, "duplicate": 0, "failed": 0}
    with open_store(db) as store, progress(quiet) as bar:
        for analysis in analyze_inputs(iter_inputs(sources, settings), settings):
            outcome = store.add(analysis)
            counts[outcome] += 1
            bar(analysis.article.ref or analysis.article.id)
        total = store.count("articles")
        n_signals, n_quotes = store.count("signals"), store.count("quotes")
    seen = sum(counts.values())
    typer.echo(
        f"{seen} inputs: {counts['added'] + counts['near_duplicate']} ingested, {counts['duplicate']} duplicates,"
        f" {counts['failed']} failed ({counts['near_duplicate']} near-duplicates linked to a first copy)."
        f" Store {db}: {total} articles, {n_signals} signals, {n_quotes} quotes."
    )


@app.command()
def spark(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories, Parquet, or URIs Spark reads (s3a://...).")],
    output: Annotated[str, typer.Argument(help="Folder for the Parquet tables: articles, quotes, signals, errors.")],
    master: Annotated[str | None, typer.Option(help="Spark master URL (default local[*]: all cores here).")] = None,
    partitions: Annotated[int | None, typer.Option(help="Analysis partitions (default 4 per core).")] = None,
    overwrite: Annotated[bool, typer.Option(help="Replace the tables if OUTPUT exists.")] = False,
    actors: ActorsOption = None,
    max_bytes: Annotated[int | None, typer.Option(help="Largest input read, in bytes.")] = None,
    field: FieldOption = None,
) -> None:
    """Run the pipeline on Apache Spark; write the tables of `parley export` as Parquet.

    Needs the spark extra: pip install 'parley[spark]'. See docs/scale.md.

    Example: parley spark news.jsonl out/ --master local[4]
    """
    from .spark import run_job

    settings = _settings(actors=tuple(actors or ()) or None, max_bytes=max_bytes, fields=tuple(field or ()) or None)
    quiet = not log.isEnabledFor(logging.INFO)
    counts = run_job(inputs, output, settings, master=master, partitions=partitions, overwrite=overwrite, quiet=quiet)
    typer.echo(f"Wrote {output}: " + ", ".join(f"{n} {name}" for name, n in counts.items()) + ".")


def _filters(**kw: object):  # type: ignore[no-untyped-def]
    from .store import Filters

    return Filters(**kw)  # type: ignore[arg-type]


@app.command()
def signals(
    db: DbOption = "parley.db",
    actor: Annotated[str | None, typer.Option(help="Holder name contains this.")] = None,
    side: Annotated[str | None, typer.Option(help="Holder side contains this.")] = None,
    counterpart: Annotated[str | None, typer.Option(help="Counterpart contains this.")] = None,
    stance: Annotated[
        str | None, typer.Option(help="One of refuse, conditional, open, engaged, agreed, skeptical.")
    ] = None,
    since: Annotated[str | None, typer.Option(help="From this ISO date.")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this ISO date.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet contains this.")] = None,
    search: Annotated[str | None, typer.Option(help="Full-text query (FTS5) over article text.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many rows.", min=0, max=2**63 - 1)] = None,
    fmt: FormatOption = "table",
) -> None:
    """List negotiation signals in the store.

    Example: parley signals --actor Putin --stance refuse --format csv
    """
    from .model import STANCES

    if stance and stance not in STANCES:
        raise UsageError("P400", f"--stance must be one of {', '.join(STANCES)}")
    rows = _query("signals", db, limit, actor=actor, side=side, counterpart=counterpart, stance=stance,
                  since=since, until=until, outlet=outlet, search=search)
    _emit(rows, SIGNAL_COLUMNS, fmt, f"{len(rows)} signals")
    if fmt == "table":
        typer.echo(_signal_summary(rows))


def _signal_summary(rows: list[dict]) -> str:
    """One line under the table: how many signals of each stance, holders and articles."""
    from collections import Counter

    from .model import STANCES

    by_stance = Counter(r["stance"] for r in rows)
    stances = ", ".join(f"{by_stance[s]} {s}" for s in STANCES if by_stance[s])
    holders = len({r["holder"] for r in rows})
    articles = len({r["article_id"] for r in rows})
    return f"{len(rows)} signals ({stances or 'none'}) from {holders} holders in {articles} articles"


@app.command()
def quotes(
    db: DbOption = "parley.db",
    actor: Annotated[str | None, typer.Option(help="Speaker name contains this.")] = None,
    side: Annotated[str | None, typer.Option(help="Speaker side contains this.")] = None,
    counterpart: Annotated[
        str | None, typer.Option(help="Only quotes behind a signal whose counterpart contains this.")
    ] = None,
    stance: Annotated[str | None, typer.Option(help="Only quotes behind a signal with this stance.")] = None,
    since: Annotated[str | None, typer.Option(help="From this ISO date.")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this ISO date.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet contains this.")] = None,
    search: Annotated[str | None, typer.Option(help="Full-text query (FTS5) over article text.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many rows.", min=0, max=2**63 - 1)] = None,
    fmt: FormatOption = "table",
) -> None:
    """List quotations (and reported statements) in the store.

    Example: parley quotes --actor Peskov --format json
    """
    rows = _query("quotes", db, limit, actor=actor, side=side, counterpart=counterpart, stance=stance,
                  since=since, until=until, outlet=outlet, search=search)
    _emit(rows, QUOTE_COLUMNS, fmt, f"{len(rows)} quotes")


ACTOR_COLUMNS = ("name", "kind", "side", "signals", "as_counterpart", "quotes", "statements", "articles",
                 "first_seen", "last_seen")


@app.command()
def actors(
    db: DbOption = "parley.db",
    side: Annotated[str | None, typer.Option(help="Only actors of this side (e.g. Russia).")] = None,
    kind: Annotated[str | None, typer.Option(help="Only this kind (person, state, armed_group, ...).")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many rows.")] = None,
    fmt: FormatOption = "table",
) -> None:
    """List the actors seen in the store: signals held and faced, quotes, reported statements, articles, dates.

    Example: parley actors --side Russia --format csv
    """
    from . import open as open_store

    _require_db(db)
    with open_store(db) as store:
        rows = store.actors(side=side, kind=kind, limit=limit)
    _emit(rows, ACTOR_COLUMNS, fmt, f"{len(rows)} actors")


def _require_db(db: str) -> None:
    if not Path(db).exists():
        raise UsageError("P400", f"no store at {db}; create one with: parley ingest PATH --db {db}")


def _query(kind: str, db: str, limit: int | None, **filters: object) -> list[dict]:
    from . import open as open_store

    _require_db(db)
    with open_store(db) as store:
        f = _filters(**filters)
        return store.signals(f, limit) if kind == "signals" else store.quotes(f, limit)


def _emit(rows: list[dict], columns: tuple[str, ...], fmt: str, title: str) -> None:
    if fmt not in FORMATS:
        raise UsageError("P400", f"--format must be one of {', '.join(FORMATS)}")
    write_rows(rows, columns, fmt, title=title)


@app.command()
def timeline(
    actor: Annotated[str, typer.Option(help="Holder name contains this.")],
    out: Annotated[str, typer.Option("--out", "-o", help="Output file: .png, .svg or .html (with tooltips).")],
    db: DbOption = "parley.db",
    counterpart: Annotated[str | None, typer.Option(help="Only signals toward this counterpart.")] = None,
    since: Annotated[str | None, typer.Option(help="From this ISO date.")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this ISO date.")] = None,
    by_counterpart: Annotated[
        bool, typer.Option("--by-counterpart", help="One lane per counterpart (colour = stance).")
    ] = False,
) -> None:
    """Draw an actor's stance over time: one mark per signal, and the signals per month.

    Example: parley timeline --actor Velic --counterpart "Northern Front" --out velic.html
    """
    from . import timeline as tl
    from .store import Filters, Store

    _require_db(db)
    with Store(db, readonly=True) as store:
        chart = tl.for_actor(store, actor, counterpart, "counterpart" if by_counterpart else "stance",
                             Filters(since=since, until=until))
    tl.write(chart, out)
    undated = f" ({chart.undated} undated, not drawn)" if chart.undated else ""
    typer.echo(f"{len(chart.marks)} signals{undated} -> {out}")


@app.command("export")
def export_(
    out: Annotated[str, typer.Option("--out", "-o", help="Directory for one file per table.")],
    db: DbOption = "parley.db",
    fmt: Annotated[str, typer.Option("--format", "-f", help="csv, jsonl or parquet.")] = "csv",
) -> None:
    """Export articles, actors, quotes, signals and errors as tables (columns: docs/schema.md).

    Example: parley export --format parquet --out export/
    """
    from .export import export
    from .store import Store

    _require_db(db)
    with Store(db, readonly=True) as store:
        counts = export(store, out, fmt)
    typer.echo(", ".join(f"{n} {t}" for t, n in counts.items()) + f" -> {out}/")


@app.command()
def report(
    out: Annotated[str, typer.Option("--out", "-o", help="The HTML file to write.")] = "report.html",
    db: DbOption = "parley.db",
    actor: Annotated[str | None, typer.Option(help="Brief on this holder (name contains this).")] = None,
    counterpart: Annotated[str | None, typer.Option(help="... toward this counterpart.")] = None,
    since: Annotated[str | None, typer.Option(help="From this ISO date.")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this ISO date.")] = None,
    dashboard: Annotated[
        str | None, typer.Option(help="Link evidence to this running dashboard (http://127.0.0.1:8000).")
    ] = None,
) -> None:
    """Write a self-contained HTML briefing on the corpus, or on one dyad.

    Example: parley report --actor Velic --counterpart "Northern Front" --out brief.html
    """
    from .report import build_report
    from .store import Filters, Store

    _require_db(db)
    with Store(db, readonly=True) as store:
        page = build_report(store, Filters(actor=actor, counterpart=counterpart, since=since, until=until),
                            dashboard=dashboard)
    Path(out).write_text(page, encoding="utf-8")
    typer.echo(f"report -> {out}")


@app.command()
def serve(
    db: DbOption = "parley.db",
    host: Annotated[str, typer.Option(help="Address to listen on; loopback unless you mean to share it.")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Run the read-only dashboard and JSON API over the store.

    Example: parley serve --db parley.db --port 8000
    """
    import uvicorn

    from .web.app import create_app

    web = create_app(db)
    if host not in ("127.0.0.1", "localhost", "::1"):
        log.warning("listening on %s: anyone who can reach this address can read the store", host)
    typer.echo(f"parley dashboard on http://{'[' + host + ']' if ':' in host else host}:{port}/ (Ctrl-C stops it)")
    uvicorn.run(web, host=host, port=port, log_level="warning")


@app.command()
def evaluate(
    gold: Annotated[str, typer.Argument(help="Gold annotations (JSONL, the guidelines' format).")],
    actors: ActorsOption = None,
    details: Annotated[bool, typer.Option(help="List every miss and false alarm.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as one JSON object.")] = False,
    predictions: Annotated[
        str | None, typer.Option(help="Score this extract output instead of running extraction.")
    ] = None,
) -> None:
    """Run extraction on gold documents and print precision, recall and F1.

    Example: parley evaluate examples/gold.jsonl
    """
    from .evaluate import read_gold, score

    _check_paths([gold])
    docs = read_gold(gold)
    if predictions:
        with open(predictions, encoding="utf-8") as fh:
            preds = [json.loads(line) for line in fh if line.strip()]
    else:
        preds = _extract_gold(docs, tuple(actors or ()))
    result = score(docs, preds)
    figures = result.figures()
    if as_json:
        typer.echo(json.dumps(figures))
        return
    for line in result.details if details else []:
        typer.echo(line)
    _print_figures(figures)


def _extract_gold(docs: list[dict], actors: tuple[str, ...]) -> list[dict]:
    from .batch import analyze_inputs
    from .evaluate import gold_inputs
    from .ingest.sources import _record

    settings = _settings(actors=actors or None)
    items = [_record(rec, "<gold>", f"record {i}") for i, rec in enumerate(gold_inputs(docs), 1)]
    return [a.as_contract() for a in analyze_inputs(items, settings)]


def _print_figures(fig: dict) -> None:
    for k, v in fig.items():
        if isinstance(v, float):
            typer.echo(f"{k:22s} {v:.3f}")
        else:
            typer.echo(f"{k:22s} {v}")
    typer.echo(
        f"summary: signal_f1={fig['signal_f1']:.3f} quote_speaker_f1={fig['quote_speaker_f1']:.3f} "
        f"body_f1={fig.get('body_f1', float('nan')):.3f} bad_offsets={fig['bad_offsets']} missing={fig['docs_missing']}"
    )


def main() -> None:
    """Entry point: run the app, turning parley's errors into one line and an exit code."""
    try:
        app()  # standalone: click reports usage errors itself, with exit code 2
    except ParleyError as exc:
        typer.echo(f"error {exc}", err=True)
        typer.echo(f"  hint: {exc.hint}", err=True)
        sys.exit(exc.exit_code)


if __name__ == "__main__":
    main()
