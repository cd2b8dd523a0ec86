"""Article text with every quote and signal highlighted in place, escaped.

Spans may nest or cross (a quote inside a signal's evidence sentence), so the text is cut
at every span boundary and each piece is wrapped in one ``<mark>`` per span covering it;
the marks of one record share its ``data-`` id. A small anchor before each span links to
the record's entry on the page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Span:
    """A record to highlight: ``kind`` is "signal" or "quote"; offsets index the clean text."""

    kind: str
    record_id: int
    start: int
    end: int
    label: str = ""
    css: str = ""

    @property
    def anchor(self) -> str:
        return f"{self.kind}-{self.record_id}"


def spans_of(signals: Iterable[dict], quotes: Iterable[dict]) -> list[Span]:
    """Spans for the signal and quote rows of one article (their ``clean_start``/``clean_end``)."""
    out = [
        Span("signal", s["id"], s["clean_start"], s["clean_end"],
             f"S{s['id']} {s['holder']}: {s['stance']}", f"stance-{s['stance']}")
        for s in signals
    ]
    out += [
        Span("quote", q["id"], q["clean_start"], q["clean_end"], f"Q{q['id']} {q.get('speaker') or '?'}", q["kind"])
        for q in quotes
    ]
    return out


def highlight(text: str, spans: Iterable[Span], focus: str | None = None) -> tuple[Markup, list[Span]]:
    """The escaped text with ``spans`` marked; returns it with the spans that did not fit the text.

    ``focus`` ("signal-12") adds the class ``focus`` to that record's marks.
    """
    spans = list(spans)
    good = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    bad = [s for s in spans if s not in good]
    cuts = sorted({0, len(text), *(s.start for s in good), *(s.end for s in good)})
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        out += [_tag(s) for s in good if s.start == a]
        covering = sorted((s for s in good if s.start <= a and b <= s.end), key=lambda s: (s.start, -s.end))
        out.append(_wrap(str(escape(text[a:b])), covering, focus))
    return Markup("".join(out)), bad


def _tag(s: Span) -> str:
    return (
        f'<a class="tag tag-{s.kind}" id="at-{s.anchor}" href="#{s.anchor}" title="{escape(s.label)}">'
        f"{'S' if s.kind == 'signal' else 'Q'}{s.record_id}</a>"
    )


def _wrap(piece: str, covering: list[Span], focus: str | None) -> str:
    for s in reversed(covering):
        classes = f"hl hl-{s.kind} {escape(s.css)}" + (" focus" if focus == s.anchor else "")
        piece = f'<mark class="{classes}" data-{s.kind}="{s.record_id}">{piece}</mark>'
    return piece
