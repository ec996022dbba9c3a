"""Which rows of which table a filter selects, with what the store knows.

``EventFilter.where`` says what a filter means over report events and
``rasd.store.canonical`` over canonical events; this module picks the table of a level
and adds what depends on the store's contents: the first day a date index can start
from, whether the spatial index should serve the map box, and (SQLite) the canonical
events an evidence word selects, found once for a page and its count. ``rasd.store.stats``
(counts) and ``rasd.store.pages`` (pages, map points, walks) both read through it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Literal
from weakref import WeakKeyDictionary

from rasd.store.aggregates import date_floor
from rasd.store.base import Store
from rasd.store.canonical import canonical_where, text_match_ids, use_box_index
from rasd.store.events import EventFilter
from rasd.store.wordindex import common_word

Level = Literal["report", "canonical"]


def level_where(flt: EventFilter | None, level: Level = "report", *,
                dialect: str = "sqlite", floor: date | None = None,
                box_index: bool = False, text_ids: str | None = None,
                text_walk: bool = False, text_hashed: bool = False,
                ) -> tuple[str, str, list[object]]:
    """The table of a level and the WHERE clause and parameters of ``flt`` on it.

    Canonical events have the filter columns of report events; their text and
    document filters go through their reports, as ``rasd.store.canonical`` does.
    ``floor`` (``rasd.store.aggregates.date_floor``) bounds the start day of a
    filter with a first day, so an index on ``date_start`` serves it;
    ``box_index`` (``rasd.store.canonical.use_box_index``) has the spatial index
    give the candidates of the map box; ``text_ids`` are the canonical events the
    evidence text selects, found before (``rasd.store.canonical.text_match_ids``),
    tested on the rows an index walks with ``text_walk``; ``text_hashed``: PostgreSQL
    tests the rows read against the word's events hashed once.
    """
    if level == "canonical":
        where, params = canonical_where(flt, dialect=dialect, box_index=box_index,
                                        text_ids=text_ids, text_walk=text_walk,
                                        text_hashed=text_hashed)
        if floor is not None:
            where = f"{where} AND date_start >= ?" if where else " WHERE date_start >= ?"
            params = [*params, floor.isoformat()]
        return "canonical_events", where, params
    where, params = (flt or EventFilter()).where(dialect=dialect)
    return "events", where, params


def _floor(store: Store, flt: EventFilter | None, level: Level) -> date | None:
    return date_floor(store, flt) if level == "canonical" else None


def store_where(store: Store, flt: EventFilter | None, level: Level, *, twice: bool = False,
           walk: int | None = None) -> tuple[str, str, list[object]]:
    """:func:`level_where` with what the store knows: the date floor and whether the
    spatial index should serve the box (canonical events only). ``twice``: the
    caller asks ``flt`` again (a page and its count), so SQLite finds the evidence
    text's matches once for both. ``walk``: the caller reads this many rows in the
    order of an index, which a word common enough finds sooner by walking that
    index than by looking up each of its events and sorting them."""
    canonical = level == "canonical"
    found = _text_ids(store, flt) if canonical and twice else None
    # A word alone (with a status at most): with other conditions the planner joins
    # the word's events by a hash itself, and counting the word would only add to it.
    hashed = (canonical and store.dialect == "postgresql" and flt is not None
              and bool(flt.text) and replace(flt, text=None, status=None) == EventFilter()
              and common_word(store, flt, walk))
    return level_where(flt, level, dialect=store.dialect, floor=_floor(store, flt, level),
                       box_index=canonical and use_box_index(store, flt),
                       text_ids=found[0] if found else None,
                       text_walk=bool(found and walk and _walk_pays(store, found[1], walk)),
                       text_hashed=hashed)


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
    found = text_match_ids(store, flt.text)
    _TEXT_MATCHES[store] = (flt, version, found)
    return found
