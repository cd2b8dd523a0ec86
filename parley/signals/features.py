"""Features of one (sentence, candidate holder) pair, as strings, for the stance model.

Three kinds: what the sentence says (its lemmas and cue classes, negation, modality, a
question, a quotation), where the candidate stands (its dependency relation, the word that
governs it, the verb of its clause and what that clause says, the preposition that brings
it in: "talks *with* X", "a meeting *between* X and Y", "hosted *by* X"), and what the
candidate is (person, state, organisation; named here, a pronoun, or the speaker). The
model weighs them; these functions only describe.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from .holders import Candidate
from .lexicon import CONDITION_WORDS, CUES, DOUBT, MODALS, NEGATIONS, NEGATORS, POLAR, POLAR_PHRASES, patterns_in
from .parse import text_of
from .words import lemma, pos

_R = TypeVar("_R")


def per_parse(fn: Callable[[Any], _R]) -> Callable[[Any], _R]:
    """``fn`` of one word, kept on the word's parse: a sentence's candidates climb through the
    same predicates, and each of ``polarity``, ``doubt`` and ``event_above`` asks about them."""
    key = f"signals.{fn.__name__}"

    @wraps(fn)
    def kept(word: Any) -> _R:
        memo: dict[int, _R] = word.doc.user_data.setdefault(key, {})
        if word.i not in memo:
            memo[word.i] = fn(word)
        return memo[word.i]

    return kept


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
        cls = cue_class(t)
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


def cue_class(t: Any) -> str | None:
    """The cue class of a word; a condition waived ("without preconditions", "no conditions") is ``waive``."""
    cls = CUE_OF.get(lemma(t))
    if cls == "cond" and pos(t) == "NOUN" and _negated(t):
        return "waive"
    return cls


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
    if words & {"will", "'ll", "shall", "wo"} or ("would" in words and reported_future(verb)):
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


# Verbs that report what was said or announced: "would" in the clause they govern in the past is
# the future seen from then ("she said the envoy would arrive on Monday"), not a hypothesis.
REPORTING = SPEECH | frozenset("mention reveal disclose inform promise pledge".split())
# Words that keep a reported "would" hypothetical: "said he would meet them *if* ...", "*maybe*".
HEDGES = frozenset("if unless maybe perhaps possibly".split())


def reported_future(verb: Any) -> bool:
    """Whether ``verb`` is the complement of a past verb of saying, unhedged: its "would" is "will" then."""
    head = verb.head
    if verb.dep_ != "ccomp" or head.i == verb.i or lemma(head) not in REPORTING:
        return False
    if head.tag_ not in ("VBD", "VBN"):
        return False
    return not any(t.lower_ in HEDGES for t in verb.subtree)


def candidate_features(parsed: Any, cand: Candidate, n_cands: int) -> list[str]:
    """Features of the candidate's place in the sentence and of what it is."""
    out = [f"kind={cand.kind}", f"src={cand.source}", f"ncand={min(n_cands, 4)}"]
    if cand.speaker:
        out.append("speaker")
    out += doubt(parsed, cand)
    if cand.token is None:
        out.append("no_token")
        return out
    tok = parsed[cand.token]
    out += _role(tok, cand.kind)
    out += _window(parsed, cand.token)
    out += _clause(tok, cand.kind)
    out += participation(tok, cand.kind)
    out += polarity(tok)
    out += event_above(tok)
    if cand.token == _first_noun(parsed):
        out.append("first_noun")
    return out


# Words that name talks, truces, deals or mediation: the things a holder takes part in.
TALK_CLASSES = ("talk", "truce", "deal", "agree", "mediate", "open")
TALK_WORDS = frozenset().union(*(CUES[c] for c in TALK_CLASSES)) - {"call", "want", "hope", "back", "support"}
# Verbs whose object is a target, not a party: "strikes on X", "accused X", "X was attacked".
TARGET_VERBS = frozenset(
    """attack strike bomb shell kill target invade occupy accuse blame condemn criticise criticize
    hit raid seize capture besiege sanction punish fight""".split()
)
CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "acl", "xcomp", "csubj", "pcomp", "parataxis"})


def participation(tok: Any, kind: str) -> list[str]:
    """Whether the candidate takes part in the talks the sentence names or is only mentioned.

    Read from the path up the tree: the first talk word above the candidate and the
    relations on the way ("talks *with* X": pobj>prep; "X's delegation": poss; "X held
    talks": nsubj of a verb whose object is a talk word), how many clauses down the
    candidate sits, and whether it is the target of an attack or an accusation.
    """
    out: list[str] = []
    chain: list[str] = []
    cur, clauses = tok, 0
    for _ in range(6):
        if cur.head.i == cur.i:
            break
        chain.append(cur.dep_)
        if cur.dep_ in CLAUSE_DEPS:
            clauses += 1
        cur = cur.head
        word = _lemma(cur)
        if word in TARGET_VERBS and chain[-1] in ("dobj", "nsubjpass", "pobj"):
            out.append("target_of_attack")
        if word in TALK_WORDS:
            out += [f"anc={'>'.join(chain[-2:])}", f"kanc={kind}:{chain[0]}", f"anc_n={min(len(chain), 4)}"]
            break
        if pos(cur) in ("VERB", "AUX") and chain[-1] in ("nsubj", "nsubjpass", "conj"):
            objs = [c for c in cur.children if c.dep_ in ("dobj", "attr", "prep", "xcomp") and _holds_talk(c)]
            if objs:
                out += [f"subj_talk={chain[-1]}", f"ksubj_talk={kind}"]
                break
    else:
        out.append("anc=none")
    out.append(f"cdepth={min(_depth(tok), 3)}")
    if clauses:
        out.append(f"cdepth_up={min(clauses, 2)}")
    return out


def _holds_talk(tok: Any) -> bool:
    """Whether ``tok`` or a word just below it names talks ("held *talks*", "took part *in* talks")."""
    if _lemma(tok) in TALK_WORDS:
        return True
    return any(_lemma(c) in TALK_WORDS for c in tok.children if c.dep_ in ("pobj", "dobj", "compound"))


def _depth(tok: Any) -> int:
    """How many clauses the candidate sits below the sentence's main verb."""
    n = 0
    cur = tok
    while cur.head.i != cur.i:
        if cur.dep_ in CLAUSE_DEPS:
            n += 1
        cur = cur.head
    return n


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
    how = aspect(verb)
    out = [f"verb={_lemma(verb)}", f"casp={how}", f"casp={CUE_OF.get(_lemma(verb), 'x')}:{how}"]
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
    patterns, negated, cues, modals = _clause_facts(scope)
    for name in patterns:
        out.append(f"clause_rx={name}")
        if subj:
            out.append(f"subj_clause_rx={name}")
    if negated:
        out.append("clause_neg")
        if subj:
            out.append("subj_clause_neg")
    for cls in cues:
        out.append(f"clause_cue={cls}")
        if subj:
            out.append(f"subj_clause_cue={cls}")
    backshift = "would" in modals and reported_future(scope)
    out += [f"clause_modal={'will' if backshift and m == 'would' else m}" for m in modals]
    return out


# --- polarity and scope of the holder's own predicate -------------------------------------

POLAR_OF: dict[str, str] = {w: cls for cls, words in POLAR.items() for w in words}
# Relations that lead from a predicate down to what it says of talks: "refused *to negotiate*",
# "is *ready*", "called off *the talks*", "there was no *agreement*", "calls *for* talks".
_DOWN = ("xcomp", "acomp", "ccomp", "dobj", "attr", "nsubjpass", "oprd")
_DOWN_PREPS = frozenset({"for", "to", "on", "in", "of", "from", "with"})
_SUBJ = frozenset({"nsubj", "csubj"})


def polarity(tok: Any) -> list[str]:
    """What the candidate's own predicate says of talks, whether it is negated, and the candidate's part in it.

    The cue that governs the talk word in the candidate's clause is read as a chain of
    classes ("refused to resume talks": ``refuse>hold``; "there was no agreement":
    ``agree``, negated; "called off the talks": ``refuse``); the candidate is its subject,
    the one whose words are reported (``says``), its object, the owner of a cue noun ("X's
    proposal": ``poss``, with the verb governing that noun, as in "rejects X's proposal"),
    or a party brought in by a preposition. The sentence's bag of words cannot say which
    of its cues concern which candidate; these features do.
    """
    first = _stand_in(tok)
    role, pred = _holder_role(first)
    out: list[str] = []
    if role.startswith("p_") and pos(first.head.head) == "NOUN":
        noun = first.head.head  # "the call for a truce *by X*", "the agreement *between X* and Y"
        chain, neg = _chain(noun)
        out.append(f"polp={role}>{chain[0] if chain else 'none'}:{neg}")
    if role == "poss":
        chain, neg = _chain(first.head)
        under = _governing_class(first.head)
        out += [f"poln={chain[0] if chain else 'none'}:{neg}", f"polu={under}"]
        if pred is None:
            return out
    if pred is None:
        return out + ["pol=none"]
    chain, neg = _chain(pred)
    c1 = chain[0] if chain else "none"
    out += [f"pol={c1}", f"pol={c1}:{neg}", f"polr={role}:{c1}:{neg}", f"polc={c1}:{neg}:{_terms(pred)}"]
    how = aspect(pred) if pos(pred) in ("VERB", "AUX") else "adj"
    said = reading(chain, neg, how, _terms(pred), role)
    if said:
        out.append(f"pold={said}")
    if len(chain) > 1:
        out += [f"pol2={c1}>{chain[1]}:{neg}", f"polr2={role}:{c1}>{chain[1]}"]
    if role in ("subj", "says"):
        for verb in _shared_subject(pred):  # "refused the offer *and walked out*"
            more, mneg = _chain(verb)
            if more:
                out.append(f"polcj={role}:{more[0]}:{mneg}")
    return out


# Tenses and moods of talks not (yet) held: "to negotiate", "could meet".
IRREALIS = frozenset({"inf", "modal", "base"})
TALKING = frozenset({"hold", "talk"})
TERMED = TALKING | {"refuse", "seek", "ready"}  # stances that terms make conditional


def reading(chain: tuple[str, ...], neg: str, how: str, terms: str, role: str) -> str | None:
    """The guideline's stance that a predicate's chain of classes states, read as a rule.

    One feature for what the polarity features say in pieces: "refused to negotiate"
    refuse, "will not talk until" conditional, "called for talks" / "is ready" open, "held
    talks" / "will meet" engaged, "agreed to resume talks" engaged, "signed a deal" / "the
    deal was struck" agreed, "a deal brokered *between X and Y*" agreed for X and Y. The model
    weighs it with the rest; None where the chain says no stance ("there was no agreement").
    """
    if not chain:
        return None
    c1, c2 = chain[0], (chain[1] if len(chain) > 1 else "")
    if c1 == "cond" or (terms == "cond" and c1 in TERMED):
        return "conditional"
    if c1 == "doubt":
        return None if neg == "neg" else "skeptical"
    if c1 == "refuse":
        return "open" if neg == "neg" else "refuse"
    if neg == "neg":
        return "refuse" if c1 in TERMED - {"refuse"} else None
    if c1 in ("seek", "ready"):
        return "open"
    if c1 == "agree":
        if c2 in TALKING:
            return "engaged"  # "agreed to hold talks"
        return None if how in IRREALIS else "agreed"
    if c1 == "mediate" and c2 == "agree" and role.startswith(("p_", "obj")):
        return "agreed"  # the parties of a deal someone brokered
    if c1 in TALKING or c1 == "mediate":
        return "open" if how in IRREALIS else "engaged"
    return None


def event_above(tok: Any) -> list[str]:
    """The stance that the nearest talk, deal or stance above the candidate states (``polud=``).

    Where the candidate's own predicate says nothing of talks, a verb above it may: "a deal
    brokered *between X and Y*" (agreed for X and Y), "an agreement was reached, whereby
    *the two sides* committed to ..." (agreed), "the deal was struck at a meeting *between X
    and Y*" (agreed, not the meeting's engaged). Read as ``reading`` reads the candidate's own
    predicate, in the tense of the verb the chain hangs from. A verb of saying ends the walk:
    what is said belongs to its speaker.
    """
    cur = tok
    for _ in range(8):
        head = cur.head
        if head.i == cur.i or lemma(head) in SPEECH:
            break
        if pos(head) in ("VERB", "AUX"):  # a verb with its object: "the deal *was struck*"
            said = _verb_reading(head)
            if said:
                return [f"polud={said}"]
        cur = head
    return []


@per_parse
def _verb_reading(verb: Any) -> str | None:
    """``reading`` of a verb seen from below (kept per parse: the candidates of a sentence climb
    through the same verbs)."""
    chain, neg = _chain(verb)
    return reading(chain, neg, aspect(_top_of(verb)), "none", "p_above") if chain else None


def _top_of(verb: Any) -> Any:
    """The verb whose tense an infinitive complement shares ("helped *broker*", "agreed *to hold*")."""
    while verb.dep_ == "xcomp" and verb.head.i != verb.i:
        verb = verb.head
    return verb


def _shared_subject(pred: Any) -> list[Any]:
    """Verbs conjoined to ``pred`` that have no subject of their own (at most two)."""
    return [c for c in pred.children if c.dep_ == "conj" and pos(c) == "VERB"
            and not any(g.dep_ in _SUBJ or g.dep_ == "nsubjpass" for g in c.children)][:2]


def _stand_in(tok: Any) -> Any:
    """The word that stands for the candidate in its clause: the head of its list or apposition
    ("Hamas and Fatah", "rival factions Hamas and Fatah"), the group noun it qualifies ("the Israeli
    cabinet", "Iraq's government"); not a cue noun it owns ("X's proposal", kept for ``poln``)."""
    cur = tok
    for _ in range(6):
        head = cur.head
        if head.i == cur.i:
            break
        if cur.dep_ in ("conj", "appos") or (
            cur.dep_ in ("poss", "compound", "amod") and pos(head) == "NOUN" and not polar_class(head)
        ):
            cur = head
            continue
        if pos(cur) == "PROPN" and cur.dep_ == "compound" and pos(head) == "PROPN":
            cur = head
            continue
        break
    return cur


@per_parse
def _terms(pred: Any) -> str:
    """Whether the predicate's clause sets terms ("cond"), waives them ("without preconditions": "free") or neither."""
    words = [t for t in pred.subtree if t.lower_ in CONDITION_WORDS]
    if not words:
        return "none"
    terms = [t for t in words if t.lower_ != "without"]
    if terms and all(t.lower_.startswith(("condition", "precondition")) and _negated(t) for t in terms):
        return "free"
    return "cond"


@per_parse
def _holder_role(first: Any) -> tuple[str, Any]:
    """The candidate's part in the nearest predicate above it, and that predicate (None when none)."""
    dep, head = first.dep_, first.head
    if dep in _SUBJ:
        role = "subj"
    elif dep == "pobj" and head.dep_ == "agent":
        role, head = "subj", head.head
    elif dep == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
        role, head = "says", head.head
    elif dep == "pobj":
        role = f"p_{head.lower_}"
    elif dep in ("dobj", "nsubjpass"):
        role = "obj"
    elif dep in ("poss", "compound", "amod"):
        role = "poss"
    else:
        role = "other"
    pred = _predicate_above(head if head.i != first.i else first)
    while pred is not None and pred.dep_ in ("xcomp", "acomp") and pred.head.i != pred.i:
        pred = pred.head  # "refused to negotiate *with X*": the refusal concerns X too
    if pred is not None and role == "subj" and lemma(pred) in SPEECH:
        said = [c for c in pred.children if c.dep_ in ("ccomp", "xcomp")]
        if said:
            role, pred = "says", said[0]
    return role, pred


def _predicate_above(t: Any) -> Any:
    """The first verb or adjective of a clause at or above ``t``."""
    for _ in range(8):
        if pos(t) in ("VERB", "AUX") or (pos(t) == "ADJ" and t.dep_ in ("ROOT", "acomp", "ccomp")):
            return t
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def polar_class(t: Any) -> str | None:
    """The polarity class of one word, read with its particle or preposition ("call off", "call for")."""
    word = lemma(t)
    for c in t.children:
        if c.dep_ in ("prt", "prep", "acomp", "dobj") and (word, c.lower_) in POLAR_PHRASES:
            return POLAR_PHRASES[(word, c.lower_)]
    if word == "open" and t.tag_.startswith("VB"):
        return "hold"
    return POLAR_OF.get(word)


def _negated(t: Any) -> bool:
    """Whether ``t`` is negated where it stands: "not", "never" on it, "no" on a noun, "without" above it."""
    if any(c.dep_ == "neg" or (c.lower_ in NEGATORS and c.dep_ in ("det", "advmod", "neg")) for c in t.children):
        return True
    return t.dep_ == "pobj" and t.head.lower_ == "without"


@per_parse
def _chain(pred: Any) -> tuple[tuple[str, ...], str]:
    """The polarity classes down the predicate (verb, its complement, its object) and whether any is negated.

    A negating predicate ("failed to agree", "unable to meet") negates what it governs.
    """
    classes: list[str] = []
    neg = False
    node = pred
    for _ in range(4):
        cls = polar_class(node)
        if cls == "hold" and any(c.dep_ == "xcomp" for c in node.children):
            cls = None  # "continues to rule out", "began to prepare": the complement says it
        if lemma(node) == "be" and not cls:
            cls = _copula_class(node)
        neg = neg or _negated(node) or lemma(node) in NEGATORS
        if cls and (not classes or classes[-1] != cls):
            classes.append(cls)
        node = _down(node)
        if node is None:
            break
    return tuple(classes[:2]), "neg" if neg else "pos"


def _copula_class(be: Any) -> str | None:
    """What a copula says of talks that are its subject: "talks were *out of the question*" refuses."""
    subj = [c for c in be.children if c.dep_ in _SUBJ]
    if not subj or POLAR_OF.get(lemma(subj[0])) not in ("talk", "agree"):
        return None
    if any(c.lower_ == "out" and c.dep_ == "prep" for c in be.children):
        return "refuse"
    return POLAR_OF.get(lemma(subj[0]))


def _down(t: Any) -> Any:
    """The next word down a predicate: its complement, object, or the object of its "for"/"to"/"on"."""
    kids = list(t.children)
    for dep in _DOWN:
        for c in kids:
            if c.dep_ == dep and (dep != "ccomp" or pos(t) == "ADJ"):
                return c
    for c in kids:
        if c.dep_ == "prep" and c.lower_ in _DOWN_PREPS:
            objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            if objs and (polar_class(objs[0]) or _down(objs[0]) is not None):
                return objs[0]
    return None


def _governing_class(noun: Any) -> str:
    """The class of the verb a cue noun hangs from ("rejects X's *proposal*": refuse), negated or not."""
    head = noun.head
    if noun.dep_ == "pobj":
        head = head.head
    if head.i == noun.i or pos(head) not in ("VERB", "AUX", "NOUN", "ADJ"):
        return "none"
    cls = polar_class(head) or "none"
    return f"{cls}:{'neg' if _negated(head) else 'pos'}"


# --- doubt in what the candidate itself says or does ----------------------------------------

_DOUBTS = "signals.doubts"


def doubt(parsed: Any, cand: Candidate) -> list[str]:
    """Whether the candidate's own words or clause doubt that talks are possible, sincere or useful.

    ``lexicon.DOUBT`` read where the candidate stands: in the clause it is the subject of
    ("X expressed deep scepticism", "X dismissed the offer as a ploy"), in the clause its
    words are reported in ("X said the talks were unlikely to ..."), under a noun it owns
    ("X's assertion that ... shows a lack of seriousness"), elsewhere in the clause above it
    (``dbt=other``), or anywhere in a sentence it speaks ("'It is a joke,' X said"). The
    sentence's words (``rx=skeptical``) cannot tell whose doubt it is; the stance model has
    few skeptical examples, so the doubt is read here, not left to single words.
    """
    out = ["dbt=speaker"] if cand.speaker and doubts_in(parsed, None) else []
    if cand.token is None:
        return out
    tok = parsed[cand.token]
    if tok.dep_ == "poss":
        role, pred = "poss", tok.head
    else:
        role, pred = _holder_role(_stand_in(tok))
        role = role if role in ("subj", "says") else "other"
    if pred is not None and doubts_in(parsed, pred):
        out.append(f"dbt={role}")
    return out


def doubts_in(doc: Any, head: Any = None) -> bool:
    """Whether the words under ``head`` (the whole sentence for None) say ``lexicon.DOUBT``; kept per parse.

    Most sentences say no doubt at all: the sentence is searched once, and only a sentence
    that has some doubt has the clauses of its candidates searched.
    """
    memo: dict[int, bool] = doc.user_data.setdefault(_DOUBTS, {})
    key = -1 if head is None else head.i
    found = memo.get(key)
    if found is None:
        if head is not None and not doubts_in(doc, None):
            found = memo[key] = False
            return found
        text = text_of(doc)
        if head is not None:
            words = list(head.subtree)
            text = text[words[0].idx : words[-1].idx + len(words[-1].text)]
        found = memo[key] = DOUBT.search(text) is not None
    return found


ClauseFacts = tuple[tuple[str, ...], bool, list[str], list[str]]
_CLAUSES = "signals.clauses"


def _clause_facts(scope: Any) -> ClauseFacts:
    """What the clause under ``scope`` says: its stance patterns, whether it is negated, the cue
    class of each of its words, its modals. Kept on the parse: the candidates of a sentence
    mostly share their clause."""
    memo: dict[int, ClauseFacts] = scope.doc.user_data.setdefault(_CLAUSES, {})
    facts = memo.get(scope.i)
    if facts is None:
        clause = list(scope.subtree)
        whole = text_of(scope.doc)
        text = whole[clause[0].idx : clause[-1].idx + len(clause[-1].text)] if clause else ""
        facts = memo[scope.i] = (
            patterns_in(text) if text == whole else patterns_in(text, patterns_in(whole)),
            any(t.dep_ == "neg" or t.lower_ in NEGATIONS for t in clause),
            [cls for cls in (cue_class(t) for t in clause) if cls],
            [t.lower_ for t in scope.children if t.tag_ == "MD"],
        )
    return facts
