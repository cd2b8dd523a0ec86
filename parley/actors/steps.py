"""Pipeline steps of the actor layer: registry mentions and the per-article resolver."""

from __future__ import annotations

from ..pipeline import Doc, step
from .registry import load_registry
from .resolve import Resolver


@step("actors.registry.v1", needs=("sentences",), adds=("mentions", "resolver"))
def mentions(doc: Doc) -> None:
    registry = load_registry(doc.settings.actors)
    resolver = Resolver(registry, doc.date)
    doc.mentions = registry.find(doc.text)
    resolver.scan(doc.text, [s.start for s in doc.sentences], [p.start for p in doc.paragraphs], doc.mentions)
    doc.extras["resolver"] = resolver
