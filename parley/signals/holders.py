"""Who could hold a stance in a sentence: the candidate holders the stance model scores.

Candidates come from the actor registry ("the Kremlin" -> Russia), from capitalised names
the resolver turns into people or organisations ("Transnistrian Foreign Minister Teodor
Lask"), from a demonym on a group noun ("the Ukrainian delegation" -> Ukraine), from
subject pronouns ("he said" -> the person last named), from first-person words inside a
quotation ("we will never ..." -> the speaker) and from the speaker of a quotation or of
reported speech the sentence carries. Each candidate keeps the token that stands for it
in the sentence's parse (None for a speaker named elsewhere), so the model can read its
syntactic role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..actors.names import TITLE_WORDS, first_names
from ..actors.resolve import PEOPLE, Resolved, Resolver, split_title
from .lexicon import GROUP_NOUNS, NOT_NAMES, ORG_WORDS
from .parse import text_of
from .words import lemma, pos

PARTY_DEPS = frozenset({"nsubj", "nsubjpass", "conj", "pobj", "dobj", "poss", "appos"})
FIRST_PERSON = frozenset({"we", "us", "our", "i", "me", "my"})
SUBJECT_PRONOUNS = frozenset({"he", "she"})
GOVERNMENT_NOUNS = frozenset({"government", "administration", "presidency", "cabinet"})
PARTY_NOUNS = frozenset({"side", "party", "leader", "country", "delegation", "government", "rival", "foe"})
TITLE_NOUNS = frozenset(
    "president minister premier leader chancellor envoy spokesman spokeswoman negotiator mediator secretary".split()
)
ROLE_NOUNS = TITLE_NOUNS | frozenset(
    "secretary-general counterpart commander chief head king emir ambassador representative".split()
)
HYPHEN_ROLES = frozenset("led mediated brokered sponsored hosted proposed drafted".split())
COMMON_LEADS = frozenset("both all some many most other western eastern northern southern".split())
_TITLE_WORDS = re.compile(r"\bthe (?:\w+ )?(?:" + "|".join(TITLE_NOUNS | GOVERNMENT_NOUNS) + r")\b", re.I)
_PARTY_WORDS = re.compile(r"\b(?:" + "|".join(f"{w}s" for w in PARTY_NOUNS) + r"|parties|countries)\b", re.I)
GROUP_REFS = frozenset(
    """group movement organization organisation militants rebels guerrillas insurgents faction militia
    separatists jihadists extremists""".split()
)
PLACE_WORDS = frozenset(
    """city strip heights territories territory bank east sea island islands province region valley bay gulf
    river mountains peninsula palace hotel square street airport port capital coast border district
    county oblast highlands desert plateau lake canal corridor""".split()
)
LEADING_NOISE = frozenset("the a an but and as if in on at when while after before however meanwhile".split())


@dataclass
class Candidate:
    """A possible holder in one sentence: canonical name, side, kind and where it stands."""

    name: str
    side: str | None
    kind: str
    source: str
    token: int | None = None
    start: int = 0
    end: int = 0
    speaker: bool = False
    tags: set[str] = field(default_factory=set)


@dataclass
class Context:
    """What the candidate finder needs from the article: resolver, registry and speakers."""

    resolver: Resolver
    speakers: dict[int, list[tuple[str, str | None]]]  # sentence index -> who speaks in a quote/statement in it
    quote_spans: list[tuple[int, int, list[tuple[str, str | None]]]]  # (start, end, who speaks: name, side)
    text: str
    parties: list[str] = field(default_factory=list)  # the article's main parties, most named first
    groups: list[str] = field(default_factory=list)  # its armed groups, most named first
    states: list[str] = field(default_factory=list)  # its states, most named first ("the government" is one's)

    @cached_property
    def lower_words(self) -> frozenset[str]:
        """The words the article writes in lower case (see ``lower_words``), read on first use."""
        return lower_words(self.text)

    @cached_property
    def _commentators(self) -> dict[str, bool]:
        return {}

    def commentator(self, name: str) -> bool:
        """Whether the article introduces ``name`` as an outside commentator (``introduced_as_commentator``)."""
        known = self._commentators.get(name)
        if known is None:
            known = self._commentators[name] = (introduced_as_commentator(self.text, name)
                                                or self._affiliated(name))
        return known

    def _affiliated(self, name: str) -> bool:
        """"X of the International Crisis Group": the registry places the body X belongs to on side "analyst"."""
        at = self.text.find(name)
        m = _AFFILIATION.match(self.text, at + len(name)) if at >= 0 else None
        if m is None:
            return False
        body = self.resolver.registry.get(m.group(1))
        return body is not None and body.side == "analyst"


# Outside commentators (holder side "analyst", see GUIDELINES.md): a person the article introduces
# by one of these words ("political analyst X", "X, a professor at ...", "X, senior fellow at ...")
# or by an affiliation with a research body ("X of the Y Institute", "X from Z University").
COMMENTATOR_WORDS = (
    r"analysts?|experts?|professor|researcher|scholar|academic|commentator|columnist|economist|historian|"
    r"political scientist|(?:senior |research |visiting )?fellow|lecturer|strategist|(?:political )?observer|"
    r"think[- ]tank|pollster"
)
RESEARCH_BODIES = (
    r"Institute|Institution|University|College|Academy|Endowment|Foundation|School|Studies|Research|"
    r"Cent(?:er|re) (?:for|on|of)|Council on|think[- ]tank"
)
_TITLED_BEFORE = re.compile(rf"\b(?i:{COMMENTATOR_WORDS})\s*,?\s*(?:[A-Z][\w.’'-]*\s+){{0,3}}$")
_DESCRIBED_AFTER = re.compile(
    rf"^\s*,\s*(?:an?|the|one)\s+(?:[\w-]+\s+){{0,4}}?(?:{COMMENTATOR_WORDS})\b"
    rf"|^\s*,?\s*(?:an?\s+(?:[\w-]+\s+){{0,3}}?)?(?:of|at|from|with)\s+(?:the\s+)?(?:[A-Z][\w&.’'-]*\s+|for\s+|on\s+|of\s+|and\s+){{0,6}}?"
    rf"(?:{RESEARCH_BODIES})\b"
)

_AFFILIATION = re.compile(
    r"\s*,?\s*(?:of|at|from|with)\s+(?:the\s+)?([A-Z][\w&’'-]*(?:\s+(?:for\s+)?[A-Z][\w&’'-]*){0,5})")


def introduced_as_commentator(text: str, name: str) -> bool:
    """Whether the first mention of ``name`` in ``text`` introduces an outside commentator.

    Read from the words just before the name ("political analyst Ibro Kastel", "Professor
    Ana Dorn") or just after it (", a senior fellow at ...", " of the Kestrian Institute for
    Peace Studies", " from Dorvan University"): the article says who they are once, where
    it first names them, and the signal's sentence may name them by surname only.
    """
    at = text.find(name)
    if at < 0:
        return False
    before = text[max(0, at - 60) : at].rsplit(".", 1)[-1]
    after = text[at + len(name) : at + len(name) + 120]
    return bool(_TITLED_BEFORE.search(before) or _DESCRIBED_AFTER.search(after))


_PARTICLE = r"(?:de|del|al|bin|van|von|la|los|el|ibn|da|di)"
# a particle belongs to a name only before another name word ("Humberto de la Calle", not "Russian de|legations")
_NAME_WORD = r"(?:[A-Z][\w’'.-]*|(?:al|el|ad|as)-[A-Z][\w’'-]*)"
_NAME = re.compile(rf"[A-Z][\w’'.-]*(?:\s+(?:{_NAME_WORD}|{_PARTICLE}(?=\s+(?:[A-Z]|{_PARTICLE}\s+[A-Z]))))*")


def candidate_names(text: str) -> list[tuple[int, int, str]]:
    """Capitalised word runs that may be names: (start, end, text)."""
    return [(m.start(), m.end(), m.group(0)) for m in _NAME.finditer(text)]


def candidates(parsed: Any, sent_start: int, mentions: list[Any], ctx: Context, index: int) -> list[Candidate]:
    """Candidate holders of sentence ``index`` (its parse and its registry mentions)."""
    found: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for m in mentions:
        res = ctx.resolver.resolve(m.text, m.start)
        name, side, kind = (res.name, res.side, res.kind) if res else (m.actor.name, m.actor.side, m.actor.kind)
        cand = _at(parsed, sent_start, m.start, m.end, Candidate(name, side, kind, "registry"))
        found.append(_government_of(parsed, cand, ctx))
        taken.append((m.start, m.end))
    for start, end, phrase in candidate_names(text_of(parsed)):
        a, b = sent_start + start, sent_start + end
        if any(x < b and a < y for x, y in taken):
            continue
        cand = _named(phrase, a, ctx) if _proper(parsed, start, end) else None
        if cand is not None:
            found.append(_at(parsed, sent_start, a, b, cand))
            taken.append((a, b))
    found += _loose_names(parsed, sent_start, taken, ctx)
    found += _demonym_groups(parsed, sent_start, ctx)
    found += _pronouns(parsed, sent_start, ctx)
    found += _parties(parsed, sent_start, ctx)
    found += _titles(parsed, sent_start, ctx)
    found += _roles(parsed, sent_start, ctx)
    found += _hyphen_owners(parsed, sent_start, ctx)
    found += _pairs(parsed, sent_start, ctx)
    found += _group_refs(parsed, sent_start, ctx)
    found += _administrations(parsed, sent_start, ctx)
    found += _name_tails(parsed, sent_start, found, ctx)
    dateline = sent_start + _dateline_end(text_of(parsed), index)
    found = [c for c in found if c.token is None or c.start >= dateline or c.kind == "person"]
    _add_speaker(found, ctx.speakers.get(index))
    found = _merge(found)
    for cand in found:
        if cand.kind == "person" and cand.side is None and ctx.commentator(cand.name):
            cand.kind = cand.side = "analyst"
    return found


def _common_word(word: str, ctx: Context) -> bool:
    """A capitalised common noun ("Head of the mission", "Coal", "Reconciliation"), not a name.

    A title word, or a word the article also writes in lower case.
    """
    low = word.lower().strip(".,;:’'")
    if low in TITLE_WORDS or low in ROLE_NOUNS:
        return True
    return low in ctx.lower_words


_LOWER_RUN = re.compile(r"(?<![\w.]) (\S+)")
_BOUNDARY = re.compile(r"\b")


def lower_words(text: str) -> frozenset[str]:
    """Every string ``w`` for which ``" w"`` stands in ``text`` after a space that follows no
    word character or dot and ends at a word boundary: the words the article writes in lower
    case, read in one pass (a search per candidate word made long texts quadratic)."""
    out: set[str] = set()
    for m in _LOWER_RUN.finditer(text):
        run = text[m.start(1):m.end(1) + 1]  # one character on: a boundary may fall at the run's end
        out.update(run[:b.start()] for b in _BOUNDARY.finditer(run) if b.start())
    return frozenset(out)


def _dateline_end(text: str, index: int) -> int:
    """Where the dateline of the article's first sentence ends ("NAIVASHA, Kenya (Reuters) –"), else 0."""
    if index != 0:
        return 0
    m = _DATELINE.match(text)
    if m is None:
        return 0
    words = m.group(0).split()
    return m.end() if len(words) <= 3 or (words[0].strip(",").isupper() and len(words[0]) > 2) else 0


_DATELINE = re.compile(r"^[^\n]{0,80}?\s[-–—]{1,2}\s")


def _proper(parsed: Any, start: int, end: int) -> bool:
    """Whether the tagger reads a proper noun in ``[start, end)`` (not "Negotiators" opening a sentence)."""
    span = parsed.char_span(start, end, alignment_mode="expand")
    return span is None or any(t.tag_ in ("NNP", "NNPS") for t in span)


def _government_of(parsed: Any, cand: Candidate, ctx: Context) -> Candidate:
    """"Spain's government" -> "Spanish government", as the annotators name it."""
    if cand.kind != "state" or cand.token is None:
        return cand
    tok = parsed[cand.token]
    if tok.dep_ == "poss" and lemma(tok.head) in GOVERNMENT_NOUNS:
        demonym = _demonym_word(cand.name, ctx)
        if demonym:
            cand.name = f"{demonym} government"
    return cand


def _demonym_word(state: str, ctx: Context) -> str | None:
    """"Spain" -> "Spanish" (the registry's first demonym of the state)."""
    adjective = ctx.resolver.registry.adjective(state)
    return " ".join(w.capitalize() for w in adjective.lower().split()) if adjective else None


def _loose_names(parsed: Any, sent_start: int, taken: list[tuple[int, int]], ctx: Context) -> list[Candidate]:
    """Lone surnames ("Aliyev and Pashinian met") and acronyms ("the OSCE", "UUP") in a party's place."""
    out = []
    for tok in parsed:
        a = sent_start + tok.idx
        b = a + len(tok.text)
        if pos(tok) != "PROPN" or any(x < b and a < y for x, y in taken) or tok.lower_ in NOT_NAMES:
            continue
        word = tok.text.strip(".’'")
        if (len(word) >= 2 and word.isupper() and word.isalpha()) or re.fullmatch(r"[A-Z]+\d", word):
            actor = ctx.resolver.registry.get(word)  # "US" -> United States, as the gold names it
            if actor is not None and actor.kind == "media":
                continue
            name, side, kind = (actor.name, actor.side, actor.kind) if actor else (word, None, "organisation")
            out.append(Candidate(name, side, kind, "acronym", tok.i, a, b))
        elif (tok.dep_ in PARTY_DEPS and word[:1].isupper() and len(word) > 2 and not _demonym(word, ctx)
              and not _common_word(word, ctx)):
            if tok.i + 1 < len(parsed) and pos(parsed[tok.i + 1]) == "PROPN":
                continue
            if tok.dep_ != "pobj" or tok.head.lower_ in ("with", "between", "by"):  # not "in Massachusetts"
                out.append(Candidate(word, None, "person", "surname", tok.i, a, b))
    return out


def _named(phrase: str, pos: int, ctx: Context) -> Candidate | None:
    """A person or organisation from a capitalised phrase, or None for places, dates and noise."""
    resolver = ctx.resolver
    words = phrase.replace("’s", "").replace("'s", "").split()
    while words and (words[0].lower() in LEADING_NOISE or words[0].lower() in NOT_NAMES):
        words = words[1:]
    if not words or all(w.lower() in NOT_NAMES for w in words):
        return None
    phrase = " ".join(words).rstrip(".,;:’'")
    if len(words) == 1:
        state = _demonym(phrase[:-1], ctx) if phrase.endswith("s") else None
        if state:
            return Candidate(state, state, "state", "demonym")
        if _demonym(phrase, ctx):
            return None  # a bare demonym ("Russian") names no one
        if _common_word(phrase, ctx) and resolver.registry.get(phrase) is None:
            return None
    if words[0].lower() in COMMON_LEADS and not _org_like(phrase):
        return None
    if _not_an_actor(words, ctx):
        return None
    actor = resolver.registry.get(phrase)
    if actor is not None and actor.kind == "media":
        return None
    if _org_like(phrase) and len(words) > 1:
        return Candidate(phrase, actor.side if actor else _side_of(phrase, resolver), "organisation", "name")
    res: Resolved | None = resolver.resolve(phrase, pos)
    if res is None:
        return None
    name = _strip_places(res.name, resolver)
    if not name:
        return None
    return Candidate(name, res.side or _side_of(phrase, resolver), res.kind, "name")


def _not_an_actor(words: list[str], ctx: Context) -> bool:
    """A place ("Gaza City", "Golan Heights"), a bare title ("Prime Minister") or a demonym phrase."""
    last = words[-1].lower().strip(".,;:’'")
    if last in PLACE_WORDS or all(w.lower().strip(".,") in TITLE_WORDS for w in words):
        return True
    return len(words) > 1 and _demonym(words[-1].strip(".,;:’'"), ctx) is not None


def _org_like(phrase: str) -> bool:
    return any(w.lower().strip(",.’'s") in ORG_WORDS for w in phrase.split()[1:] or phrase.split())


def _strip_places(name: str, resolver: Resolver) -> str:
    """"Kosovo Teodor Lask" -> "Teodor Lask": a leading state or demonym is not part of a name."""
    words = name.split()
    while len(words) > 2 and (resolver.registry.get(words[0]) or resolver.registry.country_of(words[0])):
        words = words[1:]
    return " ".join(words)


def _side_of(phrase: str, resolver: Resolver) -> str | None:
    title, _ = split_title(phrase)
    for word in title.split():
        state = resolver.registry.country_of(word.strip(",.’'")) or _state_named(word, resolver)
        if state:
            return state
    return None


def _state_named(word: str, resolver: Resolver) -> str | None:
    actor = resolver.registry.get(word.strip(",.’'s"))
    return actor.side if actor is not None and actor.kind in ("state", "armed_group", "organisation") else None


def _demonym_groups(parsed: Any, sent_start: int, ctx: Context) -> list[Candidate]:
    """"the Ukrainian delegation", "Israeli and Palestinian negotiators", "the Russians" -> the state.

    A government named by its demonym keeps that name ("the Spanish government"), as
    reporters and annotators write it.
    """
    out = []
    for tok in parsed:
        first = tok
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        head = None
        if first.dep_ in ("amod", "compound", "nmod") and group_noun(first.head):
            head = first.head
            state = _demonym(tok.text, ctx)
        elif tok.text.endswith("s") and tok.text[:1].isupper() and pos(tok) in ("PROPN", "NOUN"):
            head = tok
            state = _demonym(tok.text[:-1], ctx)
        if head is None or not state:
            continue
        a = sent_start + tok.idx
        name = f"{tok.text} government" if lemma(head) in GOVERNMENT_NOUNS else state
        out.append(Candidate(name, state, "state", "demonym", head.i, a, a + len(tok.text)))
    return out


def group_noun(tok: Any) -> bool:
    """Whether ``tok`` names a body of people ("delegation", "officials"): the list holds plurals too."""
    return lemma(tok) in GROUP_NOUNS or tok.lower_ in GROUP_NOUNS


def _roles(parsed: Any, sent_start: int, ctx: Context) -> list[Candidate]:
    """"the Russian president", "Sudan's vice president", "NATO's secretary-general" -> who holds it.

    Only a title that carries its owner (a demonym, a possessive, a name) and names no one
    itself ("Foreign Minister Lavrov" is a name candidate already); the resolver finds the
    holder among the people the article named, or in the registry's dated roles.
    """
    out: list[Candidate] = []
    for tok in parsed:
        if pos(tok) != "NOUN" or lemma(tok) not in ROLE_NOUNS or tok.dep_ not in PARTY_DEPS | {"ROOT"}:
            continue
        owners = [c for c in tok.lefts if c.dep_ in ("poss", "amod", "compound") and pos(c) in ("PROPN", "ADJ")]
        if not owners or any(c.dep_ in ("compound", "flat", "appos") and pos(c) == "PROPN" for c in tok.rights):
            continue
        first = min(t.i for c in owners for t in c.subtree)
        at = sent_start + parsed[first].idx
        phrase = text_of(parsed)[parsed[first].idx : tok.idx + len(tok.text)]
        res = ctx.resolver.resolve(phrase, at)
        if res is not None and res.kind == "person" and res.name != phrase:
            out.append(Candidate(res.name, res.side, "person", "role", tok.i, at, sent_start + tok.idx + len(tok.text)))
    return out


def _hyphen_owners(parsed: Any, sent_start: int, ctx: Context) -> list[Candidate]:
    """"Qatari-led mediation", "the Oman-mediated talks", "a US-brokered deal" -> the state that leads it."""
    out: list[Candidate] = []
    for tok in parsed:
        if tok.lower_ not in HYPHEN_ROLES or tok.i < 2 or parsed[tok.i - 1].text != "-":
            continue
        owner = parsed[tok.i - 2]
        word = owner.text.strip(".’'")
        actor = ctx.resolver.registry.get(word)
        state = actor.side or actor.name if actor is not None and actor.kind != "media" else _demonym(word, ctx)
        if state:
            a = sent_start + owner.idx
            out.append(Candidate(state, state, "state", "hyphen", owner.i, a, a + len(owner.text)))
    return out


def _pairs(parsed: Any, sent_start: int, ctx: Context) -> list[Candidate]:
    """"U.S.-Russia talks", "the US-Saudi initiative", "Israeli-Palestinian negotiations" -> both states."""
    out: list[Candidate] = []
    for tok in parsed:
        if "-" in tok.text.strip("-") and pos(tok) in ("PROPN", "ADJ"):
            parts = [(p, tok) for p in tok.text.split("-")]
        elif tok.text == "-" and 0 < tok.i < len(parsed) - 1:
            parts = [(parsed[tok.i - 1].text, parsed[tok.i - 1]), (parsed[tok.i + 1].text, parsed[tok.i + 1])]
        else:
            continue
        states = [_state_of(word, ctx) for word, _ in parts]
        if len(parts) != 2 or not all(states):
            continue
        for state, (_, at_tok) in zip(states, parts, strict=True):
            a = sent_start + at_tok.idx
            out.append(Candidate(str(state), state, "state", "pair", at_tok.i, a, a + len(at_tok.text)))
    return out


def _state_of(word: str, ctx: Context) -> str | None:
    """The state (or armed group) a word names or describes: "U.S." / "US" / "Saudi" / "Israeli"."""
    word = word.strip(".’'")
    if not word[:1].isupper():
        return None
    actor = ctx.resolver.registry.get(word) or ctx.resolver.registry.get(word + ".")
    if actor is not None and actor.kind in ("state", "armed_group"):
        return actor.side or actor.name
    return _demonym(word, ctx)


def _titles(parsed: Any, sent_start: int, ctx: Context) -> list[Candidate]:
    """"the president said" -> the last person named; "the government" -> the main party's government."""
    out: list[Candidate] = []
    if not _TITLE_WORDS.search(text_of(parsed)):
        return out
    for tok in parsed:
        word = lemma(tok)
        if pos(tok) != "NOUN" or tok.dep_ not in PARTY_DEPS or not any(c.lower_ == "the" for c in tok.children):
            continue
        if any(c.dep_ in ("amod", "compound", "poss") and pos(c) in ("ADJ", "PROPN")
               and not _plain_adjective(c, word, ctx) for c in tok.children):
            continue
        at = sent_start + tok.idx
        if word in TITLE_NOUNS:
            res = ctx.resolver.last_person(at)
            if res is not None:
                out.append(Candidate(res.name, res.side, "person", "title", tok.i, at, at + len(tok.text)))
        elif word in GOVERNMENT_NOUNS and (ctx.states or ctx.parties):
            state = (ctx.states or ctx.parties)[0]
            demonym = _demonym_word(state, ctx)
            if demonym:
                name = f"{demonym} government"
                out.append(Candidate(name, state, "state", "government", tok.i, at, at + len(tok.text)))
    return out


def _plain_adjective(tok: Any, noun: str, ctx: Context) -> bool:
    """"the *legitimate* government", "the *interim* government": an adjective that names no owner,
    so the government is still the article's main state's (not "the Russian government")."""
    return noun in GOVERNMENT_NOUNS and pos(tok) == "ADJ" and tok.dep_ == "amod" and tok.text.islower() \
        and _demonym(tok.text, ctx) is None


def _group_refs(parsed: Any, sent_start: int, ctx: Context) -> list[Candidate]:
    """"the group", "the rebels", "the militants" -> the armed group or organisation last named."""
    out: list[Candidate] = []
    for tok in parsed:
        if tok.lower_ not in GROUP_REFS or tok.dep_ not in PARTY_DEPS:
            continue
        if not any(c.lower_ in ("the", "this", "these") for c in tok.children):
            continue
        if any(c.dep_ in ("compound", "poss") and pos(c) == "PROPN" for c in tok.children):
            continue
        at = sent_start + tok.idx
        res = ctx.resolver.organisation(at, head=tok.lower_)
        if res is not None and not res.parties:  # a joint statement's parties are no "group" of their own
            out.append(Candidate(res.name, res.side, res.kind, "group_ref", tok.i, at, at + len(tok.text)))
        elif ctx.groups:
            name = ctx.groups[0]
            out.append(Candidate(name, name, "armed_group", "group_ref", tok.i, at, at + len(tok.text)))
    return out


def _parties(parsed: Any, sent_start: int, ctx: Context) -> list[Candidate]:
    """"the two sides", "both leaders", "the parties" -> the article's two main parties."""
    out: list[Candidate] = []
    if not _PARTY_WORDS.search(text_of(parsed)):
        return out
    for tok in parsed:
        if lemma(tok) not in PARTY_NOUNS or tok.tag_ not in ("NNS", "NNPS"):
            continue
        if not any(c.lower_ in ("two", "both", "the", "all") for c in tok.children):
            continue
        a = sent_start + tok.idx
        for name in ctx.parties[:2]:
            out.append(Candidate(name, name, "state", "parties", tok.i, a, a + len(tok.text)))
        break
    return out


def _demonym(word: str, ctx: Context) -> str | None:
    """The state of a demonym: from the registry, or "Moldovan" -> "Moldova" when the text names it."""
    state = ctx.resolver.registry.country_of(word)
    if state:
        return state
    if not word[:1].isupper():
        return None
    for cut, add in (("ian", "ia"), ("an", "a"), ("ian", ""), ("an", ""), ("ese", ""), ("i", "")):
        if word.endswith(cut) and len(word) > len(cut) + 2:
            guess = word[: -len(cut)] + add
            if re.search(rf"\b{re.escape(guess)}\b", ctx.text):
                return guess
    return None


def _pronouns(parsed: Any, sent_start: int, ctx: Context) -> list[Candidate]:
    """"he"/"she" as a subject -> the person last named; "we"/"I" inside a quotation -> its speaker."""
    out = []
    for tok in parsed:
        low = tok.lower_
        pos = sent_start + tok.idx
        if low in SUBJECT_PRONOUNS and tok.dep_ in ("nsubj", "nsubjpass"):
            res = ctx.resolver.last_person(pos)
            if res is not None and res.name.split()[-1].lower() not in PLACE_WORDS:
                out.append(Candidate(res.name, res.side, "person", "pronoun", tok.i, pos, pos + len(tok.text)))
        elif low in FIRST_PERSON:
            out += _first_person(ctx, tok.i, pos, pos + len(tok.text))
    return out


def _first_person(ctx: Context, i: int, start: int, end: int) -> list[Candidate]:
    """"we" inside a quote: its speaker (each party, for a joint statement)."""
    who = next((who for qs, qe, who in ctx.quote_spans if qs <= start < qe), [])
    out = [Candidate(name, side, "person", "first_person", i, start, end) for name, side in who]
    for cand in out:
        cand.speaker = True
    return out


def _add_speaker(found: list[Candidate], speakers: list[tuple[str, str | None]] | None) -> None:
    for name, side in speakers or []:
        known = next((c for c in found if c.name == name), None)
        if known is None:
            known = Candidate(name, side, "person", "speaker")
            found.append(known)
        known.speaker = True


def _at(parsed: Any, sent_start: int, a: int, b: int, cand: Candidate) -> Candidate:
    """Place ``cand`` on the head token of the characters ``[a, b)`` of the sentence."""
    cand.start, cand.end = a, b
    span = parsed.char_span(a - sent_start, b - sent_start, alignment_mode="expand")
    if span is not None and len(span):
        cand.token = span.root.i
    return cand


def _merge(found: list[Candidate]) -> list[Candidate]:
    """One candidate per name: the one placed on a token, preferring subjects."""
    best: dict[str, Candidate] = {}
    for c in found:
        key = c.name.lower()
        old = best.get(key)
        if old is None:
            best[key] = c
            continue
        old.speaker = old.speaker or c.speaker
        if old.token is None and c.token is not None:
            c.speaker = old.speaker
            best[key] = c
    return list(best.values())


# --- coverage: holders the text names only together, by their office, or behind a place -----

def _administrations(parsed: Any, sent_start: int, ctx: Context) -> list[Candidate]:
    """"Joe Biden's administration", "the Obama administration", "his administration" -> "Obama
    administration"; "Pashinian's government" -> "Armenian government": the government a leader heads.

    News (and the annotators) name a US government by its president; any other a person
    heads goes by its state ("the Spanish government").
    """
    out: list[Candidate] = []
    for tok in parsed:
        word = lemma(tok)
        if word not in ("administration", "government") or tok.dep_ not in PARTY_DEPS | {"ROOT"}:
            continue
        owner = next((c for c in tok.children if c.dep_ in ("poss", "compound")
                      and (pos(c) == "PROPN" or c.lower_ in ("his", "her"))), None)
        who = _owner(parsed, owner, sent_start, ctx) if owner is not None else None
        if who is None or not who.side:
            continue
        if word == "administration":
            name = f"{who.name.split()[-1]} administration"
        else:
            demonym = _demonym_word(who.side, ctx)
            if not demonym:
                continue
            name = f"{demonym} government"
        a = sent_start + owner.idx
        out.append(Candidate(name, who.side, "state", "administration", tok.i, a, sent_start + tok.idx + len(tok.text)))
    return out


def _owner(parsed: Any, owner: Any, sent_start: int, ctx: Context) -> Resolved | None:
    """The person an owner word names: "his" -> the last person named, "Biden" -> Joe Biden."""
    at = sent_start + owner.idx
    if owner.lower_ in ("his", "her"):
        return ctx.resolver.last_person(at)
    first = min(t.i for t in owner.subtree if pos(t) == "PROPN")
    phrase = text_of(parsed)[parsed[first].idx : owner.idx + len(owner.text)]
    res = ctx.resolver.resolve(phrase, sent_start + parsed[first].idx)
    return res if res is not None and res.kind in PEOPLE else None


def _name_tails(parsed: Any, sent_start: int, found: list[Candidate], ctx: Context) -> list[Candidate]:
    """The person at the end of a capitalised run no candidate ends: "Head of the Kestrian Observer
    Mission to Dorvania Ilse Brandt", "Deputy Envoy for the Northern Region Petra Lind".

    A title's place (a registry actor, a region) runs into the name; the name is the tail
    that opens with a first name.
    """
    ends = {c.end for c in found}
    out: list[Candidate] = []
    text = text_of(parsed)
    if _title_case(text):  # a headline: "Syria Talks Ended in Astana" is no "Talks Ended"
        return out
    for start, end, phrase in candidate_names(text):
        if sent_start + end in ends or sent_start + end - 1 in ends:
            continue
        words = [(m.start(), m.group(0)) for m in re.finditer(r"\S+", phrase)]
        for k in range(1, len(words) - 1):
            at, word = words[k]
            if word.lower() not in first_names() and ctx.resolver.registry.get(phrase[:at].strip()) is None:
                continue
            a = sent_start + start + at
            tail = phrase[at:].rstrip(".,;:’'")
            res = ctx.resolver.resolve(tail, a)
            if res is not None and res.kind in PEOPLE and _proper(parsed, start + at, end) \
                    and not _not_an_actor(tail.split(), ctx):
                name = tail if res.name.endswith(" " + tail) else res.name  # not "Northern Region Petra Lind"
                out.append(_at(parsed, sent_start, a, sent_start + end, Candidate(name, res.side, "person", "tail")))
            break
    return out


def _title_case(text: str) -> bool:
    """Whether most words of ``text`` are capitalised, as in a headline."""
    words = re.findall(r"[^\W\d_][\w’'-]*", text)
    return len(words) >= 4 and sum(w[0].isupper() for w in words) > 0.6 * len(words)
