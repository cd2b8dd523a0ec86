"""Score extraction against gold annotations (the format of the annotation guidelines).

The figures follow the project's reference scorer exactly, so ``parley evaluate`` agrees
with it on the same input:

- quotes match one-to-one when their token overlap is at least 0.8; a match counts for
  quote+speaker when the speakers are the same actor (a gold pronoun accepts any speaker);
- signals are first collapsed per document to one per (holder, stance); they match when the
  stance is equal and the holders are the same actor (surname, alias or metonym of a side);
- for matched signals: counterpart accuracy, condition recall (overlap >= 0.5), reason
  precision/recall, evidence overlap; side-level F1 matches on stance + holder side;
- metadata (title, date, authors, outlet) and body token F1 where the gold has them.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from .model import STANCES

SIDE_ALIASES = {
    "russian federation": "russia", "kremlin": "russia", "moscow": "russia", "kyiv": "ukraine",
    "kiev": "ukraine", "usa": "united states", "us": "united states", "u.s.": "united states",
    "washington": "united states", "the west": "west", "western countries": "west", "nato": "nato",
}
TITLE_TOKENS = frozenset(
    "president prime minister mr mrs ms gen general gov governor spokesman spokeswoman foreign defense "
    "defence deputy secretary dr the russian ukrainian u.s. us chief leader sheikh king".split()
)
PRONOUNS = frozenset("he she they i we it him her them you".split())
_QUOTE_CHARS = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "«": '"', "»": '"'})


def normalize(s: str | None) -> str:
    s = unicodedata.normalize("NFKC", s or "").lower().translate(_QUOTE_CHARS)
    return re.sub(r"\s+", " ", s).strip()


def tokens(s: str | None) -> list[str]:
    return re.findall(r"\w+", normalize(s))


def _name_tokens(name: str | None) -> list[str] | None:
    toks = [t for t in tokens(name) if t not in TITLE_TOKENS]
    return toks or None


def _similar(a: str, b: str) -> bool:
    return a == b or (len(a) > 3 and len(b) > 3 and SequenceMatcher(None, a, b).ratio() >= 0.8)


def same_actor(a: str | None, b: str | None) -> bool:
    """Whether two names denote the same actor (surname, alias, metonym of a side)."""
    ka, kb = _name_tokens(a), _name_tokens(b)
    if ka is None or kb is None:
        return ka is None and kb is None
    if ka == kb:
        return True
    ja, jb = " ".join(ka), " ".join(kb)
    if SIDE_ALIASES.get(ja, ja) == SIDE_ALIASES.get(jb, jb):
        return True
    if len(ka[-1]) > 2 and _similar(ka[-1], kb[-1]) and (len(ka) == 1 or len(kb) == 1 or _similar(ka[0], kb[0])):
        return True
    short, long_ = (ja, jb) if len(ka) <= len(kb) else (jb, ja)
    return short in long_ and len(short) > 3


def speaker_ok(gold: str | None, pred: str | None) -> bool:
    if gold and normalize(gold) in PRONOUNS:
        return bool(pred)
    return same_actor(gold, pred)


def side_key(s: str | None) -> str | None:
    k = " ".join(tokens(s))
    return SIDE_ALIASES.get(k, k) or None


def overlap(a: str | None, b: str | None) -> float:
    ta, tb = Counter(tokens(a)), Counter(tokens(b))
    if not ta or not tb:
        return 0.0
    return sum((ta & tb).values()) / max(1, min(sum(ta.values()), sum(tb.values())))


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else (1.0 if not n_pred else 0.0)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def match(golds: list[Any], preds: list[Any], score: Callable[[Any, Any], float]) -> list[tuple[int, int]]:
    """One-to-one matching, best-scoring pairs first (ties broken as the reference scorer does)."""
    pairs = sorted(
        ((score(g, p), gi, pi) for gi, g in enumerate(golds) for pi, p in enumerate(preds)), reverse=True
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for s, gi, pi in pairs:
        if s > 0 and gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return out


def collapse(signals: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """One signal per (holder, stance): several evidence sentences make one signal."""
    out: list[dict[str, Any]] = []
    for s in signals:
        if s.get("stance") not in STANCES:
            continue
        for o in out:
            if o["stance"] == s["stance"] and same_actor(o.get("holder"), s.get("holder")):
                o["_all"].append(s)
                break
        else:
            out.append(dict(s, _all=[s]))
    return out


@dataclass
class Scores:
    """Counts gathered over documents, and the figures computed from them."""

    counts: Counter[str] = field(default_factory=Counter)
    confusion: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    details: list[str] = field(default_factory=list)
    docs: int = 0
    missing: int = 0

    def add(self, gold: dict[str, Any], pred: dict[str, Any] | None) -> None:
        self.docs += 1
        if pred is None:
            self.missing += 1
            pred = {}
        self._offsets(gold["text"], pred)
        self._quotes(gold, pred)
        self._signals(gold, pred)
        self._meta(gold, pred)

    def _offsets(self, text: str, pred: dict[str, Any]) -> None:
        for s in [*pred.get("signals", []), *pred.get("quotes", [])]:
            st, en = s.get("start"), s.get("end")
            frag = s.get("evidence", s.get("quote"))
            if st is None or en is None or text[st:en] != frag:
                self.counts["bad_offsets"] += 1

    def _quotes(self, gold: dict[str, Any], pred: dict[str, Any]) -> None:
        gq = list(gold.get("quotes", []))
        pq = [q for q in pred.get("quotes", []) if q.get("quote")]

        def score(g: dict[str, Any], p: dict[str, Any]) -> float:
            o = overlap(g["quote"], p["quote"])
            return o if o >= 0.8 else 0.0

        m = match(gq, pq, score)
        c = self.counts
        c["q_gold"] += len(gq)
        c["q_pred"] += len(pq)
        c["q_tp"] += len(m)
        c["qs_tp"] += sum(1 for gi, pi in m if speaker_ok(gq[gi].get("speaker"), pq[pi].get("speaker")))
        doc = gold["id"]
        mg, mp = {gi for gi, _ in m}, {pi for _, pi in m}
        self.details += [f"{doc} quote missed: {q['speaker']}: {q['quote'][:70]}"
                         for i, q in enumerate(gq) if i not in mg]
        self.details += [f"{doc} quote extra : {q.get('speaker')}: {q['quote'][:70]}"
                         for i, q in enumerate(pq) if i not in mp]
        self.details += [
            f"{doc} speaker wrong: {gq[gi]['speaker']} != {pq[pi].get('speaker')}: {gq[gi]['quote'][:50]}"
            for gi, pi in m if not speaker_ok(gq[gi].get("speaker"), pq[pi].get("speaker"))
        ]

    def _signals(self, gold: dict[str, Any], pred: dict[str, Any]) -> None:
        gs, ps = collapse(gold.get("signals", [])), collapse(pred.get("signals", []))
        c = self.counts
        c["s_gold"] += len(gs)
        c["s_pred"] += len(ps)

        def holder_stance(x: dict[str, Any], y: dict[str, Any]) -> float:
            return 1.0 if x["stance"] == y["stance"] and same_actor(x.get("holder"), y.get("holder")) else 0.0

        def side_stance(x: dict[str, Any], y: dict[str, Any]) -> float:
            k = side_key(x.get("holder_side"))
            return 1.0 if x["stance"] == y["stance"] and k and k == side_key(y.get("holder_side")) else 0.0

        def holder_only(x: dict[str, Any], y: dict[str, Any]) -> float:
            if not same_actor(x.get("holder"), y.get("holder")):
                return 0.0
            return 2.0 if x["stance"] == y["stance"] else 1.0

        m = match(gs, ps, holder_stance)
        c["s_tp"] += len(m)
        c["side_tp"] += len(match(gs, ps, side_stance))
        for gi, pi in m:
            self._matched(gs[gi], ps[pi])
        for gi, pi in match(gs, ps, holder_only):
            self.confusion[gs[gi]["stance"]][ps[pi]["stance"]] += 1
        doc = gold["id"]
        mg, mp = {gi for gi, _ in m}, {pi for _, pi in m}
        self.details += [
            f"{doc} signal missed: {s.get('holder')} {s['stance']}: {s['evidence'][:70]}"
            for i, s in enumerate(gs) if i not in mg
        ]
        self.details += [
            f"{doc} signal extra : {s.get('holder')} {s['stance']}: {(s.get('evidence') or '')[:70]}"
            for i, s in enumerate(ps) if i not in mp
        ]

    def _matched(self, g: dict[str, Any], p: dict[str, Any]) -> None:
        c = self.counts
        sides = {side_key(s.get("counterpart")) for s in g["_all"]}
        if any(same_actor(s.get("counterpart"), p.get("counterpart")) for s in g["_all"]) or side_key(
            p.get("counterpart")
        ) in sides:
            c["cp_ok"] += 1
        greas = set().union(*[set(s.get("reasons", [])) for s in g["_all"]])
        preas = set(p.get("reasons", []))
        c["r_tp"] += len(greas & preas)
        c["r_pred"] += len(preas)
        c["r_gold"] += len(greas)
        gcond = [x for s in g["_all"] for x in s.get("conditions", [])]
        if gcond:
            c["cond_gold"] += 1
            if any(overlap(x, y) >= 0.5 for x in gcond for y in p.get("conditions", [])):
                c["cond_ok"] += 1
        if any(overlap(s["evidence"], p.get("evidence", "")) >= 0.5 for s in g["_all"]):
            c["ev_ok"] += 1

    def _meta(self, gold: dict[str, Any], pred: dict[str, Any]) -> None:
        c = self.counts
        meta = gold.get("meta")
        if meta:
            c["meta_n"] += 1
            c["title_ok"] += normalize(pred.get("title") or "").strip("# ") == normalize(meta.get("title") or "")
            c["date_ok"] += (pred.get("date") or None) == meta.get("date")
            c["authors_ok"] += {normalize(x) for x in pred.get("authors") or []} == {
                normalize(x) for x in meta.get("authors") or []
            }
            c["outlet_ok"] += normalize(pred.get("outlet") or "") == normalize(meta.get("outlet") or "")
        if gold.get("body_lines"):
            lines = gold["text"].split("\n")
            body = Counter(tokens(" ".join(lines[i - 1] for i in gold["body_lines"])))
            got = Counter(tokens(pred.get("text") or ""))
            c["body_tp"] += sum((body & got).values())
            c["body_pred"] += sum(got.values())
            c["body_gold"] += sum(body.values())

    def figures(self) -> dict[str, Any]:
        """The figures, under the same names as the reference scorer's ``--json`` output."""
        c = self.counts
        res: dict[str, Any] = {"docs": self.docs, "docs_missing": self.missing}
        res["quote_p"], res["quote_r"], res["quote_f1"] = prf(c["q_tp"], c["q_pred"], c["q_gold"])
        res["quote_speaker_p"], res["quote_speaker_r"], res["quote_speaker_f1"] = prf(
            c["qs_tp"], c["q_pred"], c["q_gold"]
        )
        res["signal_p"], res["signal_r"], res["signal_f1"] = prf(c["s_tp"], c["s_pred"], c["s_gold"])
        res["signal_side_f1"] = prf(c["side_tp"], c["s_pred"], c["s_gold"])[2]
        res["counterpart_acc"] = c["cp_ok"] / c["s_tp"] if c["s_tp"] else 0.0
        res["evidence_acc"] = c["ev_ok"] / c["s_tp"] if c["s_tp"] else 0.0
        res["condition_recall"] = c["cond_ok"] / c["cond_gold"] if c["cond_gold"] else None
        res["reason_f1"] = prf(c["r_tp"], c["r_pred"], c["r_gold"])[2] if c["r_gold"] else None
        res["bad_offsets"] = c["bad_offsets"]
        if c["meta_n"]:
            for k in ("title", "date", "authors", "outlet"):
                res[f"{k}_acc"] = c[f"{k}_ok"] / c["meta_n"]
        if c["body_gold"]:
            res["body_p"], res["body_r"], res["body_f1"] = prf(c["body_tp"], c["body_pred"], c["body_gold"])
        res["counts"] = {k: c[k] for k in ("q_gold", "q_pred", "s_gold", "s_pred")}
        res["stance_confusion"] = {g: dict(cn) for g, cn in self.confusion.items()}
        return res


def score(gold: Iterable[dict[str, Any]], predictions: Iterable[dict[str, Any]]) -> Scores:
    """Score prediction lines (the extract contract) against gold documents, matched by id."""
    preds = {str(p.get("id")): p for p in predictions}
    scores = Scores()
    for g in gold:
        scores.add(g, preds.get(str(g["id"])))
    return scores


def read_gold(path: str) -> list[dict[str, Any]]:
    """Gold documents from a JSONL file; ``UsageError`` (P403) names a bad line."""
    from .errors import UsageError

    out = []
    try:
        fh = open(path, encoding="utf-8")
    except OSError as exc:
        raise UsageError("P403", f"cannot read gold file {path}: {exc.strerror}") from None
    with fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
            except json.JSONDecodeError as exc:
                raise UsageError("P403", f"{path} line {n}: invalid JSON ({exc.msg})") from None
            if not isinstance(doc, dict) or "id" not in doc or not isinstance(doc.get("text"), str):
                raise UsageError("P403", f"{path} line {n}: a gold document needs 'id' and 'text'")
            out.append(doc)
    return out


def gold_inputs(gold: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The extract inputs of gold documents: id, text, and url/date where the gold gives them."""
    out = []
    for g in gold:
        rec = {"id": g["id"], "text": g["text"]}
        if "meta" not in g:  # documents with metadata gold are scored on finding it themselves
            rec.update(url=g.get("url"), date=g.get("date"))
        out.append(rec)
    return out
