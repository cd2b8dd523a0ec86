"""Features of one (sentence, candidate holder) pair, as strings, for the stance model.

Three kinds: what the sentence says (its lemmas and cue classes, negation, modality, a
question, a quotation), where the candidate stands (its dependency relation, the word that
governs it, the verb of its clause and what that clause says, the preposition that brings
it in: "talks *with* X", "a meeting *between* X and Y", "hosted *by* X"), and what the
candidate is (person, state, organisation; named here, a pronoun, or the speaker). The
model weighs them; these functions only describe.
"""

from __future__ import annotations

from typing import Any

from .holders import Candidate
from .lexicon import CUES, MODALS, NEGATIONS, patterns_in
from .parse import text_of
from .words import lemma, pos

CUE_OF: dict[str, str] = {w: cls for cls, words in CUES.items() for w in words}
SPEECH = CUES["say"]
_SKIP_POS = frozenset({"PROPN", "PUNCT", "NUM", "SPACE", "SYM", "X", "DET"})


def sentence_features(parsed: Any, in_quote: bool, first: bool) -> list[str]:
    """Features every candidate of the sentence shares (one pass over the tokens)."""
    out: set[str] = set()
    for t in parsed:
        word = lemma(t)
        if pos(t) not in _SKIP_POS:
            out.add(f"w={word}")
        cls = CUE_OF.get(word)
        if cls:
            out.add(f"cue={cls}")
        if word in NEGATIONS or t.dep_ == "neg":
            out.add("neg")
        if t.tag_ == "MD" and word in MODALS:
            out.add(f"modal={word}")
        if cls:
            out.update(_cue_use(t, cls))
    if "?" in text_of(parsed):
        out.add("question")
    if in_quote:
        out.add("in_quote")
    if first:
        out.add("first_sentence")
    out |= {f"rx={name}" for name in patterns_in(text_of(parsed))}
    return sorted(out)


# Cue classes whose verbs say by their tense and aspect whether talks are wished for, under way or done.
TENSED = frozenset({"talk", "hold", "agree", "open", "refuse", "deal", "mediate"})
# Nouns of talks, truces and deals: the word that governs them says what is said of them
# ("called *for* talks" against "talks *were held*").
TALK_NOUNS = frozenset({"talk", "truce", "deal"})
_ASPECT_OF_TAG = {"VBD": "past", "VBZ": "pres", "VBP": "pres", "VBG": "ger", "VBN": "part", "VB": "base"}


def _cue_use(t: Any, cls: str) -> list[str]:
    """How a cue word is used: the tense and aspect of a cue verb ("asp=talk:prog" for "are
    negotiating", "asp=hold:past" for "held"), the governor of a talk noun ("tg=talk:for>call",
    "tgc=talk:nsubjpass>hold"). What separates talks called for (open) from talks held (engaged)."""
    if t.tag_.startswith("VB"):
        return [f"asp={cls}:{aspect(t)}"] if cls in TENSED else []
    if cls not in TALK_NOUNS or pos(t) != "NOUN":
        return []
    head = t.head
    if t.dep_ == "pobj":
        gov = head.head
        return [f"tg={cls}:{head.lower_}>{lemma(gov)}", f"tgc={cls}:pobj>{CUE_OF.get(lemma(gov)) or 'x'}"]
    return [f"tg={cls}:{t.dep_}>{lemma(head)}", f"tgc={cls}:{t.dep_}>{CUE_OF.get(lemma(head)) or 'x'}"]


def aspect(verb: Any) -> str:
    """Tense, aspect or mood of a verb from its tag and auxiliaries: future, modal, prog(ressive),
    perfect, passive_past / passive_pres, inf(initive), or the plain tense of its tag."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {c.lower_ for c in auxes}
    if words & {"will", "'ll", "shall", "wo"}:
        return "future"
    if any(c.tag_ == "MD" for c in auxes):
        return "modal"
    if verb.tag_ == "VBG" and any(lemma(c) == "be" for c in auxes):
        return "prog"
    if any(lemma(c) == "have" for c in auxes):
        return "perfect"
    if verb.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in auxes):
        return "passive_" + ("past" if any(c.tag_ == "VBD" for c in auxes) else "pres")
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in auxes) or verb.dep_ == "xcomp":
        return "inf"
    return _ASPECT_OF_TAG.get(verb.tag_, "x")


def candidate_features(parsed: Any, cand: Candidate, n_cands: int) -> list[str]:
    """Features of the candidate's place in the sentence and of what it is."""
    out = [f"kind={cand.kind}", f"src={cand.source}", f"ncand={min(n_cands, 4)}"]
    if cand.speaker:
        out.append("speaker")
    if cand.token is None:
        out.append("no_token")
        return out
    tok = parsed[cand.token]
    out += _role(tok, cand.kind)
    out += _window(parsed, cand.token)
    out += _clause(tok, cand.kind)
    if cand.token == _first_noun(parsed):
        out.append("first_noun")
    return out


def _first_noun(parsed: Any) -> int:
    """Index of the sentence's first noun or pronoun (kept on the parse: asked once per candidate)."""
    first = parsed.user_data.get("signals.first_noun")
    if first is None:
        first = next((t.i for t in parsed if pos(t) in ("PROPN", "NOUN", "PRON")), -1)
        parsed.user_data["signals.first_noun"] = first
    return int(first)


def _lemma(t: Any) -> str:
    return lemma(t)


def _role(tok: Any, kind: str) -> list[str]:
    """Dependency relation, governing word, preposition, conjunction."""
    dep = tok.dep_
    first = tok
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    if first.i != tok.i:
        dep = f"conj:{first.dep_}"
        out = ["conj"]
    else:
        out = []
    head = first.head
    out += [f"dep={dep}", f"kdep={kind}:{dep.split(':')[-1]}", f"head={_lemma(head)}", f"dh={dep}>{_lemma(head)}"]
    if first.dep_ == "pobj":
        out += [f"prep={head.lower_}", f"prep={head.lower_}>{_lemma(head.head)}"]
        cls = CUE_OF.get(_lemma(head.head))
        if cls:
            out.append(f"prep={head.lower_}>{cls}")
    if first.dep_ in ("poss", "compound", "amod"):
        cls = CUE_OF.get(_lemma(head))
        out.append(f"mod>{cls or 'x'}")
    cls = CUE_OF.get(_lemma(head))
    if cls:
        out.append(f"headcue={cls}")
        out.append(f"kheadcue={kind}:{cls}")
    return out


def _window(parsed: Any, i: int) -> list[str]:
    out = []
    for off in (-2, -1, 1, 2):
        j = i + off
        if 0 <= j < len(parsed):
            t = parsed[j]
            out.append(f"w{off}={_lemma(t) if pos(t) != 'PROPN' else 'NAME'}")
    return out


def _clause(tok: Any, kind: str) -> list[str]:
    """The verb that governs the candidate and what its clause says (negated? which cues?)."""
    verb = tok
    while pos(verb) not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if pos(verb) not in ("VERB", "AUX"):
        return ["no_verb"]
    out = [f"verb={_lemma(verb)}", f"casp={aspect(verb)}", f"casp={CUE_OF.get(_lemma(verb), 'x')}:{aspect(verb)}"]
    subj = tok.dep_ in ("nsubj", "nsubjpass") or (tok.dep_ == "conj" and tok.head.dep_ in ("nsubj", "nsubjpass"))
    if subj:
        out.append(f"subj_of={_lemma(verb)}")
        cls = CUE_OF.get(_lemma(verb))
        if cls:
            out += [f"subj_cue={cls}", f"ksubj_cue={kind}:{cls}"]
    scope = verb
    if _lemma(verb) in SPEECH:
        comps = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp", "advcl", "conj")]
        if comps:
            scope = comps[0]
            out.append(f"says={_lemma(scope)}")
            if subj:
                out.append("speaker_subj")
    clause = list(scope.subtree)
    clause_text = text_of(tok.doc)[clause[0].idx : clause[-1].idx + len(clause[-1].text)] if clause else ""
    for name in patterns_in(clause_text):
        out.append(f"clause_rx={name}")
        if subj:
            out.append(f"subj_clause_rx={name}")
    if any(t.dep_ == "neg" or t.lower_ in NEGATIONS for t in clause):
        out.append("clause_neg")
        if subj:
            out.append("subj_clause_neg")
    for t in clause:
        cls = CUE_OF.get(_lemma(t))
        if cls:
            out.append(f"clause_cue={cls}")
            if subj:
                out.append(f"subj_clause_cue={cls}")
    for t in scope.children:
        if t.tag_ == "MD":
            out.append(f"clause_modal={t.lower_}")
    return out
