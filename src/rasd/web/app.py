"""The FastAPI application: the API, the analysts' page and the map outlines, in one process.

Read-only by construction: only GET routes, the store is opened without
migrating, and a SQLite file that does not exist is an error rather than a
new empty database. Domain exceptions become HTTP errors here and only here.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
from collections.abc import Awaitable, Callable
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI, Request, Response
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from rasd.errors import NotFoundError, RasdError, StoreError
from rasd.store import Store, open_store
from rasd.store.pages import has_table, tune_for_reading
from rasd.web.api import FACETS_TTL, ResponseCache, StoreFactory, router

STATIC = Path(str(resources.files("rasd.web") / "static"))
BOUNDARIES = Path(str(resources.files("rasd") / "data" / "boundaries"))
# Swagger UI and ReDoc, shipped by the fastapi-offline package: /docs works offline.
DOCS_ASSETS = Path(str(resources.files("fastapi_offline") / "static"))
DOCS_PAGE = ('<!doctype html><html lang="en"><head><meta charset="utf-8">'
             '<meta name="viewport" content="width=device-width, initial-scale=1">'
             '<title>{title}</title>{head}</head><body>{body}</body></html>')
SETTINGS_ENV = "RASD_SERVE_SETTINGS"
OUTLINES = ("world", "admin1", "countries", "labels")


class StorePool:
    """Open store connections kept between requests.

    A new connection starts with an empty page cache, and the page's queries
    read the same indexes again and again: reusing connections keeps them
    warm. A request takes one (or opens one) and gives it back; at most
    ``keep`` wait idle. Safe across threads: a connection serves one request
    at a time.
    """

    def __init__(self, factory: StoreFactory, *, keep: int = 16) -> None:
        self.factory = factory
        self.keep = keep
        self._idle: queue.SimpleQueue[Store] = queue.SimpleQueue()

    def take(self) -> Store:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            store = self.factory()
            tune_for_reading(store)
            return store

    def give(self, store: Store) -> None:
        if self._idle.qsize() < self.keep:
            self._idle.put(store)
        else:
            store.close()


def store_factory_for(url: str) -> StoreFactory:
    """A factory of connections to an existing store with events; checks it once up front."""
    if url.startswith("sqlite:///") or "://" not in url:
        path = url[len("sqlite:///"):] if url.startswith("sqlite:///") else url
        if path != ":memory:" and not Path(path).is_file():
            raise StoreError(f"no database at {path!r}: build one with `rasd run` first")

    def factory() -> Store:
        return open_store(url, migrate=False)

    store = factory()
    try:
        if not has_table(store, "events"):
            raise StoreError(f"{url!r} has no events table: run `rasd run` on it first")
    finally:
        store.close()
    # Brought up to date once here, before any worker starts: the statistics and
    # the evidence search read tables and indexes of the latest migrations (a
    # database of an older rasd gains its counts and text index, filled from
    # the events it holds). The connections of requests never migrate.
    try:
        open_store(url).close()
    except StoreError as exc:
        raise StoreError(f"{exc} (the server brings the database's schema up to date "
                         "before serving, which needs write access)") from exc
    return factory


LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")


def host_name(header: str) -> str:
    """The host of a ``Host`` header, without its port, lower-cased (``[::1]:8000`` -> ``::1``)."""
    header = header.strip().lower()
    if header.startswith("["):  # IPv6 literal
        return header[1:header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def allowed_hosts_for(bind: str, extra: tuple[str, ...] | list[str] = ()) -> tuple[str, ...]:
    """The Host names a server bound to ``bind`` answers: localhost's, the bind address when
    it is a specific one, and ``extra`` (``*`` turns the check off)."""
    hosts = list(LOCAL_HOSTS)
    if bind not in ("", "0.0.0.0", "::"):
        hosts.append(host_name(bind if ":" not in bind or bind.startswith("[")
                               else f"[{bind}]"))
    hosts += [host_name(h) if h != "*" else "*" for h in extra if h.strip()]
    return tuple(dict.fromkeys(hosts))


def _csp(tiles: str) -> str:
    img = "'self' data:"
    if tiles:
        parts = urlsplit(tiles.replace("{s}", "a"))
        host = parts.netloc
        if "{s}." in tiles:
            host = "*." + host.split(".", 1)[1]
        img += f" {parts.scheme}://{host}"
    # No inline script at all: article text that slips into markup cannot run.
    return (f"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            f"img-src {img}; connect-src 'self'; worker-src 'self' blob:; "
            f"object-src 'none'; base-uri 'none'; "
            f"frame-ancestors 'none'; form-action 'self'")


def create_app(store_url: str | None = None, *, store_factory: StoreFactory | None = None,
               tiles: str | None = None, tile_attribution: str = "",
               allowed_hosts: tuple[str, ...] | list[str] = LOCAL_HOSTS,
               cache_seconds: float | None = None) -> FastAPI:
    """The app over the store at ``store_url`` (or connections from ``store_factory``).

    ``tiles`` is a Leaflet tile URL template (``https://{s}.tile.../{z}/{x}/{y}.png``);
    empty by default (or ``RASD_TILES``), in which case the map draws the
    shipped country and governorate outlines only, which works offline.

    ``cache_seconds`` (default ``RASD_CACHE_SECONDS``, else 60; 0: off) is how long
    list, statistics and map responses are reused (``web.api.ResponseCache``).

    ``allowed_hosts`` are the names the ``Host`` header may carry (port aside):
    a page of another site that rebinds its DNS name to 127.0.0.1 sends its own
    name, and gets a 400 instead of the data (see :func:`allowed_hosts_for`).
    """
    if store_factory is None:
        if store_url is None:
            raise ValueError("give store_url or store_factory")
        store_factory = store_factory_for(store_url)
    tiles = os.environ.get("RASD_TILES", "") if tiles is None else tiles
    if cache_seconds is None:
        cache_seconds = float(os.environ.get("RASD_CACHE_SECONDS", FACETS_TTL))
    if tiles and urlsplit(tiles).scheme not in ("http", "https"):
        raise ValueError(f"tile URL must be http(s): {tiles!r}")
    with contextlib.closing(store_factory()) as store:
        canonical = has_table(store, "canonical_events")
    app = FastAPI(
        docs_url=None, redoc_url=None,  # served below from local assets, under the CSP
        title="rasd API",
        description="Read-only access to conflict events extracted from Arabic news: "
                    "events with their evidence sentences, source documents, statistics "
                    "and exports.",
        version="1",
    )
    app.state.store_factory = store_factory
    app.state.pool = StorePool(store_factory)
    app.state.responses = ResponseCache(cache_seconds)
    # What another worker process needs to build the same app (see app_from_env).
    app.state.settings = json.dumps({"db": store_url, "tiles": tiles,
                                     "attribution": tile_attribution,
                                     "allowed_hosts": list(allowed_hosts)})
    app.state.canonical = canonical
    app.state.actor_values = {}
    app.state.config = {"tiles": tiles, "attribution": tile_attribution,
                        "levels": ["report", "canonical"] if app.state.canonical else ["report"],
                        "outlines": {n: f"/boundaries/{n}.geojson" for n in OUTLINES}}
    csp = _csp(tiles)
    hosts = frozenset(host_name(h) for h in allowed_hosts)
    any_host = "*" in allowed_hosts
    app.state.allowed_hosts = tuple(sorted(hosts))

    @app.middleware("http")
    async def host_allow_list(request: Request,
                              call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        # security_headers, added after it, wraps it: a refused request gets the headers too.
        if not any_host and host_name(request.headers.get("host", "")) not in hosts:
            return JSONResponse({"detail": "this server does not answer for that Host name "
                                 "(see rasd serve --allow-host)"}, status_code=400)
        return await call_next(request)

    @app.middleware("http")
    async def security_headers(request: Request,
                               call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", csp)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    @app.exception_handler(NotFoundError)
    async def not_found(_request: Request, exc: NotFoundError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=404)

    @app.exception_handler(StoreError)
    async def store_error(_request: Request, exc: StoreError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=503)

    @app.exception_handler(RasdError)
    async def rasd_error(_request: Request, exc: RasdError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    app.include_router(router)

    @app.get("/api/config", summary="Settings the page needs (tile URL, outline files)")
    def config() -> dict[str, Any]:
        return dict(app.state.config)

    @app.get("/boundaries/{name}.geojson", include_in_schema=False)
    def outline(name: str) -> FileResponse:
        if name not in OUTLINES:
            raise NotFoundError(f"no outline named {name!r}")
        return FileResponse(BOUNDARIES / f"{name}.geojson", media_type="application/geo+json")

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> Response:
        return Response(DOCS_PAGE.format(title="rasd API", head=(
            '<link rel="stylesheet" href="/docs-assets/swagger-ui.css">'), body=(
            '<div id="swagger-ui"></div>'
            '<script src="/docs-assets/swagger-ui-bundle.js"></script>'
            '<script src="/static/docs.js"></script>')), media_type="text/html")

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> Response:
        return Response(DOCS_PAGE.format(title="rasd API", head="", body=(
            '<redoc spec-url="/openapi.json"></redoc>'
            '<script src="/docs-assets/redoc.standalone.js"></script>')),
            media_type="text/html")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.mount("/docs-assets", StaticFiles(directory=DOCS_ASSETS), name="docs-assets")
    return app


def app_from_env() -> FastAPI:
    """The app of a worker process of ``rasd serve --workers N`` (uvicorn's factory)."""
    raw = os.environ.get(SETTINGS_ENV)
    if not raw:
        raise StoreError(f"{SETTINGS_ENV} is not set: start workers with `rasd serve`")
    s = json.loads(raw)
    return create_app(s["db"], tiles=s["tiles"], tile_attribution=s["attribution"],
                      allowed_hosts=tuple(s["allowed_hosts"]))
