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

SIGNAL_COLUMNS = ("date", "holder", "holder_side", "stance", "counterpart", "conditions", "reasons", "evidence")
QUOTE_COLUMNS = ("date", "speaker", "speaker_side", "kind", "cue", "medium", "quote")


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
        if p != "-" and not Path(p).exists():
            raise UsageError("P400", f"no such file or directory: {p}")


@app.command()
def extract(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories or JSONL files; '-' for stdin.")],
    output: Annotated[str, typer.Option("--output", "-o", help="Output JSONL file; '-' for stdout.")] = "-",
    actors: ActorsOption = None,
    max_bytes: Annotated[int | None, typer.Option(help="Largest input read, in bytes.")] = None,
) -> None:
    """Extract quotes and signals; write one JSON line per article (the extract contract).

    Example: parley extract articles.jsonl -o out.jsonl
    """
    from .batch import analyze_paths

    _check_paths(inputs)
    settings = _settings(actors=tuple(actors or ()) or None, max_bytes=max_bytes)
    target = nullcontext(sys.stdout) if output == "-" else open(output, "w", encoding="utf-8")
    n = failed = 0
    with target as out:
        for analysis in analyze_paths(inputs, settings):
            out.write(json.dumps(analysis.as_contract(), ensure_ascii=False) + "\n")
            n += 1
            failed += bool(analysis.errors and not analysis.article.raw)
    log.info("extracted %d articles (%d could not be read)", n, failed)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files or directories to ingest; '-' for stdin.")],
    db: DbOption = "parley.db",
    actors: ActorsOption = None,
    include: Annotated[list[str] | None, typer.Option(help="Only files matching this glob; repeatable.")] = None,
    exclude: Annotated[list[str] | None, typer.Option(help="Skip files matching this glob; repeatable.")] = None,
    max_bytes: Annotated[int | None, typer.Option(help="Largest input read, in bytes.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Analyse articles and store them; the same article twice is stored once.

    Example: parley ingest examples/ --db parley.db
    """
    from . import open as open_store
    from .batch import analyze_inputs
    from .ingest.sources import iter_inputs
    from .progress import progress

    _check_paths(paths)
    settings = _settings(
        actors=tuple(actors or ()) or None, max_bytes=max_bytes,
        include=tuple(include or ()) or None, exclude=tuple(exclude or ()) or None,
    )
    counts = {"added": 0, "duplicate": 0, "failed": 0}
    with open_store(db) as store, progress(quiet) as bar:
        for analysis in analyze_inputs(iter_inputs(paths, settings), settings):
            outcome = store.add(analysis)
            counts[outcome] += 1
            bar(analysis.article.ref or analysis.article.id)
        total = store.count("articles")
        n_signals, n_quotes = store.count("signals"), store.count("quotes")
    seen = sum(counts.values())
    typer.echo(
        f"{seen} inputs: {counts['added']} ingested, {counts['duplicate']} duplicates, {counts['failed']} failed."
        f" Store {db}: {total} articles, {n_signals} signals, {n_quotes} quotes."
    )


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
    limit: Annotated[int | None, typer.Option(help="At most this many rows.")] = None,
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


@app.command()
def quotes(
    db: DbOption = "parley.db",
    actor: Annotated[str | None, typer.Option(help="Speaker name contains this.")] = None,
    side: Annotated[str | None, typer.Option(help="Speaker side contains this.")] = None,
    since: Annotated[str | None, typer.Option(help="From this ISO date.")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this ISO date.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet contains this.")] = None,
    search: Annotated[str | None, typer.Option(help="Full-text query (FTS5) over article text.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many rows.")] = None,
    fmt: FormatOption = "table",
) -> None:
    """List quotations (and reported statements) in the store.

    Example: parley quotes --actor Peskov --format json
    """
    rows = _query("quotes", db, limit, actor=actor, side=side, since=since, until=until, outlet=outlet,
                  search=search)
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
