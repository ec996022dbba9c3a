"""The read-only HTTP API: events, one event with its reports, documents, stats, export.

Handlers are thin: they parse parameters (``web.query``), call the public
library API (``rasd.api.Database``, the one ``rasd.open`` returns and the CLI
uses, so the page, the CLI and a notebook read events through one layer) and
shape JSON. The
list, statistics and map handlers return their JSON response themselves:
FastAPI's generic encoder walks every value and costs more than the query for
10,000 map points.
Each request gets a store connection of its own from the app's pool (which
keeps requests served by different worker threads apart, and connections
warm); domain exceptions are turned into HTTP errors by the handlers
``web.app`` installs.
"""

from __future__ import annotations

import json
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict
from datetime import date
from typing import Annotated, Any, Literal
from urllib.parse import quote, urlsplit

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from fastapi.responses import JSONResponse, StreamingResponse

from rasd.api import Database
from rasd.store import Store
from rasd.store.events import EventFilter, distinct_actors
from rasd.store.export import country_table
from rasd.store.stats import Tally
from rasd.web.highlight import highlight_terms
from rasd.web.query import Level, Limit, Offset, Sort, bad_param, event_filter

StoreFactory = Callable[[], Store]
router = APIRouter(prefix="/api")
ID = Annotated[str, Path(min_length=1, max_length=200)]
Filter = Annotated[EventFilter, Depends(event_filter)]
ACTORS_TTL = 60.0  # seconds; a running pipeline's new actors are searchable this much later


def actor_values_of(request: Request, store: Store) -> Callable[[str], list[str]]:
    """A level table's distinct actor values, which an actor search resolves against:
    a few hundred on a large store, but a pass over its index, so cached briefly (as
    the facets are) across requests."""
    cache: dict[str, tuple[float, list[str]]] = request.app.state.actor_values

    def values(table: str) -> list[str]:
        hit = cache.get(table)
        if hit is None or time.monotonic() - hit[0] >= ACTORS_TTL:
            hit = cache[table] = (time.monotonic(), distinct_actors(store, table))
        return hit[1]

    return values


def get_database(request: Request) -> Iterator[Database]:
    """The library's handle on a pooled connection (the pool, not the handle, closes it)."""
    pool = request.app.state.pool
    store = pool.take()
    try:
        yield Database(store, actor_values=actor_values_of(request, store))
    except BaseException:
        store.close()  # a connection a failed request used is not reused
        raise
    else:
        pool.give(store)


Db = Annotated[Database, Depends(get_database)]


def check_level(request: Request, level: Annotated[Level | None, Query(
        description="canonical (the default): one event per incident, merged across "
                    "sources; report: one event per article.")] = None) -> Level:
    if level is None:
        # The library's default; a database written before merging existed has
        # only reports.
        return "canonical" if request.app.state.canonical else "report"
    # Such a database has no canonical events: asking for them is a client error
    # with a reason, not a 500.
    if level == "canonical" and not request.app.state.canonical:
        raise bad_param("level", "level=canonical is not available: this database has no "
                        "merged events (run `rasd run` with a current rasd); use level=report",
                        level)
    return level


LevelDep = Annotated[Level, Depends(check_level)]


class ResponseCache:
    """Recent JSON responses of the list, statistics and map endpoints, by URL.

    The page asks the same questions again and again (every analyst's first
    view, every language switch, every return to a filter), and statistics
    over 100,000 events take a large part of a core. Entries live ``ttl``
    seconds (``RASD_CACHE_SECONDS``, 0 turns the cache off), as long as the
    facets' cache: the page may lag a running pipeline by that much. At most
    ``max_bytes`` of bodies are kept, the oldest dropped first.
    """

    def __init__(self, ttl: float, *, max_bytes: int = 64 * 2**20) -> None:
        self.ttl = ttl
        self.max_bytes = max_bytes
        self._items: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self._lock:
            hit = self._items.get(key)
            if hit is None or time.monotonic() - hit[0] >= self.ttl:
                return None
            return hit[1]

    def put(self, key: str, body: bytes) -> None:
        if self.ttl <= 0 or len(body) > self.max_bytes // 4:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= len(old[1])
            self._items[key] = (time.monotonic(), body)
            self._bytes += len(body)
            while self._bytes > self.max_bytes:
                _key, (_t, dropped) = self._items.popitem(last=False)
                self._bytes -= len(dropped)


def cached(request: Request, build: Callable[[], dict[str, Any] | bytes]) -> Response:
    """The JSON response ``build`` makes (a value to encode, or a body it encoded
    itself), or the one it made for this URL moments ago."""
    cache: ResponseCache = request.app.state.responses
    key = request.url.path + "?" + "&".join(sorted(
        f"{k}={v}" for k, v in request.query_params.multi_items()))
    body = cache.get(key)
    if body is None:
        built = build()
        body = built if isinstance(built, bytes) else bytes(JSONResponse(built).body)
        cache.put(key, body)
    return Response(body, media_type="application/json")


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


COUNT_MARGIN = 10_000  # events counted past the page's end before "N+" is enough


@router.get("/events", summary="List events with filters, sorting and pagination")
def events_list(request: Request, db: Db, flt: Filter, level: LevelDep, limit: Limit = 50,
                offset: Offset = 0, sort: Sort = "-date") -> Response:
    def build() -> dict[str, Any]:
        page = db.page(limit=limit, offset=offset, sort=sort, level=level,
                       at_least=offset + limit + COUNT_MARGIN, where=flt)
        # "total_exact": false says "total" is a lower bound (the page shows "N+").
        return {"total": page.total, "total_exact": page.total_exact, "limit": limit,
                "offset": offset, "sort": sort, "level": level,
                # Which statuses the total counts (the page's default: current only).
                "status": flt.status or "all",
                "items": [ev.to_json() for ev in page.items]}

    return cached(request, build)


@router.get("/events/{event_id}", summary="One event with its reports, sources and evidence")
def event_detail(db: Db, event_id: ID, level: LevelDep) -> dict[str, Any]:
    # A canonical id asked for at report level is still found: ids do not collide.
    found = db.detail(event_id, level=level)
    ev, reports = found.event, found.reports
    return {
        "level": found.level,
        "event": ev.to_json(),
        "links": found.links,
        "reports": [{**asdict(r), "published": _iso(r.published),
                     "document": doc_link(r.doc_id)} for r in reports],
        "sources": sorted({r.source for r in reports if r.source} | set(ev.sources)),
        "evidence": [{**e.to_json(), "document": doc_link(e.doc_id)}
                     for e in ev.evidence],
        "highlight": highlight_terms(ev),
    }


def doc_link(ref: str) -> str:
    """The API path of a document; its name may hold "/" or "?" (names come from URLs)."""
    return "/api/documents/" + quote(ref, safe="")


def public_origin(origin: str) -> str:
    """Where a document came from, without the server's directories.

    An origin is a URL or a file path with a place in it (``/srv/in/a.jsonl#line=3``,
    ``/srv/in/b.zip!x/y.html``); the API shows URLs whole and files by name, so it
    does not tell a client how the server's disk is laid out.
    """
    if urlsplit(origin).scheme in ("http", "https"):
        return origin
    cut = min((i for i in (origin.find("#"), origin.find("!")) if i >= 0), default=len(origin))
    path, place = origin[:cut], origin[cut:]
    return path.replace("\\", "/").rsplit("/", 1)[-1] + place


@router.get("/documents/{doc_id:path}", summary="A document's cleaned text and metadata")
def document_detail(db: Db, doc_id: ID) -> dict[str, Any]:
    doc = db.document(doc_id)
    return {
        "id": doc.id, "name": doc.name, "source": doc.source, "url": doc.url,
        "title": doc.title, "published": _iso(doc.published),
        "origin": public_origin(doc.origin),
        "raw_format": doc.raw_format, "clean_text": doc.clean_text,
        "sentences": [[s.start, s.end] for s in doc.sentences],
        "events": db.document_events(doc.id),
    }


def _tallies(tallies: list[Tally], *names: str) -> list[dict[str, Any]]:
    return [{**dict(zip(names, t.key, strict=True)), "count": t.events,
             "fatalities": t.fatalities} for t in tallies]


@router.get("/stats", summary="Counts and deaths by type, actor, governorate, status and period")
def stats(request: Request, db: Db, flt: Filter, level: LevelDep,
          interval: Literal["day", "week"] = "week",
          top: Annotated[int, Query(ge=1, le=200, description="Actors listed.")] = 20,
          ) -> Response:
    return cached(request, lambda: _stats(db, flt, level, interval, top))


def _stats(db: Database, flt: EventFilter, level: Level, interval: Literal["day", "week"],
           top: int) -> dict[str, Any]:
    st = db.stats(interval=interval, top=top, level=level, where=flt)
    dated = [b.start for b in st.by_period]
    return {
        "level": level, "status": flt.status or "all",
        "total": st.total, "fatalities": st.fatalities, "undated": st.undated,
        # Whether the totals count events an article recalls from the past.
        "includes_background": any(t.key[0] == "background" and t.events
                                   for t in st.statuses),
        "by_status": _tallies(st.statuses, "status"),
        "by_type": _tallies(st.types, "event_type"),
        "by_sub_type": [{"event_type": t, "sub_event_type": s, "count": n}
                        for t, s, n in st.by_sub_type],
        "by_actor": _tallies(st.actors, "actor"),
        "by_country": _tallies(st.countries, "country"),
        "by_admin1": _tallies(st.admin1, "country", "admin1"),
        "interval": st.interval,
        "first_period": dated[0].isoformat() if dated else None,
        "last_period": dated[-1].isoformat() if dated else None,
        "by_period": [{"start": b.start.isoformat(), "events": b.events,
                       "fatalities": b.fatalities, "by_type": dict(b.by_type)}
                      for b in st.by_period],
    }


@router.get("/points", summary="Map points (id, lat, lon, type, fatalities) for the filter")
def points(request: Request, db: Db, flt: Filter, level: LevelDep,
           limit: Annotated[int, Query(ge=1, le=50000)] = 10000) -> Response:
    return cached(request, lambda: _points(db, flt, level, limit))


POINT_DECIMALS = 5  # about a metre: more than a map of events can show


POINT_FIELDS = ["event_id", "lat", "lon", "event_type", "fatalities"]
# The standard encoder's own string quoting (the C one, as ``JSONResponse`` uses it).
_quote = json.encoder.encode_basestring
# One point; a format fixed once is cheaper than an f-string's nested precision.
POINT_ROW = f"[%s,%.{POINT_DECIMALS}f,%.{POINT_DECIMALS}f,%d,%r]"


def _points(db: Database, flt: EventFilter, level: Level, limit: int) -> bytes:
    """Points as rows of [id, lat, lon, type number, deaths], types named once in
    "event_types": 10,000 points in about half the bytes of whole names and
    coordinates of full precision.

    The body is written here, one format per point, rather than as a list per point
    for ``JSONResponse`` to encode: half the CPU. It is the same JSON content: ids are
    quoted by the standard encoder's own function, and ``%.5f`` writes the decimal
    ``round(x, 5)`` stands for (both round the float's exact value, half to even), only
    written with its trailing zeros and never in exponent form.
    """
    pts, total = db.points(limit=limit, level=level, where=flt)
    return point_body(level, pts, total)


def point_body(level: str, pts: Sequence[tuple[Any, ...]], total: int) -> bytes:
    """The body of ``/api/points`` for rows (id, lat, lon, type, deaths) of ``total``."""
    # ``%f`` writes a NaN or an infinity as bare words, which no JSON parser reads: a
    # stored coordinate that is no number is an error, as the standard encoder made it.
    if not all(math.isfinite(p[1]) and math.isfinite(p[2]) for p in pts):
        raise ValueError("a map point has a coordinate that is not a finite number")
    types = list(dict.fromkeys([p[3] for p in pts]))  # in order of first appearance
    number = {kind: n for n, kind in enumerate(types)}
    rows = ",".join([POINT_ROW % (_quote(i), lat, lon, number[kind], dead)
                     for i, lat, lon, kind, dead in pts])
    head = json.dumps({"level": level, "total": total, "returned": len(pts),
                       "fields": POINT_FIELDS, "event_types": types},
                      ensure_ascii=False, separators=(",", ":"))
    return f'{head[:-1]},"points":[{rows}]}}'.encode()


def _country_names() -> dict[str, dict[str, str]]:
    from rasd.actors.data import read_countries

    names = {c.iso2: {"en": c.name, "ar": c.name_ar} for c in read_countries()}
    for iso2, (_num, name, _region) in country_table().items():
        names.setdefault(iso2, {"en": name, "ar": name})
    return names


COUNTRY_NAMES = _country_names()


def actor_names(db: Database, level: Level) -> list[dict[str, str]]:
    """The actors of the level's events, English and Arabic, for the actor search's
    suggestions (the column holds "English | Arabic")."""
    out: dict[str, str] = {}
    for value in db.actors(level=level):
        en, _, ar = value.partition(" | ")
        out.setdefault(en, ar)
    return [{"name": en, "name_ar": ar} for en, ar in sorted(out.items())]


FACETS_TTL = 60.0  # seconds; the menus may lag a running pipeline by this much


@router.get("/facets", summary="Values for the filter menus")
def facet_values(request: Request, db: Db) -> dict[str, Any]:
    # One pass over the whole table, asked for by every page load: cached briefly.
    cached: tuple[float, dict[str, Any]] | None = getattr(request.app.state, "facets", None)
    if cached and time.monotonic() - cached[0] < FACETS_TTL:
        return cached[1]
    f = db.facets()
    out = {"event_types": f.event_types,
           "sub_event_types": [{"event_type": t, "sub_event_type": s}
                               for t, s in f.sub_event_types],
           "countries": f.countries,
           "country_names": {c: COUNTRY_NAMES.get(c, {"en": c, "ar": c}) for c in f.countries},
           "actors": actor_names(db, "canonical" if request.app.state.canonical
                                 else "report"),
           "admin1": [{"country": c, "admin1": a} for c, a in f.admin1],
           "first_date": _iso(f.first_date), "last_date": _iso(f.last_date)}
    request.app.state.facets = (time.monotonic(), out)
    return out


_MEDIA = {"csv": "text/csv; charset=utf-8", "geojson": "application/geo+json",
          "jsonl": "application/x-ndjson"}


@router.get("/export", summary="Export the filtered events as CSV (ACLED columns), GeoJSON "
            "or JSON Lines")
def export_events(request: Request, flt: Filter, level: LevelDep,
                  format: Literal["csv", "geojson", "jsonl"] = "jsonl",
                  with_evidence: Annotated[bool, Query(
                      description="CSV: add the evidence sentences and their articles' "
                                  "URLs.")] = False) -> StreamingResponse:
    factory: StoreFactory = request.app.state.store_factory

    def body() -> Iterator[str]:
        # Its own connection: the response is streamed after the handler returns.
        store = factory()
        try:
            db = Database(store, actor_values=actor_values_of(request, store))
            yield from db.export_stream(format, level=level, where=flt,
                                        with_evidence=with_evidence)
        finally:
            store.close()

    return StreamingResponse(
        body(), media_type=_MEDIA[format],
        headers={"Content-Disposition": f'attachment; filename="rasd-events.{format}"'})
