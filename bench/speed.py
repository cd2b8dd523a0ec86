"""Extraction speed against a full spaCy parse of the same articles, and memory as input grows.

    python bench/speed.py [ARTICLES.jsonl] [--repeat 4]

In one run, on the same articles and one core (best of three alternating rounds): (1) parley's whole extraction (clean,
segment, actors, quotes, statements, signals), (2) a full spaCy parse of every article
(``nlp.pipe`` with every component). Prints articles per second per core for each and
their ratio (the signals issue asks for at least 2x). Then memory: the peak traced Python
allocation while streaming 1x and Nx the articles through the extraction; a flat peak means
the run streams (nothing accumulates per article). Defaults to the dev set, else the seeds.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import tracemalloc
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from parley import nlp
from parley.batch import analyze_inputs
from parley.ingest.sources import _record

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
if not EVAL.exists():
    EVAL = Path("/work/shared/eval")


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def items(records: list[dict], times: int = 1) -> Iterator:
    for k in range(times):
        for i, rec in enumerate(records):
            yield _record({"id": f"{k}-{i}", "text": rec["text"]}, "<bench>", f"record {i}")


def extraction_seconds(records: list[dict]) -> float:
    start = time.process_time()
    for _ in analyze_inputs(items(records)):
        pass
    return time.process_time() - start


def parse_seconds(records: list[dict]) -> float:
    model = nlp.load()
    start = time.process_time()
    for _ in model.pipe((r["text"] for r in records), batch_size=16):
        pass
    return time.process_time() - start


def split_seconds(records: list[dict]) -> Counter[str]:
    """CPU time per part of the extraction: each step before the signals, the signal parse, the rest."""
    from parley.ingest.article import prepare
    from parley.offsets import OffsetMap
    from parley.pipeline import Doc
    from parley.settings import Settings
    from parley.signals.extract import find_signals
    from parley.signals.instances import triggered
    from parley.signals.parse import parse
    from parley.steps import DEFAULT_STEPS

    spent: Counter[str] = Counter()
    for raw in items(records):
        t = time.process_time()
        article = prepare(raw)
        spent["prepare"] += time.process_time() - t
        doc = Doc(article, Settings(), OffsetMap(article.segments))
        for step in DEFAULT_STEPS[:-1]:
            t = time.process_time()
            step(doc)
            spent[step.name] += time.process_time() - t
        t = time.process_time()
        parse(doc, triggered(doc))
        spent["signals: parse of triggered sentences"] += time.process_time() - t
        t = time.process_time()
        find_signals(doc)
        spent["signals: candidates, features, model"] += time.process_time() - t
    return spent


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
    ap.add_argument("--rounds", type=int, default=3, help="timing rounds; the best of each is reported")
    a = ap.parse_args(argv)
    records = load(a.articles)
    extraction_seconds(records[:2])  # load the model and the registry outside the timings
    parse_seconds(records[:2])
    # best of three alternating runs of each: the machine is shared, the minimum is the cost
    ext = full = float("inf")
    for _ in range(a.rounds):
        ext, full = min(ext, extraction_seconds(records)), min(full, parse_seconds(records))
    n = len(records)
    print(f"{n} articles from {a.articles.name}, CPU time on one core")
    print(f"extraction      {n / ext:8.1f} articles/s/core  ({ext:.2f} s)")
    print(f"full spaCy parse{n / full:8.1f} articles/s/core  ({full:.2f} s)")
    print(f"ratio           {full / ext:8.2f}x faster than the full parse (target >= 2x)")
    spent = split_seconds(records)
    print("where the extraction's time goes (share of one full parse):")
    for part, seconds in spent.items():
        print(f"  {part:40s} {seconds / full:6.2f}")
    one, many = peak_bytes(records, 1), peak_bytes(records, a.repeat)
    print(f"peak traced memory: 1x {one / 1e6:.1f} MB, {a.repeat}x {many / 1e6:.1f} MB "
          f"(ratio {many / one:.2f}; about 1 means streaming)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
