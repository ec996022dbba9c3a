"""Aggregate and light-weight queries over events, for the HTTP API and its page.

``store.events`` returns whole event records; the page also needs counts
(by type, actor, day or week), map points for tens of thousands of events
without parsing each record's JSON, the documents an event was reported in,
and the values its filter menus offer. The SQL is portable (SQLite and
PostgreSQL); grouping by week is done in Python over per-day counts so no
dialect's date functions are needed.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Literal
from weakref import WeakKeyDictionary

from rasd.errors import NotFoundError
from rasd.models import Event, event_from_json
from rasd.store.aggregates import (
    actor_weeks,
    answerable,
    by_actor,
    count_by_counts,
    counts_where,
    date_floor,
    dated,
    weekly,
)
from rasd.store.base import Store
from rasd.store.canonical import canonical_where, text_match_ids, use_box_index
from rasd.store.events import SORTS, EventFilter

Interval = Literal["day", "week"]
Level = Literal["report", "canonical"]


@dataclass(frozen=True, slots=True)
class Bucket:
    """The events in one period (day or week) starting on ``start``: how many, how many
    dead, and how many of each event type."""

    start: date
    events: int
    fatalities: int = 0
    by_type: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Tally:
    """Events and deaths of one value of a breakdown (a type, an actor, a governorate)."""

    key: tuple[str, ...]
    events: int
    fatalities: int


@dataclass(frozen=True, slots=True)
class EventStats:
    total: int
    fatalities: int
    undated: int
    by_type: list[tuple[str, int]]
    by_sub_type: list[tuple[str, str, int]]
    by_actor: list[tuple[str, int]]
    by_period: list[Bucket]
    interval: Interval
    # Breakdowns with deaths: (event_type,), (actor,), (country, admin1), (country,), (status,)
    types: list[Tally] = field(default_factory=list)
    actors: list[Tally] = field(default_factory=list)
    admin1: list[Tally] = field(default_factory=list)
    countries: list[Tally] = field(default_factory=list)
    statuses: list[Tally] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Point:
    """What the map draws for one event."""

    event_id: str
    lat: float
    lon: float
    event_type: str
    fatalities: int


@dataclass(frozen=True, slots=True)
class Report:
    """A document that reported an event."""

    event_id: str
    doc_id: str
    doc_name: str
    source: str | None
    url: str | None
    title: str | None
    published: date | None


@dataclass(frozen=True, slots=True)
class Facets:
    """The values the page's filter menus offer."""

    event_types: list[str]
    sub_event_types: list[tuple[str, str]]
    countries: list[str]
    admin1: list[tuple[str, str]]  # (country, admin1)
    first_date: date | None
    last_date: date | None


def level_where(flt: EventFilter | None, level: Level = "report", *,
                dialect: str = "sqlite", floor: date | None = None,
                box_index: bool = False, text_ids: str | None = None,
                text_walk: bool = False) -> tuple[str, str, list[object]]:
    """The table of a level and the WHERE clause and parameters of ``flt`` on it.

    Canonical events have the filter columns of report events; their text and
    document filters go through their reports, as ``rasd.store.canonical`` does.
    ``floor`` (``rasd.store.aggregates.date_floor``) bounds the start day of a
    filter with a first day, so an index on ``date_start`` serves it;
    ``box_index`` (``rasd.store.canonical.use_box_index``) has the spatial index
    give the candidates of the map box; ``text_ids`` are the canonical events the
    evidence text selects, found before (``rasd.store.canonical.text_match_ids``),
    tested on the rows an index walks with ``text_walk``.
    """
    if level == "canonical":
        where, params = canonical_where(flt, dialect=dialect, box_index=box_index,
                                        text_ids=text_ids, text_walk=text_walk)
        if floor is not None:
            where = f"{where} AND date_start >= ?" if where else " WHERE date_start >= ?"
            params = [*params, floor.isoformat()]
        return "canonical_events", where, params
    where, params = (flt or EventFilter()).where(dialect=dialect)
    return "events", where, params


def week_start(day: date) -> date:
    """The Monday of ``day``'s ISO week."""
    return day - timedelta(days=day.weekday())


def _add(counts: dict[tuple[str, ...], list[int]], key: tuple[str, ...], n: int,
         dead: int) -> None:
    cell = counts.setdefault(key, [0, 0])
    cell[0] += n
    cell[1] += dead


def _ranked(counts: dict[tuple[str, ...], list[int]], top: int | None = None) -> list[Tally]:
    tallies = sorted((Tally(k, n, d) for k, (n, d) in counts.items()),
                     key=lambda t: (-t.events, t.key))
    return tallies[:top] if top is not None else tallies


def event_stats(store: Store, flt: EventFilter | None = None, *, interval: Interval = "week",
                top_actors: int = 20, level: Level = "report") -> EventStats:
    """Counts and deaths of the events a filter selects: by type, sub-type, status,
    country, governorate, actor and period (with each period's types).

    Canonical events under a filter the count tables answer (see
    ``rasd.store.aggregates``) are counted from those: thousands of rows, not
    every event; otherwise :func:`plain_stats` counts the events. Both give the
    same answer (the tests compare them).
    """
    if level == "canonical" and answerable(flt):
        return _stats_from_counts(store, flt, interval, top_actors)
    return plain_stats(store, flt, interval=interval, top_actors=top_actors, level=level)


def plain_stats(store: Store, flt: EventFilter | None = None, *, interval: Interval = "week",
                top_actors: int = 20, level: Level = "report") -> EventStats:
    """:func:`event_stats` from the event rows themselves, whatever the filter.

    A filter of plain columns is four grouped queries, each in the order of one
    of migration m011's covering indexes, so none reads the rows' JSON records
    or sorts. A filter with an actor, a text, a box or a document is one pass
    over the matching rows, added up here: four queries would each evaluate
    that condition again (the text search's join above all).
    """
    table, where, params = _where(store, flt, level)
    if not _costly(flt):
        groups_rows = store._exec(
            "SELECT status, event_type, sub_event_type, country, admin1, COUNT(*), "
            f"COALESCE(SUM(fatalities), 0) FROM {table}{where} "
            "GROUP BY status, event_type, sub_event_type, country, admin1", params).fetchall()
        actor_rows: list[Any] = []
        for col in ("actor1", "actor2"):
            actor_rows += store._exec(
                f"SELECT {col}, COUNT(*), COALESCE(SUM(fatalities), 0) FROM {table}{where} "
                f"GROUP BY {col}", params).fetchall()
        day_rows = store._exec(
            "SELECT date_start, event_type, COUNT(*), COALESCE(SUM(fatalities), 0) "
            f"FROM {table}{where} GROUP BY date_start, event_type", params).fetchall()
        return _assemble(groups_rows, actor_rows, day_rows, interval, top_actors, weeks=False)
    groups: dict[tuple[Any, ...], list[int]] = {}
    actors: dict[Any, list[int]] = {}
    days: dict[tuple[Any, ...], list[int]] = {}
    for status, etype, sub, country, admin1, a1, a2, day, dead in store._exec(
            "SELECT status, event_type, sub_event_type, country, admin1, actor1, actor2, "
            f"date_start, COALESCE(fatalities, 0) FROM {table}{where}", params):
        # Unrolled: this loop runs once per matching event.
        key = (status, etype, sub, country, admin1)
        cell = groups.get(key)
        if cell is None:
            groups[key] = [1, dead]
        else:
            cell[0] += 1
            cell[1] += dead
        for a in (a1, a2):
            cell = actors.get(a)
            if cell is None:
                actors[a] = [1, dead]
            else:
                cell[0] += 1
                cell[1] += dead
        period = (day, etype)
        cell = days.get(period)
        if cell is None:
            days[period] = [1, dead]
        else:
            cell[0] += 1
            cell[1] += dead
    return _assemble([(*k, n, d) for k, (n, d) in groups.items()],
                     [(k, n, d) for k, (n, d) in actors.items()],
                     [(*k, n, d) for k, (n, d) in days.items()], interval, top_actors,
                     weeks=False)


def _stats_from_counts(store: Store, flt: EventFilter | None, interval: Interval,
                       top_actors: int) -> EventStats:
    """The statistics of an answerable filter: breakdowns from ``canonical_groups``
    (no date range) or ``canonical_days``; the weekly timeline of an actor filter
    from ``canonical_actor_weeks`` where it answers (``actor_weeks``); the actors
    of a date range and other timelines of an actor filter, which those tables do
    not hold, from the events."""
    groups_sql = ("SELECT status, event_type, sub_event_type, country, admin1, SUM(events), "
                  "SUM(fatalities) FROM {}{} "
                  "GROUP BY status, event_type, sub_event_type, country, admin1")
    _t, ewhere, eparams = _where(store, flt, "canonical")
    actors: list[Any] = []
    if dated(flt):
        where, params = counts_where(store, flt, dated=True)
        groups = store._exec(groups_sql.format("canonical_days", where), params).fetchall()
        for col in ("actor1", "actor2"):
            actors += store._exec(
                f"SELECT {col}, COUNT(*), COALESCE(SUM(fatalities), 0) "
                f"FROM canonical_events{ewhere} GROUP BY {col}", eparams).fetchall()
    else:
        # Its rows read once (a few thousand), added up here by place and by actor.
        where, params = counts_where(store, flt, dated=False)
        places: dict[tuple[Any, ...], list[int]] = {}
        sides: dict[Any, list[int]] = {}
        for a1, a2, *key, n, dead in store._exec(
                "SELECT actor1, actor2, status, event_type, sub_event_type, country, admin1, "
                f"events, fatalities FROM canonical_groups{where}", params).fetchall():
            for cells, k in ((places, tuple(key)), (sides, a1), (sides, a2)):
                cell = cells.setdefault(k, [0, 0])
                cell[0] += n
                cell[1] += dead
        groups = [(*k, n, d) for k, (n, d) in places.items()]
        actors = [(k, n, d) for k, (n, d) in sides.items()]
    weeks = interval == "week" and not by_actor(flt)
    by_weeks = actor_weeks(store, flt) if interval == "week" and by_actor(flt) else None
    if by_weeks is not None:
        days, weeks = list(by_weeks), True
    elif by_actor(flt):
        days = store._exec(
            "SELECT date_start, event_type, COUNT(*), COALESCE(SUM(fatalities), 0) "
            f"FROM canonical_events{ewhere} GROUP BY date_start, event_type",
            eparams).fetchall()
    else:
        dwhere, dparams = counts_where(store, flt, dated=True)
        period = "week" if weeks else "day"
        table = "canonical_weeks" if weeks and weekly(flt) else "canonical_days"
        days = store._exec(
            f"SELECT {period}, event_type, SUM(events), SUM(fatalities) FROM {table}"
            f"{dwhere} GROUP BY {period}, event_type", dparams).fetchall()
    # Undated events and absent places have the key "" in the count tables, NULL in
    # the events'.
    return _assemble([(*r[:3], r[3] or None, r[4] or None, *r[5:]) for r in groups],
                     actors, [(r[0] or None, *r[1:]) for r in days], interval, top_actors,
                     weeks=weeks)


def _costly(flt: EventFilter | None) -> bool:
    """Whether ``flt`` tests more than plain columns (an index cannot hold its answer)."""
    return bool(flt and (flt.actor or flt.civilians or flt.text or flt.bbox or flt.doc))


def _floor(store: Store, flt: EventFilter | None, level: Level) -> date | None:
    return date_floor(store, flt) if level == "canonical" else None


def _where(store: Store, flt: EventFilter | None, level: Level, *, twice: bool = False,
           walk: int | None = None) -> tuple[str, str, list[object]]:
    """:func:`level_where` with what the store knows: the date floor and whether the
    spatial index should serve the box (canonical events only). ``twice``: the
    caller asks ``flt`` again (a page and its count), so SQLite finds the evidence
    text's matches once for both. ``walk``: the caller reads this many rows in the
    order of an index, which a word common enough finds sooner by walking that
    index than by looking up each of its events and sorting them."""
    canonical = level == "canonical"
    found = _text_ids(store, flt) if canonical and twice else None
    return level_where(flt, level, dialect=store.dialect, floor=_floor(store, flt, level),
                       box_index=canonical and use_box_index(store, flt),
                       text_ids=found[0] if found else None,
                       text_walk=bool(found and walk and _walk_pays(store, found[1], walk)))


# Measured on 100,000 canonical events: looking one event up by id and sorting it
# costs about seven times what reading one entry of an ordered index does.
LOOKUP_PER_ENTRY = 7


def _walk_pays(store: Store, matches: int, rows: int) -> bool:
    """Whether walking an index until ``rows`` of ``matches`` events turn up (about
    rows * all / matches entries) costs less than looking the matches up."""
    last = store._exec("SELECT MAX(rowid) FROM canonical_events").fetchone()[0]
    return matches * matches * LOOKUP_PER_ENTRY > rows * int(last or 0)


# The evidence matches of the filter a store was last asked about, kept for that very
# filter object while the database is unchanged (SQLite's data version for other
# connections' commits, the connection's own change count for its writes): the
# API's list and its count ask one filter twice within one call; the next request
# builds a new filter object.
_TEXT_MATCHES: WeakKeyDictionary[
    Store, tuple[EventFilter, tuple[int, int], tuple[str, int]]] = WeakKeyDictionary()


def _text_ids(store: Store, flt: EventFilter | None) -> tuple[str, int] | None:
    """SQLite: the canonical events ``flt``'s evidence text selects (a JSON array, and
    how many), found once per filter (:func:`text_match_ids`); PostgreSQL's text
    index answers in the query."""
    if flt is None or not flt.text or store.dialect != "sqlite":
        return None
    version = (int(store._exec("PRAGMA data_version").fetchone()[0]),
               int(store._conn().total_changes))
    last = _TEXT_MATCHES.get(store)
    if last is not None and last[0] is flt and last[1] == version:
        return last[2]
    ids = text_match_ids(store, flt.text)
    found = (json.dumps(ids, ensure_ascii=False), len(ids))
    _TEXT_MATCHES[store] = (flt, version, found)
    return found


def _assemble(groups: list[Any], actor_rows: list[Any], day_rows: list[Any],
              interval: Interval, top_actors: int, *, weeks: bool) -> EventStats:
    """The statistics from grouped rows: (status, type, sub-type, country, admin1,
    events, deaths); (actor value, events, deaths); (day, or the week's Monday when
    ``weeks``, or None; type, events, deaths)."""
    types: dict[tuple[str, ...], list[int]] = {}
    subs: dict[tuple[str, ...], list[int]] = {}
    statuses: dict[tuple[str, ...], list[int]] = {}
    countries: dict[tuple[str, ...], list[int]] = {}
    places: dict[tuple[str, ...], list[int]] = {}
    total = fatalities = 0
    for status, etype, sub, country, admin1, n, dead in groups:
        n, dead = int(n), int(dead)
        total += n
        fatalities += dead
        _add(types, (etype,), n, dead)
        _add(subs, (etype, sub), n, dead)
        _add(statuses, (status,), n, dead)
        if country:
            _add(countries, (country,), n, dead)
            if admin1:
                _add(places, (country, admin1), n, dead)
    actors: dict[tuple[str, ...], list[int]] = {}
    for name, n, dead in actor_rows:
        if name:
            # The column holds "English | Arabic"; the English name is the key.
            _add(actors, (str(name).split(" | ")[0],), int(n), int(dead))
    periods: dict[date, list[int]] = {}
    period_types: dict[date, dict[str, int]] = {}
    keys: dict[object, date] = {}  # a day's period, worked out once per day
    undated = 0
    for day, etype, n, dead in day_rows:
        if day is None:
            undated += int(n)
            continue
        key = keys.get(day)
        if key is None:
            d = date.fromisoformat(str(day)[:10])
            key = keys[day] = week_start(d) if interval == "week" and not weeks else d
        cell = periods.get(key)
        if cell is None:
            cell = periods[key] = [0, 0]
            period_types[key] = {}
        cell[0] += int(n)
        cell[1] += int(dead)
        kinds = period_types[key]
        kinds[etype] = kinds.get(etype, 0) + int(n)
    actor_tallies = _ranked(actors, top_actors)
    return EventStats(
        total=total, fatalities=fatalities, undated=undated,
        by_type=[(t.key[0], t.events) for t in _ranked(types)],
        by_sub_type=[(t.key[0], t.key[1], t.events) for t in _ranked(subs)],
        by_actor=[(t.key[0], t.events) for t in actor_tallies],
        by_period=[Bucket(k, n, dead, tuple(sorted(period_types[k].items())))
                   for k, (n, dead) in sorted(periods.items())],
        interval=interval,
        types=_ranked(types), actors=actor_tallies, admin1=_ranked(places),
        countries=_ranked(countries), statuses=_ranked(statuses),
    )


def event_points(store: Store, flt: EventFilter | None = None, *, limit: int = 10000,
                 level: Level = "report") -> tuple[list[Point], int]:
    """Map points of located events (deadliest first when capped) and how many there are."""
    rows, total = point_rows(store, flt, limit=limit, level=level)
    return [Point(r[0], float(r[1]), float(r[2]), r[3], int(r[4])) for r in rows], total


def point_rows(store: Store, flt: EventFilter | None = None, *, limit: int = 10000,
               level: Level = "report") -> tuple[list[tuple[Any, ...]], int]:
    """:func:`event_points` as rows (id, lat, lon, type, deaths), for a caller that
    encodes 10,000 of them at once and has no use for an object per point."""
    # Not ``twice``: the count runs only when the points reach the limit, and finding
    # a word's matches first costs more than it saves when it does not.
    table, where, params = _where(store, flt, level)
    located = " AND lat IS NOT NULL AND lon IS NOT NULL"
    where = f"{where}{located}" if where else f" WHERE{located[4:]}"
    rows = store._exec(
        f"SELECT id, lat, lon, event_type, COALESCE(fatalities, 0) FROM {table}{where} "
        "ORDER BY fatalities DESC, id LIMIT ?", [*params, limit]).fetchall()
    total = len(rows)
    if total == limit and level == "canonical" and answerable(flt):
        total = count_by_counts(store, flt, located=True)
    elif total == limit:  # capped: count them all (another pass, only when needed)
        total = int(store._exec(f"SELECT COUNT(*) FROM {table}{where}", params).fetchone()[0])
    return rows, total


# The sorts an index of canonical events reads in order on SQLite (newest, by deaths).
WALKED = frozenset({"-date", "fatalities", "-fatalities"})


def page_order(sort: str, dialect: str) -> str:
    """``SORTS[sort]`` in a form an index can serve where the dialect allows.

    Newest first with undated events last: SQLite sorts NULL lowest, so a plain
    descending order already puts them last and walks the date index.
    """
    if sort == "-date":
        return ("date_start DESC, id" if dialect == "sqlite"
                else "date_start DESC NULLS LAST, id")
    return SORTS.get(sort, SORTS["date"])


def page_events(store: Store, flt: EventFilter | None = None, *, limit: int = 50,
                offset: int = 0, sort: str = "date", level: Level = "report") -> list[Event]:
    """What ``list_events`` / ``list_canonical`` return, sorting ids before reading records.

    Sorting rows that carry their JSON record moves the whole table through
    the sorter; sorting ids and then reading the page's records by primary
    key is an order of magnitude faster on a large store, deep pages most.
    """
    table, where, params = _where(store, flt, level, twice=True,
                                  walk=offset + limit if sort in WALKED else None)
    order = page_order(sort, store.dialect)
    ids = [r[0] for r in store._exec(
        f"SELECT id FROM {table}{where} ORDER BY {order} LIMIT ? OFFSET ?",
        [*params, limit, offset]).fetchall()]
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    records = dict(store._exec(f"SELECT id, record FROM {table} WHERE id IN ({marks})",
                               ids).fetchall())
    return [event_from_json(json.loads(records[i])) for i in ids]


def page_total(store: Store, flt: EventFilter | None = None, *, level: Level = "report",
               at_least: int | None = None) -> tuple[int, bool]:
    """How many events a filter selects for a page's "of N", and whether that is exact.

    Canonical events under a filter the count tables answer are counted from
    them, exactly. Otherwise the count stops at ``at_least`` rows (None: never)
    and then says so: past the page's end "N or more" is all the page shows,
    and counting every match of an actor or a word costs a pass over them.
    """
    if level == "canonical" and answerable(flt):
        return count_by_counts(store, flt), True
    table, where, params = _where(store, flt, level, twice=True)
    if at_least is None:
        sql, args = f"SELECT COUNT(*) FROM {table}{where}", params
    else:
        sql = f"SELECT COUNT(*) FROM (SELECT 1 FROM {table}{where} LIMIT ?) capped"
        args = [*params, at_least]
    n = int(store._exec(sql, args).fetchone()[0])
    return n, at_least is None or n < at_least


def iter_by_date(store: Store, flt: EventFilter | None = None, *, level: Level = "report",
                 batch: int = 1000) -> Iterator[Event]:
    """Every event a filter selects in ``SORTS["date"]`` order (dated events by start
    day, then id; undated ones last, by id), a batch at a time (exports, the library).

    Keyset pagination: each batch starts after the last (day, id) read, where
    OFFSET pages would sort and skip the selection again for every batch (100,000
    canonical events: 14 CPU-seconds against 2-3).
    """
    table, where, params = level_where(flt, level, dialect=store.dialect)

    def pages(phase: str, cond: str, order: str,
              after: Callable[[tuple[Any, ...]], list[Any]]) -> Iterator[Event]:
        last: list[Any] | None = None
        while True:
            keyset = f" AND {cond}" if last is not None else ""
            sql = (f"SELECT id, date_start, record FROM {table}"
                   f"{where + ' AND' if where else ' WHERE'} {phase}{keyset} "
                   f"ORDER BY {order} LIMIT ?")
            rows = store._exec(sql, [*params, *(last or []), batch]).fetchall()
            for row in rows:
                yield event_from_json(json.loads(row[2]))
            if len(rows) < batch:
                return
            last = after(tuple(rows[-1]))

    yield from pages("date_start IS NOT NULL", "(date_start > ? OR (date_start = ? AND id > ?))",
                     "date_start, id", lambda r: [r[1], r[1], r[0]])
    yield from pages("date_start IS NULL", "id > ?", "id", lambda r: [r[0]])


def iter_by_id(store: Store, flt: EventFilter | None = None, *, level: Level = "report",
               batch: int = 1000) -> Iterator[Event]:
    """Every event a filter selects, in id order, a batch at a time (for exports).

    Keyset pagination (``id > last``) walks the primary key once, where
    OFFSET pages would sort and skip the whole selection again for each batch.
    """
    table, where, params = level_where(flt, level, dialect=store.dialect)
    cond = f"{where} AND id > ?" if where else " WHERE id > ?"
    last = ""
    while True:
        rows = store._exec(f"SELECT id, record FROM {table}{cond} ORDER BY id LIMIT ?",
                           [*params, last, batch]).fetchall()
        for _id, record in rows:
            yield event_from_json(json.loads(record))
        if len(rows) < batch:
            return
        last = rows[-1][0]


def _report(row: tuple[object, ...]) -> Report:
    published = row[6]
    return Report(
        event_id=str(row[0]), doc_id=str(row[1]), doc_name=str(row[2]),
        source=row[3] if isinstance(row[3], str) else None,
        url=row[4] if isinstance(row[4], str) else None,
        title=row[5] if isinstance(row[5], str) else None,
        published=date.fromisoformat(published[:10]) if isinstance(published, str) else None,
    )


_REPORT_SQL = (
    "SELECT e.id, e.doc_id, e.doc_name, COALESCE(d.source, e.source), d.url, d.title, "
    "d.published FROM events e LEFT JOIN documents d ON d.id = e.doc_id "
)


def event_reports(store: Store, event_id: str) -> list[Report]:
    """The documents behind a report-level event (one) or a canonical event (each report)."""
    # Two indexed lookups: "id = ? OR canonical_id = ?" would scan the table.
    rows = store._exec(_REPORT_SQL + "WHERE e.id = ?", (event_id,)).fetchall()
    if not rows:
        rows = store._exec(_REPORT_SQL + "WHERE e.canonical_id = ? ORDER BY d.published, "
                           "e.doc_name", (event_id,)).fetchall()
    if not rows:
        raise NotFoundError(f"no event with id {event_id!r}")
    return [_report(tuple(r)) for r in rows]


def document_event_ids(store: Store, doc_id: str) -> list[str]:
    """Ids of the events extracted from a document (by content id)."""
    rows = store._exec("SELECT id FROM events WHERE doc_id = ? ORDER BY date_start, id",
                       (doc_id,)).fetchall()
    return [str(r[0]) for r in rows]


def facets(store: Store) -> Facets:
    """Types, sub-types, countries, governorates and the date range, in one pass."""
    rows = store._exec(
        "SELECT event_type, sub_event_type, country, admin1, MIN(date_start), MAX(date_end) "
        "FROM events GROUP BY event_type, sub_event_type, country, admin1").fetchall()
    firsts = [str(r[4])[:10] for r in rows if r[4]]
    lasts = [str(r[5])[:10] for r in rows if r[5]]
    return Facets(
        event_types=sorted({r[0] for r in rows}),
        sub_event_types=sorted({(r[0], r[1]) for r in rows}),
        countries=sorted({r[2] for r in rows if r[2]}),
        admin1=sorted({(r[2] or "", r[3]) for r in rows if r[3]}),
        first_date=date.fromisoformat(min(firsts)) if firsts else None,
        last_date=date.fromisoformat(max(lasts)) if lasts else None,
    )


def tune_for_reading(store: Store) -> None:
    """Settings for a connection that serves many reads (the web server's).

    SQLite: the file memory-mapped (an index scan then reads pages without a
    system call and a copy each) and a larger page cache. A no-op elsewhere.
    """
    if store.dialect == "sqlite":
        store._exec("PRAGMA mmap_size = 1073741824").fetchall()
        store._exec("PRAGMA cache_size = -32000").fetchall()


def has_table(store: Store, table: Literal["events", "canonical_events"]) -> bool:
    """Whether the store's schema has a table (a database of an older rasd may not)."""
    try:
        store._exec(f"SELECT 1 FROM {table} LIMIT 1").fetchall()
    except Exception:  # each backend raises its own "no such table" error
        store._conn().rollback()
        return False
    return True
