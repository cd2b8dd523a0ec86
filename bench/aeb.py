"""Benchmark: parley's HTML path against trafilatura alone on AEB, and plain-text cleaning speed.

    python bench/aeb.py [--data ../shared/bench/aeb] [--limit N] [--repeat 20] [--json]

HTML: both extractors run over the same pages in one process, each timed on its own
(parley's time includes metadata and the alignment of the body back to HTML offsets).
Scoring follows the AEB method: ``\\w+`` tokens, 4-token shingles, multiset TP/FP/FN per
page; precision is averaged over pages with a prediction, recall over all pages (an
empty prediction counts as recall 0); F1 is the harmonic mean of the two averages.

Plain text: ``clean_page`` (units, labels, metadata, offset map) over the seed dumps
when ``shared/`` is present and the fictional dumps in ``tests/data/dumps``, repeated.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "bench" / "aeb"
SEEDS = ROOT.parent / "shared" / "seeds"
DUMPS = ROOT / "tests" / "data" / "dumps"


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = re.findall(r"\w+", text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(0, len(tokens) - n + 1)))


def score(truth: dict[str, str], pred: dict[str, str]) -> dict[str, float]:
    """Averaged precision, recall and their F1, by the AEB method."""
    precisions, recalls = [], []
    for key, gold_text in truth.items():
        gold, got = shingles(gold_text), shingles(pred.get(key, ""))
        tp = sum((gold & got).values())
        fp, fn = sum(got.values()) - tp, sum(gold.values()) - tp
        if got:
            precisions.append(tp / (tp + fp) if tp + fp else 0.0)
        recalls.append(tp / (tp + fn) if got and tp + fn else 0.0)
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def load(data: Path, limit: int | None) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    truth_all = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(truth_all)[:limit]
    pages = {k: gzip.open(data / "html" / f"{k}.html.gz", "rt", encoding="utf-8").read() for k in keys}
    return pages, {k: truth_all[k]["articleBody"] for k in keys}, {k: truth_all[k].get("url") for k in keys}


def run_trafilatura(pages: dict[str, str], urls: dict[str, str]) -> tuple[dict[str, str], float]:
    import trafilatura

    out, start = {}, time.perf_counter()
    for key, html in pages.items():
        out[key] = trafilatura.extract(html, url=urls[key], include_comments=False) or ""
    return out, time.perf_counter() - start


def run_parley(pages: dict[str, str], urls: dict[str, str]) -> tuple[dict[str, str], float, int]:
    from parley.errors import ParleyError
    from parley.ingest.article import prepare
    from parley.ingest.sources import RawInput

    out, failed, start = {}, 0, time.perf_counter()
    for key, html in pages.items():
        try:
            out[key] = prepare(RawInput(html, "html", key, url=urls[key])).text
        except ParleyError:
            out[key], failed = "", failed + 1
    return out, time.perf_counter() - start, failed


def text_throughput(repeat: int) -> dict[str, float]:
    from parley.ingest.article import clean_page

    files = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    files += sorted(p for p in DUMPS.iterdir() if p.is_file()) if DUMPS.is_dir() else []
    texts = [p.read_text(encoding="utf-8") for p in files]
    start = time.perf_counter()
    for _ in range(repeat):
        for t in texts:
            clean_page(t, None)
    secs = time.perf_counter() - start
    n, chars = len(texts) * repeat, sum(map(len, texts)) * repeat
    return {"docs": n, "seconds": secs, "docs_per_s": n / secs if secs else 0.0,
            "mb_per_s": chars / secs / 1e6 if secs else 0.0, "files": len(texts)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=None, help="only the first N pages")
    ap.add_argument("--repeat", type=int, default=20, help="passes over the text dumps")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args()
    report: dict[str, object] = {}
    if (args.data / "ground-truth.json").exists():
        pages, truth, urls = load(args.data, args.limit)
        traf, t_secs = run_trafilatura(pages, urls)
        ours, p_secs, failed = run_parley(pages, urls)
        report["pages"] = len(pages)
        report["trafilatura"] = {**score(truth, traf), "pages_per_s": len(pages) / t_secs}
        report["parley"] = {**score(truth, ours), "pages_per_s": len(pages) / p_secs, "p108": failed}
        report["f1_ratio"] = report["parley"]["f1"] / report["trafilatura"]["f1"]  # type: ignore[index]
        report["speed_ratio"] = t_secs / p_secs
    else:
        print(f"no AEB data at {args.data}; HTML part skipped", file=sys.stderr)
    report["text_cleaning"] = text_throughput(args.repeat)
    if args.json:
        print(json.dumps(report))
    else:
        _print(report)
    return 0


def _print(report: dict[str, object]) -> None:
    for name in ("trafilatura", "parley"):
        r = report.get(name)
        if isinstance(r, dict):
            print(f"{name:12s} P {r['precision']:.3f}  R {r['recall']:.3f}  F1 {r['f1']:.3f}  "
                  f"{r['pages_per_s']:.1f} pages/s" + (f"  ({r['p108']} P108)" if "p108" in r else ""))
    if "f1_ratio" in report:
        print(f"parley/trafilatura: F1 ratio {report['f1_ratio']:.3f}, speed ratio {report['speed_ratio']:.2f}"
              f" over {report['pages']} pages")
    t = report["text_cleaning"]
    assert isinstance(t, dict)
    print(f"text cleaning: {t['docs']} docs ({t['files']} files) in {t['seconds']:.2f} s:"
          f" {t['docs_per_s']:.0f} docs/s, {t['mb_per_s']:.2f} MB/s")


if __name__ == "__main__":
    sys.exit(main())
