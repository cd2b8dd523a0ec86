"""Stance over time: one mark per signal, coloured by stance, and the counts by month.

``build()`` turns signal rows (from ``Store.signals``) into a ``Timeline``; the renderers
draw it as SVG (standalone, inside the self-contained HTML page, the report and the
dashboard, with the evidence in each mark's tooltip) or as PNG (matplotlib). Every piece
of text that reaches SVG or HTML is escaped: evidence is untrusted article text.
"""

from __future__ import annotations

import calendar
import html
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from .errors import ParleyError, UsageError
from .store import Filters, Store

#: Stances from closed to open: the order of the lanes, bottom to top, and of the legend.
STANCE_ORDER = ("refuse", "skeptical", "conditional", "open", "engaged", "agreed")
COLORS = {
    "refuse": "#c0392b", "skeptical": "#e67e22", "conditional": "#b7950b",
    "open": "#27ae60", "engaged": "#2471a3", "agreed": "#7d3c98",
}
OUTPUTS = (".png", ".svg", ".html")
NO_COUNTERPART = "(no counterpart named)"
WIDTH, LEFT, RIGHT, LANE_H, BARS_H = 920, 170, 24, 30, 110


@dataclass(frozen=True)
class Mark:
    """One signal placed in time."""

    day: date
    stance: str
    lane: str
    holder: str
    counterpart: str | None
    evidence: str
    signal_id: int | None = None
    article_id: str | None = None
    title: str | None = None
    conditions: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()

    def tooltip(self) -> str:
        """Plain text for the mark's tooltip: who, toward whom, which stance, and the evidence."""
        lines = [f"{self.day.isoformat()}  {self.holder} \u2192 {self.counterpart or '?'}: {self.stance}"]
        if self.conditions:
            lines.append("conditions: " + "; ".join(self.conditions))
        if self.reasons:
            lines.append("reasons: " + ", ".join(self.reasons))
        lines.append(f"\u201c{_clip(self.evidence, 400)}\u201d")
        if self.title:
            lines.append(f"\u2014 {self.title}")
        return "\n".join(lines)


@dataclass(frozen=True)
class Timeline:
    """Marks in date order, their lanes (bottom to top), and how many signals had no date."""

    title: str
    marks: tuple[Mark, ...]
    lanes: tuple[str, ...]
    undated: int = 0
    lane_kind: str = "stance"
    notes: tuple[str, ...] = field(default=())

    def months(self) -> list[tuple[str, Counter[str]]]:
        """Signals per month per stance, for every month from the first mark to the last."""
        if not self.marks:
            return []
        counts: dict[str, Counter[str]] = {}
        for m in self.marks:
            counts.setdefault(m.day.strftime("%Y-%m"), Counter())[m.stance] += 1
        first, last = self.marks[0].day, self.marks[-1].day
        return [(key, counts.get(key, Counter())) for key in _month_keys(first, last)]


def build(rows: Iterable[dict[str, Any]], title: str, lanes: str = "stance") -> Timeline:
    """A timeline of signal rows; ``lanes`` is "stance" (one lane per stance) or "counterpart"."""
    marks, undated = [], 0
    for r in rows:
        day = parse_day(r.get("date"))
        if day is None:
            undated += 1
            continue
        lane = r["stance"] if lanes == "stance" else (r.get("counterpart") or NO_COUNTERPART)
        marks.append(_mark(r, day, lane))
    marks.sort(key=lambda m: (m.day, m.signal_id or 0))
    return Timeline(title, tuple(marks), _lanes(marks, lanes), undated, lanes)


def _mark(r: dict[str, Any], day: date, lane: str) -> Mark:
    return Mark(
        day=day, stance=r["stance"], lane=lane, holder=r.get("holder") or "?", counterpart=r.get("counterpart"),
        evidence=r.get("evidence_text") or r.get("evidence") or "", signal_id=r.get("id"),
        article_id=r.get("article_id"), title=r.get("article_title"), conditions=tuple(r.get("conditions") or ()),
        reasons=tuple(r.get("reasons") or ()),
    )


def _lanes(marks: list[Mark], kind: str) -> tuple[str, ...]:
    if kind == "stance":
        return STANCE_ORDER
    by_count = Counter(m.lane for m in marks)
    return tuple(sorted(by_count, key=lambda k: (by_count[k], k), reverse=True))[::-1]


def for_actor(store: Store, actor: str, counterpart: str | None = None, lanes: str = "stance",
              filters: Filters | None = None) -> Timeline:
    """The timeline of the signals held by ``actor`` (toward ``counterpart``), from the store."""
    if not actor.strip():
        raise UsageError("P400", "a timeline needs an actor: --actor NAME (a part of the name will do)")
    base = filters or Filters()
    f = Filters(**{**base.given(), "actor": actor, "counterpart": counterpart or base.counterpart,
                   "exact": base.exact})
    title = f"{actor} toward {counterpart}" if counterpart else f"{actor}: stances toward talks"
    return build(store.signals(f), title, lanes)


def parse_day(value: str | None) -> date | None:
    """The day of an ISO date; a month or a year stands for its first day. None if unparseable."""
    if not value:
        return None
    parts = str(value)[:10].split("-")
    try:
        nums = [int(p) for p in parts] + [1, 1]
        return date(nums[0], nums[1], nums[2]) if len(parts) <= 3 else None
    except ValueError:
        return None


def _month_keys(first: date, last: date) -> list[str]:
    keys, y, m = [], first.year, first.month
    while (y, m) <= (last.year, last.month):
        keys.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return keys


def _clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "\u2026"


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


# --- SVG ---------------------------------------------------------------------------------


class _Scale:
    """Days to x pixels, padded so marks at the ends are not cut."""

    def __init__(self, first: date, last: date, x0: float, x1: float):
        pad = max(15, (last - first).days // 25)
        self.start, self.end = first - timedelta(days=pad), last + timedelta(days=pad)
        self.x0, self.x1 = x0, x1

    def __call__(self, d: date) -> float:
        span = (self.end - self.start).days or 1
        return self.x0 + (self.x1 - self.x0) * (d - self.start).days / span

    def ticks(self) -> list[date]:
        """First days of months, at most about ten of them."""
        months = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1
        step = next(s for s in (1, 2, 3, 6, 12, 24, 60, 120, 10**6) if months / s <= 10)
        out, y, m = [], self.start.year, self.start.month
        while date(y, m, 1) <= self.end:
            if date(y, m, 1) >= self.start and (y * 12 + m - 1) % step == 0:
                out.append(date(y, m, 1))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out


def svg(tl: Timeline, href: Callable[[Mark], str | None] | None = None, standalone: bool = False) -> str:
    """The timeline as one SVG element: lanes of marks, an axis, monthly bars, a legend.

    ``href`` gives a link for each mark (the dashboard links marks to their evidence);
    ``standalone`` adds the XML namespace declarations a ``.svg`` file needs.
    """
    lanes_h = max(1, len(tl.lanes)) * LANE_H
    height = 40 + lanes_h + 34 + BARS_H + 50
    ns = ' xmlns="http://www.w3.org/2000/svg"' if standalone else ""
    out = [
        f'<svg{ns} class="timeline" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}"'
        f' role="img" aria-label="{_esc(tl.title)}" font-family="sans-serif" font-size="12">',
        f"<title>{_esc(tl.title)}</title>",
        f'<text x="{LEFT}" y="18" font-size="15" font-weight="bold">{_esc(tl.title)}</text>',
    ]
    if not tl.marks:
        out.append(f'<text x="{LEFT}" y="60" fill="#555">No dated signals to show.</text>')
    else:
        scale = _Scale(tl.marks[0].day, tl.marks[-1].day, LEFT, WIDTH - RIGHT)
        out += _lanes_svg(tl, scale, 30, href)
        out += _axis_svg(scale, 30 + lanes_h)
        out += _bars_svg(tl, scale, 30 + lanes_h + 34)
    out += _legend_svg(height - 16, tl.undated)
    out.append("</svg>")
    return "\n".join(out)


def _lanes_svg(tl: Timeline, scale: _Scale, top: int, href: Callable[[Mark], str | None] | None) -> list[str]:
    out = []
    n = len(tl.lanes)
    for i, lane in enumerate(tl.lanes):
        y = top + (n - 1 - i) * LANE_H + LANE_H / 2
        out.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y}" y2="{y}" stroke="#e3e3e3"/>')
        out.append(f'<text x="{LEFT - 8}" y="{y + 4}" text-anchor="end">{_esc(_clip(lane, 26))}</text>')
    crowd: Counter[tuple[str, date]] = Counter()
    for m in tl.marks:
        i = tl.lanes.index(m.lane)
        k = crowd[(m.lane, m.day)]
        crowd[(m.lane, m.day)] += 1
        # marks on the same day in the same lane step right, so none hides another
        x = scale(m.day) + 7 * k
        y = top + (n - 1 - i) * LANE_H + LANE_H / 2
        out.append(_mark_svg(m, x, y, href(m) if href else None))
    return out


def _mark_svg(m: Mark, x: float, y: float, link: str | None) -> str:
    circle = (
        f'<circle class="mark stance-{_esc(m.stance)}" cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{COLORS[m.stance]}"'
        f' fill-opacity="0.85" stroke="#222" stroke-width="0.6"'
        f'{_data(m)}><title>{_esc(m.tooltip())}</title></circle>'
    )
    return f'<a href="{_esc(link)}">{circle}</a>' if link else circle


def _data(m: Mark) -> str:
    return f' data-signal="{m.signal_id}"' if m.signal_id is not None else ""


def _axis_svg(scale: _Scale, y: int) -> list[str]:
    out = [f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y}" y2="{y}" stroke="#888"/>']
    for t in scale.ticks():
        x = scale(t)
        label = t.strftime("%Y") if t.month == 1 else f"{calendar.month_abbr[t.month]} {t.year}"
        out.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y}" y2="{y + 5}" stroke="#888"/>')
        out.append(f'<text x="{x:.1f}" y="{y + 18}" text-anchor="middle" fill="#444">{_esc(label)}</text>')
    return out


def _bars_svg(tl: Timeline, scale: _Scale, top: int) -> list[str]:
    months = tl.months()
    peak = max((sum(c.values()) for _, c in months), default=0) or 1
    out = [
        f'<text x="{LEFT - 8}" y="{top + 12}" text-anchor="end" fill="#444">signals per month</text>',
        f'<text x="{LEFT - 8}" y="{top + 28}" text-anchor="end" fill="#888">(peak {peak})</text>',
    ]
    for key, counts in months:
        out += _bar_svg(key, counts, scale, top, peak)
    return out


def _bar_svg(key: str, counts: Counter[str], scale: _Scale, top: int, peak: int) -> list[str]:
    first = date(int(key[:4]), int(key[5:]), 1)
    days = calendar.monthrange(first.year, first.month)[1]
    x0, x1 = scale(first), scale(first + timedelta(days=days))
    w = max(2.0, (x1 - x0) * 0.8)
    tip = _esc(f"{key}: " + (", ".join(f"{s} {counts[s]}" for s in STANCE_ORDER if counts[s]) or "none"))
    out, base = [f'<g class="month" data-month="{key}"><title>{tip}</title>'], top + BARS_H
    for s in STANCE_ORDER:
        if counts[s]:
            h = BARS_H * counts[s] / peak
            base -= h
            out.append(f'<rect x="{x0 + (x1 - x0 - w) / 2:.1f}" y="{base:.1f}" width="{w:.1f}" height="{h:.1f}"'
                       f' fill="{COLORS[s]}"/>')
    out.append("</g>")
    return out


def _legend_svg(y: int, undated: int) -> list[str]:
    out, x = [], LEFT
    for s in STANCE_ORDER:
        out.append(f'<circle cx="{x}" cy="{y - 4}" r="6" fill="{COLORS[s]}"/>')
        out.append(f'<text x="{x + 10}" y="{y}">{s}</text>')
        x += 22 + 8 * len(s)
    if undated:
        out.append(f'<text x="{x + 10}" y="{y}" fill="#666">{undated} undated signal(s) not shown</text>')
    return out


# --- files -------------------------------------------------------------------------------


def write(tl: Timeline, path: str | Path) -> Path:
    """Write the timeline to ``path``; the suffix picks the format (.png, .svg or .html)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in OUTPUTS:
        raise UsageError("P400", f"timeline output must end in {', '.join(OUTPUTS)}, not {path.name!r}")
    if suffix == ".png":
        png(tl, path)
    elif suffix == ".svg":
        path.write_text(svg(tl, standalone=True), encoding="utf-8")
    else:
        path.write_text(page(tl), encoding="utf-8")
    return path


def page(tl: Timeline) -> str:
    """A self-contained HTML page: the chart with its tooltips, styled inline, no scripts."""
    from .web.templating import render

    return render("timeline.html", timeline=tl, chart=svg(tl), colors=COLORS, stances=STANCE_ORDER)


def png(tl: Timeline, path: Path) -> None:
    """Draw the timeline with matplotlib: the lanes of marks above, the monthly bars below."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise ParleyError("P404", "PNG timelines need matplotlib: pip install matplotlib") from None
    fig, (top, bottom) = plt.subplots(
        2, 1, figsize=(10, 2 + 0.35 * len(tl.lanes) + 1.6), sharex=True,
        gridspec_kw={"height_ratios": [max(2, len(tl.lanes)), 2]},
    )
    _png_marks(tl, top)
    _png_bars(tl, bottom)
    import matplotlib.dates as mdates

    locator = mdates.AutoDateLocator(maxticks=10)
    bottom.xaxis.set_major_locator(locator)
    bottom.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    fig.suptitle(tl.title)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def _png_marks(tl: Timeline, ax: Any) -> None:
    for s in STANCE_ORDER:
        ms = [m for m in tl.marks if m.stance == s]
        if ms:
            ax.scatter([m.day for m in ms], [tl.lanes.index(m.lane) for m in ms], color=COLORS[s], label=s,
                       s=50, edgecolors="#222", linewidths=0.5, zorder=3)
    ax.set_yticks(range(len(tl.lanes)), [_clip(lane, 26) for lane in tl.lanes])
    ax.set_ylim(-0.7, len(tl.lanes) - 0.3)
    ax.grid(axis="y", color="#e3e3e3")
    if tl.marks:
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
    else:
        ax.text(0.5, 0.5, "No dated signals to show.", transform=ax.transAxes, ha="center")
    if tl.undated:
        ax.set_xlabel(f"{tl.undated} undated signal(s) not shown", fontsize=8, color="#666")


def _png_bars(tl: Timeline, ax: Any) -> None:
    months = tl.months()
    xs = [date(int(k[:4]), int(k[5:]), 15) for k, _ in months]
    bottom = [0] * len(months)
    for s in STANCE_ORDER:
        heights = [c[s] for _, c in months]
        if any(heights):
            ax.bar(xs, heights, width=24, bottom=bottom, color=COLORS[s])
            bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    ax.set_ylabel("signals / month", fontsize=8)
