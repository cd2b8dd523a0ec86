"""Which sentences are worth a parse: a small linear model over what is known before parsing.

The parse, and the candidates, features and stance model after it, are the signal layer's
cost, and they are paid per sentence. The selector scores every trigger sentence from cheap
evidence the earlier steps already have: its cue words (``lexicon.KNOWN``), its trigger
words and how many (``lexicon.TRIGGER``), the stance phrases it holds
(``lexicon.STANCE_PATTERNS``), whether a quotation or reported statement with a speaker
runs through it, which kinds of actor the registry and the resolver found in it (and
whether a person in it speaks), its length and its place in the article. Sentences whose
score clears the threshold are parsed; the rest are not looked at again.

It is off by default (setting ``signal_select``): measured, it saves too little parse for
the signals it loses (docs/signals.md, *Speed*).

The weights (``parley/data/signals_select.json``) are learned by
``parley.signals.train_select`` from annotated articles: a sentence is a positive example
when it carries a gold signal's evidence or when the shipped stance model finds a signal
in it; the threshold is chosen on cross-validated scores to keep a set share of those.
Scoring is plain Python: a sum of weights per sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..errors import ParleyError
from .decision import sigmoid
from .lexicon import KNOWN, STANCE_PATTERNS, TRIGGER
from .model import read_json

if TYPE_CHECKING:
    from ..pipeline import Doc

SELECT_FILE = "data/signals_select.json"
WORD = re.compile(r"[a-z]+(?:n['’]t)?")
SPEAKS = 2  # the resolver's salience of a person who is the subject of a speech verb


@dataclass(frozen=True)
class Selector:
    """Feature weights, a bias and the score a sentence needs to be parsed."""

    name: str
    weights: dict[str, float]
    bias: float
    threshold: float

    def score(self, features: list[str]) -> float:
        """Probability-like score that the sentence carries a signal."""
        return sigmoid(self.bias + sum(self.weights.get(f, 0.0) for f in features))

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "bias": self.bias, "threshold": self.threshold,
                "weights": dict(sorted(self.weights.items()))}


def selected(doc: Doc, selector: Selector | None = None) -> list[int]:
    """Indices of the sentences of ``doc`` to parse, in text order."""
    selector = selector or load_selector()
    return [i for i, feats in sentence_features(doc).items() if selector.score(feats) >= selector.threshold]


def triggered(doc: Doc, lower: str | None = None) -> list[int]:
    """Sentences with at least one trigger word: the only ones the selector scores (``lower``:
    the article's text lower-cased, when the caller has it)."""
    text = doc.text
    lower = text.lower() if lower is None else lower
    return [i for i, s in enumerate(doc.sentences) if TRIGGER.search(text, s.start, s.end, lower)]


def sentence_features(doc: Doc) -> dict[int, list[str]]:
    """The selector's features of each triggered sentence of ``doc``, by index (no parse needed)."""
    text, lower = doc.text, doc.text.lower()
    actors = _actors_by_sentence(doc)
    quoted = _quoted_sentences(doc)
    n = len(doc.sentences)
    out = {}
    for i in triggered(doc, lower):
        s = doc.sentences[i]
        words = WORD.findall(lower, s.start, s.end)
        feats = {f"w={w}" for w in words if w in KNOWN}
        triggers = [m.group(0).lower() for m in TRIGGER.finditer(text, s.start, s.end, lower)]
        feats |= {f"t={w}" for w in triggers}
        feats.add(f"trig={min(len(triggers), 3)}")
        feats |= {f"pat={k}" for k, rx in STANCE_PATTERNS.items() if rx.search(text, s.start, s.end, lower)}
        feats.add(f"len={min(len(words) // 10, 5)}")
        feats.add(f"at={min(5 * i // n, 4)}")
        if i == 0:
            feats.add("first")
        if "?" in text[s.start : s.end]:
            feats.add("question")
        feats |= quoted.get(i, set())
        feats |= actors.get(i, {"actors=0"})
        out[i] = sorted(feats)
    return out


def _actors_by_sentence(doc: Doc) -> dict[int, set[str]]:
    """Kinds of actor named in each sentence, how many, and whether a person in it speaks."""
    kinds: dict[int, list[str]] = {}
    for m in doc.mentions:
        kinds.setdefault(doc.sentence_at(m.start), []).append(m.actor.kind)
    resolver = doc.extras.get("resolver")
    for mention in getattr(resolver, "order", ()):
        i = doc.sentence_at(mention.pos)
        kinds.setdefault(i, []).append("speaker" if mention.salience >= SPEAKS else mention.who.kind)
    for mention in getattr(resolver, "orgs", ()):
        kinds.setdefault(doc.sentence_at(mention.pos), []).append(mention.who.kind)
    return {i: {f"actor={k}" for k in found} | {f"actors={min(len(found), 3)}"} for i, found in kinds.items()}


def _quoted_sentences(doc: Doc) -> dict[int, set[str]]:
    """Sentences a quotation or a reported statement with a speaker runs through."""
    out: dict[int, set[str]] = {}
    for q in [*doc.quotes, *doc.statements]:
        if not q.get("speaker"):
            continue
        tag = "reported" if q.get("kind") == "indirect" else "quoted"
        for i in range(doc.sentence_at(q["start"]), doc.sentence_at(max(q["start"], q["end"] - 1)) + 1):
            out.setdefault(i, set()).add(tag)
    return out


@lru_cache(maxsize=4)
def load_selector(path: str | None = None) -> Selector:
    """The shipped selector (or one from ``path``), read once."""
    try:
        data = read_json(path, SELECT_FILE)
        return Selector(str(data["name"]), {str(k): float(v) for k, v in data["weights"].items()},
                        float(data["bias"]), float(data["threshold"]))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ParleyError("P406", f"cannot read the sentence selector {path or SELECT_FILE}: {exc}; "
                          "retrain it with python -m parley.signals.train_select") from None
