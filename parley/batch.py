"""Run the pipeline over many inputs: every input ends as an Analysis, errors included.

This is the one driver behind ``parley extract``, ``parley ingest`` and the distributed
runner. An input that cannot be read still yields an ``Analysis`` (with an empty article
and the error), so the caller can account for every input it was given.

Inputs run ``WINDOW`` at a time (``pipeline.analyze_articles``): the signal layer parses
the sentences of all of them in one spaCy call, which costs a fixed amount per call on top
of its cost per sentence. The window is small, so memory stays flat however long the
stream, and each analysis is the one its input would get alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice

from .errors import ParleyError
from .ingest.article import content_id, prepare
from .ingest.sources import RawInput, iter_inputs
from .model import Analysis, Article, ErrorRecord
from .pipeline import analyze_articles
from .settings import Settings

#: inputs analysed together (a few dozen sentences for the signal layer's parse in one call)
WINDOW = 8


def failed(error: ErrorRecord, ref: str | None = None) -> Analysis:
    """An Analysis that carries only an error (the input could not be read or cleaned)."""
    where = f"{error.source or ''}:{error.location or ''}"
    article = Article(
        id=content_id(f"error:{where}:{error.code}"),
        raw="",
        text="",
        segments=(),
        ref=ref if ref is not None else (error.source or "") + (f":{error.location}" if error.location else ""),
        source=error.source,
    )
    return Analysis(article=article, errors=(error,))


def analyze_input(raw: RawInput, settings: Settings | None = None) -> Analysis:
    """Clean and analyse one raw input; never raises for a bad article."""
    return analyze_items([raw], settings)[0]


def analyze_inputs(items: Iterable[RawInput | ErrorRecord], settings: Settings | None = None) -> Iterator[Analysis]:
    """Analyses for a stream of inputs, in order (``WINDOW`` inputs at a time)."""
    it = iter(items)
    while window := list(islice(it, WINDOW)):
        yield from analyze_items(window, settings)


def analyze_items(items: Sequence[RawInput | ErrorRecord], settings: Settings | None = None) -> list[Analysis]:
    """The analyses of a few inputs, in order, run together; an input that cannot be read or
    cleaned gets its error record and leaves the others be."""
    out: list[Analysis | None] = []
    articles: list[Article] = []
    for item in items:
        done = failed(item) if isinstance(item, ErrorRecord) else _prepared(item)
        out.append(done if isinstance(done, Analysis) else None)
        if isinstance(done, Article):
            articles.append(done)
    ran = iter(analyze_articles(articles, settings))
    return [done if done is not None else next(ran) for done in out]


def _prepared(raw: RawInput) -> Article | Analysis:
    """The clean article of ``raw``, or the Analysis that records why there is none."""
    try:
        return prepare(raw)
    except ParleyError as exc:
        return failed(exc.record(step="prepare"), raw.ref)
    except Exception as exc:  # a cleaner bug must not lose the input
        err = ErrorRecord("P200", f"{type(exc).__name__}: {exc}"[:300], raw.source, raw.location, "prepare")
        return failed(err, raw.ref)


def analyze_item(
    item: RawInput | ErrorRecord, settings: Settings | None = None,
    analyze: Callable[[RawInput, Settings | None], Analysis] = analyze_input,
) -> Analysis:
    """The analysis of one input, or an Analysis carrying the error record that stands for it."""
    return failed(item) if isinstance(item, ErrorRecord) else analyze(item, settings)


def analyze_paths(paths: Iterable[str], settings: Settings | None = None) -> Iterator[Analysis]:
    """Analyses of every article found under ``paths``."""
    settings = settings or Settings()
    yield from analyze_inputs(iter_inputs(paths, settings), settings)
