"""From a name as written to an actor: canonical name, side and role.

"Kremlin spokesman Dmitry Peskov" -> Dmitry Peskov, role "spokesman", side Russia;
"Peskov" later in the article -> the same person; "Tajik Prime Minister Farrukh Odinaev"
(unknown to the registry) -> Farrukh Odinaev, side Tajikistan from the demonym; "the Russian
president" in 2004 -> Vladimir Putin, by the dated roles of the registry or the people the
article named with that title; "the Kremlin" -> Russia; "he" -> the person the pronoun most
plausibly points at (gender, recency, subject position).

The resolver works per article: ``scan`` reads the article's names once (a cheap regular
expression pass, no parse), and every ``resolve`` remembers whom it met.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..model import Actor
from ..quotes.cues import CUE_RX, OUTLET_RX, cue_matches
from ..text.segment import ABBREVIATIONS
from .names import (
    DESCRIBED_KIND,
    HONORIFICS,
    NOT_NAMES,
    ORG_WORDS,
    PARTICLES,
    TITLE_WORDS,
    before_headline_verb,
    first_names,
    gender_of,
    is_capitalised,
    looks_like_person,
)
from .registry import Registry

PEOPLE = ("person", "analyst", "anonymous")  # kinds of speakers that are people ("he said" can point at them)
# speakers the text describes but does not identify: "a senior official", "the source" (speaker unknown)
ANONYMOUS = frozenset("""source sources official officials diplomat diplomats insider insiders women men children
    mourners crowd crowds person persons""".split())
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "him", "her", "them"})
_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
_PRONOUN_RX = re.compile(r"\b(?:[Hh]e|[Hh]im|[Hh]is|[Ss]he|[Hh]er|[Hh]ers)\b")
_DESCRIBED_SUBJECT = re.compile(
    r"[Tt]he ((?:[A-Z][\w’'-]+ )?(?:president|prime minister|foreign minister|defen[cs]e minister|chancellor|"
    r"spokesman|spokeswoman|premier|king|queen|emir|leader|minister))\b"
)
_CAP_WORD = r"(?:[A-Z\u00C0-\u00DE][\w’'.-]*|(?:al|el|ad|as)-[A-Z][\w’'-]*)"
_NAME = re.compile(
    rf"(?<![\w’'-]){_CAP_WORD}"
    rf"(?:[ \t]*\n?[ \t]*(?<=\s)(?:{_CAP_WORD}|(?:de|del|da|di|dos|du|van|von|der|den|la|le|al|el|bin|ibn|bint|ben|abu)"
    rf"(?=\s+[A-Z])))*"
)
_BODY_OF = re.compile(
    r"(?:’s|'s)?\s+((?:foreign |defen[cs]e |interior |information |finance )?(?:ministry|government|army|military|"
    r"embassy|cabinet|parliament|presidency|armed forces|foreign office|security council))\b",
    re.I,
)
_ORG_RUN = re.compile(
    r"(?:[Tt]he\s+)?[A-Z][\w’'.&-]*(?:\s+(?:of|for|and|on|the)?\s*[A-Z][\w’'.&-]*){1,6}"
)
_DETERMINERS = frozenset("the a an one another two three several some many its his her their our this that".split())
_STATE_HEADS = frozenset("side delegation leadership government authorities camp".split())
_GENERIC_HEADS = frozenset("official diplomat politician leader minister negotiator envoy man woman".split())
_OWNER = re.compile(r"^(?:the\s+)?([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*)(?:’s|'s|’|')\s+(?:office|campaign|team|government|"
                    r"administration|cabinet|press office|spokesman's office)$")
_ONE_OF = re.compile(r"^(?:one|some|several|two|three|many|most)\s+of\s+(\S.*)$", re.I)
_SPOKESMAN_FOR = re.compile(r"^(?:an?|the|one)\s+(?:\w+\s+)?(?:spokes(?:man|woman|person)|member|representative)\s+"
                            r"(?:for|of)\s+(.+)$", re.I)
_DOCUMENTS = frozenset("statement communique communiqué declaration".split())
_OWNED = frozenset("report study survey memo letter".split())  # speak for an author named before them
_DOC_MODIFIERS = frozenset("joint official written emailed brief new latest separate public formal short press "
                           "earlier later second first final".split())
_DOCUMENT_WORDS = _DOCUMENTS | _OWNED  # unions made once, not per word
_NOT_ISSUER = _DETERMINERS | _DOC_MODIFIERS
_ISSUED_BY = re.compile(
    r"(?:\s+(?:issued|released|published|signed|sent|posted|put\s+out|carried))?\s+(?:by|from|of)\s+(.+)$"
)
# a party of "both X and Y": a name after at most two lower-case modifiers ("the communist-led National
# Front"), or a state's own arms named by their common noun ("the government")
_PARTY = r"(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}?([A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*|government|army|military)"
_BOTH = re.compile(rf"\bboth\s+{_PARTY}\s+and\s+{_PARTY}")
_STATE_ARM = re.compile(r"\b([A-Z][\w’'-]+?)(?:’s|'s)?\s+(government|army|military)\b")
_AND = re.compile(r"\s+and\s+")
_BODY_HEADS = frozenset("spokesman spokeswoman spokesperson member representative".split())
_BODY_KINDS = frozenset(("organisation", "armed_group", "group", "government", "media"))
_GROUP_HEADS = frozenset(
    """group movement organization organisation militants rebels guerrilla guerrillas insurgents faction militia
    alliance coalition front insurgency jihadists extremists separatists""".split()
)
# titles that mean the top office of a state ("the Russian leader" -> its president)
LEADER_TITLES = ("president", "prime minister", "supreme leader", "chancellor", "king", "emir", "leader")


@dataclass
class Resolved:
    """An actor as the text names them."""

    name: str
    side: str | None
    kind: str
    role: str | None = None
    actor: Actor | None = None
    gender: str | None = None
    parties: tuple[Resolved, ...] = ()  # several actors speaking together ("Armenia and Azerbaijan")


@dataclass
class Mention:
    """Where an article names a person, and whether as the subject of its sentence."""

    pos: int
    who: Resolved
    salience: int = 0  # 2: speaks (subject of a cue), 1: subject of its sentence, 0: named


@dataclass
class Resolver:
    """Resolves names within one article, remembering whom it has met."""

    registry: Registry
    date: str | None = None
    people: dict[str, list[Mention]] = field(default_factory=dict)  # surname -> mentions
    order: list[Mention] = field(default_factory=list)  # person mentions by position
    paragraph_starts: list[int] = field(default_factory=list)
    sentence_starts: list[int] = field(default_factory=list)
    given: dict[str, list[Mention]] = field(default_factory=dict)  # other name words -> mentions
    orgs: list[Mention] = field(default_factory=list)  # states, organisations, groups, outlets by position
    acronyms: dict[str, Resolved] = field(default_factory=dict)  # spelt out in this article
    _at: dict[tuple[int, str], Mention] = field(default_factory=dict)
    _text: str = ""
    _learnt: dict[str, str] | None = None
    _quoted: list[tuple[int, int]] = field(default_factory=list)
    _full_names: dict[str, str] = field(default_factory=dict)  # registry name -> the article's spelt-out name
    _issued: list[Mention] = field(default_factory=list)  # who issued a statement, by position
    _together: bool = False  # while resolving a quote's speaker: several actors may speak as one
    _bodies: list[Mention] = field(default_factory=list)  # bodies an unnamed spokesman spoke for

    # --- reading the article ----------------------------------------------------------

    def scan(self, text: str, sentence_starts: list[int] | None = None,
             paragraph_starts: list[int] | None = None, matches: list[Any] | None = None) -> None:
        """Meet every person and organisation the article names, in order.

        ``matches`` are the registry's finds in the text (``Registry.find``); people come
        from titles, the registry and the shape of names.
        """
        starts = set(sentence_starts or ())
        self.paragraph_starts = sorted(paragraph_starts or [0])
        self.sentence_starts = sorted(starts)
        self._scan_acronyms(text)
        for match in matches or ():
            if match.actor.kind not in PEOPLE:
                res = self._from_actor(match.actor)
                body = _BODY_OF.match(text, match.end)  # "Norway's foreign ministry": the ministry speaks for Norway
                if body is not None and match.actor.kind == "state":
                    res = Resolved(res.name, res.side, res.kind, body.group(1).lower(), res.actor)
                self.orgs.append(Mention(match.start, res))
        for m in _ORG_RUN.finditer(text):
            kind = _organisation(_strip_the(m.group(0)))
            if kind is not None and self.registry.get(m.group(0)) is None:
                self.orgs.append(Mention(m.start(), Resolved(_strip_the(m.group(0)), self._side_from_title(m.group(0)),
                                                              kind)))
        self.orgs.sort(key=lambda m: m.pos)
        layout = _Layout.of(text, starts)
        for m in _NAME.finditer(without_nicknames(text)):
            for start, end in name_runs(text, m.start(), m.end()):
                run = text[start:end]
                named = before_headline_verb(run)  # "Amara Velic Speaks ‘…’": the name before the verb
                if not named:
                    continue
                if named != run:
                    end = start + len(named)
                title_start = self._owner_start(text, _title_start(text, start), start)
                title, name = split_title(text[title_start:end])
                if not name:
                    continue
                title = title or _apposed_title(text, start)  # "the Chilean ambassador to Peru, Tomas Brell"
                salience = _salience(text, title_start, end, layout)
                res = self._person(title, name)
                if res is not None and res.side is None and res.actor is None:
                    res.side = self._owner_after(text, end)  # "Amara Velic of the Northern Front"
                if res is None and salience >= 2 and _bare_name(name, self.registry):
                    res = Resolved(name, None, "person", None, None, gender_of(name))
                if res is not None:
                    self.remember(res, end - len(name), salience)
        for m in _DESCRIBED_SUBJECT.finditer(text):  # "The president was unmoved." names her too
            if m.start() in starts:
                holder = self._role_holder(m.group(1), m.start())
                if holder is not None:
                    self.remember(holder, m.start(), 1)
        self._text = text

    def _scan_acronyms(self, text: str) -> None:
        """Acronyms the article spells out ("the Kestrian Coastal Shipping Office (KCSO)").

        A registry actor the article spells out keeps the article's full name ("Intergovernmental
        Authority on Development", not "IGAD"): that is the name a reader would give.
        """
        if not _IN_BRACKETS.search(text):  # the pattern's own ending, found fast: most articles spell none out
            return
        for m in _ACRONYM.finditer(text):
            acronym = m.group(2)
            full = _spelt_out(m.group(1), acronym)
            if full is None:
                continue
            actor = self.registry.get(full)
            if actor is not None and actor.kind not in PEOPLE:
                self._full_names[actor.name] = full
                self.acronyms[acronym] = self._from_actor(actor)
            else:
                kind = _organisation(full) or "organisation"
                self.acronyms[acronym] = Resolved(full, self._side_from_title(full), kind)

    def gender(self, who: Resolved) -> str | None:
        """``who``'s gender: from the registry or the name, else from the pronouns the article uses after them."""
        if who.gender:
            return who.gender
        if self._learnt is None:
            self._learnt = self._learn_genders()
        return self._learnt.get(who.name)

    def _learn_genders(self) -> dict[str, str]:
        """Votes of the first he/his/him or she/her after each mention, before the next person is named."""
        votes: dict[str, list[str]] = {}
        for i, m in enumerate(self.order):
            if m.who.gender or m.salience < 1 or self._in_quote(m.pos):
                continue
            stop = self.order[i + 1].pos if i + 1 < len(self.order) else len(self._text)
            for p in _PRONOUN_RX.finditer(self._text, m.pos, min(stop, m.pos + 300)):
                if not self._in_quote(p.start()):
                    votes.setdefault(m.who.name, []).append(_GENDER[p.group(0).lower()])
                    break
        out = {}
        for name, v in votes.items():
            top = max(set(v), key=v.count)
            if v.count(top) > len(v) / 2:
                out[name] = top
        return out

    # --- resolving ----------------------------------------------------------------------

    def resolve(self, phrase: str, pos: int = 0, salience: int = 0, together: bool = False) -> Resolved | None:
        """Resolve ``phrase`` ("Kremlin spokesman Dmitry Peskov", "Peskov", "the Kremlin").

        ``together`` lets several actors speak as one ("Armenia and Azerbaijan said", "a joint
        statement from Harbourline, Portgild and the KNU"): right for a quote's speaker, wrong for the
        holder of a signal, where each party holds its own.
        """
        if together and not self._together:
            self._together = True
            try:
                return self.resolve(phrase, pos, salience)
            finally:
                self._together = False
        phrase = _clean(phrase)
        if not phrase or phrase.lower() in PRONOUNS:
            return None
        if _strip_the(phrase) in self.acronyms:
            return self.acronyms[_strip_the(phrase)]
        actor = self.registry.get(phrase)
        if actor is not None and actor.kind not in PEOPLE:
            return self._from_actor(actor)
        if self._together and actor is None and _AND.search(phrase) and _organisation(_strip_the(phrase)) is None:
            joint = self._coordinated(phrase, pos, salience)
            if joint is not None:  # "Armenia and Azerbaijan said in a joint statement"
                return joint
        head = head_name(phrase)
        if head is not None:
            title, name = head
            res = self._person(title, name, pos=pos)
            if res is not None:
                return self.remember(res, pos, salience)
            body = self.registry.get(name)
            if body is not None and body.kind not in PEOPLE:  # "Israeli newspaper Haaretz"
                return self._from_actor(body)
        if actor is not None:
            return self.remember(self._from_actor(actor), pos, salience)
        return self._described(phrase, pos, salience)

    def pronoun(self, word: str, pos: int, exclude: set[str] | None = None, initial: bool = False) -> Resolved | None:
        """The person a subject pronoun ("he", "she") at ``pos`` most plausibly points at.

        Paragraph by paragraph backwards from the pronoun (its own paragraph first, then up
        to three before): among compatible people (gender, not excluded), the one who spoke
        (the subject of a cue) beats a sentence subject, which beats a mere mention; the
        most recent wins a tie.
        """
        if word.lower() in ("it", "they"):
            return self.organisation(pos, group_only=word.lower() == "they")
        gender = _GENDER.get(word.lower())
        if gender is None:
            return None
        if initial:  # "Hrast watched from the other side. He said …": the last sentence's subject goes on
            previous = self._previous_subject(pos, gender)
            if previous is not None:
                return previous
        bounds = self._paragraphs_before(pos, 4)
        for lo, hi in bounds[:1] + [b for b in bounds[1:] if not _caption(self._text[b[0] : b[1]])]:
            best: Mention | None = None
            for m in self.order[bisect.bisect_left(self.order, lo, key=lambda m: m.pos):]:
                if m.pos >= hi:
                    break
                if (exclude and m.who.name in exclude) or self._in_quote(m.pos):
                    continue
                known = self.gender(m.who)
                if m.who.kind not in PEOPLE or (known and known != gender):
                    continue
                if best is None or m.salience >= best.salience:
                    best = m
            if best is not None:
                return best.who
        return None

    def organisation(self, pos: int, head: str | None = None, group_only: bool = False) -> Resolved | None:
        """The organisation "it", "the group" or "the ministry" at ``pos`` points at.

        The subject of the sentence it stands in when that is an organisation ("The Council
        pledged sanctions against what it called …"), else the last one named before it.
        """
        lo = self._paragraphs_before(pos, 3)[-1][0]
        starts = self.sentence_starts
        sentence = starts[bisect.bisect_right(starts, pos) - 1] if starts else lo
        candidates = [m for m in self.orgs if lo <= m.pos < pos and not self._in_quote(m.pos)]
        subject = [m for m in candidates if m.pos >= sentence and m.pos - sentence < 8]
        near = self._paragraphs_before(pos, 2)[-1][0]
        spoke = [m for m in candidates[::-1] if m.salience >= 2 and m.pos >= near] if head is None else []
        for m in subject + spoke + candidates[::-1]:  # "It said …" after "APA reported …": the one who spoke
            kind = m.who.kind
            if group_only and kind not in ("armed_group", "organisation", "group", "government"):
                continue
            if head in _GROUP_HEADS and kind not in ("armed_group", "organisation", "group"):
                continue
            if head is not None and head not in _GROUP_HEADS and head not in f"{m.who.name} {m.who.role or ''}".lower():
                continue
            return m.who
        return None

    def _previous_subject(self, pos: int, gender: str) -> Resolved | None:
        """The compatible person opening the sentence before ``pos``, in the same paragraph."""
        k = bisect.bisect_right(self.sentence_starts, pos) - 1
        if k < 1 or self._paragraphs_before(pos, 1)[0][0] > self.sentence_starts[k - 1]:
            return None
        lo, hi = self.sentence_starts[k - 1], self.sentence_starts[k]
        fits = [m for m in self.order[bisect.bisect_left(self.order, lo, key=lambda m: m.pos):]
                if m.pos < hi and m.who.kind == "person" and self.gender(m.who) in (None, gender)
                and not self._in_quote(m.pos)]
        for m in fits:  # the one who speaks in it, or the subject it opens with
            if m.salience >= 2 or (m.salience >= 1 and m.pos < lo + 60):
                return m.who
        return None

    def _paragraphs_before(self, pos: int, n: int) -> list[tuple[int, int]]:
        """``(start, end)`` of the text before ``pos`` in its paragraph, then the ``n - 1`` before it."""
        starts = [p for p in self.paragraph_starts if p <= pos] or [0]
        out = [(starts[-1], pos)]
        for k in range(len(starts) - 1, max(0, len(starts) - n), -1):
            out.append((starts[k - 1], starts[k]))
        return out

    def last_person(self, before: int, gender: str | None = None) -> Resolved | None:
        """The person most recently named before ``before`` (for "he said")."""
        for m in reversed(self.order):
            if m.pos < before and m.who.kind in PEOPLE and not (gender and self.gender(m.who) not in (None, gender)):
                return m.who
        return None

    def introduce(self, name: str, pos: int) -> Resolved:
        """A person named only by ``name`` where the text shows they speak ("…," said Caddell)."""
        seen = self._seen(name, pos)
        res = seen or Resolved(name, None, "person", None, None, gender_of(name))
        return self.remember(res, pos, 2)

    def known(self, name: str) -> Resolved | None:
        """A person this article has already named, by full name or surname."""
        mentions = self.people.get(_surname(name))
        return mentions[-1].who if mentions else None

    # --- internals ----------------------------------------------------------------------

    def _person(self, title: str, name: str, pos: int | None = None) -> Resolved | None:
        """A person called ``name`` (with ``title`` before it), from the article or the registry."""
        name = _strip_possessive(name)
        words = name.split()
        if not words:
            return None
        actor = self.registry.get(name)
        if actor is not None and actor.kind not in PEOPLE:
            return None
        if len(words) == 1 or actor is None:
            seen = self._seen(name, pos)
            if seen is not None and (len(words) == 1 or seen.name.endswith(name) or seen.name == name):
                return seen
        if actor is not None:
            return self._from_actor(actor, role=_role(title, self.registry) or None, title=title)
        if not looks_like_person(name) or self.registry.country_of(name) or (actor is None and self.registry.get(name)):
            return None
        if len(words) == 1 and not (title and _has_title_word(title)):
            return None  # a lone unknown capitalised word is not enough
        side = self._side_from_title(title)
        return Resolved(name, side, "person", _role(title, self.registry) or None, None, gender_of(name, title))

    def _seen(self, name: str, pos: int | None) -> Resolved | None:
        """A person already met whose surname (or, for one word, another name) is ``name``'s."""
        mentions = self.people.get(_surname(name))
        if not mentions and " " not in name.strip():
            mentions = self.given.get(_surname(name))  # "Li" of "Li Zhaoxing", "Amara"
        if not mentions:
            return None
        # mentions are kept in position order: the last one at or before ``pos`` (a scan of the
        # list here made an article that names one person thousands of times quadratic)
        k = len(mentions) if pos is None else bisect.bisect_right(mentions, pos, key=lambda m: m.pos)
        return mentions[k - 1 if k else -1].who

    def _described(self, phrase: str, pos: int, salience: int) -> Resolved | None:
        """A speaker described, not named: "the Russian president", "a senior official"."""
        words = phrase.split()
        core = re.split(r"\s+(?:of|for|at|with|from|in|on)\s+", phrase, maxsplit=1)[0].split()
        head = core[-1].lower().strip(".,")  # "a member of Al-Shabab" -> member
        part = _ONE_OF.match(phrase)
        if part is not None:  # "according to one of the AU briefing notes": the body's own word
            whole = self.resolve(part.group(1), pos, salience)
            if whole is not None and whole.kind in ("organisation", "state", "government"):
                return whole
        if words[0].lower() in ("a", "an", "one"):  # "a Taliban spokesman": one of the body's, not a holder
            body = self._body(phrase, head, pos)
            if body is not None:
                return body
        holder = self._role_holder(phrase, pos)
        if holder is not None:
            return self.remember(holder, pos, salience)
        owner = _OWNER.match(phrase)
        if owner is not None:  # "Milosevic's office said", "Griffiths’ office wrote": the owner speaks
            who = self.resolve(owner.group(1), pos, salience)
            if who is not None:
                return who
        document = self._document(phrase, pos)
        if document is not None:
            return document
        body = self._body(phrase, head, pos)
        if body is not None:
            return body
        if head in _STATE_HEADS:  # "the Russian side", "the Thai delegation": the state speaks
            state = self.registry.get(self._side_from_title(phrase) or "")
            if state is not None and state.kind == "state":
                return self._from_actor(state)
        if head == "member" and words[0].lower() == "the":
            named = self.organisation(pos, "group")
            if named is not None:
                return named
        name = re.sub(r"^(?:the|The)\s+", "", phrase)
        if len(words) <= 3 and words[0].lower() in ("the", "this", "that") and DESCRIBED_KIND.get(head) in (
            "organisation", None
        ) or head in _GROUP_HEADS:
            named = self.organisation(pos, head)  # "the group said" -> the group last named
            if named is not None:
                return named
        organisation = _organisation(name)
        if organisation is not None:
            return Resolved(self._body_name(name), self._side_from_title(name), organisation)
        if words[0].lower() == "the" and DESCRIBED_KIND.get(head) == "person" or head in ("official", "diplomat"):
            named = self._antecedent(phrase, pos) if words[0].lower() == "the" else None
            if named is not None:  # "the Russian official" after Lavrov was named
                return self.remember(named, pos, salience)
        if head in ANONYMOUS:  # plural ones ("sources") are no "he" or "she"
            gender = "p" if head.endswith("s") else None
            anonymous = Resolved(name, self._side_from_title(name), "anonymous", head, None, gender)
            return self.remember(anonymous, pos, salience)
        kind = DESCRIBED_KIND.get(head)
        if kind is None:
            if not (head.isalpha() and head.islower() and len(words) > 1 and words[0].lower() in _DETERMINERS):
                return None
            kind = "person"  # "the New York businessman": a described speaker all the same
        side = self._side_from_title(" ".join(words[:-1]))
        name = self._body_name(name) if kind == "organisation" else name
        res = Resolved(name, side, kind, head if kind == "person" else None)
        return self.remember(res, pos, salience) if kind == "person" else res

    def _body(self, phrase: str, head: str, pos: int) -> Resolved | None:
        """The body an unnamed member speaks for: "a spokesman for the Committee …", "a member of
        Al-Shabab", "a Taliban spokesman"; "the spokesman" then is the body's spokesman met before."""
        words = phrase.split()
        body = _SPOKESMAN_FOR.match(phrase)
        if body is not None:
            who = self.resolve(body.group(1), pos + len(phrase) - len(body.group(1)))
            if who is None:  # "a spokesman for Disney": a body the registry does not know
                who = self._unknown_body(body.group(1))
            if who is not None and who.kind not in PEOPLE:
                self._bodies.append(Mention(pos, who))
                return who
        if head not in _BODY_HEADS or words[0].lower() not in _DETERMINERS:
            return None
        named = " ".join(w for w in words[1:-1] if w[:1].isupper())
        actor = self.registry.get(named) if named else None
        if actor is not None and actor.kind in _BODY_KINDS:  # "a Taliban spokesman", "an ELN member"
            who = self._from_actor(actor)
            self._bodies.append(Mention(pos, who))
            return who
        if len(words) == 2 and words[0].lower() == "the":  # "the spokesman was quoted as saying"
            earlier = [m for m in self._bodies if m.pos < pos and m.pos >= self._paragraphs_before(pos, 4)[-1][0]]
            if earlier:
                return earlier[-1].who
        return None

    def issued(self, who: Resolved, pos: int) -> None:
        """Note that ``who`` issued a statement at ``pos`` ("the junta said in a statement")."""
        bisect.insort(self._issued, Mention(pos, who), key=lambda m: m.pos)

    def _document(self, phrase: str, pos: int) -> Resolved | None:
        """Who a statement speaks for, when a statement is the speaker.

        "a statement issued by the Secretariat …" and "a Hamas statement" name the issuer;
        "the statement" (or "a joint statement") is the one someone was said to issue before
        ("the junta said in a statement"); else the text does not say who speaks (None as the
        speaker, the description as the role).
        """
        words = phrase.split()
        k = next((i for i, w in enumerate(words) if w.lower().strip(".,") in _DOCUMENT_WORDS), None)
        if k is None or (k > 0 and words[k - 1].lower().endswith(("’s", "'s"))):
            return None  # no document, or an owner's statement ("Trump's statement"): the owner speaks
        named = " ".join(w for w in words[:k] if w.lower() not in _NOT_ISSUER)  # "Hamas" of "a Hamas statement"
        if words[k].lower().strip(".,") in _OWNED:  # "the IMF report stated": a report speaks for its author
            who = self.resolve(named, pos) if named[:1].isupper() else None
            return who if who is not None and who.kind not in PEOPLE and who.kind != "media" else None
        by = _ISSUED_BY.match(" " + " ".join(words[k + 1 :]))
        if by is not None:
            who = self._issuer(by.group(1), pos)
            if who is not None:
                return who
        if named:  # "a Hamas statement"; "the Foreign Affairs ministry statement" after the ministry issued one
            who = self._issued_before(pos, named) or self.resolve(named, pos)
            if who is not None and who.kind not in ("anonymous", "media") and who.name.lower() != named.lower():
                return who
        joint = "joint" in phrase.lower()
        if joint or words[0].lower() in ("the", "this", "that"):
            who = (self._parties_near(pos) if joint and self._together else None) or self._issued_before(pos)
            if who is not None:
                return who
        return Resolved(phrase, None, "anonymous", words[k].lower())

    def _parties_near(self, pos: int) -> Resolved | None:
        """The parties of a joint statement, named in its sentence or the one before ("Negotiators for
        both Kestria and Norland agreed …, a joint statement said"): "both X and Y", else the only two."""
        k = bisect.bisect_right(self.sentence_starts, pos) - 1
        for j in (k, k - 1):
            if j < 0 or not self.sentence_starts:
                continue
            lo = self.sentence_starts[j]
            hi = min(pos, self.sentence_starts[j + 1]) if j + 1 < len(self.sentence_starts) else pos
            both = _BOTH.search(self._text, lo, hi)
            if both is not None:
                found = [self._party(both.group(g), both.start(g)) for g in (1, 2)]
                if all(w is not None and w.kind not in PEOPLE for w in found):
                    return self._joint([w for w in found if w is not None], pos)
            named = {m.who.name: m.who for m in self.orgs if lo <= m.pos < hi and m.who.kind != "media"}
            if len(named) == 2:
                return self._joint(list(named.values()), pos)
        return None

    def _party(self, name: str, pos: int) -> Resolved | None:
        """One party of "both X and Y": a name, or "the government" of the state the text gave one before."""
        if name[:1].isupper():
            return self.resolve(name, pos)
        lo = self._paragraphs_before(pos, 6)[-1][0]
        for m in reversed(list(_STATE_ARM.finditer(self._text, lo, pos))):
            if m.group(2) != name:
                continue
            state = self.registry.get(m.group(1)) or self.registry.get(self.registry.country_of(m.group(1)) or "")
            if state is not None and state.kind == "state":  # "The Kestrian government agreed …": Kestria's
                return self._from_actor(state)
        return None

    def _issued_before(self, pos: int, named: str | None = None) -> Resolved | None:
        """The last issuer of a statement before ``pos`` (nearby), whose name contains ``named`` if given."""
        lo = self._paragraphs_before(pos, 6)[-1][0]
        forms = (named.lower(), self._body_name(named).lower()) if named is not None else ()
        for m in reversed(self._issued):
            if lo <= m.pos < pos and (not forms or any(f in m.who.name.lower() for f in forms)):
                return m.who
        return None

    def _issuer(self, named: str, pos: int) -> Resolved | None:
        """The issuer named after "issued by": "Kestria’s so-called Secretariat for Harmony Talks"."""
        named = re.sub(r"\bso-called\s+", "", named).strip(" ,.")
        parties = [p for p in re.split(r",\s*|\s+and\s+", named) if p.strip()]
        if len(parties) > 1 and self._together:  # "a joint statement from Harbourline, Portgild and the KNU"
            found = [self._issuer(p, pos) or self._unknown_body(p) for p in parties]
            if all(found):
                return self._joint([w for w in found if w is not None], pos)
        owner = re.match(r"(.+?)(?:’s|'s)\s+(.+)$", named)
        named_body = owner is not None and owner.group(2)[:1].isupper()  # "Thailand’s Secretariat for …"
        for part in ([owner.group(2)] if named_body else []) + [named]:
            who = self.resolve(part, pos)
            if who is not None and who.kind != "anonymous":
                self.issued(who, pos)
                return who
        return None

    def _unknown_body(self, name: str) -> Resolved | None:
        """A capitalised name the registry does not know, in a list of issuers ("Unison"): a body."""
        name = _strip_the(name.strip())
        if not name or not all(w[:1].isupper() or w in ("of", "for", "and", "on", "the") for w in name.split()):
            return None
        return Resolved(name, self._side_from_title(name), "organisation")

    def _joint(self, parties: list[Resolved], pos: int) -> Resolved:
        """Several parties speaking together ("Harbourline, Portgild and the KNU"), one side if they share it."""
        names = [p.name for p in parties]
        name = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        sides = {p.side for p in parties}
        joint = Resolved(name, sides.pop() if len(sides) == 1 else None, "group", parties=tuple(parties))
        self.issued(joint, pos)
        return joint

    def _coordinated(self, phrase: str, pos: int, salience: int) -> Resolved | None:
        """Named actors joined by "and" ("Ivo Darran and Lena Morrow told reporters"): they speak together."""
        parts = [p for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", phrase) if p.strip()]
        if not 2 <= len(parts) <= 4:
            return None
        found = []
        for part in parts:
            who = self.resolve(part, pos, salience)
            if who is None or who.kind == "anonymous" or (who.kind in PEOPLE and head_name(part) is None):
                return None
            found.append(who)
        return self._joint(found, pos) if len({w.name for w in found}) == len(found) else None

    def _body_name(self, name: str) -> str:
        """A body's name in one form however the text words it: "Azeri Defence ministry" ->
        "Azerbaijani Defence Ministry", "Ethiopian Foreign Affairs ministry" -> "Ethiopian Ministry
        of Foreign Affairs" (the demonym the registry uses; a ministry named by its affairs)."""
        words = name.split()
        owner = self.registry.get(_strip_possessive(words[0]))
        if (len(words) > 2 and words[0] != _strip_possessive(words[0]) and owner is not None and owner.kind == "state"
                and words[1][:1].isupper()):
            words = words[1:]  # "Pyongyang’s Committee for …": the state is the side, not part of the name
        if len(words) < 2:
            return " ".join(words)
        words[0] = self.registry.demonym(words[0]) if words[0][:1].isupper() else words[0]
        if words[-1].lower() == "ministry" and all(w[:1].isupper() for w in words[:-1]):
            words[-1] = "Ministry"
            if len(words) >= 3 and words[-2] == "Affairs" and words[-3][:1].isupper():
                field_ = words[-3:-1]
                words = [*words[:-3], "Ministry", "of", *field_]
        return " ".join(words)

    def _antecedent(self, phrase: str, pos: int) -> Resolved | None:
        """The named person a definite description takes up, if one fits.

        "the Russian official" after Lavrov was named: a generic head needs the side to match;
        "the senator", "the mayor" need a person the article (or the registry) gave that title.
        """
        side = self._side_from_title(phrase)
        core = re.split(r"\s+(?:of|for|at|with|from|in|on)\s+", phrase, maxsplit=1)[0].split()
        head = core[-1].lower().strip(".,")
        sexed = {"man": "m", "woman": "f"}.get(head)
        for lo, hi in self._paragraphs_before(pos, 3):
            for m in reversed(self.order):
                if not (lo <= m.pos < hi) or m.who.kind != "person" or self._in_quote(m.pos):
                    continue
                if sexed is not None and m.salience >= 1 and self.gender(m.who) in (None, sexed):
                    return m.who  # "the man told the station" after the caller was named
                if head in _GENERIC_HEADS and side is None:
                    if sexed is None and m.salience >= 1 and head in (m.who.role or "").split():
                        return m.who  # "the separatist leader" after "Hurriyat leader Syed Geelani said"
                    continue
                if head in _GENERIC_HEADS and sexed is None and m.who.side == side:
                    return m.who
                if m.salience < 1 and not (side is not None and m.who.side == side and m.who.role
                                           and head in m.who.role.lower().split()):
                    continue  # a mere mention fits when the article gave it this title ("the Chilean ambassador")
                if head not in _GENERIC_HEADS and self._holds(m.who, head) and (side is None or m.who.side == side):
                    return m.who
        return self._titled(head, side, pos) if side is not None else None

    def _titled(self, head: str, side: str, pos: int) -> Resolved | None:
        """The person the article gave exactly this title and side further back ("the Chilean ambassador to
        Peru, Tomas Brell" five paragraphs before "the Chilean ambassador")."""
        lo = self._paragraphs_before(pos, 6)[-1][0]
        first, last = (bisect.bisect_left(self.order, p, key=lambda m: m.pos) for p in (lo, pos))
        for m in reversed(self.order[first:last]):
            if m.who.kind == "person" and m.who.side == side and not self._in_quote(m.pos) and (
                head in (m.who.role or "").lower().split()
            ):
                return m.who
        return None

    def _role_holder(self, phrase: str, pos: int) -> Resolved | None:
        """Who holds the role a description names ("the Russian leader" in 2004 -> Putin)."""
        words = [_strip_possessive(w.strip(".,")) for w in phrase.split()]
        lowered = " ".join(w.lower() for w in words if w.lower() not in _DETERMINERS)
        side = self._side_from_title(phrase)
        for title in _role_titles(lowered):
            if title in ("leader", "head of state", "ruler", "minister") and side is None and title != "minister":
                continue  # "the band leader" is nobody's head of state
            for m in reversed(self.order):
                if m.pos <= pos and self._holds(m.who, title) and (side is None or m.who.side == side):
                    return m.who
            if side is not None:
                actor = self.registry.holder_of(title, side, self.date)
                if actor is not None:
                    return self._from_actor(actor, role=title)
        return None

    def _holds(self, who: Resolved, title: str) -> bool:
        """Whether ``who`` holds ``title``, as the article wrote it or by a dated registry role."""
        if who.role and (_role_matches(who.role, title) or title in who.role.split()):
            return True
        roles = who.actor.roles if who.actor is not None else ()
        return any(_role_matches(r.title.lower(), title) and r.covers(self.date) for r in roles)

    def _from_actor(self, actor: Actor, role: str | None = None, title: str = "") -> Resolved:
        gender = self.registry.gender(actor.name) or (gender_of(actor.name, title) if actor.kind in PEOPLE else None)
        name = self._full_names.get(actor.name, actor.name)
        return Resolved(name, actor.side_on(self.date), actor.kind, role, actor, gender)

    def remember(self, res: Resolved, pos: int, salience: int = 0) -> Resolved:
        """Note that the article names ``res`` at ``pos`` (with how much it speaks there)."""
        if res.kind not in PEOPLE:
            return res
        seen = self._at.get((pos, res.name))
        if seen is not None:
            seen.salience = max(seen.salience, salience)
            return res
        mention = Mention(pos, res, salience)
        self._at[(pos, res.name)] = mention
        bisect.insort(self.people.setdefault(_surname(res.name), []), mention, key=lambda m: m.pos)
        for word in res.name.split()[:-1]:
            if word.lower() not in PARTICLES and len(word.strip(".")) > 1:
                bisect.insort(self.given.setdefault(_surname(word), []), mention, key=lambda m: m.pos)
        bisect.insort(self.order, mention, key=lambda m: m.pos)
        return res

    def spoke(self, who: Resolved, pos: int) -> None:
        """Note that an organisation speaks at ``pos`` (a later "it said" most likely means it)."""
        if who.kind in PEOPLE or (who.actor is None and head_name(who.name) is not None):
            return
        k = bisect.bisect_left(self.orgs, pos, key=lambda m: m.pos)
        if k < len(self.orgs) and self.orgs[k].pos == pos:  # met there already ("Norway's foreign ministry")
            self.orgs[k].salience = 2
            return
        self.orgs.insert(k, Mention(pos, who, 2))

    def quoted(self, spans: list[tuple[int, int]]) -> None:
        """Tell the resolver where quotations are: names inside them are not antecedents of "he"."""
        self._quoted = sorted(spans)

    def _in_quote(self, pos: int) -> bool:
        k = bisect.bisect_right(self._quoted, (pos, float("inf"))) - 1
        return k >= 0 and self._quoted[k][0] <= pos <= self._quoted[k][1]

    def _owner_start(self, text: str, title_start: int, name_start: int) -> int:
        """Where the title before a name starts when a state, group or body owns it ("*Taliban*
        spokesman", "*U.S.* envoy", "*Ukrainian* negotiator", "*Hezbollah* delegation leader"):
        the owner's one word before the title words, else ``title_start``. Only where title words
        stand before the name: a bare "Taliban Qari ..." is no title."""
        if title_start >= name_start:
            return title_start
        begin, end = last_word(text, max(0, title_start - 40), title_start)
        word = text[begin:end].removesuffix("’s").removesuffix("'s")
        if begin == end or not word[:1].isupper():
            return title_start
        owns = self._owner(word) is not None or self.registry.country_of(word)
        return begin if owns else title_start

    def _owner_after(self, text: str, end: int) -> str | None:
        """The side of a group, body or state written right after a name with "of" ("X of Hamas",
        "X, of the Northern Front"), else None."""
        m = _OWNER_AFTER.match(text, end)
        if m is None:
            return None
        actor = self._owner(m.group(1))
        return actor.side if actor is not None else self.registry.country_of(m.group(1))

    def _owner(self, name: str) -> Actor | None:
        """The registry's state, organisation, armed group, government or group called ``name``."""
        actor = self.registry.get(name)
        return actor if actor is not None and actor.kind in OWNER_KINDS else None

    def _side_from_title(self, title: str) -> str | None:
        for word in re.findall(r"[\w’'.-]+", title):
            if "." in word[:-1] and word[:1].isupper() and self.registry.country_of(word):
                return self.registry.country_of(word)  # "U.S.", "U.K.": the dots are the name's
            word = word.strip(",.'’").removesuffix("’s").removesuffix("'s")
            if not word[:1].isupper():
                state = self.registry.country_of(word) if word.isalpha() and len(word) > 4 else None
                if state:  # "the mexican ruler"
                    return state
                continue
            state = self.registry.country_of(word)
            if state:
                return state
            actor = self._owner(word)
            if actor is not None:
                return actor.side
        return None


OWNER_KINDS = frozenset({"state", "organisation", "armed_group", "government", "group"})  # bodies a title can belong to
_OWNER_AFTER = re.compile(r",?\s+of\s+(?:the\s+)?([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,4})")

# --- phrases ------------------------------------------------------------------------------

# The phrase functions below are pure and asked about the same names again and again (every
# mention, candidate and speaker of an article): their answers are cached per process.
_CACHED = 16384



@lru_cache(maxsize=_CACHED)
def _caption(paragraph: str) -> bool:
    """A short line that ends no sentence: a caption or a heading ("President Velic: Appeared to drop the
    plan"), whose names are no antecedent for a "he" in the prose under it."""
    line = paragraph.strip()
    return bool(line) and len(line.split()) <= 15 and not line.endswith((".", "!", "?", ":", '"', "”", "’", "'", ")"))


def split_title(phrase: str) -> tuple[str, str]:
    """("Kremlin spokesman", "Dmitry Peskov") from "Kremlin spokesman Dmitry Peskov".

    The name is the longest run of capitalised words at the end that are not title words.
    """
    words = phrase.split()
    i = len(words)
    while i > 0 and _name_word(words[i - 1]):
        i -= 1
        if i >= 2 and words[i - 1] in ("Sheikh", "Sheik") and _name_word(words[i - 2]):
            i -= 1  # "President Hassan Sheikh Mohamud": "Sheikh" inside a name is part of it
    while i < len(words) and words[i].lower() in PARTICLES:
        i += 1
    if len(words) - i >= 3 and i > 0 and words[i - 1].lower() in _PLACE_BEFORE and _first_name(words[i + 1]) and (
        not _first_name(words[i])
    ):
        i += 1  # "UN envoy for Yemen Martin Griffiths": the place ends the title, the name starts after it
    return " ".join(words[:i]), " ".join(words[i:])


_PLACE_BEFORE = frozenset("for to of in".split())


def _first_name(word: str) -> bool:
    return word.lower() in first_names()


def _name_word(word: str) -> bool:
    bare = word.lower().strip(",")
    if bare in TITLE_WORDS or bare.rstrip(".") in TITLE_WORDS or bare in ORG_WORDS:
        return False
    return is_capitalised(word) or bare in PARTICLES


@lru_cache(maxsize=_CACHED)
def head_name(phrase: str) -> tuple[str, str] | None:
    """The person's name inside a speaker phrase, with the title before it.

    "Mr Orlan's aide Mr Pavel Drozd" -> ("Mr Orlan's aide Mr", "Pavel Drozd");
    "Kestrian Ministry of Roads spokesman Aron Veld" -> (..., "Aron Veld");
    "Rep. Dana Orvik of Maryland" -> ("Rep.", "Dana Orvik").
    """
    phrase = _clean(phrase)
    first = re.split(r",|\s+(?:of|for|from|at|with|who|in)\s+(?=[A-Za-z])", phrase, maxsplit=1)[0]
    for part in (first, phrase):
        title, name = split_title(part)
        if not name or name.endswith(("’s", "'s")) or name.split()[0].lower() in NOT_NAMES:
            continue
        if title.split()[-1:] in (["of"], ["for"], ["the"], ["and"]):
            continue  # "Council for the Peaceful Union of the Isles": a place ends a body's name
        if looks_like_person(name):
            return title, name
    return None


_APPOSED_TITLE = re.compile(r"\b[Tt]he\s+((?:[\w’'.-]+\s+){0,6}?[\w’'.-]+),\s+$")


def _apposed_title(text: str, start: int) -> str:
    """The title an apposition gives the name after it ("the Chilean ambassador to Peru, " before
    "Tomas Brell"), or ""."""
    m = _APPOSED_TITLE.search(text[max(0, start - 80) : start])
    return m.group(1) if m is not None and _has_title_word(m.group(1)) else ""


def _title_start(text: str, start: int) -> int:
    """Start of the title words written before a name ("Kremlin spokesman " before "Dmitry")."""
    pos = start
    for _ in range(4):
        begin, end = last_word(text, max(0, pos - 40), pos)
        if begin == end:
            break
        word = text[begin:end]
        if word.lower().strip(".") not in TITLE_WORDS and word.lower() not in TITLE_WORDS:
            break
        pos = begin
    return pos


def last_word(text: str, lo: int, hi: int) -> tuple[int, int]:
    """Where the last word of ``text[lo:hi]`` is when only white space follows it (``(hi, hi)``
    when none): what ``_LAST_WORD`` finds there, without a regex search of every start
    (one per name the article writes)."""
    end = hi
    while end > lo and text[end - 1].isspace():
        end -= 1
    if end == hi:
        return hi, hi
    begin = end
    while begin > lo and (text[begin - 1].isalnum() or text[begin - 1] in _WORD_PUNCT):
        begin -= 1
    return (begin, end) if begin < end else (hi, hi)


_APPOSITION = re.compile(
    r"\s*(?:,[^,.;“”\"]{1,100},|(?<=\s)(?:of|at|from|with)\s+(?:the\s+)?[A-Z][\w’'-]*"
    r"(?:\s+(?:of|for|and|on|the|[A-Z][\w’'-]*))*)?"
    r"\s*(?:\([^)]{0,40}\)\s*)?(?:(?:also|later|then|again|has|had|on \w+)\s+)*"
)
_SAID_BEFORE = re.compile(r"\b(?:said|says|added|told|asked)\s+$")
_OPENS_SENTENCE = re.compile(r"(?:^|[.!?]\s+|\n)(?:[A-Z]\w*,?\s+)?$")
_ENDS_CLAUSE = re.compile(r"\s*(?:[.,;:!?)(]|who\b|$)")
_ACCORDING_BEFORE = re.compile(r"\baccording to\s+$")
_LAST_WORD = re.compile(r"([\w’'.-]+)\s+$")
_WORD_PUNCT = frozenset("_’'.-")  # with letters and digits, the characters of ``_LAST_WORD``'s word
_VERBISH = re.compile(r"(?:has|had|was|is|will|would|[a-z]+ed)\b")


def _salience(text: str, start: int, end: int, layout: _Layout) -> int:
    """2 for a name that speaks (the subject of a cue, or "said X"), 1 for a subject, else 0."""
    after = _APPOSITION.match(text, end).end()
    lead = text[max(0, start - 40) : start]
    first = start in layout.starts or bool(_OPENS_SENTENCE.search(lead))
    if _SAID_BEFORE.search(lead):
        # `," said Gen. Kvashnin.` speaks; in "Lask said Darran (and Ardell) had asked …" Darran does not
        return 3 if _ENDS_CLAUSE.match(text[end : end + 6]) else 1
    if CUE_RX.match(text, after) or _ACCORDING_BEFORE.search(lead):
        sentence = layout.sentence_start(start) if layout.starts else max(0, start - 200)
        embedded = layout.cue_between(sentence, start)  # a cue before the name in its sentence
        return 1 if embedded else 3 if first else 2  # "Rogozin said that Putin and Bush agreed": Bush is not speaking
    if first or _VERBISH.match(text, after):
        return 1
    return 0


@dataclass(frozen=True)
class _Layout:
    """Where an article's sentences and cue verbs are, found once for every name in it.

    A scan of the sentence starts and a cue search per name made an article with thousands
    of names (or one long sentence) quadratic; these answer by bisection.
    """

    starts: set[int]
    ordered: list[int]
    cue_starts: list[int]
    cue_ends: list[int]

    @classmethod
    def of(cls, text: str, starts: set[int]) -> _Layout:
        found = cue_matches(text)
        return cls(starts, sorted(starts), [m.start() for m in found], [m.end() for m in found])

    def sentence_start(self, pos: int) -> int:
        """The last sentence start at or before ``pos``, 0 if none."""
        k = bisect.bisect_right(self.ordered, pos)
        return self.ordered[k - 1] if k else 0

    def cue_between(self, lo: int, hi: int) -> bool:
        """Whether a cue verb lies wholly inside ``text[lo:hi]`` (cues are whole words)."""
        k = bisect.bisect_left(self.cue_starts, lo)
        return k < len(self.cue_starts) and self.cue_ends[k] <= hi


_ACRONYM = re.compile(r"((?:[A-Z][\w’'-]*\s+(?:(?:of|for|and|on|the)\s+)*){1,8})\(([A-Z]{2,8})\)")
_IN_BRACKETS = re.compile(r"\([A-Z]{2,8}\)")


def _spelt_out(words: str, acronym: str) -> str | None:
    """The name ``acronym`` abbreviates at the end of ``words`` ("Members of the Intergovernmental
    Authority on Development" -> "Intergovernmental Authority on Development" for IGAD)."""
    tokens = words.split()
    for i in range(len(tokens)):
        cand = tokens[i:]
        while cand and cand[0].lower() in ("of", "for", "and", "on", "the"):
            cand = cand[1:]
        if len(cand) >= 2 and cand[0][:1].isupper() and _initials_match(" ".join(cand), acronym):
            return " ".join(cand)
    return None


def _initials_match(full: str, acronym: str) -> bool:
    """Whether ``acronym`` is built from the capitals of ``full`` ("United Kingdom Maritime ..." -> UKMTO)."""
    initials = "".join(w[0] for w in full.split() if w[0].isupper())
    return acronym[0] == initials[:1] and sum(c in initials for c in acronym) >= len(acronym) - 1


_LEADING_THE = re.compile(r"^[Tt]he\s+")


def _strip_the(name: str) -> str:
    return _LEADING_THE.sub("", name)


@lru_cache(maxsize=_CACHED)
def _organisation(name: str) -> str | None:
    """'media' or 'organisation' for a capitalised name with an organisation word ("The New York Times")."""
    words = name.split()
    if not words or not all(is_capitalised(w) or w.lower() in ("of", "for", "and", "the", "on") for w in words):
        return None
    if OUTLET_RX.search(name):
        return "media"
    if any(w.lower().strip(",.") in ORG_WORDS for w in words):
        return "organisation"
    return None


_NOT_BARE = NOT_NAMES | ORG_WORDS


def _bare_name(name: str, registry: Registry) -> bool:
    """A lone capitalised word that can be a surname (not a demonym, place, outlet or common word)."""
    word = name.strip()
    return (" " not in word and is_capitalised(word) and word.lower() not in _NOT_BARE
            and registry.get(word) is None and registry.country_of(word) is None and not word.isupper())


_NON_SPACE = re.compile(r"\S+")


def name_runs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A run of capitalised words split where a full stop ends a sentence ("Monday. Putin")."""
    out = []
    run_start = start
    for m in _NON_SPACE.finditer(text[start:end]):
        word = m.group()
        if word.endswith(".") and not is_abbreviation(word) and start + m.end() < end:
            out.append((run_start, start + m.end() - 1))
            run_start = start + m.end()
            while run_start < end and text[run_start].isspace():
                run_start += 1
    out.append((run_start, end))
    out = [(a, b - len(text[a:b]) + len(text[a:b].rstrip("'’"))) for a, b in out]  # "Kestria Tonight''"
    return [(a, b) for a, b in out if b > a]


@lru_cache(maxsize=_CACHED)
def is_abbreviation(word: str) -> bool:
    """"Gen.", "U.S.", an initial "B." - a full stop that does not end a sentence."""
    bare = word.rstrip(".")
    if len(bare) <= 3 and bare[:1].isupper() and bare[1:].islower():
        return True  # "Del.", "Ald.", "Gen."
    return len(bare) == 1 or "." in bare or bare.lower() in ABBREVIATIONS or bare.lower() + "." in TITLE_WORDS


_NICKNAME = re.compile(r"\b([A-Z][\w.’'-]* )([\"“‘'][A-Z][\w .’'-]{0,20}?[\"”’'] )(?=[A-Z])")


def without_nicknames(text: str) -> str:
    """``text`` with nicknames inside names blanked, offsets kept: Marcia "Cia" Price -> Marcia       Price."""
    return _NICKNAME.sub(lambda m: m.group(1) + " " * len(m.group(2)), text)


@lru_cache(maxsize=_CACHED)
def _clean(phrase: str) -> str:
    phrase = without_nicknames(phrase)
    phrase = re.sub(r"\([^)]*\)", " ", phrase)
    phrase = " ".join(phrase.split()).strip(" ,.;:—–-\"“”")
    return _strip_possessive(phrase)


_POSSESSIVE = re.compile(r"(?:’s|'s|’|')$")


def _strip_possessive(name: str) -> str:
    return _POSSESSIVE.sub("", name)


@lru_cache(maxsize=_CACHED)
def _surname(name: str) -> str:
    """The key people are found by: the last name, without honorifics, "al-", apostrophes or accents
    ("Gomez" finds "Servando Gómez Martínez", whose other name words are keys too)."""
    words = [w for w in name.split() if w.lower() not in HONORIFICS]
    key = (words[-1] if words else name).lower().strip(".,")
    key = re.sub(r"^(?:al|el|ad|as|an|ash|at|az)-", "", key)
    key = re.sub(r"[’'`-]", "", key)
    if key.isascii():
        return key
    return "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c))


def _has_title_word(title: str) -> bool:
    return any(w.lower().strip(",") in _TITLE_ONLY for w in title.split())


_TITLE_ONLY = TITLE_WORDS - {"of", "the", "and", "state"}  # made once, not per word


def _role(title: str, registry: Registry) -> str:
    """The role in a title without its side words and honorifics ("Russian Foreign Minister" -> "foreign minister")."""
    words = []
    for w in title.split():
        bare = w.strip(",").removesuffix("’s").removesuffix("'s")
        if bare.lower() in HONORIFICS or registry.country_of(bare) or (bare[:1].isupper() and registry.get(bare)):
            continue
        if bare.lower() in TITLE_WORDS or bare.lower().rstrip(".") in TITLE_WORDS:
            words.append(bare.lower())
    while words and words[0] in ("of", "the", "and"):
        words.pop(0)
    while words and words[-1] in ("of", "the", "and"):
        words.pop()
    return " ".join(words)


_SYNONYMS = {
    "leader": LEADER_TITLES,
    "ruler": LEADER_TITLES,
    "head of state": ("president", "king", "emir", "supreme leader"),
    "top diplomat": ("foreign minister", "secretary of state"),
    "spokeswoman": ("spokesman", "spokesperson"),
    "spokesperson": ("spokesman", "spokeswoman"),
    "defense minister": ("defence minister",),
    "defence minister": ("defense minister",),
    "premier": ("prime minister",),
}


@lru_cache(maxsize=_CACHED)
def _role_titles(description: str) -> tuple[str, ...]:
    """Role titles a description may name, most specific first ("russian leader" -> leader titles)."""
    out = []
    for title in sorted({*_SYNONYMS, "president", "prime minister", "foreign minister", "defense minister",
                         "defence minister", "spokesman", "secretary of state", "chancellor", "supreme leader",
                         "king", "emir", "premier", "national security adviser", "secretary-general",
                         "secretary general", "minister"}, key=len, reverse=True):
        if re.search(rf"\b{re.escape(title)}$", description):
            out.extend([title, *_SYNONYMS.get(title, ())])
    return tuple(dict.fromkeys(out))


def _role_matches(role: str, title: str) -> bool:
    """Whether a role held is the title asked for ("russian president" is, "vice president" is not)."""
    if role == title:
        return True
    if not role.endswith(" " + title):
        return False
    qualifiers = role[: -len(title)].split()
    return not any(q in _NOT_THE_HOLDER for q in qualifiers)


_NOT_THE_HOLDER = frozenset(("vice", "deputy", "former", "assistant", "under", "acting", "ex-", "then-"))
