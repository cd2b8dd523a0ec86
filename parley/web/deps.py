"""Request dependencies shared by the pages and the API: the store, the filters, the paging."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import HTTPException, Path, Query, Request

from ..errors import UsageError
from ..store import Filters, Store

#: SQLite integers are 64-bit: a larger number in a URL is a bad parameter (422), not a server error
SQLITE_MIN, SQLITE_MAX = -(2**63), 2**63 - 1
RecordId = Annotated[int, Path(ge=SQLITE_MIN, le=SQLITE_MAX)]
FocusId = Annotated[int | None, Query(ge=SQLITE_MIN, le=SQLITE_MAX)]
Text = Annotated[str | None, Query(max_length=200)]
SearchText = Annotated[str | None, Query(max_length=500, description="FTS5 query over article texts")]


def get_store(request: Request) -> Iterator[Store]:
    """A read-only connection for one request (SQLite connections are cheap and not shared).

    The request reads one snapshot: an ingest committing meanwhile shows in the next request,
    never half in this one.
    """
    store = Store(request.app.state.db, readonly=True)
    try:
        with store.snapshot():
            yield store
    finally:
        store.close()


def get_filters(
    actor: Text = None, side: Text = None, counterpart: Text = None, stance: Text = None, since: Text = None,
    until: Text = None, outlet: Text = None, search: SearchText = None,
) -> Filters:
    """The filters of the query string; empty fields (as HTML forms send them) are unset.

    A stance or date no query could match is a 422, like any other bad parameter.
    """
    given = {"actor": actor, "side": side, "counterpart": counterpart, "stance": stance, "since": since,
             "until": until, "outlet": outlet, "search": search}
    try:
        return Filters(**{k: (v.strip() or None) if v else None for k, v in given.items()}).check()
    except UsageError as exc:
        raise HTTPException(422, exc.message) from None


@dataclass(frozen=True)
class Paging:
    limit: int
    offset: int


def get_paging(
    limit: Annotated[int, Query(ge=1, le=1000)] = 100, offset: Annotated[int, Query(ge=0, le=SQLITE_MAX)] = 0
) -> Paging:
    return Paging(limit, offset)
