"""All the cores of one machine: the per-article pipeline in a pool of worker processes.

The pipeline is a pure function of one input, so it parallelises by article. Each worker
process loads the model once (at start, then reuses it for every article it gets); the
parent reads inputs, keeps a bounded number of chunks in flight (memory stays flat however
long the input is) and yields analyses in input order, so the output of ``--workers 4`` is
line for line the output of ``--workers 1``. Only the parent writes, so the store keeps
its single writer. A parent that is killed (SIGKILL, out of memory) takes its workers with
it: each watches the parent and exits when it is gone, so no orphan is left holding a model.

A worker that dies (killed, out of memory, a crash in native code) does not stop the run:
the chunks it held are run again one article at a time, and an article that kills a worker
twice becomes an error record (P200), like any other article that cannot be analysed.
"""

from __future__ import annotations

import multiprocessing
import os
import select
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain, islice

from .batch import analyze_input, analyze_item, analyze_items, failed
from .batch import analyze_inputs as analyze_serially
from .ingest.sources import Item, RawInput, iter_inputs
from .model import Analysis, ErrorRecord
from .settings import Settings

Analyze = Callable[[RawInput, Settings], Analysis]

#: articles sent to a worker at a time; small, so the slowest chunk does not hold up the order
CHUNK = 4
#: chunks in flight per worker: enough to keep every worker busy, few enough to bound memory
IN_FLIGHT_PER_WORKER = 3

_worker_settings: Settings | None = None
_worker_analyze: Analyze = analyze_input


def cpu_count() -> int:
    """The cores this process may run on (its affinity, not the machine's total)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def resolve_workers(workers: int) -> int:
    """The number of worker processes meant by ``workers`` (0 or less: all cores)."""
    return workers if workers > 0 else cpu_count()


def analyze_paths(paths: Iterable[str], settings: Settings | None = None) -> Iterator[Analysis]:
    """Analyses of every article under ``paths``, on ``settings.workers`` processes, in input order."""
    settings = settings or Settings()
    return analyze_inputs(iter_inputs(paths, settings), settings)


def analyze_inputs(
    items: Iterable[Item], settings: Settings | None = None, *, workers: int | None = None,
    analyze: Analyze = analyze_input,
) -> Iterator[Analysis]:
    """Analyses of ``items`` in input order, on ``workers`` processes (default ``settings.workers``).

    A small input (no more than one chunk) runs in this process: starting workers and
    loading the model in each costs more than it saves there.
    """
    settings = settings or Settings()
    n = resolve_workers(settings.workers if workers is None else workers)
    items = iter(items)
    head = list(islice(items, CHUNK + 1))
    if n <= 1 or len(head) <= CHUNK:
        if analyze is analyze_input:  # the default: a few articles at a time (see ``batch.WINDOW``)
            return analyze_serially(chain(head, items), settings)
        return (analyze_item(item, settings, analyze) for item in chain(head, items))
    return _pooled(chain(head, items), settings, n, analyze)


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _pooled(items: Iterable[Item], settings: Settings, workers: int, analyze: Analyze) -> Iterator[Analysis]:
    pool = _Pool(workers, settings, analyze)
    try:
        pending: deque[tuple[list[Item], Future[list[Analysis]]]] = deque()
        for chunk in _chunks(items, CHUNK):
            pending.append((chunk, pool.submit(chunk)))
            if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield from pool.collect(pending)
        while pending:
            yield from pool.collect(pending)
    finally:
        pool.shutdown()


class _Pool:
    """A process pool that survives the death of a worker (see the module docstring)."""

    def __init__(self, workers: int, settings: Settings, analyze: Analyze):
        self.workers, self.settings, self.analyze = workers, settings, analyze
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        # forkserver: workers start from a clean process, not a copy of a parent that may hold
        # threads (a progress bar) or an open database
        return ProcessPoolExecutor(
            self.workers, mp_context=multiprocessing.get_context("forkserver"),
            initializer=_init_worker, initargs=(self.settings, self.analyze, os.getpid()),
        )

    def submit(self, chunk: list[Item]) -> Future[list[Analysis]]:
        return self.executor.submit(_run_chunk, chunk)

    def collect(self, pending: deque[tuple[list[Item], Future[list[Analysis]]]]) -> list[Analysis]:
        """The analyses of the oldest pending chunk; after a worker died, reruns what it took down."""
        chunk, future = pending[0]
        try:
            result = future.result()
        except BrokenProcessPool:
            self._restart()
            result = [self._isolated(item) for item in chunk]
            for i, (other, done) in enumerate(list(pending)):  # chunks in flight the pool took down
                if i and not _succeeded(done):
                    pending[i] = (other, self.submit(other))
        pending.popleft()
        return result

    def _isolated(self, item: Item) -> Analysis:
        """One article alone in the pool: if it kills a worker again, it gets an error record."""
        try:
            return self.submit([item]).result()[0]
        except BrokenProcessPool:
            self._restart()
            if isinstance(item, ErrorRecord):
                return failed(item)
            err = ErrorRecord("P200", "the worker process died while analysing this article", item.source,
                              item.location, "worker")
            return failed(err, item.ref)

    def _restart(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor = self._start()

    def shutdown(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def _succeeded(future: Future[list[Analysis]]) -> bool:
    return future.done() and not future.cancelled() and future.exception() is None


def _init_worker(settings: Settings, analyze: Analyze, parent: int) -> None:
    """Runs once in each worker: keep the settings for every chunk it will get.

    The model is not loaded here: ``parley.nlp`` loads it on the first sentence that needs a
    parse and keeps it for the life of the process, so each worker loads it at most once.
    """
    global _worker_settings, _worker_analyze
    _worker_settings, _worker_analyze = settings, analyze
    threading.Thread(target=_exit_with, args=(parent,), daemon=True, name="parley-parent-watch").start()


def _exit_with(parent: int) -> None:
    """End this worker when the process that started the pool is gone.

    A parent killed with SIGKILL cannot tell its workers, and they would wait for work
    forever, each holding a loaded model. Only the parent writes the store, so a worker
    has nothing to finish. Waits on a pidfd (Linux 5.3+), else checks once a second.
    """
    try:
        fd = os.pidfd_open(parent)
    except (AttributeError, OSError):
        while _alive(parent):
            time.sleep(1.0)
    else:
        select.select([fd], [], [])  # readable once the parent has exited
    os._exit(1)


def _alive(pid: int) -> bool:
    """Whether process ``pid`` exists (one we may not signal exists too: PermissionError)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True


def _run_chunk(chunk: list[Item]) -> list[Analysis]:
    settings = _worker_settings or Settings()
    if _worker_analyze is analyze_input:  # the default: the chunk's articles run together
        return analyze_items(chunk, settings)
    return [analyze_item(item, settings, _worker_analyze) for item in chunk]
