"""parley: evidence-linked negotiation signals, quotes and actors from conflict news.

    >>> import parley
    >>> result = parley.analyze(text, url="https://example.org/2024/03/09/talks", date="2024-03-09")
    >>> [(s.holder, s.stance, s.evidence) for s in result.signals]
    >>> with parley.open("parley.db") as store:
    ...     store.add(result)

Importing parley is cheap: spaCy loads on the first analysis that needs a parse.
The library never prints and never configures logging; the ``parley`` command does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import ParleyError
from .model import Actor, Analysis, Article, ErrorRecord, Quote, Signal

if TYPE_CHECKING:
    from .settings import Settings
    from .store import Store

__version__ = "0.1.0"
__all__ = [
    "Actor", "Analysis", "Article", "ErrorRecord", "ParleyError", "Quote", "Signal",
    "__version__", "analyze", "open",
]


def analyze(text: str, url: str | None = None, date: str | None = None, *,
            settings: Settings | None = None) -> Analysis:
    """Analyse one article given as text (a plain-text page, or HTML).

    Returns the article (metadata, clean text) with its quotes and signals; their
    ``start``/``end`` index ``text`` as given. A text parley cannot use is not an
    exception: the result carries it in ``errors``.
    """
    from .batch import analyze_input
    from .ingest.sources import RawInput, _looks_html

    raw = RawInput(text, "html" if _looks_html(text) else "text", "<text>", url=url, date=date)
    if not text.strip():
        from .batch import failed

        return failed(ErrorRecord("P101", "the text is empty", "<text>"))
    return analyze_input(raw, settings)


def open(path: str = "parley.db") -> Store:  # noqa: A001 - the public name is parley.open
    """Open (creating and migrating if needed) the store at ``path``."""
    from .store import Store

    return Store(path)
