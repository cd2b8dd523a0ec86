"""The dashboard's HTML pages: signals, quotes, actors, articles. Server-rendered, no scripts."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup

from .. import digest, timeline
from ..model import STANCES
from ..store import Filters, Store
from .deps import FocusId, Paging, get_filters, get_paging, get_store
from .highlight import highlight, spans_of
from .templating import record_href, render, static_file

router = APIRouter()
StoreDep = Annotated[Store, Depends(get_store)]
FiltersDep = Annotated[Filters, Depends(get_filters)]
PagingDep = Annotated[Paging, Depends(get_paging)]


def _page(template: str, **context: Any) -> HTMLResponse:
    return HTMLResponse(render(template, stances=STANCES, **context))


@router.get("/")
def home() -> Response:
    return RedirectResponse("/signals", status_code=303)


@router.get("/static/{name}")
def static(name: str) -> Response:
    try:
        body = static_file(name)
    except FileNotFoundError:
        raise HTTPException(404, f"no static file {name!r}") from None
    return Response(body, media_type="text/css; charset=utf-8")


@router.get("/signals")
def signals(store: StoreDep, f: FiltersDep, paging: PagingDep) -> HTMLResponse:
    rows = store.signals(f, paging.limit, paging.offset)
    return _page("signals.html", rows=rows, total=store.matches("signals", f), filters=f.given(),
                 paging=paging, section="signals")


@router.get("/quotes")
def quotes(store: StoreDep, f: FiltersDep, paging: PagingDep) -> HTMLResponse:
    rows = store.quotes(f, paging.limit, paging.offset)
    return _page("quotes.html", rows=rows, total=store.matches("quotes", f), filters=f.given(),
                 paging=paging, section="quotes")


@router.get("/actors")
def actors(store: StoreDep) -> HTMLResponse:
    return _page("actors.html", rows=store.actors(), section="actors")


@router.get("/actors/{name:path}")
def actor(name: str, store: StoreDep) -> HTMLResponse:
    row = store.actor(name)
    if row is None:
        raise HTTPException(404, f"no actor named {name!r}")
    sigs = store.signals(Filters(actor=name, exact=True))
    tl = timeline.build(sigs, f"{name}: stances toward each counterpart", lanes="counterpart")
    chart = Markup(timeline.svg(tl, href=lambda m: record_href("signal", {"id": m.signal_id,
                                                                        "article_id": m.article_id})))
    return _page(
        "actor.html", actor=row, chart=chart, dyads=digest.dyads(sigs), conditions=digest.conditions(sigs),
        reasons=digest.reasons(sigs), quotes=store.quotes(Filters(actor=name, exact=True)),
        toward=digest.dyads(store.signals(Filters(counterpart=name, exact=True))), section="actors",
    )


@router.get("/articles")
def articles(store: StoreDep, paging: PagingDep) -> HTMLResponse:
    return _page("articles.html", rows=store.article_index(paging.limit, paging.offset), paging=paging,
                 section="articles")


@router.get("/articles/{article_id}")
def article(
    article_id: str, store: StoreDep, signal: FocusId = None, quote: FocusId = None,
) -> HTMLResponse:
    row = store.article(article_id)
    if row is None:
        raise HTTPException(404, f"no article {article_id!r}")
    f = Filters(article=article_id)
    sigs, quotes_ = store.signals(f), store.quotes(f)
    focus = f"signal-{signal}" if signal is not None else (f"quote-{quote}" if quote is not None else None)
    text, unplaced = highlight(row["text"], spans_of(sigs, quotes_), focus)
    return _page("article.html", article=row, text=text, unplaced=unplaced, signals=sigs, quotes=quotes_,
                 focus=focus, section="articles")
