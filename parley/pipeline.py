"""The per-article pipeline: an ordered list of named steps with one signature.

Each step is a function ``step(doc) -> None`` that reads what it ``needs`` from the working
``Doc`` and adds what it ``adds``; its versioned name (``quotes.marks.v1``) is stored with
every record it produces. ``analyze`` runs the steps over one article and returns a frozen
``Analysis``; it is a pure function of the article (plus the registry and settings), so the
same code runs in a loop, a process pool or a Spark task.

A step that raises does not lose the article: the failure becomes an error record (P200)
and the steps that do not depend on the failed one still run.

``run_many`` runs the steps over a few articles at once, step by step, so that a step with
a ``batch`` hook can do its costly part for all of them in one call (the signal layer's
sentence parse: spaCy's cost per call is shared by every sentence in it). Each article's
records are the same as ``run`` gives it alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any

from .errors import ParleyError
from .model import Analysis, Article, ErrorRecord, Quote, Signal
from .offsets import OffsetMap
from .settings import Settings
from .text.segment import Span

StepFn = Callable[["Doc"], None]
BatchFn = Callable[[list["Doc"]], None]


@dataclass(frozen=True)
class Step:
    """A named pipeline step: what it needs on the Doc, what it adds, and the function."""

    name: str
    needs: tuple[str, ...]
    adds: tuple[str, ...]
    fn: StepFn
    batch: BatchFn | None = None  # work done ahead for several Docs at once; ``fn`` still runs on each

    def __call__(self, doc: Doc) -> None:
        self.fn(doc)


def step(
    name: str, *, needs: Sequence[str] = (), adds: Sequence[str] = (), batch: BatchFn | None = None
) -> Callable[[StepFn], Step]:
    """Declare a function as a pipeline step (``batch``: see ``Pipeline.run_many``)."""

    def wrap(fn: StepFn) -> Step:
        return Step(name, tuple(needs), tuple(adds), fn, batch)

    return wrap


@dataclass
class Doc:
    """The working state of one article while the steps run (offsets index ``text``).

    Steps add annotations in clean-text offsets; ``finish`` maps them to the input text.
    ``quotes``, ``statements`` and ``signals`` hold record drafts: dicts with the fields of
    ``Quote``/``Signal`` and ``start``/``end`` in clean offsets.
    """

    article: Article
    settings: Settings
    offsets: OffsetMap
    paragraphs: list[Span] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    mentions: list[Any] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    statements: list[dict[str, Any]] = field(default_factory=list)
    signals: list[dict[str, Any]] = field(default_factory=list)
    errors: list[ErrorRecord] = field(default_factory=list)
    parses: dict[int, Any] = field(default_factory=dict)
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def date(self) -> str | None:
        return self.article.date

    def sentence_at(self, pos: int) -> int:
        """Index of the sentence containing clean offset ``pos`` (or the one before it)."""
        lo, hi = 0, len(self.sentences) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.sentences[mid].start <= pos:
                lo = mid
            else:
                hi = mid - 1
        return lo


class Pipeline:
    """Steps in order; checks at construction that every need is met by an earlier step."""

    def __init__(self, steps: Sequence[Step]):
        have = {"text", "article"}
        for s in steps:
            missing = set(s.needs) - have
            if missing:
                raise ValueError(f"step {s.name} needs {sorted(missing)}, which no earlier step adds")
            have |= set(s.adds)
        self.steps = tuple(steps)

    @property
    def names(self) -> dict[str, str]:
        """Step names by what they add, for traceability ({"quotes": "quotes.marks.v1", ...})."""
        return {a: s.name for s in self.steps for a in s.adds}

    def run(self, article: Article, settings: Settings | None = None) -> Analysis:
        return self.run_many([article], settings)[0]

    def run_many(self, articles: Sequence[Article], settings: Settings | None = None) -> list[Analysis]:
        """The analyses of ``articles``, in order: each step runs on every article before the next step.

        A step's ``batch`` hook first sees the articles the step will run on. It only does
        work ahead (and caches it on each Doc): when it fails, each article does the work in
        the step itself, so an error is recorded on the article that causes it.
        """
        settings = settings or Settings()
        docs = [Doc(a, settings, OffsetMap(a.segments)) for a in articles]
        failed: list[set[str]] = [set() for _ in docs]
        for s in self.steps:
            ready = [k for k, doc in enumerate(docs) if not failed[k] & set(s.needs)]
            if s.batch is not None and ready:
                with suppress(Exception):  # the step redoes the work per article and records the error there
                    s.batch([docs[k] for k in ready])
            for k, doc in enumerate(docs):
                if k not in ready or not _run_step(s, doc):
                    failed[k] |= set(s.adds)
        return [finish(doc, self.names) for doc in docs]


def _run_step(s: Step, doc: Doc) -> bool:
    """Run one step on ``doc``; False (and an error record on the Doc) when it fails."""
    try:
        s(doc)
    except ParleyError as exc:
        doc.errors.append(exc.record(step=s.name))
        return False
    except Exception as exc:  # a bug must not lose the article: record it and go on
        doc.errors.append(ErrorRecord("P200", f"{type(exc).__name__}: {exc}"[:300], doc.article.source, None, s.name))
        return False
    return True


def finish(doc: Doc, extractors: dict[str, str]) -> Analysis:
    """Freeze the drafts into records with offsets into the input text."""
    return Analysis(
        article=doc.article,
        quotes=tuple(_quote(doc, q) for q in doc.quotes),
        statements=tuple(_quote(doc, q) for q in doc.statements),
        signals=tuple(_signal(doc, s) for s in doc.signals),
        errors=tuple(doc.errors),
        extractors=extractors,
    )


def _raw_span(doc: Doc, start: int, end: int) -> tuple[int, int, str]:
    rs, re_ = doc.offsets.span_to_raw(start, end)
    return rs, re_, doc.article.raw[rs:re_]


def _quote(doc: Doc, d: dict[str, Any]) -> Quote:
    rs, re_, text = _raw_span(doc, d["start"], d["end"])
    fields = {k: v for k, v in d.items() if k in Quote.__dataclass_fields__ and k not in ("start", "end", "quote")}
    return Quote(quote=text, start=rs, end=re_, clean_start=d["start"], clean_end=d["end"], **fields)


def _signal(doc: Doc, d: dict[str, Any]) -> Signal:
    rs, re_, text = _raw_span(doc, d["start"], d["end"])
    skip = ("start", "end", "evidence", "conditions", "reasons", "date")
    fields = {k: v for k, v in d.items() if k in Signal.__dataclass_fields__ and k not in skip}
    return Signal(
        evidence=text,
        start=rs,
        end=re_,
        clean_start=d["start"],
        clean_end=d["end"],
        conditions=tuple(d.get("conditions", ())),
        reasons=tuple(d.get("reasons", ())),
        date=d.get("date") or doc.date,
        **fields,
    )


_DEFAULT: Pipeline | None = None


def default_pipeline() -> Pipeline:
    """The standard English pipeline (built once per process)."""
    global _DEFAULT
    if _DEFAULT is None:
        from .steps import DEFAULT_STEPS

        _DEFAULT = Pipeline(DEFAULT_STEPS)
    return _DEFAULT


def analyze_article(article: Article, settings: Settings | None = None) -> Analysis:
    """Run the default pipeline on ``article``; non-English articles are recorded, not analysed."""
    return analyze_articles([article], settings)[0]


def analyze_articles(articles: Sequence[Article], settings: Settings | None = None) -> list[Analysis]:
    """``analyze_article`` for each of a few articles, in order, run together (see ``Pipeline.run_many``)."""
    out: list[Analysis | None] = [None if _english(a) else _not_english(a) for a in articles]
    ran = iter(default_pipeline().run_many([a for a, done in zip(articles, out, strict=True) if done is None],
                                           settings))
    return [done if done is not None else next(ran) for done in out]


def _english(article: Article) -> bool:
    return article.language in (None, "en")


def _not_english(article: Article) -> Analysis:
    err = ErrorRecord("P110", f"language {article.language!r}: not analysed", article.source)
    return Analysis(article=article, errors=(err,))
