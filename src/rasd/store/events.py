"""Event rows: writing an article's events and reading them back with filters.

Functions over a :class:`Store` rather than methods on it, so the SQL for
events sits in one place for both backends and the store class stays about
documents. Filters are parameterised, never formatted into the SQL.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from functools import lru_cache

from rasd.acled import Inter
from rasd.clean.normalize import normalize_for_match
from rasd.errors import NotFoundError
from rasd.models import Actor, Document, Event, event_from_json
from rasd.store.base import Store

SORTS = {
    "date": "date_start IS NULL, date_start, id",
    "-date": "date_start IS NULL, date_start DESC, id",
    "fatalities": "fatalities, id",
    "-fatalities": "fatalities DESC, id",
    "type": "event_type, sub_event_type, id",
}


@dataclass(frozen=True, slots=True)
class EventFilter:
    """What ``rasd events list``, exports and the API filter events by."""

    date_from: date | None = None
    date_to: date | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None  # actor id or (part of) its English or Arabic name
    country: str | None = None
    admin1: str | None = None
    text: str | None = None  # searched in evidence, Arabic-normalised
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    status: str | None = None
    doc: str | None = None  # document name or content id
    # The actor1/actor2 column values ``actor`` stands for (see :func:`resolve_actor`);
    # None: not resolved, ``actor`` is matched as a substring of the columns instead.
    actor_values: tuple[str, ...] | None = None
    event_types: tuple[str, ...] = ()  # any of these types (with event_type: that one too)
    countries: tuple[str, ...] = ()  # any of these ISO codes
    # Only events whose target (actor 2) is civilians, ACLED's civilian targeting;
    # ``civilian_values`` are the actor values that are civilians (resolve_civilians).
    civilians: bool = False
    civilian_values: tuple[str, ...] | None = None

    def where(self, *, dialect: str = "sqlite") -> tuple[str, list[object]]:
        conds: list[str] = []
        params: list[object] = []
        if self.date_from:
            conds.append("date_end >= ?")
            params.append(self.date_from.isoformat())
        if self.date_to:
            conds.append("date_start <= ?")
            params.append(self.date_to.isoformat())
        for col, value in (("event_type", self.event_type),
                           ("sub_event_type", self.sub_event_type),
                           ("country", self.country), ("status", self.status)):
            if value:
                conds.append(f"{col} = ?")
                params.append(value)
        for col, values in (("event_type", self.event_types), ("country", self.countries)):
            if values:
                conds.append(f"{col} IN ({','.join('?' * len(values))})")
                params += list(values)
        if self.civilians:
            civ = self.civilian_values
            if civ is None:  # unresolved: ACLED's generic civilian actors by name
                conds.append("actor2 LIKE ?")
                params.append("Civilians (%")
            elif civ:
                conds.append(f"actor2 IN ({','.join('?' * len(civ))})")
                params += list(civ)
            else:
                conds.append("1 = 0")
        if self.admin1:
            conds.append("LOWER(admin1) = LOWER(?)")
            params.append(self.admin1)
        if self.actor and self.actor_values is not None:
            if self.actor_values:
                marks = ",".join("?" * len(self.actor_values))
                conds.append(f"(actor1 IN ({marks}) OR actor2 IN ({marks}))")
                params += [*self.actor_values, *self.actor_values]
            else:
                conds.append("1 = 0")
        elif self.actor:
            like = f"%{like_escape(self.actor.lower())}%"
            conds.append(f"(LOWER(actor1) LIKE ? {ESCAPE} OR LOWER(actor2) LIKE ? {ESCAPE})")
            params += [like, like]
        if self.text:
            cond, found = evidence_match(self.text, dialect=dialect)
            conds.append(f"id IN (SELECT event_id FROM evidence WHERE {cond})")
            params += found
        if self.bbox:
            min_lon, min_lat, max_lon, max_lat = self.bbox
            conds.append("lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?")
            params += [min_lon, max_lon, min_lat, max_lat]
        if self.doc:
            conds.append("(doc_name = ? OR doc_id = ?)")
            params += [self.doc, self.doc]
        return (" WHERE " + " AND ".join(conds)) if conds else "", params


# LIKE patterns are built from user text: its own % and _ must match themselves.
ESCAPE = "ESCAPE '\\'"


def like_escape(text: str) -> str:
    """``text`` with LIKE's wildcards and the escape character escaped (use with ESCAPE)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def distinct_actors(store: Store, table: str = "events") -> list[str]:
    """Every actor1/actor2 value of a table ("English | Arabic" names), for resolve_actor."""
    rows = store._exec(f"SELECT actor1 FROM {table} WHERE actor1 IS NOT NULL UNION "
                       f"SELECT actor2 FROM {table} WHERE actor2 IS NOT NULL").fetchall()
    return sorted(str(r[0]) for r in rows)


@lru_cache(maxsize=1)
def _dictionary() -> tuple[Actor, ...]:
    """The actor dictionary, read once for both the alias and the civilian filters."""
    from rasd.actors.data import read_actors

    return tuple(read_actors()[0])


@lru_cache(maxsize=1)
def _dictionary_keys() -> tuple[tuple[str, frozenset[str]], ...]:
    """(English name, folded names and aliases) of each actor of the actor dictionary."""
    actors = _dictionary()
    return tuple((a.name, frozenset(normalize_for_match(x) for x in
                                    (a.id, a.name, a.name_ar, *a.aliases) if x))
                 for a in actors)


def resolve_actor(flt: EventFilter, values: Sequence[str]) -> EventFilter:
    """``flt`` with ``actor`` turned into the column values it stands for.

    A value matches when the folded query (hamza forms, ta marbuta, diacritics,
    case: ``normalize_for_match``, as evidence search folds) is part of its
    folded names, or when it names an actor of the dictionary (id, English or
    Arabic name, or part of an alias): أنصار الله, انصار الله, Houthi and
    الحوثي all find the events of Ansar Allah.
    """
    if not flt.actor or flt.actor_values is not None:
        return flt
    needle = normalize_for_match(flt.actor)
    if not needle:
        return flt
    names = {name for name, keys in _dictionary_keys()
             if any(needle in k for k in keys)}
    hits = tuple(v for v in values
                 if v.split(" | ")[0] in names or needle in normalize_for_match(v))
    return replace(flt, actor_values=hits)


def resolve_civilians(flt: EventFilter, values: Sequence[str]) -> EventFilter:
    """``flt`` with ``civilians`` turned into the actor values that are civilians: the
    dictionary's civilian actors (ACLED inter code 7) and the generic "Civilians (...)"."""
    if not flt.civilians or flt.civilian_values is not None:
        return flt
    civ = _civilian_names()
    hits = tuple(v for v in values
                 if v.split(" | ")[0] in civ or v.startswith("Civilians ("))
    return replace(flt, civilian_values=hits)


@lru_cache(maxsize=1)
def _civilian_names() -> frozenset[str]:
    return frozenset(a.name for a in _dictionary() if a.inter == Inter.CIVILIANS)


MIN_TRIGRAM = 3  # SQLite's trigram index finds substrings of three characters or more


def evidence_match(text: str, *, dialect: str = "sqlite",
                   column: str = "text_match") -> tuple[str, list[object]]:
    """A condition on an evidence table (``column`` its folded text) that finds ``text``,
    and its parameters.

    PostgreSQL searches words with the ``arabic`` text-search configuration
    (stemmed, in order as a phrase) in the tsvector column of migration m013.
    SQLite finds the folded text as a substring: the trigram index of m013
    gives the candidate rows, and ``LIKE`` keeps those that hold the text as
    it always did (the index folds case more widely than ``LIKE``).
    """
    needle = normalize_for_match(text)
    alias = column.rpartition(".")[0]
    prefix = f"{alias}." if alias else ""
    if dialect == "postgresql":
        return (f"{prefix}text_search @@ phraseto_tsquery('arabic', ?)", [needle])
    like = f"{column} LIKE ? {ESCAPE}"
    pattern = f"%{like_escape(needle)}%"
    if len(needle) < MIN_TRIGRAM:
        return like, [pattern]
    phrase = '"' + needle.replace('"', '""') + '"'
    indexed = f"{prefix}id IN (SELECT rowid FROM evidence_fts WHERE evidence_fts MATCH ?)"
    if caseless(needle):
        # The index's phrase of trigrams is the substring itself: LIKE would only
        # read every candidate sentence again to agree.
        return indexed, [phrase]
    return f"{indexed} AND {like}", [phrase, pattern]


# Characters no case folding maps another character onto (Arabic letters and signs,
# ASCII digits, the space): a needle of these matches in the trigram index exactly
# where LIKE finds it, as the index folds case only.
_CASELESS = frozenset(" 0123456789") | frozenset(map(chr, range(0x0600, 0x0700)))


def caseless(needle: str) -> bool:
    """Whether the trigram index alone finds ``needle`` (folded) as ``LIKE`` does."""
    return all(c in _CASELESS for c in needle)


def replace_events(store: Store, doc: Document, events: Sequence[Event], *,
                   commit: bool = True, ruleset: str | None = None,
                   only_pending: bool = False) -> bool:
    """Store a document's events in place of any earlier extraction of it;
    ``ruleset`` is the hash of the rules it was extracted with (see ``reextract``).

    With ``only_pending`` nothing is written when the document is no longer pending
    (another process extracted it since this one read the pending list); returns
    whether the events were written.
    """
    # Marking the document first locks its row (PostgreSQL), so two runs extracting
    # the same pending document take turns instead of inserting the same event ids.
    # The second one must then not replace the first one's events: a merge may
    # already be linking them, and deleting rows it holds while holding rows it
    # wants is a deadlock (seen with `rasd run`s and `rasd watch` started together).
    if ruleset is None and events:
        ruleset = events[0].ruleset or None
    sql = "UPDATE documents SET extracted = ?, ruleset = ? WHERE id = ?"
    if only_pending:
        sql += " AND extracted IS NULL"
    cur = store._exec(sql, (datetime.now(UTC).isoformat(timespec="seconds"), ruleset, doc.id))
    if only_pending and cur.rowcount == 0:
        return False
    store._exec("DELETE FROM evidence WHERE event_id IN (SELECT id FROM events WHERE doc_id = ?)",
                (doc.id,))
    store._exec("DELETE FROM events WHERE doc_id = ?", (doc.id,))
    inserted: set[str] = set()
    for ev in events:
        # Two events with one id (one article reporting the same clash twice) would
        # violate the key and stop a corpus run; the first is kept.
        if ev.event_id in inserted:
            continue
        inserted.add(ev.event_id)
        loc = ev.location
        store._exec(
            "INSERT INTO events (id, doc_id, doc_name, source, status, event_type, "
            "sub_event_type, actor1, actor2, location, admin1, admin2, country, lat, lon, "
            "geo_precision, date_start, date_end, time_precision, fatalities, record, "
            "rules, rasd_version, ruleset) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (ev.event_id, doc.id, doc.name, doc.source, ev.status, ev.event_type,
             ev.sub_event_type, _actor_text(ev.actor1), _actor_text(ev.actor2),
             loc.name if loc else None, loc.admin1 if loc else None,
             loc.admin2 if loc else None, loc.country if loc else None,
             loc.lat if loc else None, loc.lon if loc else None,
             loc.precision if loc else None,
             ev.date.start.isoformat() if ev.date else None,
             ev.date.end.isoformat() if ev.date else None,
             ev.date.precision if ev.date else None,
             ev.fatalities.best if ev.fatalities else None,
             json.dumps(ev.to_json(), ensure_ascii=False),
             json.dumps({k: list(v) for k, v in ev.rules.items()}, ensure_ascii=False),
             ev.rasd_version or None, ev.ruleset or None),
        )
        for e in ev.evidence:
            store._exec(
                "INSERT INTO evidence (event_id, doc_id, start_offset, end_offset, text, "
                "text_match) VALUES (?, ?, ?, ?, ?, ?)",
                (ev.event_id, doc.id, e.start, e.end, e.text, normalize_for_match(e.text)),
            )
    if commit:
        store.commit()
    return True


def _actor_text(actor: object) -> str | None:
    if actor is None:
        return None
    name = getattr(actor, "name", "")
    name_ar = getattr(actor, "name_ar", "")
    return f"{name} | {name_ar}" if name_ar else str(name)


def mark_for_reextraction(store: Store, ruleset: str, *, everything: bool = False) -> int:
    """Mark extracted documents as pending again: those last extracted with another
    ruleset than ``ruleset`` (or with none recorded), or all of them when
    ``everything``. Their events stay until the new extraction replaces them.
    Returns how many documents were marked."""
    sql = "UPDATE documents SET extracted = NULL WHERE extracted IS NOT NULL"
    params: list[object] = []
    if not everything:
        sql += " AND (ruleset IS NULL OR ruleset <> ?)"
        params.append(ruleset)
    count = store._exec(sql, params).rowcount
    store.commit()
    return int(count)


def unextracted_ids(store: Store) -> list[str]:
    rows = store._exec(
        "SELECT id FROM documents WHERE extracted IS NULL AND clean_text IS NOT NULL ORDER BY id"
    ).fetchall()
    return [r[0] for r in rows]


def list_events(store: Store, flt: EventFilter | None = None, *, limit: int = 100,
                offset: int = 0, sort: str = "date") -> list[Event]:
    flt = flt or EventFilter()
    if flt.actor and flt.actor_values is None:
        flt = resolve_actor(flt, distinct_actors(store))
    where, params = flt.where(dialect=store.dialect)
    order = SORTS.get(sort, SORTS["date"])
    rows = store._exec(f"SELECT record FROM events{where} ORDER BY {order} LIMIT ? OFFSET ?",
                       [*params, limit, offset]).fetchall()
    return [event_from_json(json.loads(r[0])) for r in rows]


def iter_events(store: Store, flt: EventFilter | None = None, *,
                batch: int = 1000) -> Iterator[Event]:
    offset = 0
    while True:
        page = list_events(store, flt, limit=batch, offset=offset)
        yield from page
        if len(page) < batch:
            return
        offset += batch


def count_events(store: Store, flt: EventFilter | None = None) -> int:
    flt = flt or EventFilter()
    if flt.actor and flt.actor_values is None:
        flt = resolve_actor(flt, distinct_actors(store))
    where, params = flt.where(dialect=store.dialect)
    return int(store._exec(f"SELECT COUNT(*) FROM events{where}", params).fetchone()[0])


def get_event(store: Store, event_id: str) -> Event:
    row = store._exec("SELECT record FROM events WHERE id = ?", (event_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"no event with id {event_id!r}")
    return event_from_json(json.loads(row[0]))


def document_urls(store: Store, names: Iterable[str]) -> dict[str, str | None]:
    """The URL of each document named (by name or content id, as evidence names them)."""
    wanted = sorted(set(names))
    out: dict[str, str | None] = {}
    for i in range(0, len(wanted), 500):
        chunk = wanted[i:i + 500]
        marks = ",".join("?" * len(chunk))
        for name, doc_id, url in store._exec(
                f"SELECT name, id, url FROM documents WHERE name IN ({marks}) "
                f"OR id IN ({marks})", [*chunk, *chunk]).fetchall():
            out.setdefault(name, url)
            out.setdefault(doc_id, url)
    return out
