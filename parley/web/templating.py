"""Jinja2 templates for every HTML parley writes: dashboard pages, timeline pages, reports.

Autoescaping is always on: article text, titles and names are untrusted input, so they
reach HTML only escaped. Markup built in Python (the SVG charts, highlighted article text)
escapes its own text and is marked safe explicitly.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

STATIC_FILES = ("style.css",)


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The one template environment (autoescape on, undefined names are errors)."""
    env = Environment(
        loader=PackageLoader("parley.web", "templates"), autoescape=True, undefined=StrictUndefined,
        lstrip_blocks=True,
    )
    env.globals.update(
        css=inline_css, safe_url=safe_url, query=query, actor_href=actor_href, record_href=record_href,
    )
    env.filters["joined"] = lambda v: "; ".join(v or ())
    return env


def render(name: str, **context: Any) -> str:
    """Render template ``name`` with ``context``."""
    return environment().get_template(name).render(**context)


def static_file(name: str) -> bytes:
    """The bytes of one packaged static file (only those in ``STATIC_FILES``)."""
    if name not in STATIC_FILES:
        raise FileNotFoundError(name)
    return resources.files("parley.web").joinpath("static", name).read_bytes()


def inline_css() -> Markup:
    """The stylesheet, for self-contained pages (timeline, report) that carry their own style."""
    return Markup(static_file("style.css").decode("utf-8"))


def safe_url(url: str | None) -> str | None:
    """``url`` if it is an http(s) address, else None: no ``javascript:`` links from article metadata."""
    if not url:
        return None
    return url if urlsplit(url.strip()).scheme.lower() in ("http", "https") else None


def query(params: dict[str, Any], **changes: Any) -> str:
    """A query string of the non-empty ``params`` with ``changes`` applied, for links."""
    merged = {**params, **changes}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "", False)})


def actor_href(name: str, base: str = "") -> str:
    """The dashboard address of an actor's page."""
    return f"{base}/actors/{quote(name, safe='')}"


def record_href(kind: str, row: dict[str, Any], base: str = "") -> str:
    """The dashboard address of a signal or quote: its article, scrolled to it, highlighted."""
    rid = row["id"]
    return f"{base}/articles/{quote(str(row['article_id']), safe='')}?{kind}={rid}#at-{kind}-{rid}"
