"""The dashboard application: routes, one error shape, security headers, read-only store.

Every failure under ``/api/`` answers ``{"ok": false, "error": ..., "status": ...}`` with
that status (404, 400 for a bad full-text query, 422 for bad parameters, 500); pages
answer an HTML error page. Nothing is served outside the declared routes: no OpenAPI
document, no docs pages, no directory listings.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import ParleyError, StoreError, UsageError
from ..store import Store
from .templating import render

log = logging.getLogger(__name__)

#: No scripts at all; styles and images only from this server; no framing, no foreign forms.
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}


def create_app(db: str | Path) -> FastAPI:
    """The dashboard over the store at ``db``, opened read-only for every request.

    Raises ``UsageError`` when there is no store at ``db`` and ``StoreError`` when the file
    is not a parley database, so ``parley serve`` fails before it listens.
    """
    from . import api, pages

    _check_store(Path(db))
    app = FastAPI(title="parley", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.db = str(db)
    app.add_middleware(SecurityHeaders)
    app.add_exception_handler(HTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(UsageError, _usage_error)  # type: ignore[arg-type]
    app.add_exception_handler(ParleyError, _parley_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _server_error)
    app.include_router(api.router)
    app.include_router(pages.router)
    return app


def _check_store(path: Path) -> None:
    if not path.is_file():
        raise UsageError("P400", f"no store at {path}; create one with: parley ingest PATH --db {path}")
    with Store(path, readonly=True) as store:
        try:
            store.schema_version  # noqa: B018 - reading it proves the file is a parley store
        except Exception as exc:
            raise StoreError("P300", f"{path} is not a parley database: {exc}") from None


class SecurityHeaders:
    """ASGI middleware adding the CSP and related headers to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                have = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items() if k.encode() not in have]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def error_response(request: Request, status: int, message: str) -> Response:
    """The one error shape: JSON under /api/, an HTML page elsewhere; security headers on both."""
    if request.url.path == "/api" or request.url.path.startswith("/api/"):
        body: dict[str, Any] = {"ok": False, "error": message, "status": status}
        return JSONResponse(body, status_code=status, headers=SECURITY_HEADERS)
    page = render("error.html", status=status, message=message)
    return HTMLResponse(page, status_code=status, headers=SECURITY_HEADERS)


async def _http_error(request: Request, exc: HTTPException) -> Response:
    message = str(exc.detail)
    if exc.status_code == 404 and message == "Not Found":
        message = f"nothing at {request.url.path}"
    return error_response(request, exc.status_code, message)


async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
    parts = [f"{'.'.join(str(x) for x in e.get('loc', ())[1:]) or 'request'}: {e.get('msg')}" for e in exc.errors()]
    return error_response(request, 422, "; ".join(parts) or "invalid request")


async def _usage_error(request: Request, exc: UsageError) -> Response:
    return error_response(request, 400, exc.message)


async def _parley_error(request: Request, exc: ParleyError) -> Response:
    log.error("store error on %s: %s", request.url.path, exc)
    return error_response(request, 500, f"{exc.code} {exc.name}: {exc.message}")


async def _server_error(request: Request, exc: Exception) -> Response:
    log.exception("internal error on %s", request.url.path)
    return error_response(request, 500, "internal server error")
