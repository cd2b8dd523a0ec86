"""From a name as written to an actor: canonical name, side and role.

"Kremlin spokesman Dmitry Peskov" -> Dmitry Peskov, role "spokesman", side Russia;
"Peskov" later in the article -> the same person; "Tajik Prime Minister Akil Akilov"
(unknown to the registry) -> Akil Akilov, side Tajikistan from the demonym; "the Kremlin"
-> Russia. The resolver remembers the people an article has named so that surnames and
pronouns resolve to them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Actor
from .registry import Registry

TITLE_WORDS = frozenset(
    """president prime minister foreign defense defence interior deputy secretary spokesman spokeswoman
    spokesperson chief head leader chairman chairwoman general gen. gen lt. col. colonel sgt. sgt
    commander ambassador envoy special representative mr mr. mrs mrs. ms ms. dr dr. gov. gov governor
    senator sen. rep. king queen prince sheikh emir ayatollah pope chancellor mayor official officials
    negotiator mediator state of the vice first supreme national security adviser advisor director
    press attache attaché speaker parliament parliamentary opposition rebel militant field top senior
    former acting army military intelligence analyst economist professor researcher editor
    correspondent""".split()
)
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "him", "her", "them"})
_NAME = re.compile(r"[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|de|al|bin|van|von|la|el|ibn|da|di))*")


@dataclass
class Resolved:
    """An actor as the text names them."""

    name: str
    side: str | None
    kind: str
    role: str | None = None
    actor: Actor | None = None


@dataclass
class Resolver:
    """Resolves names within one article, remembering whom it has met."""

    registry: Registry
    date: str | None = None
    people: dict[str, Resolved] = field(default_factory=dict)  # surname -> person
    order: list[tuple[int, Resolved]] = field(default_factory=list)  # (position, person)

    def resolve(self, phrase: str, pos: int = 0) -> Resolved | None:
        """Resolve ``phrase`` ("Kremlin spokesman Dmitry Peskov", "Peskov", "the Kremlin")."""
        phrase = " ".join(phrase.replace("’s", "").split()).strip(" ,.;:")
        if not phrase:
            return None
        actor = self.registry.get(phrase)
        if actor is not None:
            return self._remember(self._from_actor(actor), pos)
        title, name = split_title(phrase)
        side = self._side_from_title(title)
        actor = self.registry.get(name) if name else None
        if actor is not None:
            res = self._from_actor(actor, role=title or None)
            return self._remember(res, pos)
        if not name:
            return None
        known = self.people.get(name.split()[-1].lower())
        if known is not None and (len(name.split()) == 1 or known.name.endswith(name)):
            return self._remember(known, pos)
        if len(name.split()) == 1 and not title:
            return None  # a lone unknown capitalised word is not enough
        res = Resolved(name, side, "person", title or None)
        return self._remember(res, pos)

    def last_person(self, before: int) -> Resolved | None:
        """The person most recently named before ``before`` (for "he said")."""
        for at, res in reversed(self.order):
            if at < before and res.kind == "person":
                return res
        return None

    def _from_actor(self, actor: Actor, role: str | None = None) -> Resolved:
        return Resolved(actor.name, actor.side_on(self.date), actor.kind, role, actor)

    def _remember(self, res: Resolved, pos: int) -> Resolved:
        if res.kind == "person":
            self.people.setdefault(res.name.split()[-1].lower(), res)
            self.order.append((pos, res))
            self.order.sort(key=lambda x: x[0])
        return res

    def _side_from_title(self, title: str) -> str | None:
        for word in title.split():
            word = word.strip(",.'’")
            state = self.registry.country_of(word)
            if state:
                return state
            actor = self.registry.get(word)
            if actor is not None and actor.kind in ("state", "organisation", "armed_group"):
                return actor.side
        return None


def split_title(phrase: str) -> tuple[str, str]:
    """("Kremlin spokesman", "Dmitry Peskov") from "Kremlin spokesman Dmitry Peskov".

    The name is the longest run of capitalised words at the end that are not title words.
    """
    words = phrase.split()
    i = len(words)
    while i > 0 and words[i - 1][:1].isupper() and words[i - 1].lower().strip(".,") not in TITLE_WORDS:
        i -= 1
    name = " ".join(words[i:])
    title = " ".join(words[:i])
    return title, name


def candidate_names(text: str) -> list[tuple[int, int, str]]:
    """Capitalised word runs that may be names (start, end, text)."""
    return [(m.start(), m.end(), m.group(0)) for m in _NAME.finditer(text)]
