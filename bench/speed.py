"""Extraction speed against a full spaCy parse of the same articles, and memory as input grows.

    python bench/speed.py [ARTICLES.jsonl] [--rounds 7] [--repeat 4]

In one run, on the same articles, in CPU time of this process (one core):

1. parley's whole extraction (clean, segment, actors, quotes, statements, signals) with
   the default settings (every trigger sentence parsed), the same with the sentence
   selector on (``signal_select = true``) and a full spaCy parse of every article
   (``nlp.pipe`` with every component of the pipeline) are timed in interleaved rounds
   (they take turns on each chunk of 16 articles; the order rotates). Each round gives a
   ratio; the median ratio is reported (the signals issue asks for at least 2x), with the
   median rates in articles per second per core. The machine is shared, so single timings
   move by 20% and more; the ratio of a round is steadier because both sides of it meet
   the same load.
2. Where the extraction's time goes, as a share of one full parse: each step before the
   signals, then the signal layer's sentence selection, its parse, and the rest
   (candidates, features, model, details); and how many sentences were parsed.
3. Memory: the peak traced Python allocation while streaming 1x and Nx the articles through
   the extraction; a flat peak means the run streams (nothing accumulates per article).

Defaults to the dev set, else the seeds.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import tracemalloc
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from parley import nlp
from parley.actors.resolve import _caption
from parley.batch import analyze_inputs
from parley.ingest.sources import _record
from parley.settings import Settings
from parley.signals.lexicon import patterns_in

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
if not EVAL.exists():
    EVAL = Path("/work/shared/eval")


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def items(records: list[dict], times: int = 1) -> Iterator:
    for k in range(times):
        for i, rec in enumerate(records):
            yield _record({"id": f"{k}-{i}", "text": rec["text"]}, "<bench>", f"record {i}")


def forget_texts() -> None:
    """Empty the caches keyed by a sentence's or a paragraph's text: a round repeats the same
    articles, a real stream does not, so no round may find those answers already there.
    (Caches keyed by a word or a name stay: a stream meets its words again.)"""
    patterns_in.cache_clear()
    _caption.cache_clear()


def extraction_seconds(records: list[dict], select: bool = False) -> float:
    settings = Settings(signal_select=select)
    forget_texts()
    start = time.process_time()
    for _ in analyze_inputs(items(records), settings):
        pass
    return time.process_time() - start


def parse_seconds(records: list[dict]) -> float:
    model = nlp.load()
    start = time.process_time()
    for _ in model.pipe((r["text"] for r in records), batch_size=16):
        pass
    return time.process_time() - start


CHUNK = 16  # articles timed at a stretch: the full parse's batch


def rounds(records: list[dict], n: int) -> list[tuple[float, float, float]]:
    """(extraction seconds, the same with the selector on, full parse seconds) per round.

    Within a round the three take turns on each chunk of ``CHUNK`` articles, so that a burst
    of load from elsewhere on the machine falls on all three alike; the order rotates from
    chunk to chunk and round to round, so that no side always runs first or last.
    """
    chunks = [records[at : at + CHUNK] for at in range(0, len(records), CHUNK)]
    out = []
    for k in range(n):
        spent = [0.0, 0.0, 0.0]
        for c, chunk in enumerate(chunks):
            for j in range(3):
                at = (j + k + c) % 3
                spent[at] += (extraction_seconds(chunk) if at == 0 else
                              extraction_seconds(chunk, select=True) if at == 1 else parse_seconds(chunk))
        out.append((spent[0], spent[1], spent[2]))
    return out


def split_seconds(records: list[dict], select: bool = False) -> tuple[Counter[str], int, int]:
    """CPU time per part of the extraction, and how many sentences the signal layer parsed.

    Articles go ``batch.WINDOW`` at a time, as in the extraction: the signal layer parses
    the chosen sentences of a window in one call.
    """
    from parley.batch import WINDOW
    from parley.ingest.article import prepare
    from parley.offsets import OffsetMap
    from parley.pipeline import Doc
    from parley.signals.extract import find_signals
    from parley.signals.instances import chosen as choose
    from parley.signals.parse import parse_many, release
    from parley.steps import DEFAULT_STEPS

    spent: Counter[str] = Counter()
    parsed = sentences = 0
    raws = list(items(records))
    forget_texts()
    for at in range(0, len(raws), WINDOW):
        docs = []
        for raw in raws[at : at + WINDOW]:
            t = time.process_time()
            article = prepare(raw)
            spent["prepare (clean, metadata, language)"] += time.process_time() - t
            docs.append(Doc(article, Settings(signal_select=select), OffsetMap(article.segments)))
        for step in DEFAULT_STEPS[:-1]:
            for doc in docs:
                t = time.process_time()
                step(doc)
                spent[step.name] += time.process_time() - t
        t = time.process_time()
        chosen = [choose(doc) for doc in docs]
        spent["signals: sentence selection"] += time.process_time() - t
        t = time.process_time()
        parse_many(list(zip(docs, chosen, strict=True)))
        spent["signals: parse of the selected sentences"] += time.process_time() - t
        for doc, picked in zip(docs, chosen, strict=True):
            t = time.process_time()
            find_signals(doc)
            release(doc)
            spent["signals: candidates, features, model, details"] += time.process_time() - t
            parsed, sentences = parsed + len(picked), sentences + len(doc.sentences)
    return spent, parsed, sentences


def peak_bytes(records: list[dict], times: int) -> int:
    tracemalloc.start()
    tracemalloc.reset_peak()
    for _ in analyze_inputs(items(records, times)):
        pass
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default = EVAL / "dev.jsonl" if (EVAL / "dev.jsonl").exists() else EVAL / "seeds_gold.jsonl"
    ap.add_argument("articles", nargs="?", type=Path, default=default)
    ap.add_argument("--repeat", type=int, default=4, help="the N of the Nx memory run")
    ap.add_argument("--rounds", type=int, default=7, help="interleaved timing rounds; medians are reported")
    a = ap.parse_args(argv)
    records = load(a.articles)
    extraction_seconds(records[:2])  # load the models and the registry outside the timings
    parse_seconds(records[:2])
    timed = rounds(records, a.rounds)
    ratios = sorted(full / ext for ext, _, full in timed)
    with_selector = sorted(full / ext for _, ext, full in timed)
    ext = statistics.median(e for e, _, _ in timed)
    selecting = statistics.median(e for _, e, _ in timed)
    full = statistics.median(f for _, _, f in timed)
    n = len(records)
    print(f"{n} articles from {a.articles.name}, CPU time on one core, {a.rounds} interleaved rounds (medians)")
    print(f"extraction              {n / ext:8.1f} articles/s/core  ({ext:.2f} s)")
    print(f"  with the selector     {n / selecting:8.1f} articles/s/core  ({selecting:.2f} s)")
    print(f"full spaCy parse        {n / full:8.1f} articles/s/core  ({full:.2f} s)")
    print(f"ratio                   {statistics.median(ratios):8.2f}x faster than the full parse (target >= 2x; "
          f"rounds {ratios[0]:.2f}-{ratios[-1]:.2f})")
    print(f"  with the selector     {statistics.median(with_selector):8.2f}x "
          f"(rounds {with_selector[0]:.2f}-{with_selector[-1]:.2f})")
    spent, parsed, sentences = split_seconds(records)
    spent_sel, parsed_sel, _ = split_seconds(records, select=True)
    print("where the extraction's time goes (share of one full parse):  default  with the selector")
    for part, seconds in spent.items():
        print(f"  {part:48s} {seconds / full:9.2f} {spent_sel[part] / full:9.2f}")
    print(f"  sentences parsed (of {sentences}) {parsed:35d} {parsed_sel:9d}")
    one, many = peak_bytes(records, 1), peak_bytes(records, a.repeat)
    print(f"peak traced memory: 1x {one / 1e6:.1f} MB, {a.repeat}x {many / 1e6:.1f} MB "
          f"(ratio {many / one:.2f}; about 1 means streaming)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
