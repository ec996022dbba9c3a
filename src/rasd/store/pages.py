"""Events read a page, a map or a walk at a time, and what a page shows beside them.

The HTTP API and the library read events in pages (sorting ids before reading records),
as map points (rows, no JSON parsed), in keyset walks for exports, and ask for the
documents behind an event and the values of the filter menus. The SQL is portable
(SQLite and PostgreSQL).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Literal

from rasd.errors import NotFoundError
from rasd.models import Event, event_from_json
from rasd.store.aggregates import answerable, count_by_counts
from rasd.store.base import Store
from rasd.store.events import SORTS, EventFilter
from rasd.store.selection import Level, level_where, store_where
from rasd.store.wordindex import canonical_text_ids, common_word


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
    table, where, params = store_where(store, flt, level)
    located = " AND lat IS NOT NULL AND lon IS NOT NULL"
    where = f"{where}{located}" if where else f" WHERE{located[4:]}"
    cols = "id, lat, lon, event_type, COALESCE(fatalities, 0)"
    counts = level == "canonical" and answerable(flt)
    if (flt is not None and flt.text) or (store.dialect == "postgresql" and not counts):
        # An evidence word's events are all found and sorted before the first point
        # (no index walks in this order through them), so the same pass counts them:
        # a second query would search the word again, a third of the request's cost.
        # PostgreSQL counts a map box's events as it reads them for the points too
        # (the box of a fifth of 100,000 events: 25-27 -> 21 ms of the server's CPU,
        # the points' walk no longer read twice); SQLite sorts them for that, which
        # costs more than its second pass.
        counted = store._exec(
            f"SELECT {cols}, COUNT(*) OVER () FROM {table}{where} "
            "ORDER BY fatalities DESC, id LIMIT ?", [*params, limit]).fetchall()
        return [r[:5] for r in counted], int(counted[0][5]) if counted else 0
    rows = store._exec(
        f"SELECT {cols} FROM {table}{where} ORDER BY fatalities DESC, id LIMIT ?",
        [*params, limit]).fetchall()
    total = len(rows)
    if total == limit and counts:
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
    table, where, params = store_where(store, flt, level, twice=True,
                                  walk=offset + limit if sort in WALKED else None)
    order = page_order(sort, store.dialect)
    ids = [r[0] for r in store._exec(
        f"SELECT id FROM {table}{where} ORDER BY {order} LIMIT ? OFFSET ?",
        [*params, limit, offset]).fetchall()]
    return _records(store, table, ids)


def _records(store: Store, table: str, ids: list[Any]) -> list[Event]:
    """The events of ``ids``, in that order, read by primary key."""
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    records = dict(store._exec(f"SELECT id, record FROM {table} WHERE id IN ({marks})",
                               ids).fetchall())
    return [event_from_json(json.loads(records[i])) for i in ids]


# The columns ``SORTS`` orders by, which a page found with its total keeps.
_SORT_COLUMNS = "id, date_start, fatalities, event_type, sub_event_type"


def page_with_total(store: Store, flt: EventFilter | None = None, *, limit: int = 50,
                    offset: int = 0, sort: str = "date", level: Level = "report",
                    at_least: int | None = None) -> tuple[list[Event], int, bool]:
    """:func:`page_events` and :func:`page_total` of one filter: the HTTP API's list.

    PostgreSQL with an evidence word and other conditions: the selection is found once
    for both, in a materialised query whose rows give the page and are counted (up to
    ``at_least``), where the two functions each ran the text search, the join to the
    reports and the other tests, most of the request's cost (the issue's combined mix:
    100 -> 34 ms of server CPU). A word alone selects too many events for that (16,618:
    100 -> 142 ms; its page walks the date index and stops, its count stops at the
    cap); a common one has its events found once and hashed for both
    (:func:`_word_page_once`). Elsewhere (SQLite finds a word's events once for both
    itself), and when the page is past the end, the two functions.
    """
    others = flt is not None and replace(flt, text=None, status=None) != EventFilter()
    if (store.dialect == "postgresql" and level == "canonical" and flt is not None
            and flt.text and not others and common_word(store, flt)):
        return _word_page_once(store, flt, limit=limit, offset=offset, sort=sort,
                               at_least=at_least)
    if (store.dialect == "sqlite" and level == "canonical" and flt is not None and flt.text
            and others):
        return _sorted_once(store, flt, limit=limit, offset=offset, sort=sort,
                            at_least=at_least)
    if store.dialect != "postgresql" or flt is None or not flt.text or not others:
        return (page_events(store, flt, limit=limit, offset=offset, sort=sort, level=level),
                *page_total(store, flt, level=level, at_least=at_least))
    table, where, params = store_where(store, flt, level)
    cap, args = ("", []) if at_least is None else (" LIMIT ?", [at_least])
    rows = store._exec(
        f"WITH found AS MATERIALIZED (SELECT {_SORT_COLUMNS} FROM {table}{where}) "
        f"SELECT id, (SELECT COUNT(*) FROM (SELECT 1 FROM found{cap}) capped) FROM found "
        f"ORDER BY {page_order(sort, store.dialect)} LIMIT ? OFFSET ?",
        [*params, *args, limit, offset]).fetchall()
    if not rows:
        return [], *page_total(store, flt, level=level, at_least=at_least)
    n = int(rows[0][1])
    return _records(store, table, [r[0] for r in rows]), n, at_least is None or n < at_least


def _word_page_once(store: Store, flt: EventFilter, *, limit: int, offset: int, sort: str,
                    at_least: int | None) -> tuple[list[Event], int, bool]:
    """PostgreSQL, canonical events, a common word alone: the page and its total in one
    statement, the word's events found once (a materialised CTE) and hashed for each,
    where :func:`page_events` and :func:`page_total` each searched the word (12-25 ms
    of the server's time each for 16,618 sentences)."""
    words, found = canonical_text_ids(str(flt.text), dialect=store.dialect)
    table, where, params = store_where(store, replace(flt, text=None), "canonical")
    hashed = "(id IN (SELECT canonical_id FROM words)) IS TRUE"
    where = f"{where} AND {hashed}" if where else f" WHERE {hashed}"
    cap, args = ("", []) if at_least is None else (" LIMIT ?", [at_least])
    rows = store._exec(
        f"WITH words AS MATERIALIZED ({words}) "
        f"SELECT id, (SELECT COUNT(*) FROM (SELECT 1 FROM {table}{where}{cap}) capped) "
        f"FROM {table}{where} ORDER BY {page_order(sort, store.dialect)} LIMIT ? OFFSET ?",
        [*found, *params, *args, *params, limit, offset]).fetchall()
    if not rows:
        return [], *page_total(store, flt, level="canonical", at_least=at_least)
    n = int(rows[0][1])
    return _records(store, table, [r[0] for r in rows]), n, at_least is None or n < at_least


def _sorted_once(store: Store, flt: EventFilter, *, limit: int, offset: int, sort: str,
                 at_least: int | None) -> tuple[list[Event], int, bool]:
    """SQLite, canonical events, an evidence word with other conditions: the matches'
    ids are found once, up to the count's cap (the word's events looked up by id and
    tested, as the count did); when fewer, they are all there is, and the page is
    sorted from them alone, where it walked or sorted the table's index again (the
    issue's combined mix, 668 events: 63 -> 38 ms). When the cap is reached the page
    is found as before, and the count is the cap, as :func:`page_total` gives it."""
    table, where, params = store_where(store, flt, "canonical", twice=True)
    cap, args = ("", []) if at_least is None else (" LIMIT ?", [at_least])
    ids = [r[0] for r in store._exec(f"SELECT id FROM {table}{where}{cap}",
                                     [*params, *args]).fetchall()]
    if at_least is not None and len(ids) >= at_least:
        return (page_events(store, flt, limit=limit, offset=offset, sort=sort,
                            level="canonical"), at_least, False)
    page = [r[0] for r in store._exec(
        f"SELECT id FROM {table} WHERE id IN (SELECT value FROM json_each(?)) "
        f"ORDER BY {page_order(sort, store.dialect)} LIMIT ? OFFSET ?",
        [json.dumps(ids), limit, offset]).fetchall()]
    return _records(store, table, page), len(ids), True


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
    table, where, params = store_where(store, flt, level, twice=True)
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


# The planner's statistics of canonical events are taken again once the table holds
# this many times more (or fewer) events than when they were last taken.
STATS_GROWTH = 2


def refresh_planner_statistics(store: Store) -> bool:
    """SQLite: ``ANALYZE canonical_events`` when it never was or the table has since
    grown or shrunk by ``STATS_GROWTH``; whether it ran. Called after merging, the
    table's only writer. PostgreSQL's autovacuum analyses tables itself.

    Without statistics SQLite's planner guesses that ``status = ?`` selects few rows,
    so the default page and the map's points read every current event through the
    covering index and sort them, instead of walking the newest-first and
    deadliest-first indexes (m012) and stopping: on 100,000 events 22-24 ms of CPU
    against 6 for the page, 63-68 against 22-24 for the points. Counted once (1 s
    for 100,000 events) it lasts: a doubling of the table brings the next.
    """
    if store.dialect != "sqlite":
        return False
    n = int(store._exec("SELECT COUNT(*) FROM canonical_events").fetchone()[0])
    taken = 0  # events when last counted (the primary key's statistics begin with it)
    if store._exec("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone():
        row = store._exec("SELECT stat FROM sqlite_stat1 WHERE tbl = 'canonical_events' "
                          "AND idx = 'sqlite_autoindex_canonical_events_1'").fetchone()
        taken = int(str(row[0]).split()[0]) if row else 0
    if n == 0 or (taken and taken / STATS_GROWTH < n < taken * STATS_GROWTH):
        return False
    store._exec("ANALYZE canonical_events")
    store.commit()
    return True


def has_table(store: Store, table: Literal["events", "canonical_events"]) -> bool:
    """Whether the store's schema has a table (a database of an older rasd may not)."""
    try:
        store._exec(f"SELECT 1 FROM {table} LIMIT 1").fetchall()
    except Exception:  # each backend raises its own "no such table" error
        store._conn().rollback()
        return False
    return True
