"""Signal quality on gold files: the reference scorer's figures, per-stance errors, confusion.

    python bench/eval_signals.py [GOLD.jsonl ...] [--out DIR] [--details]

Runs the whole extraction (the same as ``parley extract``) over each gold file, writes the
predictions to DIR (default: a temporary folder), prints the reference scorer's summary
(``shared/eval/score.py`` when present, else parley's identical ``parley.evaluate``), then
per-stance precision/recall/F1 and the stance confusion table. Defaults to the seeds and
the dev set under ``../shared/eval``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from parley.batch import analyze_inputs
from parley.evaluate import collapse, gold_inputs, match, prf, read_gold, same_actor, score
from parley.ingest.sources import _record
from parley.model import STANCES

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
if not EVAL.exists():
    EVAL = Path("/work/shared/eval")
DEFAULT = [EVAL / "seeds_gold.jsonl", EVAL / "dev.jsonl"]


def extract(gold: list[dict], out: Path) -> list[dict]:
    items = [_record(rec, "<gold>", f"record {i}") for i, rec in enumerate(gold_inputs(gold), 1)]
    preds = [a.as_contract() for a in analyze_inputs(items)]
    out.write_text("".join(json.dumps(p) + "\n" for p in preds), encoding="utf-8")
    return preds


def per_stance(gold: list[dict], preds: list[dict]) -> dict[str, Counter]:
    """tp / predicted / gold counts per stance, on the collapsed (holder, stance) signals."""
    by_id = {str(p["id"]): p for p in preds}
    out: dict[str, Counter] = {s: Counter() for s in STANCES}
    for g in gold:
        gs, ps = collapse(g.get("signals", [])), collapse(by_id.get(str(g["id"]), {}).get("signals", []))
        for s in STANCES:
            gk = [x for x in gs if x["stance"] == s]
            pk = [x for x in ps if x["stance"] == s]
            m = match(gk, pk, lambda x, y: 1.0 if same_actor(x.get("holder"), y.get("holder")) else 0.0)
            out[s].update(tp=len(m), pred=len(pk), gold=len(gk))
    return out


def report(path: Path, out_dir: Path, details: bool) -> None:
    gold = read_gold(str(path))
    pred_path = out_dir / (path.stem + ".pred.jsonl")
    preds = extract(gold, pred_path)
    print(f"== {path.name}: {len(gold)} articles")
    scorer = EVAL / "score.py"
    if scorer.exists():
        args = [sys.executable, str(scorer), str(path), str(pred_path)] + (["--details"] if details else [])
        lines = subprocess.run(args, capture_output=True, text=True, check=True).stdout.splitlines()
        keep = ("signal", "counterpart", "condition", "reason", "evidence", "bad_offsets", "summary", "counts")
        print("\n".join(x for x in lines if details and " signal " in x or x.startswith(keep)))
    else:
        figures = score(gold, preds).figures()
        print("\n".join(f"{k:22s} {v}" for k, v in figures.items() if k.startswith(("signal", "counterpart"))))
    print(f"{'stance':12s} {'P':>5s} {'R':>5s} {'F1':>5s}  tp/pred/gold")
    for s, c in per_stance(gold, preds).items():
        p, r, f = prf(c["tp"], c["pred"], c["gold"])
        print(f"{s:12s} {p:5.2f} {r:5.2f} {f:5.2f}  {c['tp']}/{c['pred']}/{c['gold']}")
    confusion = score(gold, preds).confusion
    print("confusion (rows gold, columns predicted, holder matched):")
    print(" " * 12 + "".join(f"{s[:6]:>7s}" for s in STANCES))
    for g in STANCES:
        print(f"{g:12s}" + "".join(f"{confusion.get(g, Counter()).get(p, 0):7d}" for p in STANCES))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="*", type=Path, default=DEFAULT)
    ap.add_argument("--out", type=Path, default=None, help="folder for the prediction files")
    ap.add_argument("--details", action="store_true", help="list every missed and extra signal")
    a = ap.parse_args(argv)
    out_dir = a.out or Path(tempfile.mkdtemp(prefix="parley-signals-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    for path in a.gold:
        report(path, out_dir, a.details)
    return 0


if __name__ == "__main__":
    sys.exit(main())
