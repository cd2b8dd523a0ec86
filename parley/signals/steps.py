"""Pipeline step of the signal layer: the stance model over candidate holders (see ``extract``)."""

from __future__ import annotations

from ..pipeline import Doc, step
from . import extract, parse
from .instances import parse_ahead


@step(extract.NAME, needs=("sentences", "mentions", "resolver", "quotes", "statements"), adds=("signals",),
      batch=parse_ahead)
def signals(doc: Doc) -> None:
    try:
        doc.signals.extend(extract.find_signals(doc))
    finally:
        parse.release(doc)
