"""A Rich progress display for long CLI work (the library itself never prints)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from .render import printable


@contextmanager
def progress(quiet: bool = False, total: int | None = None) -> Iterator[Callable[[str], None]]:
    """Yield ``advance(label)``; shows a bar on a terminal's stderr unless ``quiet``."""
    if quiet or not sys.stderr.isatty():
        yield lambda label: None
        return
    from rich.console import Console
    from rich.markup import escape
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=Console(stderr=True), transient=False,
    ) as bar:
        task = bar.add_task("ingesting", total=total)

        def advance(label: str) -> None:
            # labels are file names and record ids: untrusted, so neither markup nor escapes
            bar.update(task, advance=1, description=f"ingesting {escape(printable(label[-40:]))}")

        yield advance
