"""Counts of canonical events kept by the database on write, for the page's statistics.

``/api/stats`` over 100,000 canonical events grouped every row on each
request (four passes over a covering index). Migration m012 adds three
tables that triggers on ``canonical_events`` keep in step with every insert,
delete and update, whoever writes (merging, ``reset_canonical``, a
hand-written SQL statement):

- ``canonical_days``: events and deaths by start day, end day, status,
  type, sub-type, country and governorate, with the day's ISO week and the
  event's span in days (answers date ranges and the timeline);
- ``canonical_groups``: the same without dates, by actor 1 and actor 2
  instead (the breakdowns, the actors' among them, of a filter without a
  date range, an actor filter included: thousands of rows);
- ``canonical_weeks``: by week, status, type and country only (the
  weekly timeline of the page's usual filters, a tenth of the rows of
  ``canonical_days``).

A NULL of a key column is stored as ``''`` (a key needs values to be
unique in both dialects). Only the canonical level has counts: report
events are written by several extraction processes at once on PostgreSQL,
which would queue (or deadlock) on shared count rows, while merging, the
only writer of canonical events, runs one process at a time.

A filter the counts cannot answer (evidence text, map box, document; an
actor with a date range) is answered by the plain query; :func:`answerable`
says which.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from rasd.store.base import Store
from rasd.store.events import EventFilter

KEY = ("status", "event_type", "sub_event_type", "country", "admin1")
DAY_KEY = ("day", "day_end", *KEY)
WEEK_KEY = ("week", "status", "event_type", "country")
TABLES = {
    "canonical_days": DAY_KEY,
    "canonical_groups": ("actor1", "actor2", *KEY),
    "canonical_weeks": WEEK_KEY,
}
TRIGGER_COLUMNS = ("status", "event_type", "sub_event_type", "country", "admin1",
                   "date_start", "date_end", "fatalities", "actor1", "actor2", "lat", "lon")


def _exprs(row: str, dialect: str) -> dict[str, str]:
    """SQL for each count column from a canonical row (``NEW`` or ``OLD``)."""
    start, end = f"{row}.date_start", f"{row}.date_end"
    if dialect == "postgresql":
        week = f"to_char(date_trunc('week', {start}::date), 'YYYY-MM-DD')"
        span = f"({end}::date - {start}::date)"
    else:
        week = f"date({start}, '-6 days', 'weekday 1')"
        span = f"CAST(julianday({end}) - julianday({start}) AS INTEGER)"
    out = {c: f"COALESCE({row}.{c}, '')" for c in (*KEY, "actor1", "actor2")}
    out |= {"day": f"COALESCE({start}, '')", "day_end": f"COALESCE({end}, '')",
            "week": f"COALESCE({week}, '')", "span": f"COALESCE({span}, 0)",
            "deaths": f"COALESCE({row}.fatalities, 0)",
            "located": f"CASE WHEN {row}.lat IS NOT NULL AND {row}.lon IS NOT NULL "
                       "THEN 1 ELSE 0 END"}
    return out


def _extra(table: str) -> tuple[str, ...]:
    """The columns of a count table besides its key and ``events``, ``fatalities``."""
    if table == "canonical_days":
        return ("week", "span", "located")
    return ("located",) if table == "canonical_groups" else ()


def _add(table: str, row: str, dialect: str) -> str:
    e = _exprs(row, dialect)
    key = TABLES[table]
    extra = _extra(table)
    values = [e[c] for c in (*key, *extra)]
    cols = ", ".join((*key, *extra, "events", "fatalities"))
    located = (f", located = {table}.located + excluded.located"
               if "located" in extra else "")
    # SQLite reads "SELECT ... ON CONFLICT" as a join without the WHERE.
    return (f"INSERT INTO {table} ({cols}) SELECT {', '.join(values)}, 1, {e['deaths']} "
            f"WHERE 1 = 1 ON CONFLICT ({', '.join(key)}) DO UPDATE SET "
            f"events = {table}.events + 1, "
            f"fatalities = {table}.fatalities + excluded.fatalities{located}")


def _remove(table: str, row: str, dialect: str) -> list[str]:
    e = _exprs(row, dialect)
    match = " AND ".join(f"{c} = {e[c]}" for c in TABLES[table])
    located = f", located = located - {e['located']}" if "located" in _extra(table) else ""
    return [f"UPDATE {table} SET events = events - 1, fatalities = fatalities - {e['deaths']}"
            f"{located} WHERE {match}",
            # An empty count row would stay in the menus' and breakdowns' way.
            f"DELETE FROM {table} WHERE {match} AND events <= 0"]


def _statements(row: str, dialect: str, *, add: bool) -> list[str]:
    out: list[str] = []
    for table in TABLES:
        out += [_add(table, row, dialect)] if add else _remove(table, row, dialect)
    return out


def create_count_tables(store: Store) -> None:
    """The count tables, their triggers and their first contents (m012)."""
    for table, key in TABLES.items():
        extra = "".join(f"{c} {'TEXT' if c == 'week' else 'INTEGER'} NOT NULL, "
                        for c in _extra(table) if c not in key)
        cols = ", ".join(f"{c} TEXT NOT NULL" for c in key)
        store._exec(f"CREATE TABLE {table} ({cols}, {extra}events INTEGER NOT NULL, "
                    f"fatalities INTEGER NOT NULL, PRIMARY KEY ({', '.join(key)}))")
    rest = "event_type, status, sub_event_type, country, admin1, day, events, fatalities"
    store._exec(f"CREATE INDEX canonical_days_week ON canonical_days (week, {rest})")
    store._exec("CREATE INDEX canonical_days_span ON canonical_days (span)")
    if store.dialect == "postgresql":
        body = "\n".join(
            ["BEGIN", "IF TG_OP <> 'INSERT' THEN",
             *(f"{s};" for s in _statements("OLD", "postgresql", add=False)),
             "END IF;", "IF TG_OP <> 'DELETE' THEN",
             *(f"{s};" for s in _statements("NEW", "postgresql", add=True)),
             "END IF;", "RETURN NULL;", "END"])
        store._exec("CREATE FUNCTION canonical_counts() RETURNS trigger LANGUAGE plpgsql "
                    f"AS $body$\n{body}\n$body$")
        store._exec("CREATE TRIGGER canonical_counts AFTER INSERT OR DELETE OR UPDATE OF "
                    f"{', '.join(TRIGGER_COLUMNS)} ON canonical_events "
                    "FOR EACH ROW EXECUTE FUNCTION canonical_counts()")
    else:
        for name, when, steps in (
                ("insert", "INSERT", _statements("NEW", "sqlite", add=True)),
                ("delete", "DELETE", _statements("OLD", "sqlite", add=False)),
                ("update", f"UPDATE OF {', '.join(TRIGGER_COLUMNS)}",
                 _statements("OLD", "sqlite", add=False)
                 + _statements("NEW", "sqlite", add=True))):
            store._exec(f"CREATE TRIGGER canonical_counts_{name} AFTER {when} ON "
                        f"canonical_events BEGIN {'; '.join(steps)}; END")
    backfill_counts(store)


def backfill_counts(store: Store) -> None:
    """Count the canonical events already stored (the migration of an existing database)."""
    for table in TABLES:
        store._exec(f"DELETE FROM {table}")
    e = _exprs("c", store.dialect)
    key = [e[c] for c in KEY]
    store._exec(
        f"INSERT INTO canonical_days ({', '.join(DAY_KEY)}, week, span, located, events, "
        f"fatalities) SELECT {e['day']}, {e['day_end']}, {', '.join(key)}, MIN({e['week']}), "
        f"MIN({e['span']}), SUM({e['located']}), COUNT(*), SUM({e['deaths']}) "
        f"FROM canonical_events c "
        f"GROUP BY {e['day']}, {e['day_end']}, {', '.join(key)}")
    weeks = [e[c] for c in WEEK_KEY]
    store._exec(
        f"INSERT INTO canonical_weeks ({', '.join(WEEK_KEY)}, events, fatalities) "
        f"SELECT {', '.join(weeks)}, COUNT(*), SUM({e['deaths']}) FROM canonical_events c "
        f"GROUP BY {', '.join(weeks)}")
    pair = [e["actor1"], e["actor2"], *key]
    store._exec(
        f"INSERT INTO canonical_groups (actor1, actor2, {', '.join(KEY)}, located, events, "
        f"fatalities) SELECT {', '.join(pair)}, SUM({e['located']}), COUNT(*), "
        f"SUM({e['deaths']}) FROM canonical_events c GROUP BY {', '.join(pair)}")


# -- weekly counts by actor (m016) and by target (m017) --------------------

ACTOR_WEEKS = "canonical_actor_weeks"
TARGET_WEEKS = "canonical_target_weeks"
ACTOR_WEEK_KEY = ("actor", "week", "status", "event_type", "country")
ACTOR_TRIGGER_COLUMNS = ("status", "event_type", "country", "date_start", "fatalities",
                         "actor1", "actor2")
_TRIGGERS = {ACTOR_WEEKS: "canonical_actor_counts", TARGET_WEEKS: "canonical_target_counts"}


def _actor_sides(table: str, row: str) -> list[tuple[str, str]]:
    """(actor column, condition) of each side of a canonical row that ``table`` counts.

    ``canonical_actor_weeks`` counts an event once under each distinct actor it
    has, so one whose two sides are the same actor (two factions of it) once;
    ``canonical_target_weeks`` under its actor 2 only (civilian targeting).
    """
    target = (f"{row}.actor2", f"{row}.actor2 IS NOT NULL")
    if table == TARGET_WEEKS:
        return [target]
    return [(f"{row}.actor1", f"{row}.actor1 IS NOT NULL"),
            (target[0], f"{target[1]} AND ({row}.actor1 IS NULL OR {row}.actor2 <> {row}.actor1)")]


def _actor_statements(table: str, row: str, dialect: str, *, add: bool) -> list[str]:
    e = _exprs(row, dialect)
    out: list[str] = []
    for actor, cond in _actor_sides(table, row):
        values = [actor, e["week"], e["status"], e["event_type"], e["country"]]
        if add:
            out.append(
                f"INSERT INTO {table} ({', '.join(ACTOR_WEEK_KEY)}, events, fatalities) "
                f"SELECT {', '.join(values)}, 1, {e['deaths']} WHERE {cond} "
                f"ON CONFLICT ({', '.join(ACTOR_WEEK_KEY)}) DO UPDATE SET "
                f"events = {table}.events + 1, "
                f"fatalities = {table}.fatalities + excluded.fatalities")
            continue
        match = " AND ".join(f"{c} = {v}" for c, v in zip(ACTOR_WEEK_KEY, values, strict=True))
        out += [f"UPDATE {table} SET events = events - 1, "
                f"fatalities = fatalities - {e['deaths']} WHERE {cond} AND {match}",
                f"DELETE FROM {table} WHERE {cond} AND {match} AND events <= 0"]
    return out


def create_actor_weeks(store: Store, table: str = ACTOR_WEEKS) -> None:
    """Events and deaths of canonical events by actor (``canonical_actor_weeks``, m016)
    or by target (``canonical_target_weeks``, m017), week, status, type and country,
    kept by triggers as the other count tables are, and filled from the events
    already stored: the timeline of an actor or a civilian-targeting filter without
    dates."""
    cols = ", ".join(f"{c} TEXT NOT NULL" for c in ACTOR_WEEK_KEY)
    store._exec(f"CREATE TABLE {table} ({cols}, events INTEGER NOT NULL, "
                f"fatalities INTEGER NOT NULL, PRIMARY KEY ({', '.join(ACTOR_WEEK_KEY)}))")
    columns = ", ".join(c for c in ACTOR_TRIGGER_COLUMNS
                        if table == ACTOR_WEEKS or c != "actor1")
    trigger = _TRIGGERS[table]
    if store.dialect == "postgresql":
        body = "\n".join(
            ["BEGIN", "IF TG_OP <> 'INSERT' THEN",
             *(f"{s};" for s in _actor_statements(table, "OLD", "postgresql", add=False)),
             "END IF;", "IF TG_OP <> 'DELETE' THEN",
             *(f"{s};" for s in _actor_statements(table, "NEW", "postgresql", add=True)),
             "END IF;", "RETURN NULL;", "END"])
        store._exec(f"CREATE FUNCTION {trigger}() RETURNS trigger "
                    f"LANGUAGE plpgsql AS $body$\n{body}\n$body$")
        store._exec(f"CREATE TRIGGER {trigger} AFTER INSERT OR DELETE OR UPDATE "
                    f"OF {columns} ON canonical_events "
                    f"FOR EACH ROW EXECUTE FUNCTION {trigger}()")
    else:
        for name, when, steps in (
                ("insert", "INSERT", _actor_statements(table, "NEW", "sqlite", add=True)),
                ("delete", "DELETE", _actor_statements(table, "OLD", "sqlite", add=False)),
                ("update", f"UPDATE OF {columns}",
                 _actor_statements(table, "OLD", "sqlite", add=False)
                 + _actor_statements(table, "NEW", "sqlite", add=True))):
            store._exec(f"CREATE TRIGGER {trigger}_{name} AFTER {when} ON "
                        f"canonical_events BEGIN {'; '.join(steps)}; END")
    e = _exprs("c", store.dialect)
    rest = ", ".join(f"{e[c]} AS {c}" for c in ("week", "status", "event_type", "country"))
    sides = " UNION ALL ".join(
        f"SELECT {actor} AS actor, {rest}, {e['deaths']} AS deaths "
        f"FROM canonical_events c WHERE {cond}" for actor, cond in _actor_sides(table, "c"))
    key = ", ".join(ACTOR_WEEK_KEY)
    store._exec(f"INSERT INTO {table} ({key}, events, fatalities) "
                f"SELECT {key}, COUNT(*), SUM(deaths) FROM ({sides}) x GROUP BY {key}")


# -- reading -------------------------------------------------------------


def dated(flt: EventFilter | None) -> bool:
    return bool(flt and (flt.date_from or flt.date_to))


def by_actor(flt: EventFilter | None) -> bool:
    return bool(flt and (flt.actor or flt.civilians))


def answerable(flt: EventFilter | None) -> bool:
    """Whether the counts answer ``flt``: the count tables hold none of its evidence
    text, map box or document, and dates and actors in different tables."""
    flt = flt or EventFilter()
    return not (flt.text or flt.bbox or flt.doc or (dated(flt) and by_actor(flt)))


def date_floor(store: Store, flt: EventFilter | None) -> date | None:
    """The earliest start day an event ending on or after ``flt.date_from`` can have.

    ``date_end >= from`` bounds no index on ``date_start``; the longest span
    of a stored canonical event (an index lookup) turns it into
    ``date_start >= from - span`` as well, which selects the same events (an
    event has both dates or neither) and lets a range scan start there.
    """
    if flt is None or flt.date_from is None:
        return None
    span = store._exec("SELECT MAX(span) FROM canonical_days").fetchone()[0]
    return flt.date_from - timedelta(days=int(span or 0))


def counts_where(store: Store, flt: EventFilter | None, *,
                 dated: bool) -> tuple[str, list[object]]:
    """The WHERE clause of ``flt`` on a count table (``dated``: ``canonical_days``,
    which has no actors; else ``canonical_groups``, which has no dates)."""
    flt = flt or EventFilter()
    where, params = replace(flt, date_from=None, date_to=None).where(dialect=store.dialect)
    conds = [where[len(" WHERE "):]] if where else []
    if dated:
        floor = date_floor(store, flt)
        if flt.date_from and floor:
            conds.append("day_end >= ? AND day >= ?")
            params += [flt.date_from.isoformat(), floor.isoformat()]
        if flt.date_to:
            conds.append("day <> '' AND day <= ?")
            params.append(flt.date_to.isoformat())
    return (" WHERE " + " AND ".join(conds)) if conds else "", params


def weekly(flt: EventFilter | None) -> bool:
    """Whether ``canonical_weeks`` answers the timeline of ``flt`` (no day, sub-type,
    governorate or actor in it)."""
    flt = flt or EventFilter()
    return not (dated(flt) or by_actor(flt) or flt.sub_event_type or flt.admin1)


def count_by_counts(store: Store, flt: EventFilter | None, *, located: bool = False) -> int:
    """How many canonical events an answerable filter selects (``located``: with
    coordinates), from the counts."""
    where, params = counts_where(store, flt, dated=dated(flt))
    table = "canonical_days" if dated(flt) else "canonical_groups"
    col = "located" if located else "events"
    row = store._exec(f"SELECT COALESCE(SUM({col}), 0) FROM {table}{where}", params).fetchone()
    return int(row[0])


def actor_weeks(store: Store,
                flt: EventFilter | None) -> list[tuple[str | None, str, int, int]] | None:
    """The weekly timeline of an actor or civilian-targeting filter without dates from
    ``canonical_actor_weeks`` or ``canonical_target_weeks``: (week's Monday or None
    when undated, type, events, deaths) rows; None when they cannot answer ``flt``.

    They answer an actor resolved to its column values (``resolve_actor``), or
    civilian targeting resolved to its actor-2 values (``resolve_civilians``),
    not both, with filters of status, type and country. An event is counted once
    under each of its actors, so the rows of several actor values add up to the
    events only when no event has two of them as its two sides;
    ``canonical_groups`` (pairs of actors) says whether one has. A sub-type or a
    governorate are not in their key.
    """
    if (flt is None or flt.sub_event_type or flt.admin1 or dated(flt)
            or not answerable(flt)):
        return None
    if flt.civilians and not flt.actor and flt.civilian_values is not None:
        table, found = TARGET_WEEKS, flt.civilian_values
    elif flt.actor and not flt.civilians and flt.actor_values is not None:
        table, found = ACTOR_WEEKS, flt.actor_values
    else:
        return None
    values = list(found)
    if not values:
        return []
    marks = ",".join("?" * len(values))
    if table == ACTOR_WEEKS and len(values) > 1 and store._exec(
            f"SELECT 1 FROM canonical_groups WHERE actor1 IN ({marks}) AND actor2 IN ({marks}) "
            "AND actor1 <> actor2 LIMIT 1", [*values, *values]).fetchone() is not None:
        return None
    rest = replace(flt, actor=None, actor_values=None, civilians=False, civilian_values=None)
    where, params = rest.where(dialect=store.dialect)
    conds = [where[len(" WHERE "):]] if where else []
    conds.append(f"actor IN ({marks})")
    rows = store._exec(
        f"SELECT week, event_type, SUM(events), SUM(fatalities) FROM {table} "
        f"WHERE {' AND '.join(conds)} GROUP BY week, event_type", [*params, *values]).fetchall()
    return [(r[0] or None, str(r[1]), int(r[2]), int(r[3])) for r in rows]
