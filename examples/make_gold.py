#!/usr/bin/env python3
"""Build ``examples/gold.jsonl`` from the example documents and ``annotations.json``.

    python3 examples/make_gold.py [--coverage]

The annotations (quotes, signals, metadata, where the body of each dump starts and ends) are
written by hand in ``annotations.json``; this script adds each document's text exactly as stored,
computes ``body_lines`` for the plain-text dumps, and refuses to write anything unless every label
holds up against the text: quotes and evidence are exact substrings of the visible text (and of the
HTML source), every quoted span of three or more words is annotated, and stances and reasons use
only the codes of ``shared/eval/GUIDELINES.md``. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ANNOTATIONS = HERE / "annotations.json"
ARTICLES = HERE / "articles"  # what parley reads; ids are paths relative to it
BATCH = ARTICLES / "batch.jsonl"
GOLD = HERE / "gold.jsonl"

STANCES = ("refuse", "conditional", "open", "engaged", "agreed", "skeptical")
REASONS = (
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
SIGNAL_KEYS = ("holder", "holder_side", "counterpart", "stance", "conditions", "reasons", "evidence")
META_KEYS = ("title", "authors", "date", "outlet")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Condition cues the corpus is meant to cover (README coverage table).
CUES = ("until", "unless", "if", "only after", "on condition that", "without", "demanding", "insists on")


class GoldError(Exception):
    """An annotation that does not hold up against its document."""


# --- documents ---------------------------------------------------------------------------


class _Visible(HTMLParser):
    """Text a reader sees: everything outside <head>, <script> and <style>, entities resolved."""

    HIDDEN = {"head", "script", "style", "title"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in self.HIDDEN:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if not self.depth:
            self.parts.append(data)


def visible_text(doc_id: str, text: str) -> str:
    """The text that quotes and evidence must be found in (HTML: rendered text)."""
    if not doc_id.endswith(".html"):
        return text
    parser = _Visible()
    parser.feed(text)
    parser.close()
    return "".join(parser.parts)


def load_batch() -> dict[str, dict[str, Any]]:
    records: dict[str, dict[str, Any]] = {}
    for n, line in enumerate(BATCH.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            rec = json.loads(line)
            if set(rec) != {"id", "url", "date", "text"}:
                raise GoldError(f"batch.jsonl line {n}: keys must be id, url, date, text")
            records[rec["id"]] = rec
    return records


def read_file(doc_id: str) -> str:
    # Bytes decoded by hand so that no newline translation touches the text.
    return (ARTICLES / doc_id).read_bytes().decode("utf-8")


# --- checks ------------------------------------------------------------------------------


def quoted_spans(visible: str) -> list[str]:
    """Every span inside quotation marks, per line; an unclosed mark runs to the end of the line
    (a quote continued in the next paragraph re-opens there, the news convention)."""
    spans: list[str] = []
    for line in visible.split("\n"):
        spans += _straight(line)
        spans += re.findall(r"“([^”]*)(?:”|$)", line)
        spans += re.findall(r"«([^»]*)(?:»|$)", line)
        # ’ followed by a letter is an apostrophe (don’t, government’s), not a closing mark.
        spans += re.findall(r"‘(.*?)(?:’(?![A-Za-z])|$)", line)
    return [s for s in spans if s.strip()]


def _straight(line: str) -> list[str]:
    pieces = line.split('"')
    spans = pieces[1::2]
    if len(pieces) % 2 == 0:  # odd number of marks: the last quote runs to the end of the line
        spans[-1] = pieces[-1]
    return spans


def words(s: str) -> int:
    return len(s.split())


def check_doc(ann: dict[str, Any], text: str) -> None:
    doc = ann["id"]
    visible = visible_text(doc, text)

    def must_contain(what: str, s: str) -> None:
        if s not in visible or s not in text:
            where = "visible text" if s not in visible else "source (tags or entities inside?)"
            raise GoldError(f"{doc}: {what} not found in {where}: {s[:90]!r}")

    spans = Counter(s for s in quoted_spans(visible) if words(s) >= 3)
    annotated = Counter(q["quote"] for q in ann["quotes"])
    for q in ann["quotes"]:
        if set(q) != {"speaker", "quote"}:
            raise GoldError(f"{doc}: quote keys must be speaker, quote: {q}")
        must_contain("quote", q["quote"])
        if words(q["quote"]) < 3:
            raise GoldError(f"{doc}: quote under three words: {q['quote']!r}")
    for span in annotated - spans:
        raise GoldError(f"{doc}: annotated quote is not a whole quoted span: {span[:90]!r}")
    # "not_quotes" lists quoted spans a document may leave unannotated (titles of works, say).
    allowed = Counter(ann.get("not_quotes", []))
    for span in spans - annotated - allowed:
        raise GoldError(f"{doc}: quoted span of 3+ words left unannotated: {span[:90]!r}")

    for s in ann["signals"]:
        if tuple(s) != SIGNAL_KEYS:
            raise GoldError(f"{doc}: signal keys must be {SIGNAL_KEYS} in that order: {s}")
        if s["stance"] not in STANCES:
            raise GoldError(f"{doc}: unknown stance {s['stance']!r}")
        bad = [r for r in s["reasons"] if r not in REASONS]
        if bad or len(set(s["reasons"])) != len(s["reasons"]):
            raise GoldError(f"{doc}: bad or repeated reason codes {s['reasons']}")
        if not s["holder"] or not s["holder_side"]:
            raise GoldError(f"{doc}: signal without holder or holder_side: {s['evidence'][:60]!r}")
        if s["stance"] == "conditional" and not s["conditions"]:
            raise GoldError(f"{doc}: conditional signal without conditions: {s['evidence'][:60]!r}")
        must_contain("evidence", s["evidence"])
        for c in s["conditions"]:
            must_contain("condition", c)


def body_lines(doc: str, text: str, spec: dict[str, Any]) -> list[int]:
    """1-based numbers of the non-empty lines from the line starting with ``from`` to the line
    starting with ``to``, less those matching a ``skip`` pattern."""
    lines = text.split("\n")

    def find(prefix: str) -> int:
        hits = [i for i, line in enumerate(lines) if line.startswith(prefix)]
        if len(hits) != 1:
            raise GoldError(f"{doc}: body marker {prefix!r} matches {len(hits)} lines, not 1")
        return hits[0]

    first, last = find(spec["from"]), find(spec["to"])
    skip = [re.compile(p) for p in spec.get("skip", [])]
    return [i + 1 for i in range(first, last + 1) if lines[i].strip() and not any(p.match(lines[i]) for p in skip)]


def check_meta(doc: str, meta: dict[str, Any], text: str) -> None:
    if tuple(meta) != META_KEYS:
        raise GoldError(f"{doc}: meta keys must be {META_KEYS}")
    if meta["date"] is not None and not ISO_DATE.match(meta["date"]):
        raise GoldError(f"{doc}: meta date must be ISO (YYYY-MM-DD) or null")
    if meta["title"] not in visible_text(doc, text):
        raise GoldError(f"{doc}: meta title is not shown in the document")


# --- build -------------------------------------------------------------------------------


def build(annotations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    batch = load_batch()
    files = {str(p.relative_to(ARTICLES)) for d in ("dumps", "html") for p in (ARTICLES / d).iterdir()}
    ids = [a["id"] for a in annotations]
    if len(ids) != len(set(ids)):
        raise GoldError("annotations.json: a document is annotated twice")
    missing = (files | set(batch)) - set(ids)
    if missing:
        raise GoldError(f"documents without annotations: {sorted(missing)}")
    out = []
    for ann in annotations:
        doc = ann["id"]
        if doc in batch:
            rec = batch[doc]
            text, url, date = rec["text"], rec["url"], rec["date"]
        elif doc in files:
            text, url, date = read_file(doc), ann["url"], ann["date"]
        else:
            raise GoldError(f"{doc}: no such file or batch record")
        if date is not None and not ISO_DATE.match(date):
            raise GoldError(f"{doc}: date must be ISO (YYYY-MM-DD) or null")
        check_doc(ann, text)
        gold: dict[str, Any] = {"id": doc, "url": url, "date": date, "text": text}
        if doc in files:
            check_meta(doc, ann["meta"], text)
            gold["meta"] = ann["meta"]
        if doc.endswith(".txt"):
            gold["body_lines"] = body_lines(doc, text, ann["body"])
        gold["quotes"] = ann["quotes"]
        gold["signals"] = ann["signals"]
        out.append(gold)
    return out


def coverage(gold: list[dict[str, Any]]) -> str:
    """Markdown tables of what the corpus covers (pasted into README.md)."""
    sigs = [s for g in gold for s in g["signals"]]
    stances = Counter(s["stance"] for s in sigs)
    reasons = Counter(r for s in sigs for r in s["reasons"])
    formats = Counter("batch.jsonl" if "/" not in g["id"] else g["id"].split("/")[0] for g in gold)
    cue_hits: Counter[str] = Counter()
    for s in sigs:
        ev = s["evidence"].lower()
        for cue in CUES:
            if s["conditions"] and re.search(rf"\b{cue}\b", ev):
                cue_hits[cue] += 1
    rows = ["| stance | signals |", "|---|---|"]
    rows += [f"| `{k}` | {stances[k]} |" for k in STANCES]
    rows += ["", "| reason | signals |", "|---|---|"]
    rows += [f"| `{k}` | {reasons[k]} |" for k in REASONS]
    rows += ["", "| condition cue (in evidence of a signal with conditions) | signals |", "|---|---|"]
    rows += [f"| {k} | {cue_hits[k]} |" for k in CUES]
    rows += ["", "| format | documents |", "|---|---|"]
    rows += [f"| {k} | {v} |" for k, v in sorted(formats.items())]
    n_q = sum(len(g["quotes"]) for g in gold)
    rows += ["", f"{len(gold)} documents, {n_q} quotes, {len(sigs)} signals."]
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--coverage", action="store_true", help="print the coverage tables as markdown")
    args = ap.parse_args(argv)
    try:
        gold = build(json.loads(ANNOTATIONS.read_text(encoding="utf-8")))
    except GoldError as exc:
        print(f"make_gold: {exc}", file=sys.stderr)
        return 1
    with GOLD.open("w", encoding="utf-8", newline="\n") as f:
        for g in gold:
            f.write(json.dumps(g, ensure_ascii=False) + "\n")
    n_s = sum(len(g["signals"]) for g in gold)
    print(f"wrote {GOLD.name}: {len(gold)} documents, {n_s} signals, all checks passed")
    if args.coverage:
        print(coverage(gold))
    return 0


if __name__ == "__main__":
    sys.exit(main())
