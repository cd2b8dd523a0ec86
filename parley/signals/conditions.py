"""Preconditions of a conditional stance, cut from the dependency parse of its sentence.

A condition is what must happen first, as the text words it: "until *it recognizes
Israel*", "demanded *the withdrawal of the army from the valley*", "insists on *the return
of every village it lost*", "in exchange for *democratic concessions*",
"*the militants must lay down their weapons*", "open to talks to *achieve our goals*". Each
cue word points at a head in the parse (the clause a marker introduces, the object or
complement of a demand, the noun after a preposition, the clause a "must" governs) and the
condition is that head's subtree, without the marker, split at coordination ("recognize
Israel, renounce violence and accept the agreements" are three conditions) and trimmed to a
short span of the sentence, so every phrase is an exact substring of the text.
"""

from __future__ import annotations

import re
from typing import Any

from .lexicon import CUES
from .parse import text_of
from .words import lemma

MAX_TOKENS = 22
MAX_CONDITIONS = 4
# Subordinators whose clause is a precondition ("until it recognizes Israel"); the temporal
# ones count only after "only" ("only after the troops leave").
ALWAYS = frozenset({"until", "unless", "till", "if"})
WITH_ONLY = frozenset({"after", "when", "once", "before", "while"})
PROVIDED = frozenset({"provided", "providing"})
# Prepositions whose object is a precondition ("until the defeat of ...", "without reciprocity").
PREPOSITIONS = frozenset({"until", "till", "pending", "without", "except"})
NOT_CONDITIONS = frozenset({"precondition", "preconditions", "condition", "conditions", "delay", "interruption",
                            "hand"})  # "on the other hand"
# Words that state a demand: their object or complement is the condition.
DEMANDS = frozenset({"demand", "insist", "require", "stipulate", "want", "condition", "insistence", "precondition",
                     "propose"})
DEMAND_DEPS = frozenset({"dobj", "ccomp", "xcomp", "attr"})
ON_WORDS = frozenset({"conditional", "contingent", "dependent", "conditioned", "subject"})
GOALS = frozenset({"goal", "objective", "aim", "term"})
ACHIEVE = frozenset({"achieve", "attain", "reach", "fulfil", "fulfill", "meet", "realize", "realise", "accomplish"})
ORDERS = frozenset({"tell", "ask", "urge", "order", "warn", "advise", "call", "challenge", "invite"})
OBLIGATION = frozenset({"must", "should"})
HAVE_TO = frozenset({"have", "has", "had", "need", "needs", "needed"})
TALK_WORDS = CUES["talk"] | CUES["truce"] | CUES["hold"] | {"engage", "negotiate", "agree", "sign"}
# Talk words that make an "if" clause the talks rather than the condition ("if he wants talks");
# not "meet" ("if the conditions are met").
IF_TALKS = (CUES["talk"] | CUES["truce"] | {"negotiate"}) - {"meet", "meeting", "call", "channel", "round", "format"}
NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "CD"})
SKIP_EDGE = frozenset({"mark", "cc", "punct", "prep", "advmod", "case"})
_BREAK = re.compile(r"\s[-–—]\s|[;:(]")


def conditions(parsed: Any) -> list[str]:
    """The preconditions the sentence states, as exact phrases of it, in text order."""
    targets: list[tuple[Any, Any]] = []
    for tok in parsed:
        for head, dropped in _targets(tok):
            if all(head.i != h.i for h, _ in targets):
                targets.append((head, dropped))
    text = text_of(parsed)
    found: list[tuple[int, str]] = []
    memo: dict[int, bool] = {}  # token index -> whether it is an aside (asked once per token, not per member)
    for start, end in _glued([span for head, dropped in targets for span in _split(head, dropped, memo)], parsed):
        phrase = _phrase(parsed, text, start, end)
        if phrase and not any(p in phrase for _, p in found):
            # the narrower phrase wins: "would only hold talks if X" -> "X"
            found = [(s, p) for s, p in found if phrase not in p] + [(start, phrase)]
    return [p for _, p in sorted(found)][:MAX_CONDITIONS]


def _glued(spans: list[tuple[int, int]], parsed: Any) -> list[tuple[int, int]]:
    """The spans, those that follow one another with no space between joined: the parser sometimes
    cuts a hyphenated word into sibling heads ("a de", "-", "escalation of the war")."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        last = out[-1] if out else None
        if last and last[1] == start and not parsed[start - 1].whitespace_:
            out[-1] = (last[0], end)
        else:
            out.append((start, end))
    return out


def _targets(tok: Any) -> list[tuple[Any, Any]]:
    """(head, dependent to leave out or None): the subtrees that ``tok`` marks as conditions."""
    word, dep = tok.lower_, tok.dep_
    if dep in ("mark", "advmod") and _conditional_marker(tok):
        return [_before_talks(tok) if word in ("before", "if") else (tok.head, None)]
    if dep == "prep" and word in PREPOSITIONS:
        return [(c, None) for c in _objects(tok) if c.lower_ not in NOT_CONDITIONS]
    if dep == "prep" and word == "for" and tok.head.lower_ in ("exchange", "return"):
        return [(c, None) for c in _objects(tok)]
    if dep == "prep" and word in ("on", "to") and _previous(tok) in ON_WORDS:
        return [(c, None) for c in _objects(tok)]
    if dep == "prep" and word == "of" and tok.head.lower_ == "event" and _previous(tok.head) == "the":
        return [(c, None) for c in _objects(tok)]  # "in the event of a ceasefire"
    if word in PROVIDED:
        return [(c, None) for c in tok.children if c.dep_ in ("pcomp", "ccomp", "advcl")]
    if word == "only" and dep == "advmod" and _only_verb(tok):
        return [(tok.head, None)]
    if word in ("condition", "conditions") and tok.head.lower_ == "on":
        return [(c, None) for c in tok.children if c.dep_ in ("acl", "ccomp", "relcl")] + _of_objects(tok)
    base = lemma(tok)
    if base in DEMANDS:
        return [(c, None) for c in _demanded(tok)]
    if base in GOALS and tok.head.lower_ != "of":
        return [(tok.head if lemma(tok.head) in ACHIEVE else tok, None)]
    if word in OBLIGATION and tok.head.i != tok.i and lemma(tok.head) not in TALK_WORDS:
        return [(tok.head, None)]
    if word in HAVE_TO:  # "would have to agree to decommissioning"
        return [(c, None) for c in tok.children if c.dep_ == "xcomp" and lemma(c) not in TALK_WORDS]
    if base == "call" and tok.tag_.startswith("VB"):  # "called for the government to release prisoners"
        return [(c, None) for c in tok.children if c.dep_ == "advcl" and _marked(c, "for")] + [
            (o, None) for c in tok.children if c.dep_ == "prep" and c.lower_ == "for" for o in _objects(c)]
    return []


def _marked(tok: Any, word: str) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == word for c in tok.children)


def _only_verb(tok: Any) -> bool:
    """"would only meet with unarmed groups": "only" limits a verb that is not the sentence's root."""
    verb = tok.head
    nxt = tok.doc[tok.i + 1].lower_ if tok.i + 1 < len(tok.doc) else ""
    return verb.tag_.startswith("VB") and verb.dep_ != "ROOT" and nxt not in ALWAYS | WITH_ONLY and nxt != "then"


def _aside(tok: Any) -> bool:
    """A dependent that is not part of the condition: "as a condition for talks", "before talks begin"."""
    if tok.dep_ == "prep" and any(c.lower_ in NOT_CONDITIONS for c in _objects(tok)):
        return True
    if tok.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("before", "until", "so") for m in tok.children):
        return any(lemma(t) in TALK_WORDS for t in tok.subtree)
    return False


def _conditional_marker(tok: Any) -> bool:
    word = tok.lower_
    if word == "as":  # "as long as" / "so long as"
        return _previous(tok) == "long"
    if word in ALWAYS:
        return True
    return word in WITH_ONLY and (_only_before(tok) or _negated(tok.head.head))


def _negated(verb: Any) -> bool:
    """"We cannot engage ... while X": the clause the marker's clause depends on is negated."""
    return any(c.dep_ == "neg" for c in verb.children)


def _only_before(tok: Any) -> bool:
    """"only if", "only after", "would only meet ... when": an "only" just before or on the clause's head."""
    doc = tok.doc
    if tok.i > 0 and doc[tok.i - 1].lower_ == "only":
        return True
    return any(c.lower_ == "only" for c in tok.head.head.children)


def _before_talks(tok: Any) -> tuple[Any, Any]:
    """"X must be dismantled before talks can start", "lay down your arms if you want talks": the
    condition is the main clause, not the talks; of an order ("told them to disarm if ..."), what
    is ordered."""
    clause = tok.head
    talks = TALK_WORDS if tok.lower_ == "before" else IF_TALKS
    if not any(lemma(t) in talks for t in clause.subtree) or clause.head.i == clause.i:
        return clause, None
    main = clause.head
    if lemma(main) in ORDERS:
        ordered = [c for c in main.children if c.dep_ in ("xcomp", "ccomp") and c.i != clause.i]
        if ordered:
            return ordered[0], clause
    return main, clause


def _objects(prep: Any) -> list[Any]:
    return [c for c in prep.children if c.dep_ == "pobj"]


def _of_objects(tok: Any) -> list[tuple[Any, Any]]:
    return [(o, None) for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for o in _objects(c)]


def _demanded(tok: Any) -> list[Any]:
    """The object or complement of a demand ("demanded X", "insists on X", "its demand for X")."""
    out = [c for c in tok.children if c.dep_ in DEMAND_DEPS and not _talks_verb(c)]
    linked = ("on", "upon", "of") if lemma(tok) in ("condition", "precondition") else ("on", "upon", "for", "of")
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in linked:
            out += [o for o in _objects(c) if o.lower_ not in NOT_CONDITIONS]
        if c.dep_ == "prep":  # "insists on a truce without preconditions and the return of X"
            out += [m for o in _objects(c) if o.lower_ in NOT_CONDITIONS for m in _conjuncts(o)]
        if c.dep_ in ("acl", "relcl") and any(m.dep_ == "mark" for m in c.children):
            out.append(c)
    if not out and tok.dep_ == "attr":  # "the withdrawal is a precondition": the subject of the copula
        out = [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return out


def _talks_verb(tok: Any) -> bool:
    """"wanted to hold talks", "want to negotiate": what is wanted is the talks, not a condition."""
    return tok.tag_.startswith("VB") and lemma(tok) in TALK_WORDS


def _previous(tok: Any) -> str:
    return str(tok.doc[tok.i - 1].lower_) if tok.i > 0 else ""


def _run_end(indices: list[int]) -> int:
    """End (exclusive) of the first contiguous run of ``indices``."""
    end = indices[0]
    for i in indices:
        if i != end:
            break
        end = i + 1
    return end


def _split(head: Any, dropped: Any, memo: dict[int, bool]) -> list[tuple[int, int]]:
    """Token spans of ``head``'s subtree (less ``dropped``'s), one per coordinated member ("X, Y and Z").

    A member coordinated with an aside ("a ceasefire without preconditions and the restoration
    of its borders") is a member of its own. ``memo`` keeps each token's ``_aside`` answer: a
    sentence of many coordinated clauses asks it of the same tokens once per member.
    """

    def aside(tok: Any) -> bool:
        if tok.i not in memo:
            memo[tok.i] = _aside(tok)
        return memo[tok.i]

    members = [head, *_conjuncts(head)]
    members += [c for t in head.subtree for a in t.children if aside(a) for o in _objects(a) for c in _conjuncts(o)]
    out = []
    for m in members:
        inside = {t.i for t in m.subtree}
        skip = {t.i for n in members if n.i != m.i and n.i in inside for t in n.subtree}
        asides = [c for t in m.subtree for c in t.children if aside(c)]
        for d in ([dropped] if dropped is not None else []) + asides:
            skip |= {t.i for t in d.subtree}
        keep = [t.i for t in m.subtree if t.i not in skip and not _coordinator(t, members)]
        if keep:
            out.append((keep[0], _run_end(keep)))
    return out


def _conjuncts(head: Any) -> list[Any]:
    """Members coordinated with ``head`` ("recognize Israel, renounce violence and accept ...").

    A list the parser reads as an apposition ("the release of X, an end to Y and the reopening
    of Z": "end" an appos of "release") counts when the appositive coordinates in turn.
    """
    out, todo = [], [head]
    while todo:
        for c in todo.pop().children:
            if _hyphenated(c):
                continue
            if c.dep_ == "conj" or (c.dep_ == "appos" and any(g.dep_ == "cc" for g in c.children)):
                out.append(c)
                todo.append(c)
    return out


def _hyphenated(tok: Any) -> bool:
    """The second half of a hyphenated word the parser split ("de-escalation"): not a member of its own."""
    doc = tok.doc
    if tok.i < 2 or doc[tok.i - 1].text != "-":
        return False
    return not doc[tok.i - 1].whitespace_ and not doc[tok.i - 2].whitespace_


def _coordinator(tok: Any, members: list[Any]) -> bool:
    return tok.dep_ in ("cc", "punct") and any(tok.head.i == m.i for m in members)


def _phrase(parsed: Any, text: str, start: int, end: int) -> str:
    """The text of tokens ``[start, end)``, trimmed of markers and punctuation at its edges and cut short."""
    while start < end and (parsed[start].dep_ in SKIP_EDGE or parsed[start].lower_ in ("only", "that", "to")):
        start += 1
    while end > start and (parsed[end - 1].dep_ in ("punct", "cc") or parsed[end - 1].lower_ in ("first",)):
        end -= 1
    if end - start > MAX_TOKENS:
        end = start + MAX_TOKENS
    if end <= start or not any(_content(parsed[k]) for k in range(start, end)):
        return ""  # "we can": no word that says what must happen
    phrase = text[parsed[start].idx : parsed[end - 1].idx + len(parsed[end - 1].text)]
    cut = _BREAK.search(phrase)
    if cut and cut.start() > 0:
        phrase = phrase[: cut.start()]
    phrase = phrase.strip(" ,.")
    if not phrase or (" " not in phrase and (parsed[start].tag_ not in NOUN_TAGS or phrase.lower() in _FUNCTION)):
        return ""
    return phrase


def _content(tok: Any) -> bool:
    return tok.tag_[:2] in ("NN", "VB", "JJ", "CD") and tok.dep_ not in ("aux", "auxpass")


_FUNCTION = frozenset("it this that them they he she we you him her us these those there here".split())
