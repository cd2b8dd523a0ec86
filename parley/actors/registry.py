"""The actor registry: who is who, which side they speak for, and what they are called.

The registry ships with parley (``parley/data/actors.yaml``) and users add their own files
in the same format (``--actors my_actors.yaml``, or the ``actors`` setting). Each entry::

    - name: Dmitry Peskov                 # canonical name
      kind: person                         # see model.ACTOR_KINDS
      side: Russia                         # the state or group it speaks for
      aliases: [Peskov, Dmitri Peskov]
      roles:                               # bounded in time; years or ISO dates
        - {title: Kremlin spokesman, side: Russia, start: "2012"}
      demonyms: [Russian]                  # states only: adjectives that point at them
      gender: m                            # people, optional: f or m (for "he"/"she said")

A user entry with the same canonical name as a bundled one replaces it. A malformed file
raises ``ConfigError`` (P402) naming the file and the line at fault.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..model import ACTOR_KINDS, Actor, Role
from .names import NOT_NAMES, TITLE_WORDS

ENTRY_KEYS = {"name", "kind", "side", "aliases", "roles", "demonyms", "gender"}
ROLE_KEYS = {"title", "side", "start", "end"}


@dataclass(frozen=True)
class Match:
    """An actor named in a text: the span and the registry entry it resolves to."""

    start: int
    end: int
    text: str
    actor: Actor


class Registry:
    """Actors by canonical name and alias, with a fast matcher over texts."""

    def __init__(self, actors: Iterable[Actor], demonyms: dict[str, str] | None = None,
                 genders: dict[str, str] | None = None):
        self.actors: dict[str, Actor] = {}
        for a in actors:
            self.actors[a.name] = a
        self.demonyms = {k.lower(): v for k, v in (demonyms or {}).items()}
        self._adjectives: dict[str, str] = {}  # state -> its first demonym ("Azerbaijan" -> "Azerbaijani")
        for adjective, state in (demonyms or {}).items():
            self._adjectives.setdefault(state, adjective)
        self.genders = dict(genders or {})
        self._index: dict[str, Actor] = {}
        for a in self.actors.values():
            for alias in (a.name, *a.aliases):
                self._index.setdefault(_key(alias), a)
        # the matcher looks names up word by word: which words can start one, how long they run
        lengths: dict[str, set[int]] = {}
        for k in self._index:
            if k:
                lengths.setdefault(k.split()[0], set()).add(len(k.split()))
        self._longest_first = {w: tuple(sorted(ns, reverse=True)) for w, ns in lengths.items()}
        self._got: dict[str, Actor | None] = {}
        self._holders: dict[tuple[str, str, str | None], Actor | None] = {}
        self._starts: dict[str, str | None] = {}  # a word of a text -> the name-start word it is, if any

    def __len__(self) -> int:
        return len(self.actors)

    def __iter__(self) -> Iterator[Actor]:
        return iter(self.actors.values())

    def get(self, name: str | None) -> Actor | None:
        """The actor called ``name`` (canonical name or alias, any case), if known."""
        if not name:
            return None
        if name not in self._got:  # asked about the same names again and again: answered once
            if len(self._got) >= _MEMO_SIZE:  # a long batch meets ever new names: memory stays bounded
                self._got.clear()
            self._got[name] = self._index.get(_key(name)) or self._index.get(_key(_THE.sub("", name)))
        return self._got[name]

    def country_of(self, adjective: str) -> str | None:
        """The state a demonym points at ("Tajik" -> "Tajikistan")."""
        return self.demonyms.get(adjective.lower().rstrip("s")) or self.demonyms.get(adjective.lower())

    def demonym(self, adjective: str) -> str:
        """The registry's own form of a demonym ("Azeri" -> "Azerbaijani"), else the word as given."""
        state = self.country_of(adjective)
        return (self.adjective(state) or adjective) if state else adjective

    def adjective(self, state: str) -> str | None:
        """The state's first demonym in the registry ("Azerbaijan" -> "Azerbaijani"), if it has one."""
        return self._adjectives.get(state)

    def gender(self, name: str) -> str | None:
        """'f' or 'm' where the registry says so, for resolving pronouns."""
        return self.genders.get(name)

    def holder_of(self, title: str, side: str, date: str | None) -> Actor | None:
        """Who held ``title`` for ``side`` on ``date`` ("president", "Russia", "2004-02-06").

        Undated text, or a year two holders share, matches the holder whose term started last.
        """
        title = " ".join(title.lower().split())
        key = (title, side, date)
        if key not in self._holders:  # asked for every titled name of every article: answered once
            if len(self._holders) >= _MEMO_SIZE:
                self._holders.clear()
            self._holders[key] = self._holder_of(title, side, date)
        return self._holders[key]

    def _holder_of(self, title: str, side: str, date: str | None) -> Actor | None:
        best: tuple[str, Actor] | None = None
        for a in self.actors.values():
            for r in a.roles:
                # the latest start wins: in a year of transition, the one who took office
                if r.title.lower() == title and r.side == side and r.covers(date):
                    if best is None or (r.start or "") > best[0]:
                        best = (r.start or "", a)
        return best[1] if best else None

    def find(self, text: str) -> list[Match]:
        """Every registry name in ``text``, longest first, without overlaps.

        Capitalised aliases must match in case (so "turkey" the bird is not Turkey); an
        all-lower alias ("the west") matches any case.
        """
        words = [m.span() for m in _TOKEN.finditer(text)]
        firsts = self._firsts(text, words)
        out: list[Match] = []
        i = 0
        while i < len(words):
            first = firsts[i]
            found = self._longest_at(text, words, i, self._longest_first[first]) if first else None
            if found is None:
                i += 1
                continue
            match, n = found
            out.append(match)
            i += n
        return out

    def _firsts(self, text: str, words: list[tuple[int, int]]) -> list[str | None]:
        """``_may_start`` of each word: most words of a text start no name, and each is looked up once."""
        known = self._starts
        if len(known) >= _MEMO_SIZE:  # a long batch meets ever new words: memory stays bounded
            known.clear()
        out = []
        for start, end in words:
            word = text[start:end]
            if word not in known:
                known[word] = self._may_start(_word_key(word))
            out.append(known[word])
        return out

    def _may_start(self, word: str) -> str | None:
        """The first word of some name that ``word`` is (as written, or without "'s" or a full stop)."""
        if word in self._longest_first:
            return word
        for bare in (word.removesuffix("."), word.removesuffix(".").removesuffix("'s").removesuffix("'")):
            if bare in self._longest_first:
                return bare
        return None

    def _longest_at(self, text: str, words: list[tuple[int, int]], i: int,
                    lengths: tuple[int, ...]) -> tuple[Match, int] | None:
        """The longest name starting at word ``i`` (in the right case), and how many words it takes.

        ``lengths``: the word counts of the names that start with that word, longest first.
        """
        for n in lengths:
            if n > len(words) - i:
                continue
            if any(text[words[k][1] : words[k + 1][0]].strip() for k in range(i, i + n - 1)):
                continue  # punctuation between the words: not one name
            start, end = words[i][0], words[i + n - 1][1]
            for stop in _ends(text, start, end):
                actor = self._index.get(_key(text[start:stop]))
                if actor is None or not _case_ok(text[start:stop], actor):
                    continue
                if actor.kind == "person" and _inside_longer_name(text, start, stop):
                    continue  # "Petro" of "Petro Poroshenko" is not Gustavo Petro
                return Match(start, stop, text[start:stop], actor), n
        return None


_TOKEN = re.compile(r"[\w’'.&-]+")


def _word_key(word: str) -> str:
    """``_key`` of one word, cheaply (the matcher calls it for every word of every article)."""
    word = word.lower().replace("’", "'")
    return _key(word) if "-" in word else word


def _ends(text: str, start: int, end: int) -> list[int]:
    """Where a name may end in the word run ``text[start:end]``: as written, before "’s" or a full stop."""
    out = [end]
    word = text[start:end]
    for suffix in ("’s", "'s", "’", "'", "."):
        if word.endswith(suffix) and end - len(suffix) > start:
            out.append(end - len(suffix))
    if word.endswith("’s.") or word.endswith("'s."):
        out.append(end - 3)
    return out


_NEXT_WORD = re.compile(r"\s+([A-Z][\w’'-]*)")
_PREV_WORD = re.compile(r"(?<![\w.])([A-Z][\w’'-]*) $")


def _inside_longer_name(text: str, start: int, end: int) -> bool:
    """Whether a one-word person alias is only part of a longer name ("Petro" of "Petro Poroshenko")."""
    if " " in text[start:end].strip():
        return False
    for rx, at in ((_NEXT_WORD, end), (_PREV_WORD, None)):
        m = rx.match(text, at) if at is not None else rx.search(text, max(0, start - 30), start)
        if m and m.group(1).lower() not in _NOT_A_NAME:
            return True
    return False


_THE = re.compile(r"^the\s+", re.I)
_MEMO_SIZE = 50_000
_VERBS_AFTER = frozenset("says said tells told calls warns vows administration government campaign".split())

# words after or before an alias that do not extend it into a longer name
_NOT_A_NAME = NOT_NAMES | TITLE_WORDS | _VERBS_AFTER


def _case_ok(found: str, actor: Actor) -> bool:
    """Acronyms match exactly, capitalised aliases only capitalised text, lower-case ones any case."""
    key = _key(found)
    flat = " ".join(found.split())
    return any(
        alias.islower() or (flat == alias if alias.isupper() else found[:1].isupper())
        for alias in (actor.name, *actor.aliases)
        if _key(alias) == key
    )


@lru_cache(maxsize=65536)
def _key(name: str) -> str:
    """How names are compared: any case, any spacing, straight apostrophes, no line-break hyphens ("Yev-geny")."""
    name = re.sub(r"(?<=[a-z])-(?=[a-z])", "", name)
    return " ".join(name.replace("’", "'").split()).lower()


# --- loading ---------------------------------------------------------------------------


def load_registry(extra: Iterable[str | Path] = ()) -> Registry:
    """The bundled registry plus the user's files (later files override earlier entries)."""
    extra = tuple(str(p) for p in extra)
    return _load(extra)


@dataclass
class Parsed:
    """What one registry file says: its actors, demonyms (adjective -> state) and genders."""

    actors: list[Actor]
    demonyms: dict[str, str]
    genders: dict[str, str]


@lru_cache(maxsize=8)
def _load(extra: tuple[str, ...]) -> Registry:
    bundled = resources.files("parley").joinpath("data/actors.yaml").read_text(encoding="utf-8")
    base = parse_registry(bundled, "parley/data/actors.yaml")
    merged = {a.name: a for a in base.actors}
    demonyms, genders = dict(base.demonyms), dict(base.genders)
    for path in extra:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError("P402", f"cannot read actor file {path}: {exc.strerror}") from None
        more = parse_registry(text, path)
        merged.update({a.name: a for a in more.actors})
        demonyms.update(more.demonyms)
        genders.update(more.genders)
    return Registry(merged.values(), demonyms, genders)


def parse_registry(text: str, source: str) -> Parsed:
    """Actors, demonyms and genders from registry YAML; ``ConfigError`` names the line at fault."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)  # the C parser when PyYAML has it
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" line {mark.line + 1}" if mark else ""
        raise ConfigError("P402", f"{source}{line}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    finally:
        loader.dispose()
    out = Parsed([], {}, {})
    if root is None:
        return out
    if not isinstance(root, yaml.SequenceNode):
        raise ConfigError("P402", f"{source} line {root.start_mark.line + 1}: expected a list of actors")
    for node, entry in zip(root.value, data, strict=True):
        line = node.start_mark.line + 1
        actor = _actor(entry, source, line)
        out.actors.append(actor)
        for d in entry.get("demonyms") or []:
            out.demonyms[str(d)] = actor.name
        gender = entry.get("gender")
        if gender is not None:
            if gender not in ("f", "m"):
                raise ConfigError("P402", f"{source} line {line}: 'gender' must be f or m (got {gender!r})")
            out.genders[actor.name] = gender
    return out


def _actor(entry: Any, source: str, line: int) -> Actor:
    def fail(why: str) -> ConfigError:
        return ConfigError("P402", f"{source} line {line}: {why}")

    if not isinstance(entry, dict):
        raise fail("each actor must be a mapping with at least 'name' and 'kind'")
    unknown = set(entry) - ENTRY_KEYS
    if unknown:
        raise fail(f"unknown key(s) {sorted(unknown)}; allowed: {sorted(ENTRY_KEYS)}")
    name, kind = entry.get("name"), entry.get("kind")
    if not isinstance(name, str) or not name.strip():
        raise fail("'name' must be a non-empty string")
    if kind not in ACTOR_KINDS:
        raise fail(f"'kind' must be one of {', '.join(ACTOR_KINDS)} (got {kind!r})")
    aliases = entry.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise fail("'aliases' must be a list of strings")
    roles = []
    for r in entry.get("roles") or []:
        if not isinstance(r, dict) or "title" not in r or set(r) - ROLE_KEYS:
            raise fail(f"each role needs 'title' and may have {sorted(ROLE_KEYS - {'title'})}")
        roles.append(Role(str(r["title"]), r.get("side"), _year(r.get("start")), _year(r.get("end"))))
    side = entry.get("side")
    return Actor(name.strip(), kind, str(side) if side else None, tuple(aliases), tuple(roles))


def _year(value: Any) -> str | None:
    return None if value is None else str(value)
