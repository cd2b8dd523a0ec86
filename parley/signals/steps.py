"""Pipeline step of the signal layer: the stance model over candidate holders (see ``extract``)."""

from __future__ import annotations

from ..pipeline import Doc, step
from . import extract, parse


@step(extract.NAME, needs=("sentences", "mentions", "resolver", "quotes", "statements"), adds=("signals",))
def signals(doc: Doc) -> None:
    try:
        doc.signals.extend(extract.find_signals(doc))
    finally:
        parse.release(doc)
