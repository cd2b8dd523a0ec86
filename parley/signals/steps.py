"""Pipeline step of the signal layer."""

from __future__ import annotations

from ..pipeline import Doc, step
from . import rules


@step(rules.NAME, needs=("sentences", "mentions", "resolver", "quotes", "statements"), adds=("signals",))
def signals(doc: Doc) -> None:
    doc.signals.extend(rules.find_signals(doc, doc.extras["resolver"]))
