"""Counts over events, for the HTTP API, its page and the library.

``store.events`` returns whole event records; the page also needs counts (by type,
actor, governorate, day or week) with deaths. The SQL is portable (SQLite and
PostgreSQL); grouping by week is done in Python over per-day counts so no dialect's
date functions are needed. Pages, map points and walks are in ``rasd.store.pages``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Literal

from rasd.store.aggregates import (
    actor_weeks,
    answerable,
    by_actor,
    counts_where,
    dated,
    weekly,
)
from rasd.store.base import Store
from rasd.store.events import EventFilter
from rasd.store.selection import Level, store_where
from rasd.store.statkeys import day_of, stat_keys

Interval = Literal["day", "week"]


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
    table, where, params = store_where(store, flt, level)
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
    if table == "canonical_events":
        return keyed_stats(store, where, params, interval, top_actors)
    if store.dialect == "postgresql":
        return _grouping_sets(store, table, where, params, interval, top_actors)
    return one_pass_stats(store, table, where, params, interval, top_actors)


def keyed_stats(store: Store, where: str, params: list[object], interval: Interval,
                top_actors: int) -> EventStats:
    """:func:`one_pass_stats` of canonical events counted by their integer keys
    (migration m021, ``rasd.store.statkeys``): each matching event's breakdown key
    and start day, grouped by PostgreSQL, added up here on SQLite (which groups by
    sorting, and a second grouping would scan again); the keys, a few thousand, are
    made texts once."""
    weekly = interval == "week"
    by_key: dict[int, list[int]] = {}
    # (period as days since 1970, None undated; event type) -> events, deaths.
    by_period: dict[tuple[int | None, str], list[int]] = {}
    if store.dialect == "postgresql":
        # Monday's day number (1970-01-01 was a Thursday); mod() keeps the sign of
        # the days before 1970, hence the second.
        period = "day_key - mod(mod(day_key + 3, 7) + 7, 7)" if weekly else "day_key"
        for by_day, key, day, etype, n, dead in store._exec(
                f"SELECT GROUPING(stat_key), stat_key, {period}, event_type, COUNT(*), "
                f"COALESCE(SUM(fatalities), 0) FROM canonical_events{where} "
                f"GROUP BY GROUPING SETS ((stat_key), ({period}, event_type))",
                params).fetchall():
            if by_day:
                by_period[(day, etype)] = [int(n), int(dead)]
            else:
                by_key[key] = [int(n), int(dead)]
        keys = stat_keys(store, set(by_key))
    else:
        keys = stat_keys(store, None)
        type_of = {k: v[1] for k, v in keys.items()}
        for key, day, dead in store._exec(
                f"SELECT stat_key, day_key, COALESCE(fatalities, 0) "
                f"FROM canonical_events{where}", params):
            # Unrolled: this loop runs once per matching event.
            cell = by_key.get(key)
            if cell is None:
                by_key[key] = [1, dead]
            else:
                cell[0] += 1
                cell[1] += dead
            etype = type_of.get(key)
            if etype is None:  # a key written since the dictionary was read
                keys = stat_keys(store, {key})
                type_of = {k: v[1] for k, v in keys.items()}
                etype = type_of[key]
            if weekly and day is not None:
                day -= (day + 3) % 7
            slot = (day, etype)
            cell = by_period.get(slot)
            if cell is None:
                by_period[slot] = [1, dead]
            else:
                cell[0] += 1
                cell[1] += dead
    # Added up by place and by actor here (a few thousand keys): _assemble splits
    # each actor value's names once.
    places: dict[Any, list[int]] = {}
    sides: dict[Any, list[int]] = {}
    for key, (n, dead) in by_key.items():
        status, etype, sub, country, admin1, a1, a2 = keys[key]
        for cells, k in ((places, (status, etype, sub, country, admin1)), (sides, a1),
                         (sides, a2)):
            cell = cells.get(k)
            if cell is None:
                cells[k] = [n, dead]
            else:
                cell[0] += n
                cell[1] += dead
    days = [(None if day is None else day_of(day), etype, n, dead)
            for (day, etype), (n, dead) in by_period.items()]
    return _assemble([(*k, n, d) for k, (n, d) in places.items()],
                     [(k, n, d) for k, (n, d) in sides.items()], days, interval, top_actors,
                     weeks=weekly)


# The breakdowns' key with both actors, and the timeline's: a costly filter's two groupings.
_KEY = "status, event_type, sub_event_type, country, admin1, actor1, actor2"


def _grouping_sets(store: Store, table: str, where: str, params: list[object],
                   interval: Interval, top_actors: int) -> EventStats:
    """:func:`one_pass_stats` added up by PostgreSQL: one scan of the matching rows
    grouped two ways (by the breakdowns' key with both actors, by day and type), a few
    thousand rows to Python instead of every event's nine values (the box of a fifth of
    100,000 events: reading and adding up 70 -> 6 ms of this process's CPU; the whole
    request, with the server's, about 100 -> 70 ms)."""
    groups: dict[tuple[Any, ...], list[int]] = {}
    actors: dict[Any, list[int]] = {}
    days = []
    # A weekly timeline grouped by week (ISO weeks start on Monday, as ``week_start``'s):
    # a row per week and type, where per day a box of a fifth of 100,000 events gave
    # 10,240 rows to read and add up here.
    period = ("CAST(date_trunc('week', CAST(SUBSTR(date_start, 1, 10) AS date)) AS date)"
              if interval == "week" else "date_start")
    for by_day, status, etype, sub, country, admin1, a1, a2, day, n, dead in store._exec(
            f"SELECT GROUPING(status), {_KEY}, {period}, COUNT(*), "
            f"COALESCE(SUM(fatalities), 0) FROM {table}{where} "
            f"GROUP BY GROUPING SETS (({_KEY}), ({period}, event_type))", params):
        if by_day:
            days.append((day, etype, n, dead))
            continue
        for cells, k in ((groups, (status, etype, sub, country, admin1)), (actors, a1),
                         (actors, a2)):
            cell = cells.setdefault(k, [0, 0])
            cell[0] += n
            cell[1] += dead
    return _assemble([(*k, n, d) for k, (n, d) in groups.items()],
                     [(k, n, d) for k, (n, d) in actors.items()], days, interval, top_actors,
                     weeks=interval == "week")


def one_pass_stats(store: Store, table: str, where: str, params: list[object],
                   interval: Interval, top_actors: int) -> EventStats:
    """:func:`plain_stats` of the rows ``where`` selects, added up here in one pass."""
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
    _t, ewhere, eparams = store_where(store, flt, "canonical")
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
