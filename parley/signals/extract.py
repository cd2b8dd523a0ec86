"""Negotiation signals of an article: score every (sentence, holder) instance, decide per holder.

The stance model gives each instance a probability per stance. The article-level decision
is per (holder, stance) (``decision``): the pair's chance (noisy-or of its instances) is
re-scored by the decision model from what the article says about the pair, or, in a model
file without one, compared with the stance's threshold; a kept pair becomes one signal with
its best sentence as evidence. A holder may so hold two stances in one article (open in
principle, conditional in practice), and a sentence may give signals to several holders
(both parties of talks, a mediator).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import conditions, details
from .decision import noisy_or, pairs
from .features import doubts_in
from .instances import Instance, instances
from .model import StanceModel, load_model
from .parse import text_of
from .partners import Cast, cast_of, load_partners, options

if TYPE_CHECKING:
    from ..pipeline import Doc

NAME = "signals.model.v1"
DETAIL_STANCES = frozenset({"refuse", "conditional", "skeptical"})
RHETORICAL = re.compile(
    r"\bwhy (?:should|would|must|do|will) (?:we|i|they|anyone|one)\b[^?]*\b(?:negotiat\w*|talk\w*|dialog\w*)", re.I
)
HYPOTHETICAL = frozenset({f"clause_modal={m}" for m in ("may", "might", "could", "would", "should")})
RULE_CONFIDENCE = 0.9
# ``skeptical`` needs words that doubt (``doubted``); the candidate's own doubt (``features.doubt``)
# gives it at least DOUBT_SHARE of the candidate's chance of holding a stance.
DOUBT_MARKS = frozenset({"rx=skeptical", "cue=doubt"})
OWN_DOUBT = frozenset({"dbt=speaker", "dbt=says", "dbt=subj"})
NO_DOUBT = 0.01
DOUBT_SHARE = 0.5
MAX_SUPPORT = 8
Combined = tuple[Instance, str, float]  # the evidence instance, the stance, its probability
Decision = tuple[Instance, str, float, float | None]  # ... and the decision model's score (None: thresholds)
Scored = tuple[Instance, tuple[float, ...]]  # an instance and its probability per stance
CONDITIONAL_REASONS = frozenset({"objectives"})
MAX_CONDITIONS = 4


def find_signals(doc: Doc, model: StanceModel | None = None) -> list[dict[str, Any]]:
    """Signal drafts (clean offsets) for ``doc``."""
    model = model or load_model()
    found = instances(doc)
    scored = score(found, model)
    article = article_of(found)
    drafts = []
    for inst, stance, p, score_ in decide(scored, model):
        draft = _draft(doc, inst, stance, (p, score_), model, article)
        if stance == "conditional":
            draft["conditions"] = _more_conditions(doc, draft["conditions"], _support(scored, model, inst, stance))
        drafts.append(draft)
    return drafts


def score(found: list[Instance], model: StanceModel) -> list[Scored]:
    """Each instance with its per-stance probabilities, the rules of ``adjust`` applied."""
    return [(inst, adjust(inst, model.stances, model.probabilities(inst.features))) for inst in found]


def _support(scored: list[Scored], model: StanceModel, best: Instance, stance: str) -> list[Instance]:
    """The holder's other sentences that clear the same stance's threshold: one signal, several
    sentences ("Kestria wants talks. But first the army must leave the valley.")."""
    k = model.stances.index(stance)
    name = best.cand.name.lower()
    return [
        inst for inst, probs in scored
        if inst.sentence != best.sentence and inst.cand.name.lower() == name and probs[k] >= model.thresholds[k]
    ]


def _more_conditions(doc: Doc, found: list[str], support: list[Instance]) -> list[str]:
    """The evidence sentence's conditions, then those of the holder's other sentences for the same stance.

    At most ``MAX_SUPPORT`` other sentences are read (real articles have had up to three): a
    text that repeats one conditional sentence thousands of times would otherwise have each
    of them cut into conditions, to find the same phrase again.
    """
    out = list(found)
    for inst in support[:MAX_SUPPORT]:
        if len(out) >= MAX_CONDITIONS:
            break
        out += [c for c in _conditions(inst, doc.sentences[inst.sentence].text(doc.text)) if c not in out]
    return out[:MAX_CONDITIONS]


def decide(scored: list[Scored], model: StanceModel) -> list[Decision]:
    """The (holder, stance) pairs the decision model keeps (or, without one, whose article-level
    chance clears the stance's threshold), each with its best instance as evidence."""
    if model.decision is None:
        found = pairs(scored, model.stances, min(model.thresholds))
        cuts = dict(zip(model.stances, model.thresholds, strict=True))
        kept: list[Decision] = [(x.inst, x.stance, x.p, None) for x in found if x.p >= cuts[x.stance]]
    else:
        rated = [(x, model.decision.score(x.features)) for x in pairs(scored, model.stances)]
        kept = [(x.inst, x.stance, x.p, s) for x, s in rated if s >= model.decision.threshold]
    return sorted(kept, key=lambda x: (x[0].sentence, -x[2]))


def combine(scored: list[Scored], stances: tuple[str, ...]) -> list[Combined]:
    """Per (holder, stance): the best instance and the noisy-or chance of the holder's sentences
    (``decision.noisy_or``), every pair, in the order the holders first appear."""
    chance, best, _ = noisy_or(scored, stances)
    return [(best[key], key[1], p) for key, p in chance.items()]


def adjust(inst: Instance, stances: tuple[str, ...], probs: tuple[float, ...]) -> tuple[float, ...]:
    """Rules for what the examples are too few to teach the model.

    - a rhetorical question about negotiating ("Why should we negotiate with terrorists?")
      is the speaker's refusal;
    - talks that only might, could or should happen are not talks being held: no
      ``engaged`` under a hypothetical modal or in a question;
    - a doubt is said in words: no ``skeptical`` in a sentence without any, and at least an
      even share for a candidate whose own words or clause doubt (``doubted``).
    """
    out = dict(zip(stances, probs, strict=True))
    text = text_of(inst.parsed)
    if (inst.cand.speaker or inst.cand.source in ("first_person", "speaker")) and RHETORICAL.search(text):
        out["refuse"] = max(out["refuse"], RULE_CONFIDENCE)
    feats = set(inst.features)
    out["skeptical"] = doubted(feats, doubts_in(inst.parsed), out["skeptical"], sum(probs))
    if "question" in feats or feats & HYPOTHETICAL:
        out["engaged"] = min(out["engaged"], 0.01)
    return tuple(out[s] for s in stances)


def doubted(feats: set[str], worded: bool, p: float, held: float) -> float:
    """The chance of ``skeptical`` after the doubt rules (``worded``: whether the sentence says
    ``lexicon.DOUBT``, see ``features.doubts_in``; ``held``: the chance of holding any stance).

    With 29 skeptical signals in 120 training articles the stance model gives every sentence
    a little of it, and the noisy-or of a much-named holder's sentences adds those up to a
    doubt nobody voiced; so a sentence with no doubting words (``lexicon.DOUBT``, the skeptical
    stance phrases, a doubt cue) holds none, and one whose doubt is the candidate's own
    (subject, reported words, speaker: ``features.doubt``) holds it at least evenly.
    """
    if not (feats & DOUBT_MARKS or worded):
        return min(p, NO_DOUBT)
    return max(p, held * DOUBT_SHARE) if feats & OWN_DOUBT else p


def _draft(doc: Doc, inst: Instance, stance: str, scores: tuple[float, float | None], model: StanceModel,
           article: Article) -> dict[str, Any]:
    """One signal: ``scores`` are the pair's chance and the decision model's score (None without one)."""
    sent = doc.sentences[inst.sentence]
    text = sent.text(doc.text)
    p, rated = scores
    cues = ", ".join(model.top_features(inst.features, stance)) or "no single strong cue"
    judged = "" if rated is None or model.decision is None else (
        f"; {model.decision.name}: {rated:.2f} >= {model.decision.threshold:.2f}")
    partner, chosen_by = _counterpart(inst, stance, article)
    return {
        "holder": inst.cand.name,
        "holder_side": inst.cand.side,
        "counterpart": partner,
        "stance": stance,
        "conditions": _conditions(inst, text) if stance == "conditional" else [],
        "reasons": _reasons(text, stance),
        "start": sent.start,
        "end": _trim_end(doc.text, sent.start, sent.end),
        "explanation": f"{model.name}: p({stance})={p:.2f} for {inst.cand.name} ({inst.cand.source}){judged}; "
                       f"cues: {cues}" + (f"; counterpart by {chosen_by}" if partner else ""),
        "confidence": round(p if rated is None else rated, 3),
        "extractor": NAME,
    }


@dataclass
class Article:
    """What the counterpart of any signal of an article is chosen among, besides its sentence."""

    parties: list[str]
    cast: Cast


def article_of(found: list[Instance]) -> Article:
    return Article(details.main_parties(found), cast_of(found))


def _counterpart(inst: Instance, stance: str, article: Article) -> tuple[str | None, str]:
    """The counterpart model's choice (``partners``) and why, or the rules' without the model."""
    chooser = load_partners()
    if chooser is None:
        return details.counterpart(inst.cand, inst.others, inst.parsed, article.parties), "rules"
    return chooser.chosen(options(inst.cand, inst.others, inst.parsed, article.parties, stance, article.cast,
                                  inst.sentence))


def _conditions(inst: Instance, text: str) -> list[str]:
    """Preconditions cut from the parse; the marker phrases of the sentence when the parse finds none."""
    return conditions.conditions(inst.parsed) or details.conditions(text)


def _reasons(text: str, stance: str) -> list[str]:
    """Reason codes the evidence sentence states, for refusals, doubts and conditions.

    Of a condition only ``objectives`` (the holder's own goals as its terms, see the
    guidelines): in the training articles one conditional signal in ten gives a reason, and
    the words of the others ("terrorism", "trust") are mostly the terms, not a justification.
    """
    if stance not in DETAIL_STANCES:
        return []
    found = details.reasons(text, stance)
    return [r for r in found if r in CONDITIONAL_REASONS] if stance == "conditional" else found


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
