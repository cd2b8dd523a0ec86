"""Scale benchmark: articles per second per core, and peak memory, three ways, in one run.

    .venv/bin/python bench/scale.py                 # 2,000 generated articles of ~800 words
    .venv/bin/python bench/scale.py --n 5000 --json bench/scale.json

Runs, on the same generated corpus (bench/corpus.py), each as its own command so it is
measured as a user runs it:

- ``single``:    ``parley extract CORPUS --workers 1``   (one process)
- ``workers2``:  ``parley extract CORPUS --workers 2``   (a pool of two worker processes)
- ``spark2``:    ``parley spark CORPUS OUT --master local[2]``   (Spark, two task threads)
- ``spark2-quarter``: the same on the first quarter of the corpus, so that Spark's fixed cost
  (JVM start, planning, writing five tables) and its cost per article can be told apart

For each: wall time, CPU time of the whole process tree (the JVM and Python workers
included), articles per second, articles per second per core (cores = processes or task
threads it was given), articles per CPU-second (steady even when other work shares the
machine), and peak memory of the tree (the sum of PSS, so pages shared between forked
workers count once; RSS too). Then the compass figure: how long 100,000 articles of ~800
words (a day of world news) would take on a 2-core laptop at the ``workers2`` rate, and at
the ideal rate of two whole cores (2 x articles per CPU-second).

Absolute rates depend on what else runs on the machine; ratios measured in one run do not
(much). The load average is printed so a reader can judge the conditions.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402

DAY = 100_000  # articles in a day of world news (the compass)
GOAL_S = 3600.0
CONFIGS = ("single", "workers2", "spark2", "spark2-quarter")


@dataclass
class Result:
    """One configuration's figures."""

    name: str
    command: str
    cores: int
    articles: int
    wall_s: float
    cpu_s: float
    peak_pss_mb: float
    peak_rss_mb: float

    @property
    def rate(self) -> float:
        return self.articles / self.wall_s

    @property
    def per_core(self) -> float:
        return self.rate / self.cores

    @property
    def per_cpu_s(self) -> float:
        return self.articles / self.cpu_s if self.cpu_s else float("nan")


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as fh:
                out.extend(int(c) for c in fh.read().split())
    except OSError:
        pass
    return out


def _tree(pid: int) -> list[int]:
    todo, seen = [pid], []
    while todo:
        p = todo.pop()
        seen.append(p)
        todo.extend(_children(p))
    return seen


def _memory_kb(pid: int) -> tuple[int, int]:
    """(PSS, RSS) of one process in kB; zeros if it is gone."""
    pss = rss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    pss = int(line.split()[1])
                elif line.startswith("Rss:"):
                    rss = int(line.split()[1])
    except OSError:
        pass
    return pss, rss


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of one live process (for processes we cannot wait for)."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


class Sampler(threading.Thread):
    """Samples the memory and CPU of a process tree every ``interval`` seconds while it runs."""

    def __init__(self, pid: int, interval: float = 0.2):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_pss = self.peak_rss = 0
        self.cpu: dict[int, float] = {}
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            pss = rss = 0
            for p in _tree(self.pid):
                a, b = _memory_kb(p)
                pss, rss = pss + a, rss + b
                if p != self.pid:
                    self.cpu[p] = max(self.cpu.get(p, 0.0), cpu_seconds(p))
            self.peak_pss, self.peak_rss = max(self.peak_pss, pss), max(self.peak_rss, rss)
            self.done.wait(self.interval)


def measure(name: str, argv: list[str], cores: int, articles: int) -> Result:
    """Run ``argv`` once; wall time, CPU time of the tree, and peak memory."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    sampler = Sampler(proc.pid)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    sampler.done.set()
    sampler.join()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{name} failed: {' '.join(argv)}\n{proc.stderr.read().decode()[-3000:]}")
    # the process's own CPU, plus its descendants as last sampled (a daemon's children are not
    # reaped by it in time for rusage to count them)
    cpu = usage.ru_utime + usage.ru_stime + sum(sampler.cpu.values())
    return Result(name, " ".join(argv), cores, articles, wall, cpu, sampler.peak_pss / 1024, sampler.peak_rss / 1024)


def commands(parley: str, data: Path, quarter: Path, work: Path) -> dict[str, tuple[list[str], int, Path]]:
    """Each run: its command, the cores it is given, and its corpus."""
    def spark(src: Path, out: str) -> list[str]:
        return [parley, "spark", str(src), str(work / out), "--master", "local[2]", "--overwrite"]

    return {
        "single": ([parley, "extract", str(data), "-o", str(work / "single.jsonl"), "--workers", "1"], 1, data),
        "workers2": ([parley, "extract", str(data), "-o", str(work / "workers2.jsonl"), "--workers", "2"], 2, data),
        "spark2": (spark(data, "spark2"), 2, data),
        "spark2-quarter": (spark(quarter, "spark2-quarter"), 2, quarter),
    }


def report(results: list[Result], load: tuple[float, float], n: int, words: float) -> str:
    lines = [
        f"corpus: {n} generated articles, {words:.0f} words on average; load average before/after: "
        f"{load[0]:.2f} / {load[1]:.2f} on {os.cpu_count()} cores",
        "",
        "| run | cores | wall s | articles/s | articles/s/core | articles/CPU-s | peak PSS MB | peak RSS MB |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(f"| {r.name} | {r.cores} | {r.wall_s:.1f} | {r.rate:.1f} | {r.per_core:.1f} | {r.per_cpu_s:.1f} |"
                     f" {r.peak_pss_mb:.0f} | {r.peak_rss_mb:.0f} |")
    base = next((r for r in results if r.name == "single"), None)
    if base:
        lines.append("")
        same = [r for r in results if r is not base and r.articles == base.articles]
        lines += [f"- {r.name}: {r.rate / base.rate:.2f}x the single-process rate, "
                  f"{r.per_core / base.per_core:.2f}x its rate per core" for r in same]
    lines += _marginal(results)
    lines.append("")
    lines += _compass(results)
    return "\n".join(lines)


def _marginal(results: list[Result]) -> list[str]:
    """Spark's CPU cost per article beyond its fixed cost, from the full and the quarter run.

    CPU time, not wall time: under other load the two runs' wall times are not comparable.
    """
    by = {r.name: r for r in results}
    full, part = by.get("spark2"), by.get("spark2-quarter")
    if not (full and part) or full.cpu_s <= part.cpu_s:
        return []
    per_cpu = (full.articles - part.articles) / (full.cpu_s - part.cpu_s)
    fixed = full.cpu_s - full.articles / per_cpu
    return [f"- spark2 beyond its fixed cost (the full run less the quarter run): {per_cpu:.1f} articles/CPU-s; "
            f"fixed cost about {fixed:.0f} CPU-s (JVM start, planning, five table writes)"]


def _compass(results: list[Result]) -> list[str]:
    """A day of world news on a 2-core laptop, at the rate measured and on two idle cores."""
    out = []
    for r in results:
        if r.name == "workers2":
            minutes, idle = DAY / r.rate / 60, DAY / (2 * r.per_cpu_s) / 60
            out.append(f"- a day of world news ({DAY:,} articles) on 2 cores at the measured workers2 rate: "
                       f"{minutes:.0f} minutes ({'under' if minutes < 60 else 'OVER'} the one-hour goal)")
            out.append(f"- the same on 2 idle cores at the pool's measured CPU cost per article "
                       f"(2 x {r.per_cpu_s:.1f} articles/CPU-s): {idle:.0f} minutes")
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="parley scale benchmark (see the module docstring)")
    parser.add_argument("--n", type=int, default=2000, help="generated articles (default 2000)")
    parser.add_argument("--words", type=int, default=800, help="about this many words per article")
    parser.add_argument("--runs", default=",".join(CONFIGS), help=f"which of {','.join(CONFIGS)}")
    parser.add_argument("--json", help="also write the figures to this JSON file")
    parser.add_argument("--keep", help="keep the corpus and outputs in this folder")
    args = parser.parse_args(argv)
    parley = str(Path(sys.executable).with_name("parley"))
    work = Path(args.keep or tempfile.mkdtemp(prefix="parley-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    data = corpus.write_jsonl(work / "corpus.jsonl", args.n, words=args.words)
    quarter = corpus.write_jsonl(work / "quarter.jsonl", args.n // 4, words=args.words)
    words = sum(len(r["text"].split()) for r in corpus.articles(min(args.n, 200), words=args.words)) / min(args.n, 200)
    runs = commands(parley, data, quarter, work)
    load0 = os.getloadavg()[0]
    results = []
    for name in args.runs.split(","):
        cmd, cores, src = runs[name]
        results.append(measure(name, cmd, cores, args.n if src == data else args.n // 4))
        print(f"{name}: {results[-1].wall_s:.1f} s", file=sys.stderr)
    text = report(results, (load0, os.getloadavg()[0]), args.n, words)
    print(text)
    if args.json:
        Path(args.json).write_text(json.dumps({"n": args.n, "words": words, "report": text, "results": [
            {**asdict(r), "rate": r.rate, "per_core": r.per_core, "per_cpu_s": r.per_cpu_s} for r in results]},
            indent=2))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
