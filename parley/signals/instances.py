"""From an article to scored material: one instance per (sentence, candidate holder).

Only the sentences worth a parse are parsed (``chosen``: those the selector picks among the
ones the trigger lexicon flags, see ``select``); each yields its candidate holders
(``holders``) and their features (``features``). Training and extraction share this code,
so the model is trained on exactly what it sees at run time.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .features import candidate_features, sentence_features
from .holders import Candidate, Context, candidates
from .parse import parse, parse_many
from .select import selected, triggered

PARTY_KINDS = frozenset({"state", "armed_group", "group", "government"})
CHOSEN_KEY = "signals.chosen"

if TYPE_CHECKING:
    from ..pipeline import Doc


@dataclass
class Instance:
    """A candidate holder in one sentence, with its features and its neighbours."""

    sentence: int
    cand: Candidate
    features: list[str]
    others: list[Candidate]
    parsed: Any


def chosen(doc: Doc) -> list[int]:
    """Indices of the sentences to parse: the selector's pick, or every trigger sentence when it is off
    (kept on the Doc: asked again once the parse is done ahead, see ``parse_ahead``)."""
    picked: list[int] | None = doc.extras.get(CHOSEN_KEY)
    if picked is None:
        picked = doc.extras[CHOSEN_KEY] = selected(doc) if doc.settings.signal_select else triggered(doc)
    return picked


def parse_ahead(docs: list[Doc]) -> None:
    """Parse the chosen sentences of several articles in one call (``instances`` then finds them parsed)."""
    parse_many([(doc, chosen(doc)) for doc in docs])


def instances(doc: Doc) -> list[Instance]:
    """Every (sentence, candidate) instance of ``doc``, in text order."""
    resolver = doc.extras["resolver"]
    ctx = _context(doc, resolver)
    picked = chosen(doc)
    parses = parse(doc, picked)
    by_sentence = _mentions_by_sentence(doc)
    out: list[Instance] = []
    for i in picked:
        sent, parsed = doc.sentences[i], parses[i]
        cands = candidates(parsed, sent.start, by_sentence.get(i, []), ctx, i)
        if not cands:
            continue
        shared = sentence_features(parsed, _in_quote(ctx, sent.start, sent.end), i == 0)
        for c in cands:
            feats = shared + candidate_features(parsed, c, len(cands))
            out.append(Instance(i, c, feats, [o for o in cands if o is not c], parsed))
    _add_frequency(out)
    return out


def _add_frequency(found: list[Instance]) -> None:
    """How often the article brings the candidate up: frequent actors are the likelier holders."""
    counts = Counter(inst.cand.name.lower() for inst in found)
    top = counts.most_common(1)[0][0] if counts else None
    for inst in found:
        n = min(counts[inst.cand.name.lower()], 5)
        inst.features += [f"hfreq={n}", f"khfreq={inst.cand.kind}:{n}"]
        if inst.cand.name.lower() == top:
            inst.features.append("most_named")


def _context(doc: Doc, resolver: Any) -> Context:
    speakers: dict[int, list[tuple[str, str | None]]] = {}
    spans = []
    for q in [*doc.quotes, *doc.statements]:
        if q.get("speaker") and q.get("attribution") != "state-official":  # "one U.S. official": no holder
            first, last = doc.sentence_at(q["start"]), doc.sentence_at(max(q["start"], q["end"] - 1))
            who = voices(q)
            for i in range(first, last + 1):
                speakers.setdefault(i, who)
            if q.get("kind") != "indirect":
                spans.append((q["start"], q["end"], who))
    return Context(resolver, speakers, spans, doc.text, _parties(doc), _parties(doc, frozenset({"armed_group"})),
                   _parties(doc, frozenset({"state", "government"})))


def voices(quote: dict[str, Any]) -> list[tuple[str, str | None]]:
    """Who speaks in ``quote``: each party of a joint statement ("X and Y said"), else its one speaker.

    A joint speaker is no actor of its own: the signal belongs to each party, as talks held
    between two parties give each of them one.
    """
    parties = [(p["name"], p.get("side")) for p in quote.get("speaker_parties") or [] if p.get("name")]
    return parties if len(parties) > 1 else [(quote["speaker"], quote.get("speaker_side"))]


def _parties(doc: Doc, kinds: frozenset[str] = PARTY_KINDS) -> list[str]:
    """States and armed groups (or actors of ``kinds``) the article names most, most named first."""
    counts: Counter[str] = Counter(
        m.actor.side_on(doc.date) or m.actor.name for m in doc.mentions if m.actor.kind in kinds
    )
    return [name for name, _ in counts.most_common()]


def _mentions_by_sentence(doc: Doc) -> dict[int, list[Any]]:
    out: dict[int, list[Any]] = defaultdict(list)
    starts = [s.start for s in doc.sentences]
    for m in doc.mentions:
        i = bisect_left(starts, m.start + 1) - 1
        if i >= 0 and m.end <= doc.sentences[i].end and m.actor.kind != "media":
            out[i].append(m)
    return out


def _in_quote(ctx: Context, start: int, end: int) -> bool:
    return any(qs < end and start < qe for qs, qe, _ in ctx.quote_spans)
