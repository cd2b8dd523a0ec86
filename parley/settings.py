"""Settings: declared once (name, default, help), passed explicitly, unknown keys rejected.

Precedence, lowest first: the defaults below; a TOML file (``parley.toml`` in the working
directory, or the file named by ``PARLEY_CONFIG``), table ``[parley]``; environment
variables ``PARLEY_<NAME>``; command-line options.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError


@dataclass(frozen=True)
class Settings:
    """Everything a run of parley can be told."""

    db: str = field(default="parley.db", metadata={"help": "SQLite database file of the store"})
    max_bytes: int = field(
        default=50_000_000, metadata={"help": "largest input file or record read, in bytes"}
    )
    include: tuple[str, ...] = field(
        default=(), metadata={"help": "glob patterns a file in a directory must match (any)"}
    )
    exclude: tuple[str, ...] = field(
        default=(), metadata={"help": "glob patterns of files in a directory to skip"}
    )
    actors: tuple[str, ...] = field(
        default=(), metadata={"help": "extra actor registry files (YAML) added to the bundled one"}
    )
    workers: int = field(
        default=0, metadata={"help": "worker processes for ingest and extract (0 = all cores, 1 = no pool)"}
    )
    max_parse_chars: int = field(
        default=10_000,
        metadata={"help": "longest sentence analysed in one piece; a longer one is cut into parts (P201)"},
    )
    signal_select: bool = field(
        default=False,
        metadata={"help": "parse only the sentences the signal selector picks (off: every trigger sentence; "
                          "see docs/signals.md for its cost in recall)"},
    )
    fetch_timeout: float = field(default=20.0, metadata={"help": "seconds to wait for a URL"})
    fields: tuple[str, ...] = field(
        default=(), metadata={"help": "JSON record fields, parley=yours (text=body,url=link,date=meta.published)"}
    )

    def wants(self, path: Path, root: Path) -> bool:
        """Whether a file found under ``root`` passes the include/exclude globs."""
        rel = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
        names = (rel, path.name)
        if self.include and not any(fnmatch.fnmatch(n, p) for p in self.include for n in names):
            return False
        return not any(fnmatch.fnmatch(n, p) for p in self.exclude for n in names)

    def replace(self, **changes: Any) -> Settings:
        """A copy with ``changes`` applied; ``None`` values are ignored (an option not given)."""
        changes = {k: v for k, v in changes.items() if v is not None}
        unknown = set(changes) - {f.name for f in dataclasses.fields(self)}
        if unknown:
            raise ConfigError("P401", f"unknown setting(s): {', '.join(sorted(unknown))}")
        return dataclasses.replace(self, **{k: _coerce(self, k, v) for k, v in changes.items()})


def _coerce(settings: Settings, name: str, value: Any) -> Any:
    current = getattr(settings, name)
    try:
        if isinstance(current, tuple):
            return tuple(value.split(",")) if isinstance(value, str) else tuple(value)
        if isinstance(current, bool):
            return str(value).lower() in ("1", "true", "yes", "on")
        return type(current)(value)
    except (TypeError, ValueError):
        raise ConfigError("P401", f"setting {name!r} must be a {type(current).__name__}, got {value!r}") from None


def load_settings(config: str | None = None, **overrides: Any) -> Settings:
    """Defaults, then the TOML file, then ``PARLEY_*`` variables, then ``overrides``."""
    settings = Settings()
    path = config or os.environ.get("PARLEY_CONFIG") or ("parley.toml" if Path("parley.toml").exists() else None)
    if path:
        settings = settings.replace(**_read_toml(path))
    names = {f.name for f in dataclasses.fields(Settings)}
    env = {n: os.environ[f"PARLEY_{n.upper()}"] for n in names if f"PARLEY_{n.upper()}" in os.environ}
    return settings.replace(**env).replace(**overrides)


def _read_toml(path: str) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except OSError as exc:
        raise ConfigError("P401", f"cannot read settings file {path}: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError("P401", f"settings file {path}: {exc}") from None
    table = data.get("parley", data)
    if not isinstance(table, dict):
        raise ConfigError("P401", f"settings file {path}: [parley] must be a table")
    return table


def describe() -> list[tuple[str, Any, str]]:
    """(name, default, help) of every setting, for docs and ``--help``."""
    return [(f.name, f.default, f.metadata.get("help", "")) for f in dataclasses.fields(Settings)]
