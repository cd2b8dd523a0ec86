"""Rows to the terminal and to files: Rich tables, CSV, JSON and JSON lines."""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Iterable, Sequence
from typing import IO, Any

FORMATS = ("table", "csv", "json", "jsonl")


#: C0 and C1 control characters but tab and newline: ESC starts terminal escape sequences
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` safe to print on a terminal: control characters shown as ``\\x1b``, not obeyed.

    Article text is untrusted; an escape sequence in it could clear the screen, retitle the
    window, hide a link behind other words (OSC 8) or write to the clipboard (OSC 52).
    """
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    return str(value)


def write_rows(rows: Sequence[dict[str, Any]], columns: Sequence[str], fmt: str, out: IO[str] | None = None,
               title: str | None = None) -> None:
    """Write ``rows`` (only ``columns`` for table and CSV) in ``fmt``."""
    out = out or sys.stdout
    if fmt == "json":
        json.dump(list(rows), out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "jsonl":
        for r in rows:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        w = csv.writer(out)
        w.writerow(columns)
        for r in rows:
            w.writerow([_cell(r.get(c)) for c in columns])
    else:
        table(rows, columns, out, title)


def table(rows: Iterable[dict[str, Any]], columns: Sequence[str], out: IO[str], title: str | None = None) -> None:
    """A Rich table; article text is printed as text, never as markup or terminal controls."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    t = Table(title=title, show_lines=False, expand=False)
    for c in columns:
        t.add_column(c, overflow="fold", max_width=60 if c in ("evidence_text", "quote_text", "explanation") else 28)
    for r in rows:
        t.add_row(*[Text(printable(_cell(r.get(c)))) for c in columns])
    Console(file=out, width=None if out.isatty() else 200).print(t)
