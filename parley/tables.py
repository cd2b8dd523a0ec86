"""Flat tables of analyses: the columns of ``parley export`` and of the Spark runner.

One definition of each table's columns, used by every path that writes tables, so a
corpus exported from the store and the same corpus run on a cluster give the same columns.
List-valued fields (authors, conditions, reasons) are JSON arrays in text columns.
Columns are text unless ``COLUMN_TYPES`` says otherwise; every column is documented in
``docs/schema.md`` (a test checks that).

Actors are keyed by canonical name: ``rows()`` gives one actors row per name an analysis
mentions, so a corpus run on a cluster deduplicates the actors table by ``name``.
"""

from __future__ import annotations

import json
from typing import Any

from .model import Analysis

ARTICLE_COLUMNS = (
    "id", "ref", "url", "outlet", "title", "authors", "date", "dateline", "language", "text", "source",
    "input_format", "duplicate_of",
)
QUOTE_COLUMNS = (
    "article_id", "seq", "kind", "quote", "start_char", "end_char", "clean_start", "clean_end", "speaker",
    "speaker_side", "speaker_role", "cue", "medium", "extractor",
)
SIGNAL_COLUMNS = (
    "article_id", "seq", "holder", "holder_side", "counterpart", "counterpart_side", "stance", "conditions",
    "reasons", "evidence", "start_char", "end_char", "clean_start", "clean_end", "date", "explanation",
    "confidence", "extractor",
)
ACTOR_COLUMNS = ("name", "kind", "side")
ERROR_COLUMNS = ("article_id", "source", "location", "code", "message", "step")
TABLES: dict[str, tuple[str, ...]] = {
    "articles": ARTICLE_COLUMNS,
    "actors": ACTOR_COLUMNS,
    "quotes": QUOTE_COLUMNS,
    "signals": SIGNAL_COLUMNS,
    "errors": ERROR_COLUMNS,
}

#: Columns that are not text: their Arrow/Parquet (and Spark) type names.
COLUMN_TYPES: dict[str, str] = {
    "seq": "int64", "start_char": "int64", "end_char": "int64", "clean_start": "int64", "clean_end": "int64",
    "confidence": "float64",
}


def column_type(column: str) -> str:
    """The type of a column of any table: ``string`` unless ``COLUMN_TYPES`` says otherwise."""
    return COLUMN_TYPES.get(column, "string")


def _json(value: Any) -> str:
    return json.dumps(list(value), ensure_ascii=False)


def rows(analysis: Analysis) -> dict[str, list[dict[str, Any]]]:
    """The rows one analysis contributes to each table."""
    a = analysis.article
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    if a.raw:
        out["articles"].append(
            {"id": a.id, "ref": a.ref, "url": a.url, "outlet": a.outlet, "title": a.title,
             "authors": _json(a.authors), "date": a.date, "dateline": a.dateline, "language": a.language,
             "text": a.text, "source": a.source, "input_format": a.input_format, "duplicate_of": a.duplicate_of}
        )
    article_id = a.id if a.raw else None
    for seq, q in enumerate([*analysis.quotes, *analysis.statements]):
        out["quotes"].append(
            {"article_id": a.id, "seq": seq, "kind": q.kind, "quote": q.quote, "start_char": q.start,
             "end_char": q.end, "clean_start": q.clean_start, "clean_end": q.clean_end, "speaker": q.speaker,
             "speaker_side": q.speaker_side, "speaker_role": q.speaker_role, "cue": q.cue, "medium": q.medium,
             "extractor": q.extractor}
        )
    for seq, s in enumerate(analysis.signals):
        out["signals"].append(
            {"article_id": a.id, "seq": seq, "holder": s.holder, "holder_side": s.holder_side,
             "counterpart": s.counterpart, "counterpart_side": s.counterpart_side, "stance": s.stance,
             "conditions": _json(s.conditions), "reasons": _json(s.reasons), "evidence": s.evidence,
             "start_char": s.start, "end_char": s.end, "clean_start": s.clean_start, "clean_end": s.clean_end,
             "date": s.date or a.date, "explanation": s.explanation, "confidence": s.confidence,
             "extractor": s.extractor}
        )
    out["actors"] = _actor_rows(analysis)
    for e in analysis.errors:
        out["errors"].append(
            {"article_id": article_id, "source": e.source or "", "location": e.location or "", "code": e.code,
             "message": e.message, "step": e.step or ""}
        )
    return out


def _actor_rows(analysis: Analysis) -> list[dict[str, Any]]:
    """One row per actor name the analysis mentions; the kind comes from the registry."""
    from .actors.registry import load_registry

    sides: dict[str, str | None] = {}
    for q in (*analysis.quotes, *analysis.statements):
        if q.speaker:
            sides.setdefault(q.speaker, q.speaker_side)
    for s in analysis.signals:
        sides.setdefault(s.holder, s.holder_side)
        if s.counterpart:
            sides.setdefault(s.counterpart, s.counterpart_side)
    registry = load_registry()
    out = []
    for name, side in sides.items():
        known = registry.get(name)
        out.append({"name": name, "kind": known.kind if known else None, "side": side})
    return out
