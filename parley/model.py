"""Record types: what parley reads and what it produces.

Every record is a frozen dataclass with ``as_dict()``. Annotations point into text by
character offsets: ``start``/``end`` index the *input* text exactly as the user gave it
(so ``raw[start:end] == evidence``), ``clean_start``/``clean_end`` index the cleaned
article body that the extractors read.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

STANCES: tuple[str, ...] = ("refuse", "conditional", "open", "engaged", "agreed", "skeptical")
REASONS: tuple[str, ...] = (
    "terrorism",
    "rewards_violence",
    "no_control",
    "legitimacy",
    "commitment",
    "atrocities",
    "hostility",
    "objectives",
    "battlefield",
    "other",
)
ACTOR_KINDS: tuple[str, ...] = (
    "person",
    "government",
    "state",
    "armed_group",
    "organisation",
    "media",
    "analyst",
    "group",
)
QUOTE_KINDS: tuple[str, ...] = ("direct", "partial", "indirect")


def _plain(value: Any) -> Any:
    """Turn tuples into lists and nested records into dicts, for JSON."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return value.as_dict()  # type: ignore[attr-defined]
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class _Record:
    """Mixin giving frozen dataclasses a JSON-ready ``as_dict()``."""

    def as_dict(self) -> dict[str, Any]:
        return {f.name: _plain(getattr(self, f.name)) for f in dataclasses.fields(self)}  # type: ignore[arg-type]


@dataclass(frozen=True)
class Role(_Record):
    """A position an actor held, bounded in time (years or ISO dates, inclusive; None = open)."""

    title: str
    side: str | None = None
    start: str | None = None
    end: str | None = None

    def covers(self, date: str | None) -> bool:
        """True when the role was held on ``date`` (an ISO date); undated text matches any role."""
        if not date:
            return True
        return (self.start is None or self.start[: len(date)] <= date[: len(self.start)]) and (
            self.end is None or date[: len(self.end)] <= self.end
        )


@dataclass(frozen=True)
class Actor(_Record):
    """A person, state, government, armed group, organisation, outlet or analyst.

    ``side`` is the state or group the actor speaks for ("Russia", "Hamas"); outside
    commentators have side "analyst" and outlets "media".
    """

    name: str
    kind: str
    side: str | None = None
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()

    def side_on(self, date: str | None) -> str | None:
        """The side the actor spoke for on ``date``, from a dated role when one applies."""
        for role in self.roles:
            if role.side and role.covers(date):
                return role.side
        return self.side


@dataclass(frozen=True)
class ErrorRecord(_Record):
    """Why an input, or one step on it, failed: a code, one line of reason, and where."""

    code: str
    message: str
    source: str | None = None
    location: str | None = None
    step: str | None = None


@dataclass(frozen=True)
class Article(_Record):
    """One news article: metadata, the cleaned body, and the map back to the input text.

    ``id`` is a content hash of the input text, so the same article ingested twice is one
    record; ``ref`` is the identifier the user gave (a JSONL ``id``, a file path).
    ``segments`` maps the clean body to the input: each ``(clean_start, raw_start, length)``
    triple says that ``text[clean_start:clean_start+length] == raw[raw_start:raw_start+length]``.
    """

    id: str
    raw: str
    text: str
    segments: tuple[tuple[int, int, int], ...]
    ref: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    authors: tuple[str, ...] = ()
    date: str | None = None
    dateline: str | None = None
    language: str | None = None
    source: str | None = None
    input_format: str = "text"
    duplicate_of: str | None = None
    extractor: str | None = None


@dataclass(frozen=True)
class Quote(_Record):
    """Something an actor said: a direct or partial quotation, or reported (indirect) speech.

    ``quote`` is the quoted content without its quote marks (for indirect speech: the
    reported clause); ``start``/``end`` locate it in the input text.
    """

    quote: str
    start: int
    end: int
    clean_start: int
    clean_end: int
    kind: str = "direct"
    speaker: str | None = None
    speaker_side: str | None = None
    speaker_role: str | None = None
    cue: str | None = None
    medium: str | None = None
    extractor: str = ""


@dataclass(frozen=True)
class Signal(_Record):
    """A negotiation signal: ``holder`` takes ``stance`` toward talks with ``counterpart``.

    ``evidence`` is the exact span of the input text that carries it
    (``raw[start:end] == evidence``); ``explanation`` says in one line why it was emitted.
    """

    holder: str
    holder_side: str | None
    counterpart: str | None
    stance: str
    evidence: str
    start: int
    end: int
    clean_start: int
    clean_end: int
    conditions: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    counterpart_side: str | None = None
    date: str | None = None
    explanation: str = ""
    confidence: float = 1.0
    extractor: str = ""


@dataclass(frozen=True)
class Analysis(_Record):
    """The result of analysing one article: the article and every record found in it."""

    article: Article
    quotes: tuple[Quote, ...] = ()
    statements: tuple[Quote, ...] = ()
    signals: tuple[Signal, ...] = ()
    errors: tuple[ErrorRecord, ...] = ()
    extractors: dict[str, str] = field(default_factory=dict)

    def as_contract(self) -> dict[str, Any]:
        """The extract contract line: the fields of DESIGN.md, then parley's extras."""
        a = self.article
        return {
            "id": a.ref if a.ref is not None else a.id,
            "title": a.title,
            "authors": list(a.authors),
            "date": a.date,
            "outlet": a.outlet,
            "text": a.text,
            "quotes": [q.as_dict() for q in self.quotes],
            "signals": [s.as_dict() for s in self.signals],
            "errors": [e.as_dict() for e in self.errors],
            "statements": [q.as_dict() for q in self.statements],
            "hash": a.id,
            "url": a.url,
            "dateline": a.dateline,
            "language": a.language,
            "source": a.source,
            "duplicate_of": a.duplicate_of,
            "extractors": dict(self.extractors),
        }
